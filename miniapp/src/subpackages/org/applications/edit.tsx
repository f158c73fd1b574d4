import { useMemo, useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  OrganizationProfileSchema,
  SUPPLEMENT_SECTION_LABELS,
  formatDateTime,
  type FieldError,
  type SupplementSection,
} from '@zlbg/shared'
import {
  downloadApplicationAttachment,
  resubmitSupplement,
  saveApplicationDraft,
  submitApplication,
  type Application,
  type Receipt,
} from '../../../api/applications'
import { toApiError } from '../../../api/errors'
import { useConfirm } from '../../../components/ConfirmDialog'
import { LoadStates } from '../../../components/LoadStates'
import { FormError } from '../../../components/FormField'
import { SignInPrompt } from '../../../components/SignInPrompt'
import { fieldsUnder } from '../../../components/stepper/serverErrors'
import { StepperShell } from '../../../components/stepper/StepperShell'
import { useStepper } from '../../../components/stepper/useStepper'
import { useApplication } from '../../../hooks/useApplication'
import { useCall } from '../../../hooks/useCall'
import { useMe } from '../../../hooks/useMe'
import { useOrganizationProfile } from '../../../hooks/useOrganizationProfile'
import { openPage, PAGES } from '../../../navigation'
import { STRINGS } from '../../../strings'
import { askForSubscriptions, prepareSubscriptions } from '../../../subscribe'
import { Button } from '../../../ui/nutui'
import { scrollToFirstError } from '../components'
import { ORG_STRINGS } from '../strings'
import { FIELD_SECTION, STEPS, contentErrors, contentFormFrom, draftOf, stepOfPath, supplementDraftOf, type ContentForm } from './content'
import { AttachmentsStep } from './steps/AttachmentsStep'
import { BasicsStep } from './steps/BasicsStep'
import { ComparisonStep } from './steps/ComparisonStep'
import { CriteriaStep } from './steps/CriteriaStep'
import { PracticeStep } from './steps/PracticeStep'
import { ReviewStep } from './steps/ReviewStep'
import type { ContentField, StepProps } from './steps/types'
import '../org.css'

const S = ORG_STRINGS.edit
const C = ORG_STRINGS.common

const detailUrl = (id: string) => `${PAGES.orgApplicationDetail}?id=${encodeURIComponent(id)}`
const profileUrl = (organizationId: string) => `${PAGES.orgProfile}?organizationId=${encodeURIComponent(organizationId)}`

function ReceiptView({ receipt }: { receipt: Receipt }) {
  return (
    <View className="receipt application-receipt">
      <Text className="receipt-mark">✓</Text>
      <Text className="receipt-title">{S.receiptTitle}</Text>
      <Text className="receipt-label">{S.receiptNumber}</Text>
      <Text className="receipt-number application-receipt-number" userSelect>
        {receipt.receiptNumber}
      </Text>
      <Text className="receipt-at">{S.receiptAt(formatDateTime(receipt.submittedAt))}</Text>
      <Text className="receipt-note">{S.receiptNote}</Text>
      <Button
        className="application-receipt-detail"
        type="primary"
        block
        onClick={() => void Taro.redirectTo({ url: detailUrl(receipt.applicationId) })}
      >
        {S.viewDetail}
      </Button>
    </View>
  )
}

