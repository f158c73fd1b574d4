import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatDateTime, type AttachedFile, type FieldError } from '@zlbg/shared'
import { toApiError } from '../../../api/errors'
import {
  closeCall,
  createCall,
  deleteCall,
  downloadCallTemplate,
  publishCall,
  updateCall,
  type OfficeCall,
} from '../../../api/officeCalls'
import { useConfirm } from '../../../components/ConfirmDialog'
import { FormError } from '../../../components/FormField'
import { LoadStates } from '../../../components/LoadStates'
import { YearTag } from '../../../components/Tags'
import { useOfficeCall } from '../../../hooks/useOfficeCall'
import { goBackOrHome, openCall, openPage, PAGES } from '../../../navigation'
import { Button } from '../../../ui/nutui'
import { StaffOnly } from '../components/StaffOnly'
import { CallStateTag } from './CallStateTag'
import {
  BasicsSection,
  ContactSection,
  FreeSection,
  KeyFieldsSection,
  RulesSection,
  ScheduleSection,
  SectorsSection,
  TemplatesSection,
} from './CallFormSections'
import { CorrectionDialog } from './CorrectionDialog'
import { markCallsStale } from './changes'
import { callToForm, emptyCallForm, fieldLabel } from './form'
import { CALL_STRINGS } from './strings'
import { useCallForm, type ValidDraft } from './useCallForm'
import '../components/office.css'
import './calls.css'

const E = CALL_STRINGS.editor

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none', duration: 2000 })
}

/** Brings the first field with an error into view; the list of fields is long on a phone. */
function scrollToFirstError() {
  setTimeout(() => {
    Taro.pageScrollTo({ selector: '.office-call-editor .form-field--invalid, .office-call-editor .form-error', duration: 200 }).catch(() => undefined)
  }, 50)
}

/** What publishing still needs, or why it was refused: `标题：…` per field. */
function FieldErrorList({ className, title, errors }: { className: string; title: string; errors: readonly FieldError[] }) {
  return (
    <View className={`call-error-list ${className}`}>
      <Text className="call-error-list-title">{title}</Text>
      {errors.map((error, index) => (
        <Text key={`${error.path}-${index}`} className={`call-error-list-item ${className}-item`}>
          {error.path ? `${fieldLabel(error.path)}：${error.message}` : error.message}
        </Text>
      ))}
    </View>
  )
}

function StatusCard({ call, dirty }: { call: OfficeCall | null; dirty: boolean }) {
  const state = call?.state ?? 'draft'
  return (
    <View className="office-card call-editor-status">
      <View className="call-editor-status-head">
        <Text className="call-editor-status-title">{call ? call.title : CALL_STRINGS.titles.create}</Text>
      </View>
      <View className="office-row-tags">
        {call ? <YearTag className="office-call-year-tag" year={call.year} /> : null}
        <CallStateTag className="office-call-state" state={state} />
        {dirty ? <Text className="office-call-unsaved">{E.unsaved}</Text> : null}
      </View>
      <Text className="call-editor-status-note">{E.stateNotes[state]}</Text>
      {call ? (
        <View className="office-row-meta">
          {call.publishedAt ? <Text>{CALL_STRINGS.list.publishedAt(formatDateTime(call.publishedAt))}</Text> : null}
          {call.closedAt ? <Text>{CALL_STRINGS.list.closedAt(formatDateTime(call.closedAt))}</Text> : null}
          <Text>{CALL_STRINGS.list.updatedAt(formatDateTime(call.updatedAt))}</Text>
        </View>
      ) : null}
      {call && call.state !== 'draft' ? (
        <View className="call-editor-links">
          <Button className="office-call-view-public" size="small" fill="outline" type="primary" onClick={() => openCall(call.id)}>
            {E.viewPublic}
          </Button>
          <Button
            className="office-call-applications"
            size="small"
            fill="outline"
            type="primary"
            onClick={() => openPage(`${PAGES.officeApplications}?callId=${encodeURIComponent(call.id)}`)}
          >
            {`${E.applications}（${call.applicationCount}）`}
          </Button>
        </View>
      ) : null}
    </View>
  )
}

