import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { EVENT_MODES, EVENT_MODE_LABELS, EVENT_STATE_LABELS, EventIdParamsSchema, EventInputSchema, fieldErrors, type EventInput, type EventMode, type Me } from '@zlbg/shared'
import { toApiError } from '../../../api/errors'
import { AttachmentPicker, type AttachmentItem } from '../../../components/AttachmentPicker'
import { useConfirm } from '../../../components/ConfirmDialog'
import { FormError, FormField, SubmitButton, TextField } from '../../../components/FormField'
import { LoadStates } from '../../../components/LoadStates'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { useLoaded, validId } from '../../../hooks/useLoaded'
import { openPage, PAGES } from '../../../navigation'
import { Button } from '../../../ui/nutui'
import { TextArea } from '../../../ui/nutui-office'
import { DateTimeField } from '../calls/DateTimeField'
import { shanghaiInstant, shanghaiText } from '../calls/form'
import { CALL_STRINGS } from '../calls/strings'
import { ChoiceRow } from '../components/ChoiceRow'
import { OfficeHeader } from '../components/OfficeHeader'
import { ReasonField } from '../components/ReasonField'
import { StaffOnly } from '../components/StaffOnly'
import { createEvent, fetchOfficeEvent, stepEvent, updateEvent, type EventStep, type OfficeEvent } from './api'
import { OFFICE_EVENT_STRINGS } from './strings'
import '../calls/calls.css'
import '../components/office.css'
import './events.css'

const S = OFFICE_EVENT_STRINGS.edit
const INSTANTS = ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt', 'cancellationDeadline'] as const
type Values = Record<'title' | 'description' | 'place' | 'link' | 'capacity' | 'publicQuota' | 'years' | 'agenda' | 'notice' | (typeof INSTANTS)[number], string> & { mode: EventMode }

function valuesOf(e: OfficeEvent | null): Values {
  if (!e) {
    return { title: '', description: '', mode: 'offline', place: '', link: '', capacity: '50', publicQuota: '0', years: '', agenda: '', notice: '', startsAt: '', endsAt: '', registrationOpensAt: '', registrationClosesAt: '', cancellationDeadline: '' }
  }
  return {
    title: e.title,
    description: e.description,
    mode: e.mode,
    place: e.place ?? '',
    link: e.link ?? '',
    capacity: String(e.capacity),
    publicQuota: String(e.publicQuota),
    years: e.listedYears.join('、'),
    agenda: e.agenda.map((a) => `${a.at} ${a.item}`).join('\n'),
    notice: '',
    ...(Object.fromEntries(INSTANTS.map((k) => [k, shanghaiText(e[k])])) as Record<(typeof INSTANTS)[number], string>),
  }
}

/** The form's text → the shared schema's input, with the errors only the form can find (a date's format, a year list, agenda lines). */
function toInput(v: Values, materials: AttachmentItem[]): { input: EventInput; local: Record<string, string> } {
  const local: Record<string, string> = {}
  const instant = (k: (typeof INSTANTS)[number]) => {
    const at = shanghaiInstant(v[k])
    if (!at) local[k] = CALL_STRINGS.form.dateTimeFormat
    return at ?? ''
  }
  const int = (k: 'capacity' | 'publicQuota') => {
    if (!/^\d+$/.test(v[k].trim())) local[k] = S.numberInvalid
    return Number(v[k].trim())
  }
  const years = v.years.split(/[、,，\s]+/).filter(Boolean)
  if (years.some((y) => !/^\d{4}$/.test(y))) local.years = S.yearsInvalid
  const agenda = v.agenda
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, i) => {
      const m = /^(\S+)\s+(.+)$/.exec(line)
      if (!m) local.agenda = S.agendaInvalid(i + 1)
      return { at: m?.[1] ?? line, item: m?.[2] ?? '' }
    })
  return {
    input: {
      title: v.title,
      description: v.description,
      mode: v.mode,
      ...(v.mode === 'offline' ? { place: v.place || undefined } : { link: v.link.trim() || undefined }),
      startsAt: instant('startsAt'),
      endsAt: instant('endsAt'),
      registrationOpensAt: instant('registrationOpensAt'),
      registrationClosesAt: instant('registrationClosesAt'),
      cancellationDeadline: instant('cancellationDeadline'),
      capacity: int('capacity'),
      publicQuota: int('publicQuota'),
      listedYears: years.map(Number),
      agenda,
      materialIds: materials.map((m) => m.attachmentId),
    } as EventInput,
    local,
  }
}

