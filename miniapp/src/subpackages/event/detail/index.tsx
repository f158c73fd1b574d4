import { useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  ATTENDEES_PER_REQUEST_MAX,
  EVENT_STATE_LABELS,
  EventIdParamsSchema,
  fieldErrors,
  formatDateTime,
  RegistrationInputSchema,
  type Me,
} from '@zlbg/shared'
import { toApiError } from '../../../api/errors'
import { useConfirm } from '../../../components/ConfirmDialog'
import { FormError, SubmitButton, TextField } from '../../../components/FormField'
import { LoadStates } from '../../../components/LoadStates'
import { SignInPrompt } from '../../../components/SignInPrompt'
import { useLoaded, validId } from '../../../hooks/useLoaded'
import { useMe } from '../../../hooks/useMe'
import { Button } from '../../../ui/nutui'
import { downloadMaterial, fetchEvent, fetchMyEventRegistrations, newIdempotencyKey, registerForEvent, registrationOpen, type PublicEvent } from '../api'
import { RegistrationCard } from '../RegistrationCard'
import { EVENT_STRINGS } from '../strings'
import '../event.css'

const D = EVENT_STRINGS.detail
const R = EVENT_STRINGS.register

function Line({ label, value, className = '' }: { label: string; value: string; className?: string }) {
  return (
    <View className={`event-line ${className}`}>
      <Text className="event-line-label">{label}</Text>
      <Text className="event-line-value">{value}</Text>
    </View>
  )
}

