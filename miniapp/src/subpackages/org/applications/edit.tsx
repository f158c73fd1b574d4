import { useMemo, useRef, useState } from 'react'
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  CRITERIA,
  CRITERION_HINTS,
  CRITERION_LABELS,
  CRITERION_MAX_CHARS,
  CRITERION_MIN_CHARS,
  OrganizationProfileSchema,
  SUPPLEMENT_SECTION_LABELS,
  formatDateTime,
  inShanghai,
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
import { AttachmentPicker } from '../../../components/AttachmentPicker'
import { useConfirm } from '../../../components/ConfirmDialog'
import { LoadStates } from '../../../components/LoadStates'
import { FormError, FormField, TextField } from '../../../components/FormField'
import { SignInPrompt } from '../../../components/SignInPrompt'
import { clearWithParents, errorAt, errorsByPath } from '../../../hooks/pathErrors'
import { useApplication } from '../../../hooks/useApplication'
import { useAutosave } from '../../../hooks/useAutosave'
import { useCall } from '../../../hooks/useCall'
import { useMe } from '../../../hooks/useMe'
import { useOrganizationProfile } from '../../../hooks/useOrganizationProfile'
import { openPage, PAGES } from '../../../navigation'
import { STRINGS } from '../../../strings'
import { askForSubscriptions, prepareSubscriptions } from '../../../subscribe'
import { Button, Input } from '../../../ui/nutui'
import { Card, Chips, TextAreaField, scrollToFirstError } from '../components'
import { ORG_STRINGS } from '../strings'
import {
  FIELD_SECTION,
  STEPS,
  comparisonYears,
  contentErrors,
  contentFormFrom,
  draftOf,
  emptyRow,
  stepErrors,
  stepOfPath,
  supplementDraftOf,
  type ComparisonForm,
  type ContentForm,
  type StepKey,
} from './content'
import '../org.css'

const S = ORG_STRINGS.edit
const C = ORG_STRINGS.common

const detailUrl = (id: string) => `${PAGES.orgApplicationDetail}?id=${encodeURIComponent(id)}`
const profileUrl = (organizationId: string) => `${PAGES.orgProfile}?organizationId=${encodeURIComponent(organizationId)}`

function SaveStatus({ status, onRetry }: { status: ReturnType<typeof useAutosave>['status']; onRetry: () => void }) {
  if (status.kind === 'saving') return <Text className="edit-save-status edit-save-status--saving">{S.saving}</Text>
  if (status.kind === 'saved') return <Text className="edit-save-status edit-save-status--saved">{S.savedAt(inShanghai(status.at).format('HH:mm'))}</Text>
  if (status.kind === 'dirty') return <Text className="edit-save-status edit-save-status--dirty">{S.unsaved}</Text>
  if (status.kind === 'error') {
    return (
      <Text className="edit-save-status edit-save-status--error" onClick={onRetry}>
        {`${S.saveFailed(status.message)} · ${S.retrySave}`}
      </Text>
    )
  }
  return null
}

function Progress({
  step,
  invalid,
  complete,
  onPick,
  children,
}: {
  step: number
  invalid: ReadonlySet<StepKey>
  complete: ReadonlySet<StepKey>
  onPick: (index: number) => void
  children: React.ReactNode
}) {
  return (
    <View className="edit-progress">
      <View className="edit-steps">
        {STEPS.map((key, index) => {
          const state = index === step ? 'current' : invalid.has(key) ? 'invalid' : complete.has(key) ? 'done' : 'todo'
          return (
            <View key={key} className={`edit-step edit-step-${key} edit-step--${state}`} onClick={() => onPick(index)}>
              <Text className="edit-step-dot">{state === 'done' ? '✓' : String(index + 1)}</Text>
              <Text className="edit-step-label">{S.steps[index]}</Text>
            </View>
          )
        })}
      </View>
      <View className="edit-status-row">
        <Text className="edit-step-of">{S.stepOf(step + 1, STEPS.length)}</Text>
        {children}
      </View>
    </View>
  )
}