function CorrectionsCard({ call }: { call: OfficeCall }) {
  if (call.corrections.length === 0) return null
  return (
    <View className="office-card call-editor-card office-call-corrections">
      <View className="call-editor-card-head">
        <Text className="call-editor-card-title">{E.corrections}</Text>
        <Text className="call-editor-card-article">第五条</Text>
      </View>
      <Text className="call-editor-card-hint">{E.correctionsHint}</Text>
      {[...call.corrections].reverse().map((correction, index) => (
        <View key={`${correction.at}-${index}`} className="office-call-correction-item">
          <Text className="office-call-correction-at">{formatDateTime(correction.at)}</Text>
          <Text className="office-call-correction-summary">{correction.summary}</Text>
        </View>
      ))}
    </View>
  )
}

function CallEditor({ call, onChange }: { call: OfficeCall | null; onChange: (call: OfficeCall) => void }) {
  const form = useCallForm(call ? callToForm(call) : emptyCallForm())
  const [dialog, confirm] = useConfirm()
  const [saving, setSaving] = useState(false)
  const [publishErrors, setPublishErrors] = useState<FieldError[]>([])
  const [correcting, setCorrecting] = useState<ValidDraft | null>(null)
  const state = call?.state ?? 'draft'
  const readOnly = state === 'closed'
  const isNew = call === null
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: isNew ? CALL_STRINGS.titles.create : CALL_STRINGS.titles.edit })
  }, [isNew])

  const accept = (saved: OfficeCall) => {
    onChange(saved)
    form.reset(callToForm(saved))
    markCallsStale()
  }

  /** Saves the draft (creating it the first time); the saved call, or null with the errors shown. */
  const saveDraft = async (valid: ValidDraft): Promise<OfficeCall | null> => {
    setSaving(true)
    try {
      const saved = call ? await updateCall(call.id, valid.body) : await createCall(valid.body)
      accept(saved)
      return saved
    } catch (e) {
      form.showServerError(toApiError(e), valid.rows)
      scrollToFirstError()
      return null
    } finally {
      setSaving(false)
    }
  }

  const validated = (): ValidDraft | null => {
    const valid = form.validate()
    if (!valid) scrollToFirstError()
    return valid
  }

  const save = async () => {
    const valid = validated()
    if (!valid) return
    setPublishErrors([])
    // 第五条: after publication an edit is a public correction, saved only with its summary.
    if (state === 'published') {
      setCorrecting(valid)
      return
    }
    const saved = await saveDraft(valid)
    if (saved) toast(call ? E.saved : E.created)
  }

  const saveCorrection = async (summary: string): Promise<string | undefined> => {
    if (!call || !correcting) return undefined
    try {
      accept(await updateCall(call.id, { ...correcting.body, correctionSummary: summary }))
      setCorrecting(null)
      toast(E.saved)
      return undefined
    } catch (e) {
      const error = toApiError(e)
      const summaryError = error.fields.find((f) => f.path === 'correctionSummary')
      if (summaryError) return summaryError.message
      setCorrecting(null)
      form.showServerError(error, correcting.rows)
      scrollToFirstError()
      return undefined
    }
  }

  const publish = async () => {
    setPublishErrors([])
    // Publishing publishes what is saved: unsaved edits are saved first.
    let current = call
    if (!current || form.dirty) {
      const valid = validated()
      if (!valid) return
      current = await saveDraft(valid)
      if (!current) return
    }
    if (current.missing.length > 0) {
      setPublishErrors(current.missing)
      form.showFieldErrors(current.missing)
      toast(E.publishBlocked(current.missing.length))
      scrollToFirstError()
      return
    }
    const id = current.id
    confirm({
      title: E.publishTitle,
      content: E.publishContent,
      confirmText: E.publish,
      onConfirm: async () => {
        try {
          accept(await publishCall(id))
          toast(E.published)
        } catch (e) {
          // The server checks again (another office member may have changed the draft meanwhile).
          const error = toApiError(e)
          setPublishErrors(error.fields.length > 0 ? error.fields : [{ path: '', message: error.message }])
          if (error.fields.length > 0) form.showFieldErrors(error.fields)
        }
      },
    })
  }

  const close = () => {
    if (!call) return
    confirm({
      title: E.closeTitle,
      content: E.closeContent,
      confirmText: E.close,
      danger: true,
      onConfirm: async () => {
        try {
          accept(await closeCall(call.id))
          toast(E.closed)
        } catch (e) {
          toast(toApiError(e).message)
        }
      },
    })
  }

  const remove = () => {
    if (!call) return
    confirm({
      title: E.removeTitle,
      content: E.removeContent(call.title),
      confirmText: E.remove,
      danger: true,
      onConfirm: async () => {
        try {
          await deleteCall(call.id)
          markCallsStale()
          toast(E.removed)
          goBackOrHome()
        } catch (e) {
          toast(toApiError(e).message)
        }
      },
    })
  }

  // Saved templates download through the call (the office may read a draft's too); a fresh upload is not the call's yet.
  const savedTemplates = new Set(call?.templates.map((t) => t.attachmentId) ?? [])
  const openTemplate = call
    ? (item: AttachedFile) => {
        if (savedTemplates.has(item.attachmentId)) void downloadCallTemplate(call.id, item.attachmentId, item.filename).catch(() => undefined)
      }
    : undefined

  return (
    <View className="office-call-editor">
      <StatusCard call={call} dirty={form.dirty} />

      {call && state === 'draft' ? (
        call.missing.length > 0 ? (
          <FieldErrorList className="office-call-missing" title={E.missingTitle(call.missing.length)} errors={call.missing} />
        ) : (
          <View className="call-error-list call-ready office-call-ready">
            <Text className="call-ready-text">{E.missingNone}</Text>
          </View>
        )
      ) : null}

      {call ? <CorrectionsCard call={call} /> : null}

      <BasicsSection form={form} disabled={readOnly} />
      <FreeSection />
      <KeyFieldsSection form={form} disabled={readOnly} />
      <SectorsSection form={form} disabled={readOnly} />
      <ScheduleSection form={form} disabled={readOnly} />
      <ContactSection form={form} disabled={readOnly} />
      <RulesSection form={form} disabled={readOnly} />
      <TemplatesSection form={form} disabled={readOnly} onOpen={openTemplate} />

      {readOnly ? null : (
        <View className="office-card call-editor-actions-card">
          {publishErrors.length > 0 ? (
            <FieldErrorList className="office-call-publish-errors" title={E.publishErrors} errors={publishErrors} />
          ) : null}
          <FormError className="office-call-form-error" message={form.formError} />
          <View className="call-editor-actions">
            <Button
              className="office-call-save"
              type="primary"
              // An explicit 'solid' would paint NutUI's gradient a second time behind the label.
              fill={state === 'draft' ? 'outline' : undefined}
              loading={saving}
              disabled={saving}
              onClick={() => void save()}
            >
              {state === 'published' ? E.saveCorrection : E.save}
            </Button>
            {state === 'draft' ? (
              <Button className="office-call-publish" type="primary" disabled={saving} onClick={() => void publish()}>
                {E.publish}
              </Button>
            ) : null}
          </View>
          {state === 'draft' && (form.dirty || !call) ? <Text className="call-editor-actions-note">{E.publishSavesFirst}</Text> : null}
          <View className="call-editor-danger">
            {state === 'published' ? (
              <Button className="office-call-close" size="small" fill="outline" onClick={close}>
                {E.close}
              </Button>
            ) : null}
            {state === 'draft' && call ? (
              <Button className="office-call-delete" size="small" fill="outline" onClick={remove}>
                {E.remove}
              </Button>
            ) : null}
          </View>
        </View>
      )}

      {state === 'published' ? (
        <CorrectionDialog visible={correcting !== null} onSubmit={saveCorrection} onClose={() => setCorrecting(null)} />
      ) : null}
      {dialog}
    </View>
  )
}

function CallEditorLoader({ id }: { id: string | undefined }) {
  const { status, data: call, error, reload, replace } = useOfficeCall(id)
  if (status === 'loading' || status === 'notFound' || status === 'error') {
    return (
      <LoadStates
        status={status}
        error={error}
        onRetry={reload}
        loading={{ className: 'office-call-edit-loading', rows: [3, 6], boxClassName: 'office-skeleton' }}
        classes={{ notFound: 'office-call-not-found', back: 'office-call-back', error: 'office-call-error', retry: 'office-call-retry' }}
        strings={E}
      />
    )
  }
  return <CallEditor call={call} onChange={replace} />
}

/** 编辑征集通知 (office, 第五条): ?id=… edits a call, no id drafts a new one. */
export default function OfficeCallEditPage() {
  const { params } = useRouter()
  return (
    <View className="page office office-call-edit">
      <StaffOnly>{() => <CallEditorLoader id={params.id} />}</StaffOnly>
    </View>
  )
}