function EventInfo({ e }: { e: PublicEvent }) {
  return (
    <>
      <View className="event-card">
        <View className="event-registration-head">
          <Text className="event-card-title event-detail-title">{e.title}</Text>
          <Text className={`event-state event-state--${e.state} event-detail-state`}>{EVENT_STATE_LABELS[e.state]}</Text>
        </View>
        {e.state === 'cancelled' && e.cancelReason ? <Text className="event-notice event-detail-cancelled">{D.cancelled(e.cancelReason)}</Text> : null}
        <Line label={D.when} value={`${formatDateTime(e.startsAt)} — ${formatDateTime(e.endsAt)}`} />
        <Line label={D.where} value={e.mode === 'online' ? D.online : (e.place ?? '')} className="event-detail-place" />
        <Line label={D.seats} value={D.seatsLine(e.seatsLeft, e.capacity)} className="event-detail-seats" />
        {e.publicQuota > 0 ? <Line label="" value={D.publicSeatsLine(e.publicSeatsLeft, e.publicQuota)} className="event-detail-public-seats" /> : null}
        <Line label={D.invited} value={D.invitedYears(e.listedYears)} />
        <Line label={D.window} value={`${formatDateTime(e.registrationOpensAt)} — ${formatDateTime(e.registrationClosesAt)}`} />
        <Line label={D.cancelBy} value={formatDateTime(e.cancellationDeadline)} />
      </View>
      <View className="event-card">
        <Text className="event-section-title">{D.description}</Text>
        <Text className="event-text">{e.description}</Text>
      </View>
      {e.agenda.length ? (
        <View className="event-card event-detail-agenda">
          <Text className="event-section-title">{D.agenda}</Text>
          {e.agenda.map((a, i) => (
            <View key={i} className="event-agenda-item">
              <Text className="event-agenda-at">{a.at}</Text>
              <Text className="event-agenda-text">{a.item}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {e.materials.length ? (
        <View className="event-card event-detail-materials">
          <Text className="event-section-title">{D.materials}</Text>
          {e.materials.map((m) => (
            <Text key={m.attachmentId} className="event-material" onClick={() => void downloadMaterial(e.id, m.attachmentId, m.filename)}>
              {m.filename}
            </Text>
          ))}
        </View>
      ) : null}
    </>
  )
}

type Person = { name: string; title: string; phone: string }
const blank = (): Person => ({ name: '', title: '', phone: '' })

/** Who the caller may register for: their listed organizations, and the public quota when the event has one. */
function choicesOf(me: Me, e: PublicEvent): { value: string; label: string }[] {
  const orgs = me.organizations.filter((o) => o.listed).map((o) => ({ value: o.id, label: o.name }))
  const pub = e.publicQuota > 0 && me.roles.includes('wechat_user') ? [{ value: '', label: R.publicQuota }] : []
  return [...orgs, ...pub]
}

/** The registering form (第二十条): for which organization, and each attendee's name, title and phone; asked before it is sent. */
function RegisterForm({ e, me, onDone }: { e: PublicEvent; me: Me; onDone: (message: string) => void }) {
  const choices = choicesOf(me, e)
  const key = useRef(newIdempotencyKey())
  const [org, setOrg] = useState(choices[0]?.value ?? '')
  const [people, setPeople] = useState<Person[]>([blank()])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [dialog, confirm] = useConfirm()

  if (!choices.length) return <Text className="event-notice event-register-not-invited">{R.notInvited}</Text>

  const body = () => ({ idempotencyKey: key.current, ...(org ? { organizationId: org } : {}), attendees: people })
  const setPerson = (i: number, field: keyof Person, value: string) => {
    setPeople((prev) => prev.map((p, j) => (j === i ? { ...p, [field]: value } : p)))
    setErrors((prev) => {
      const next = { ...prev }
      delete next[`attendees.${i}.${field}`]
      return next
    })
  }
  const show = (fields: { path: string; message: string }[], fallback: string | null) => {
    const byPath: Record<string, string> = {}
    for (const f of fields) byPath[f.path.replace(/^body\./, '')] ??= f.message
    setErrors(byPath)
    setFormError(fields.length ? (fields.find((f) => !/attendees\.\d+\./.test(f.path))?.message ?? null) : fallback)
  }
  const send = async () => {
    setSubmitting(true)
    try {
      const result = await registerForEvent(e.id, body())
      key.current = newIdempotencyKey()
      setPeople([blank()])
      onDone(R.done(result.confirmed, result.waitlisted))
    } catch (err) {
      const error = toApiError(err)
      show(error.fields, error.message)
    } finally {
      setSubmitting(false)
    }
  }
  const submit = () => {
    const parsed = RegistrationInputSchema.safeParse(body())
    if (!parsed.success) return show(fieldErrors(parsed.error), null)
    confirm({ title: R.confirmTitle, content: R.confirmContent(people.length), confirmText: R.submit, onConfirm: send })
  }

  return (
    <View className="event-card event-register">
      <Text className="event-section-title">{R.title}</Text>
      <View className="form-field event-register-org">
        <Text className="form-field-label">{R.forOrg}</Text>
        <View className="event-choices">
          {choices.map((c) => (
            <View key={c.value || 'public'} className={`event-choice${org === c.value ? ' event-choice--on' : ''}`} onClick={() => setOrg(c.value)}>
              <Text>{c.label}</Text>
            </View>
          ))}
        </View>
      </View>
      {people.map((p, i) => (
        <View key={i} className={`event-attendee event-attendee-${i}`}>
          <View className="event-attendee-head">
            <Text className="event-attendee-label">{R.attendee(i)}</Text>
            {people.length > 1 ? (
              <Text className="event-attendee-remove" onClick={() => setPeople((prev) => prev.filter((_, j) => j !== i))}>
                {R.remove}
              </Text>
            ) : null}
          </View>
          <TextField className="event-attendee-name" label={R.name} maxLength={30} value={p.name} error={errors[`attendees.${i}.name`]} onChange={(v) => setPerson(i, 'name', v)} />
          <TextField className="event-attendee-title" label={R.titleField} maxLength={30} value={p.title} error={errors[`attendees.${i}.title`]} onChange={(v) => setPerson(i, 'title', v)} />
          <TextField className="event-attendee-phone" label={R.phone} placeholder={R.phonePlaceholder} maxLength={20} value={p.phone} error={errors[`attendees.${i}.phone`]} onChange={(v) => setPerson(i, 'phone', v)} />
        </View>
      ))}
      {people.length < ATTENDEES_PER_REQUEST_MAX ? (
        <Button className="event-attendee-add" size="small" fill="outline" onClick={() => setPeople((prev) => [...prev, blank()])}>
          {R.add}
        </Button>
      ) : (
        <Text className="event-meta">{R.max}</Text>
      )}
      <Text className="event-meta">{R.privacy}</Text>
      <FormError message={formError} className="event-register-error" />
      <SubmitButton className="event-register-submit" submitting={submitting} onClick={submit}>
        {R.submit}
      </SubmitButton>
      {dialog}
    </View>
  )
}

function Registering({ e, onChanged }: { e: PublicEvent; onChanged: () => void }) {
  const { status, me } = useMe()
  const mine = useLoaded(fetchMyEventRegistrations, me ? e.id : undefined)
  const [done, setDone] = useState<string | null>(null)
  useDidShow(() => {
    if (me) void mine.refresh()
  })
  const changed = () => {
    void mine.refresh()
    onChanged()
  }
  const now = Date.now()
  let form
  if (!registrationOpen(e, now)) {
    const why = e.state !== 'published' ? R.closed : now < Date.parse(e.registrationOpensAt) ? R.notYet(formatDateTime(e.registrationOpensAt)) : R.ended(formatDateTime(e.registrationClosesAt))
    form = <Text className="event-notice event-register-closed">{why}</Text>
  } else if (status === 'signedOut') {
    form = <SignInPrompt reason={R.signIn} />
  } else if (me) {
    form = (
      <RegisterForm
        e={e}
        me={me}
        onDone={(message) => {
          setDone(message)
          void Taro.showToast({ title: message, icon: 'none', duration: 2500 })
          changed()
        }}
      />
    )
  }
  const items = mine.data?.items ?? []
  return (
    <>
      {done ? <Text className="event-notice event-register-done">{done}</Text> : null}
      {items.length ? (
        <View className="event-detail-mine">
          <Text className="event-section-title event-mine-heading">{EVENT_STRINGS.mine.thisEvent}</Text>
          {items.map((r) => (
            <RegistrationCard key={r.id} r={r} showEvent={false} onChanged={changed} />
          ))}
        </View>
      ) : null}
      {form}
    </>
  )
}

/** One exchange event (第二十条): what, when, where, seats left, agenda and materials; my registrations; registering. */
export default function EventDetail() {
  const { params } = useRouter()
  const loaded = useLoaded(fetchEvent, validId(EventIdParamsSchema, params.id))
  useDidShow(() => void loaded.refresh())
  const e = loaded.data
  return (
    <View className="page event event-detail">
      {e ? (
        <>
          <EventInfo e={e} />
          <Registering e={e} onChanged={() => void loaded.refresh()} />
        </>
      ) : (
        <LoadStates
          status={loaded.status}
          error={loaded.error}
          onRetry={() => void loaded.reload()}
          loading={{ className: 'event-loading', rows: [4, 6], boxClassName: 'event-card' }}
          classes={{ notFound: 'event-not-found', back: 'event-back', error: 'event-error', retry: 'event-retry' }}
          strings={{ notFoundTitle: D.notFound, notFoundDescription: D.notFoundHint, errorTitle: D.errorTitle }}
        />
      )}
    </View>
  )
}