function ComparisonRowFields({
  index,
  row,
  years,
  errors,
  disabled,
  onChange,
  onRemove,
}: {
  index: number
  row: ComparisonForm
  years: readonly number[]
  errors: Record<string, string>
  disabled: boolean
  onChange: (row: ComparisonForm, path: string) => void
  onRemove: () => void
}) {
  const p = `comparison.${index}`
  const peer = (side: 'competitor' | 'benchmark', label: string) => (
    <FormField className={`comparison-peer comparison-${side}`} label={label} error={errorAt(errors, `${p}.${side}`)}>
      <View className="comparison-pair">
        <Input
          className={`comparison-${side}-name`}
          value={row[side].name}
          placeholder={S.peerName}
          maxLength={60}
          disabled={disabled}
          onChange={(v) => onChange({ ...row, [side]: { ...row[side], name: v } }, `${p}.${side}`)}
        />
        <Input
          className={`comparison-${side}-value`}
          type="digit"
          value={row[side].value}
          placeholder={S.peerValue}
          maxLength={16}
          disabled={disabled}
          onChange={(v) => onChange({ ...row, [side]: { ...row[side], value: v } }, `${p}.${side}`)}
        />
      </View>
    </FormField>
  )
  return (
    <View className={`comparison-row comparison-row-${index}`}>
      <View className="comparison-row-head">
        <Text className="comparison-row-title">{S.row(index + 1)}</Text>
        {disabled ? null : (
          <Button className="comparison-row-remove" size="small" fill="none" onClick={onRemove}>
            {S.removeRow}
          </Button>
        )}
      </View>
      <View className="comparison-pair">
        <TextField
          className="comparison-indicator"
          label={S.indicator}
          placeholder={S.indicatorPlaceholder}
          maxLength={60}
          disabled={disabled}
          value={row.indicator}
          error={errorAt(errors, `${p}.indicator`)}
          onChange={(v) => onChange({ ...row, indicator: v }, `${p}.indicator`)}
        />
      </View>
      <TextField
        className="comparison-unit"
        label={S.unit}
        placeholder={S.unitPlaceholder}
        maxLength={20}
        disabled={disabled}
        value={row.unit}
        error={errorAt(errors, `${p}.unit`)}
        onChange={(v) => onChange({ ...row, unit: v }, `${p}.unit`)}
      />
      <FormField className="comparison-own" label={S.own} error={errorAt(errors, `${p}.own`)}>
        <View className="comparison-years">
          {years.map((year) => (
            <View key={year} className={`comparison-year comparison-own-${year}`}>
              <Text className="comparison-year-label">{S.ownYear(year)}</Text>
              <Input
                type="digit"
                value={row.own[year] ?? ''}
                maxLength={16}
                disabled={disabled}
                onChange={(v) => onChange({ ...row, own: { ...row.own, [year]: v } }, `${p}.own`)}
              />
            </View>
          ))}
        </View>
      </FormField>
      {peer('competitor', S.competitor)}
      {peer('benchmark', S.benchmark)}
      <TextField
        className="comparison-source"
        label={S.source}
        placeholder={S.sourcePlaceholder}
        maxLength={200}
        disabled={disabled}
        value={row.source}
        error={errorAt(errors, `${p}.source`)}
        onChange={(v) => onChange({ ...row, source: v }, `${p}.source`)}
      />
    </View>
  )
}

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
  const [form, setForm] = useState<ContentForm>(() => contentFormFrom(application))
  const [step, setStep] = useState(0)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [profileProblem, setProfileProblem] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [receipt, setReceipt] = useState<Receipt | null>(null)
  const busy = useRef(false)
  const [dialog, confirm] = useConfirm()
  const profile = useOrganizationProfile(application.organizationId)

  const supplement = application.state === 'supplement_requested' ? application.supplement : undefined
  const canResubmit = application.actions.includes('resubmit')
  const canEdit = application.actions.includes('edit')
  const editable = useMemo(() => new Set<SupplementSection>(supplement?.sections ?? []), [supplement])
  const isEditable = (field: keyof typeof FIELD_SECTION) => canEdit && (!supplement || editable.has(FIELD_SECTION[field]))
  const profileSections = (supplement?.sections ?? []).filter((s) => s.startsWith('profile.'))

  const autosave = useAutosave(async (next: ContentForm) => {
    const draft = supplement ? supplementDraftOf(next, application.content, editable) : draftOf(next)
    await saveApplicationDraft(application.id, draft)
  })

  useDidHide(() => void autosave.flush())
  useUnload(() => void autosave.flush())
  // Back from 组织信息: its completeness may have changed.
  useDidShow(() => {
    void profile.refresh()
    // The template ids must be at hand before the submit tap (subscribe.ts).
    void prepareSubscriptions()
  })

  const update = (patch: Partial<ContentForm>, path: string) => {
    if (!canEdit) return
    const changed = { ...form, ...patch }
    setForm(changed)
    autosave.schedule(changed)
    setErrors((prev) => clearWithParents(prev, path))
    setFormError(null)
  }

  const allErrors = useMemo(() => contentErrors(form), [form])
  // A step is marked red while it shows errors the content still has; ✓ once its part is complete.
  const invalidSteps = useMemo(() => {
    const marked = new Set<StepKey>()
    for (const path of Object.keys(errors)) {
      const key = stepOfPath(path)
      if (key && Object.keys(stepErrors(allErrors, key)).length > 0) marked.add(key)
    }
    return marked
  }, [errors, allErrors])
  const completeSteps = useMemo(
    () => new Set(STEPS.filter((key) => key !== 'review' && Object.keys(stepErrors(allErrors, key)).length === 0)),
    [allErrors],
  )

  const goTo = (index: number) => {
    void autosave.flush()
    setStep(index)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  }

  const next = () => {
    const key = STEPS[step]!
    const mine = stepErrors(allErrors, key)
    if (Object.keys(mine).length > 0 && canEdit) {
      // 下一步 checks the step with the shared schema; the steps can still be opened from the progress bar.
      setErrors((prev) => ({ ...prev, ...mine }))
      scrollToFirstError()
      return
    }
    goTo(step + 1)
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
      if (error.code === 'PROFILE_INCOMPLETE') {
        setProfileProblem(error.fields[0] ? `${error.message}：${error.fields.map((f) => f.message).join('；')}` : error.message)
      } else if (error.code === 'VALIDATION_FAILED' && error.fields.length) {
        const byPath = errorsByPath(error.fields)
        setErrors(byPath)
        const steps = Object.keys(byPath).map(stepOfPath)
        setFormError(steps.some((s) => s === null) ? error.fields.map((f) => f.message).join('；') : S.incomplete)
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
    if (Object.keys(allErrors).length > 0) {
      setErrors(allErrors)
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

  const key = STEPS[step]!
  const readOnly = (field: keyof typeof FIELD_SECTION) => !isEditable(field)
  const note = (field: keyof typeof FIELD_SECTION) => (supplement && readOnly(field) ? C.readOnly : undefined)
  const years = comparisonYears(application.callYear, form.comparison)
  // The call's list, plus any chosen method the office has since dropped from it.
  const methodChoices = [...new Set([...methods, ...form.methods])]

  return (
    <View className="application-editor">
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
      <Progress step={step} invalid={invalidSteps} complete={completeSteps} onPick={goTo}>
        <SaveStatus status={autosave.status} onRetry={() => void autosave.flush()} />
      </Progress>

      {key === 'basics' ? (
        <Card className="edit-basics" title={S.steps[0]}>
          <TextField
            className="application-title"
            label={S.title}
            note={note('title')}
            placeholder={S.titlePlaceholder}
            maxLength={60}
            disabled={readOnly('title')}
            value={form.title}
            error={errorAt(errors, 'title')}
            onChange={(v) => update({ title: v }, 'title')}
          />
          <TextAreaField
            className="application-summary"
            label={S.summary}
            note={note('summary')}
            placeholder={S.summaryPlaceholder}
            minLength={50}
            maxLength={1000}
            disabled={readOnly('summary')}
            value={form.summary}
            error={errorAt(errors, 'summary')}
            onChange={(v) => update({ summary: v }, 'summary')}
          />
          <FormField className="application-methods" label={S.methods} note={note('methods')} hint={S.methodsHint} error={errorAt(errors, 'methods')}>
            <Chips
              prefix="application-method"
              choices={methodChoices.map((m, i) => ({ value: String(i), label: m }))}
              value={form.methods.map((m) => String(methodChoices.indexOf(m)))}
              disabled={readOnly('methods')}
              onChange={(indexes) => update({ methods: indexes.map((i) => methodChoices[Number(i)]!).slice(0, 10) }, 'methods')}
            />
          </FormField>
          <TextField
            className="application-methods-other"
            label={S.methodsOther}
            placeholder={S.methodsOtherPlaceholder}
            maxLength={200}
            disabled={readOnly('methodsOther')}
            value={form.methodsOther}
            error={errorAt(errors, 'methodsOther')}
            onChange={(v) => update({ methodsOther: v }, 'methodsOther')}
          />
        </Card>
      ) : null}

      {key === 'criteria' ? (
        <Card className="edit-criteria" title={S.steps[1]} hint={S.criteriaIntro}>
          {CRITERIA.map((criterion) => (
            <TextAreaField
              key={criterion}
              className={`application-criterion application-criterion-${criterion}`}
              label={CRITERION_LABELS[criterion]}
              note={note('criteria')}
              hint={CRITERION_HINTS[criterion]}
              minLength={CRITERION_MIN_CHARS}
              maxLength={CRITERION_MAX_CHARS}
              rows={5}
              disabled={readOnly('criteria')}
              value={form.criteria[criterion]}
              error={errorAt(errors, `criteria.${criterion}`)}
              onChange={(v) => update({ criteria: { ...form.criteria, [criterion]: v } }, `criteria.${criterion}`)}
            />
          ))}
        </Card>
      ) : null}

      {key === 'comparison' ? (
        <Card className="edit-comparison" title={S.steps[2]} hint={S.comparisonIntro}>
          {form.comparison.map((row, index) => (
            <ComparisonRowFields
              key={index}
              index={index}
              row={row}
              years={years}
              errors={errors}
              disabled={readOnly('comparison')}
              onChange={(nextRow, path) => update({ comparison: form.comparison.map((r, i) => (i === index ? nextRow : r)) }, path)}
              onRemove={() => update({ comparison: form.comparison.filter((_, i) => i !== index) }, 'comparison')}
            />
          ))}
          {errors.comparison ? <Text className="form-field-error application-comparison-error">{errors.comparison}</Text> : null}
          {readOnly('comparison') || form.comparison.length >= 30 ? null : (
            <Button
              className="comparison-add"
              size="small"
              type="primary"
              fill="outline"
              onClick={() => update({ comparison: [...form.comparison, emptyRow()] }, 'comparison')}
            >
              {S.addRow}
            </Button>
          )}
        </Card>
      ) : null}

      {key === 'practice' ? (
        <Card className="edit-practice" title={S.steps[3]} hint={S.practiceIntro}>
          <TextField
            className="application-practice-since"
            label={S.since}
            note={note('practice')}
            placeholder={S.sincePlaceholder}
            maxLength={7}
            disabled={readOnly('practice')}
            value={form.practiceSince}
            error={errorAt(errors, 'practice.since') ?? errors.practice}
            onChange={(v) => update({ practiceSince: v }, 'practice.since')}
          />
          <TextAreaField
            className="application-practice-scope"
            label={S.scope}
            placeholder={S.scopePlaceholder}
            minLength={10}
            maxLength={500}
            rows={3}
            disabled={readOnly('practice')}
            value={form.practiceScope}
            error={errorAt(errors, 'practice.scope')}
            onChange={(v) => update({ practiceScope: v }, 'practice.scope')}
          />
        </Card>
      ) : null}

      {key === 'attachments' ? (
        <Card className="edit-attachments" title={S.steps[4]} hint={S.attachmentsIntro}>
          <AttachmentPicker
            className="application-attachments"
            value={form.attachments}
            disabled={readOnly('attachments')}
            onOpen={(item) => void downloadApplicationAttachment(application.id, item.attachmentId, item.filename).catch(() => undefined)}
            titleErrors={Object.fromEntries(form.attachments.map((_, i) => [i, errorAt(errors, `attachments.${i}`)]))}
            onChange={(attachments) => {
              update({ attachments }, 'attachments')
              // A new file is worth saving at once: the upload is already on the server.
              void Promise.resolve().then(() => autosave.flush())
            }}
          />
          {errors.attachments ? <Text className="form-field-error">{errors.attachments}</Text> : null}
        </Card>
      ) : null}

      {key === 'review' ? (
        <Card className="edit-review" title={S.reviewTitle}>
          {STEPS.slice(0, -1).map((stepKey, index) => {
            const problems = Object.keys(stepErrors(allErrors, stepKey)).length
            return (
              <View
                key={stepKey}
                className={`review-step review-step-${stepKey}${problems ? ' review-step--invalid' : ''}`}
                onClick={() => goTo(index)}
              >
                <Text className="review-step-label">{S.steps[index]}</Text>
                <Text className="review-step-state">{problems ? `${S.stepProblems(problems)} ›` : S.stepOk}</Text>
              </View>
            )
          })}
          <View
            className={`review-step review-step-profile${profileComplete ? '' : ' review-step--invalid'}`}
            onClick={() => openPage(profileUrl(application.organizationId))}
          >
            <Text className="review-step-label">{S.profileTitle}</Text>
            <Text className="review-step-state">{profileComplete ? S.stepOk : `${S.profileIncomplete} ›`}</Text>
          </View>
          <Text className="review-text">{S.profileHint}</Text>
          {profileSections.length ? (
            <Text className="review-text edit-profile-sections">
              {`${ORG_STRINGS.detail.profileSection}（${profileSections.map((s) => SUPPLEMENT_SECTION_LABELS[s]).join('、')}）`}
            </Text>
          ) : null}
          <Button className="application-open-profile" size="small" fill="outline" type="primary" onClick={() => openPage(profileUrl(application.organizationId))}>
            {S.openProfile}
          </Button>
          {canResubmit ? null : <Text className="review-closes application-closes">{S.closesAt(formatDateTime(application.closesAt))}</Text>}
          {profileProblem ? <FormError className="application-profile-error" message={profileProblem} /> : null}
        </Card>
      ) : null}

      <View className="org-actions">
        {key !== 'review' ? <FormError className="application-step-error" message={formError} /> : <FormError className="application-error" message={formError} />}
        {key === 'review' && (application.actions.includes('submit') || canResubmit) ? (
          <Button
            className="application-submit"
            type="primary"
            block
            loading={sending}
            disabled={sending}
            onClick={() => void submit()}
          >
            {sending ? S.submitting : canResubmit ? S.resubmit : S.submit}
          </Button>
        ) : null}
      </View>
      <View className="edit-nav">
        {step > 0 ? (
          <Button className="application-prev" fill="outline" onClick={() => goTo(step - 1)}>
            {S.prev}
          </Button>
        ) : null}
        {step < STEPS.length - 1 ? (
          <Button className="application-next" type="primary" fill="outline" onClick={next}>
            {S.next}
          </Button>
        ) : null}
      </View>
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