function Editor({ application, methods }: { application: Application; methods: readonly string[] }) {
  const [formError, setFormError] = useState<string | null>(null)
  const [profileProblem, setProfileProblem] = useState<string | null>(null)
  const [profileErrors, setProfileErrors] = useState<FieldError[]>([])
  const [sending, setSending] = useState(false)
  const [receipt, setReceipt] = useState<Receipt | null>(null)
  const busy = useRef(false)
  const [dialog, confirm] = useConfirm()
  const profile = useOrganizationProfile(application.organizationId)

  const supplement = application.state === 'supplement_requested' ? application.supplement : undefined
  const canResubmit = application.actions.includes('resubmit')
  const canEdit = application.actions.includes('edit')
  const editable = useMemo(() => new Set<SupplementSection>(supplement?.sections ?? []), [supplement])
  const isEditable = (field: ContentField) => canEdit && (!supplement || editable.has(FIELD_SECTION[field]))
  const profileSections = (supplement?.sections ?? []).filter((s) => s.startsWith('profile.'))

  const stepper = useStepper<ContentForm, (typeof STEPS)[number]>({
    steps: STEPS,
    summarySteps: ['review'],
    initial: () => contentFormFrom(application),
    validate: contentErrors,
    stepOf: stepOfPath,
    editable: canEdit,
    save: async (next) => {
      const draft = supplement ? supplementDraftOf(next, application.content, editable) : draftOf(next)
      await saveApplicationDraft(application.id, draft)
    },
  })
  const { form, errors, autosave } = stepper

  // Back from 组织信息: its completeness may have changed.
  useDidShow(() => {
    void profile.refresh()
    // The template ids must be at hand before the submit tap (subscribe.ts).
    void prepareSubscriptions()
  })

  const update: StepProps['update'] = (patch, path) => {
    stepper.update(patch, path)
    setFormError(null)
  }

  const next = () => {
    if (!stepper.next()) scrollToFirstError()
  }

  const profileComplete = profile.data?.profile ? OrganizationProfileSchema.safeParse(profile.data.profile).success : false

  const send = async () => {
    if (busy.current) return
    // From the confirming tap, before any await: WeChat shows the prompt only then. Accepting lets the
    // office's decisions (第十五条) reach the applicant as subscription messages; the answer does not
    // hold up the submission.
    void askForSubscriptions(['application_progress'])
    busy.current = true
    setSending(true)
    setFormError(null)
    setProfileProblem(null)
    setProfileErrors([])
    try {
      if (canResubmit) {
        await resubmitSupplement(application.id)
        void Taro.showToast({ title: S.resubmitted, icon: 'none', duration: 2000 })
        void Taro.redirectTo({ url: detailUrl(application.id) })
      } else {
        setReceipt(await submitApplication(application.id))
      }
    } catch (e) {
      const error = toApiError(e)
      // The submit route checks the saved content (`content.*`) and the organization (`profile.*`):
      // each message goes next to its field, or under 组织信息 for the profile's.
      const content = fieldsUnder(error.fields, 'content')
      if (error.code === 'PROFILE_INCOMPLETE') {
        setProfileProblem(error.message)
        setProfileErrors(error.fields)
      } else if (Object.keys(content.inside).length > 0) {
        const { '': whole, ...byPath } = content.inside
        stepper.setErrors(byPath)
        const steps = Object.keys(byPath).map(stepOfPath)
        const unplaced = [...(whole ? [whole] : []), ...content.outside.map((f) => f.message)]
        setFormError(unplaced.length || steps.some((s) => s === null) ? [S.incomplete, ...unplaced].join('；') : S.incomplete)
      } else {
        // CALL_WINDOW_CLOSED names the closing time; SUPPLEMENT_OVERDUE, STATE_CONFLICT say what happened.
        setFormError(error.message)
      }
    } finally {
      busy.current = false
      setSending(false)
    }
  }

  const submit = async () => {
    if (busy.current) return
    const saved = await autosave.flush()
    if (!saved) {
      setFormError(S.saveFailed(autosave.status.kind === 'error' ? autosave.status.message : STRINGS.network.failed))
      return
    }
    if (Object.keys(stepper.allErrors).length > 0) {
      stepper.setErrors(stepper.allErrors)
      setFormError(S.incomplete)
      return
    }
    confirm({
      title: canResubmit ? S.resubmitTitle : S.submitTitle,
      content: canResubmit ? S.resubmitContent : S.submitContent,
      confirmText: canResubmit ? S.resubmit : S.submit,
      onConfirm: send,
    })
  }

  if (receipt) return <ReceiptView receipt={receipt} />

  const key = stepper.key
  const readOnly = (field: ContentField) => !isEditable(field)
  const note = (field: ContentField) => (supplement && readOnly(field) ? C.readOnly : undefined)
  const stepProps: StepProps = { form, errors, update, readOnly, note }
  const openProfile = () => openPage(profileUrl(application.organizationId))

  const header = (
    <>
      <View className="org-header">
        <Text className="org-header-label">{application.callTitle}</Text>
        <Text className="org-header-name">{application.organizationName}</Text>
      </View>
      {!canEdit ? (
        <View className="edit-notice edit-readonly">
          <Text className="edit-notice-text">{S.readOnlyNotice}</Text>
        </View>
      ) : null}
      {supplement ? (
        <View className="edit-notice edit-supplement">
          <Text className="edit-notice-text">{S.supplementNotice}</Text>
          <Text className="edit-notice-text edit-supplement-sections">
            {supplement.sections.map((s) => SUPPLEMENT_SECTION_LABELS[s]).join('、')}
          </Text>
          {supplement.message ? <Text className="edit-notice-text edit-supplement-message">{supplement.message}</Text> : null}
          <Text className="edit-notice-text">{S.supplementDeadline(formatDateTime(supplement.deadline))}</Text>
        </View>
      ) : null}
    </>
  )

  const actions = (
    <View className="org-actions">
      {key !== 'review' ? <FormError className="application-step-error" message={formError} /> : <FormError className="application-error" message={formError} />}
      {key === 'review' && (application.actions.includes('submit') || canResubmit) ? (
        <Button className="application-submit" type="primary" block loading={sending} disabled={sending} onClick={() => void submit()}>
          {sending ? S.submitting : canResubmit ? S.resubmit : S.submit}
        </Button>
      ) : null}
    </View>
  )

  return (
    <View className="application-editor">
      <StepperShell
        prefix="application"
        steps={STEPS}
        labels={S.steps}
        step={stepper.step}
        invalid={stepper.invalid}
        complete={stepper.complete}
        saveStatus={autosave.status}
        strings={S}
        onPick={stepper.goTo}
        onRetrySave={() => void autosave.flush()}
        onNext={next}
        header={header}
        actions={actions}
      >
        {key === 'basics' ? <BasicsStep {...stepProps} methods={methods} /> : null}
        {key === 'criteria' ? <CriteriaStep {...stepProps} /> : null}
        {key === 'comparison' ? <ComparisonStep {...stepProps} callYear={application.callYear} /> : null}
        {key === 'practice' ? <PracticeStep {...stepProps} /> : null}
        {key === 'attachments' ? (
          <AttachmentsStep
            {...stepProps}
            onOpen={(item) => void downloadApplicationAttachment(application.id, item.attachmentId, item.filename).catch(() => undefined)}
            saveNow={() => void autosave.flush()}
          />
        ) : null}
        {key === 'review' ? (
          <ReviewStep
            problemsOf={stepper.problemsOf}
            onPick={stepper.goTo}
            profileComplete={profileComplete}
            profileErrors={profileErrors}
            profileProblem={profileProblem}
            profileSections={profileSections}
            onOpenProfile={openProfile}
            closesAt={canResubmit ? undefined : application.closesAt}
          />
        ) : null}
      </StepperShell>
      {dialog}
    </View>
  )
}

function EditBody({ id }: { id: string | undefined }) {
  const { status, data, error, reload } = useApplication(id)
  const call = useCall(data?.callId)

  const shown = status === 'ready' && call.status === 'loading' ? 'loading' : status
  if (shown !== 'ready' || !data) {
    return (
      <LoadStates
        status={shown}
        error={error}
        onRetry={reload}
        loading={{ className: 'org-card application-loading', rows: [6] }}
        classes={{ notFound: 'application-not-found', back: 'application-back', error: 'application-error-state', retry: 'application-retry' }}
        strings={C}
      />
    )
  }
  // A call that cannot be read any more still leaves the methods already chosen.
  return <Editor application={data} methods={call.data?.qualityMethods ?? []} />
}

/** 申报表: subpackages/org/applications/edit?id=… — steps, saved as you go, submit with a receipt. */
export default function ApplicationEditPage() {
  const { params } = useRouter()
  const { status, endedMessage } = useMe()
  return (
    <View className="page org application-edit">
      {status === 'signedOut' ? <SignInPrompt reason={endedMessage} /> : <EditBody id={params.id} />}
    </View>
  )
}