const MODE_CHOICES = EVENT_MODES.map((m) => ({ value: m, label: EVENT_MODE_LABELS[m] }))

/** The machine's steps the office may take now, each asked first; cancelling needs a reason every registrant reads. */
function Steps({ event, onDone }: { event: OfficeEvent; onDone: (e: OfficeEvent) => void }) {
  const [dialog, confirm] = useConfirm()
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | undefined>()
  const run = (step: EventStep) => {
    if (step === 'cancel' && !reason.trim()) return setReasonError(S.reasonRequired)
    confirm({
      title: S.steps[step],
      content: S.confirm[step],
      confirmText: S.steps[step],
      danger: step === 'cancel',
      onConfirm: async () => {
        try {
          onDone(await stepEvent(event.id, step, step === 'cancel' ? reason.trim() : undefined))
          void Taro.showToast({ title: `${S.steps[step]}：${S.stepDone}`, icon: 'none' })
        } catch (e) {
          void Taro.showToast({ title: toApiError(e).message, icon: 'none', duration: 3000 })
        }
      },
    })
  }
  return (
    <View className="office-event-section office-event-step-box">
      <Text className="office-event-title">{`${EVENT_STATE_LABELS[event.state]} · 已确认 ${event.counts.confirmed} · 候补 ${event.counts.waitlisted}`}</Text>
      {event.events.includes('cancel') ? (
        <ReasonField
          className="office-event-cancel-reason"
          inputClassName="office-event-cancel-reason-input"
          label={S.reason}
          placeholder={S.reasonPlaceholder}
          maxLength={500}
          value={reason}
          error={reasonError}
          onChange={setReason}
          onClearError={() => setReasonError(undefined)}
        />
      ) : null}
      <View className="office-event-steps">
        {event.events.map((step) => (
          <Button key={step} className={`office-event-step office-event-step-${step}`} size="small" type={step === 'cancel' ? 'danger' : 'primary'} fill={step === 'cancel' ? 'outline' : 'solid'} onClick={() => run(step)}>
            {S.steps[step]}
          </Button>
        ))}
        {event.state !== 'draft' ? (
          <Button className="office-event-registrations" size="small" fill="outline" onClick={() => openPage(`${PAGES.officeEventRegistrations}?id=${event.id}`)}>
            {S.registrations}
          </Button>
        ) : null}
        {/* The door (第二十条): check people in while registration runs or has closed, and mark no-shows after. */}
        {event.state === 'published' || event.state === 'registration_closed' ? (
          <Button className="office-event-checkin" size="small" fill="outline" onClick={() => openPage(`${PAGES.officeEventCheckIn}?id=${event.id}`)}>
            {S.checkin}
          </Button>
        ) : null}
      </View>
      {dialog}
    </View>
  )
}

function Editor({ event, onSaved }: { event: OfficeEvent | null; onSaved: (e: OfficeEvent) => void }) {
  const [values, setValues] = useState<Values>(() => valuesOf(event))
  const [materials, setMaterials] = useState<AttachmentItem[]>(() =>
    (event?.materials ?? []).map((m) => ({ ...m, title: m.filename })),
  )
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const disabled = !!event && !event.canEdit
  const set = (k: keyof Values) => (value: string) => {
    setValues((prev) => ({ ...prev, [k]: value }))
    setErrors((prev) => {
      const next = { ...prev }
      delete next[k]
      return next
    })
  }
  const text = (k: keyof Values) => ({ value: values[k] as string, error: errors[k], onChange: set(k), disabled })
  const show = (fields: { path: string; message: string }[], fallback: string | null) => {
    const byField: Record<string, string> = {}
    for (const f of fields) {
      const path = f.path.replace(/^body\.(event\.)?/, '')
      const key = path === 'listedYears' || path.startsWith('listedYears.') ? 'years' : path.startsWith('agenda') ? 'agenda' : path.startsWith('materialIds') ? 'materials' : path.split('.')[0]!
      byField[key] ??= f.message
    }
    setErrors(byField)
    setFormError(fallback)
  }

  const save = async () => {
    const { input, local } = toInput(values, materials)
    const parsed = EventInputSchema.safeParse(input)
    if (!parsed.success || Object.keys(local).length) {
      show(parsed.success ? [] : fieldErrors(parsed.error), null)
      setErrors((prev) => ({ ...prev, ...local }))
      return
    }
    setSaving(true)
    try {
      const saved = event ? await updateEvent(event.id, input, values.notice.trim() || undefined) : await createEvent(input)
      void Taro.showToast({ title: event ? S.saved : S.created, icon: 'none' })
      setValues((prev) => ({ ...prev, notice: '' }))
      onSaved(saved)
    } catch (e) {
      const error = toApiError(e)
      show(error.fields, error.fields.length ? null : error.message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className="office-event-form">
      <View className="office-event-section">
        <TextField className="office-event-title-field" label={S.title} maxLength={60} {...text('title')} />
        <FormField className="office-event-description" label={S.description} error={errors.description}>
          <TextArea className="office-event-textarea" value={values.description} maxLength={3000} rows={4} autoSize disabled={disabled} onChange={set('description')} />
        </FormField>
        <ChoiceRow prefix="office-event-mode" label={S.mode} choices={MODE_CHOICES} value={values.mode} onChange={(mode) => setValues((prev) => ({ ...prev, mode: (mode || 'offline') as EventMode }))} />
        {values.mode === 'offline' ? (
          <TextField className="office-event-place" label={S.place} maxLength={200} {...text('place')} />
        ) : (
          <TextField className="office-event-link-field" label={S.link} placeholder="https://" maxLength={500} {...text('link')} />
        )}
      </View>
      <View className="office-event-section">
        <DateTimeField className="office-event-starts" label={S.startsAt} {...text('startsAt')} />
        <DateTimeField className="office-event-ends" label={S.endsAt} fallback={values.startsAt} {...text('endsAt')} />
        <DateTimeField className="office-event-opens" label={S.opensAt} {...text('registrationOpensAt')} />
        <DateTimeField className="office-event-closes" label={S.closesAt} fallback={values.registrationOpensAt} {...text('registrationClosesAt')} />
        <DateTimeField className="office-event-cancel-by" label={S.cancelBy} fallback={values.registrationClosesAt} {...text('cancellationDeadline')} />
      </View>
      <View className="office-event-section">
        <TextField className="office-event-capacity" label={S.capacity} maxLength={5} {...text('capacity')} />
        <TextField className="office-event-public-quota" label={S.publicQuota} maxLength={5} {...text('publicQuota')} />
        <TextField className="office-event-years" label={S.years} placeholder={S.yearsHint} maxLength={60} {...text('years')} />
        <FormField className="office-event-agenda" label={S.agenda} note={S.agendaHint} error={errors.agenda}>
          <TextArea className="office-event-textarea" value={values.agenda} maxLength={3000} rows={4} autoSize disabled={disabled} onChange={set('agenda')} />
        </FormField>
        <FormField className="office-event-materials" label={S.materials} error={errors.materials}>
          <AttachmentPicker className="office-event-materials-files" value={materials} onChange={setMaterials} max={10} disabled={disabled} />
        </FormField>
        {event && event.state !== 'draft' ? <TextField className="office-event-notice" label={S.notice} placeholder={S.noticeHint} maxLength={200} {...text('notice')} /> : null}
      </View>
      <FormError message={formError} className="office-event-form-error" />
      {disabled ? null : (
        <SubmitButton className="office-event-save" submitting={saving} onClick={() => void save()}>
          {S.save}
        </SubmitButton>
      )}
    </View>
  )
}

function Existing({ id }: { id: string }) {
  const loaded = useLoaded(fetchOfficeEvent, id)
  const e = loaded.data
  if (!e) {
    return (
      <LoadStates
        status={loaded.status}
        error={loaded.error}
        onRetry={() => void loaded.reload()}
        loading={{ className: 'office-event-loading', rows: [3, 6] }}
        classes={{ notFound: 'office-event-not-found', back: 'office-event-back', error: 'office-event-error', retry: 'office-event-retry' }}
        strings={{ notFoundTitle: '活动不存在', notFoundDescription: '', errorTitle: '活动加载失败' }}
      />
    )
  }
  return (
    <>
      <OfficeHeader title={`${S.editTitle} · ${e.title}`} />
      <Steps event={e} onDone={loaded.replace} />
      {/* Keyed by the version: a step or a save shows the server's values. */}
      <Editor key={e.updatedAt} event={e} onSaved={loaded.replace} />
    </>
  )
}

/** 新建 / 编辑交流活动 (第二十条): the form (a published event's change tells every registrant), and the event's steps. */
export default function OfficeEventEdit() {
  const { params } = useRouter()
  const id = validId(EventIdParamsSchema, params.id)
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="events">
            {id ? (
              <Existing id={id} />
            ) : (
              <>
                <OfficeHeader title={S.newTitle} />
                <Editor event={null} onSaved={(e) => void Taro.redirectTo({ url: `${PAGES.officeEventEdit}?id=${e.id}` })} />
              </>
            )}
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
