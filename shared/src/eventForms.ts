import { z } from 'zod'
import { ATTACHMENT_CONTENT_TYPES, AttachmentIdSchema } from './attachments'
import {
  EVENT_EVENTS,
  EVENT_MODES,
  EVENT_STATES,
  REGISTRATION_EVENTS,
  REGISTRATION_QUOTAS,
  REGISTRATION_STATES,
} from './events'
import { IdempotencyKeySchema, ObjectorPhoneSchema } from './objections'
import { decimalInteger, pageOf, PageQuerySchema } from './pagination'
import { readableText } from './text'
import { rfc3339Instant } from './time'

/**
 * Exchange events (交流活动, 第二十条) as the contract carries them: the office's event form, what the
 * public reads, the registration form (attendees, with the client's idempotency key) and what a
 * registrant sees of their registrations. One schema per concept: the server validates with it, the
 * mini-program's forms validate with it, and the OpenAPI document is generated from it.
 */

const Instant = rfc3339Instant().meta({ description: 'RFC 3339 时间，含秒与时区（UTC 存储，按北京时间显示）' })
const OutInstant = z.iso.datetime({ offset: true })
const Id = (what: string) => z.string().regex(/^[0-9a-f]{24}$/, `${what}编号格式不正确`)

export const EVENT_CAPACITY_MAX = 5000
export const EVENT_AGENDA_MAX = 30
export const EVENT_MATERIALS_MAX = 10
/** Attendees one request registers (each one seat, or one place in line). */
export const ATTENDEES_PER_REQUEST_MAX = 10
/** The listed years an event may name: the programme started long after 2000. */
const YEAR = z.int('请填写年份').min(2000, '年份不早于 2000 年').max(2100, '年份不晚于 2100 年')

const AgendaItemSchema = z.strictObject({
  at: readableText({ max: 20, label: '时间' }),
  item: readableText({ max: 100, label: '议程内容' }),
})

/**
 * The office's event form (第二十条). Instants in order: the registration window closes no later than
 * the start, the start precedes the end, cancelling is possible until no later than the start; an
 * offline event names its place, an online one its meeting link (given to confirmed attendees only).
 */
export const EventInputSchema = z
  .strictObject({
    title: readableText({ min: 4, max: 60, label: '活动名称' }),
    description: readableText({ min: 10, max: 3000, label: '活动介绍', multiline: true }),
    mode: z.enum(EVENT_MODES, { error: '请选择线下或线上' }),
    place: readableText({ min: 2, max: 200, label: '活动地点' }).optional(),
    link: z.url({ protocol: /^https$/, error: '会议链接须为 https 地址' }).max(500, '会议链接最多 500 个字符').optional(),
    startsAt: Instant,
    endsAt: Instant,
    registrationOpensAt: Instant,
    registrationClosesAt: Instant,
    cancellationDeadline: Instant,
    capacity: z.int('请填写名额').min(1, '名额至少 1 个').max(EVENT_CAPACITY_MAX, `名额最多 ${EVENT_CAPACITY_MAX} 个`),
    /** Empty: members of any listed organization may register. */
    listedYears: z.array(YEAR).max(30).default([]),
    /** Seats for signed-in WeChat users beside the listed organizations'; 0: not open to the public. */
    publicQuota: z.int('请填写社会公众名额').min(0, '社会公众名额不能为负').max(EVENT_CAPACITY_MAX).default(0),
    agenda: z.array(AgendaItemSchema).max(EVENT_AGENDA_MAX, `议程最多 ${EVENT_AGENDA_MAX} 项`).default([]),
    materialIds: z.array(AttachmentIdSchema).max(EVENT_MATERIALS_MAX, `活动资料最多 ${EVENT_MATERIALS_MAX} 个`).default([]),
  })
  .superRefine((v, ctx) => {
    const t = (s: string) => Date.parse(s)
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
    if (v.mode === 'offline' && !v.place) issue('place', '线下活动请填写活动地点')
    if (v.mode === 'online' && !v.link) issue('link', '线上活动请填写会议链接')
    if (v.mode === 'offline' && v.link) issue('link', '线下活动不填写会议链接')
    if (t(v.endsAt) <= t(v.startsAt)) issue('endsAt', '结束时间应晚于开始时间')
    if (t(v.registrationClosesAt) <= t(v.registrationOpensAt)) issue('registrationClosesAt', '报名截止时间应晚于报名开始时间')
    if (t(v.registrationClosesAt) > t(v.startsAt)) issue('registrationClosesAt', '报名截止时间不能晚于活动开始时间')
    if (t(v.cancellationDeadline) > t(v.startsAt)) issue('cancellationDeadline', '取消报名截止时间不能晚于活动开始时间')
    if (new Set(v.listedYears).size !== v.listedYears.length) issue('listedYears', '入选年度有重复')
  })
  .meta({ id: 'EventInput' })
export type EventInput = z.input<typeof EventInputSchema>

export const EventIdParamsSchema = z.strictObject({ id: Id('活动') })
export const EventFileParamsSchema = z.strictObject({ id: Id('活动'), attachmentId: AttachmentIdSchema })
export const RegistrationIdParamsSchema = z.strictObject({ id: Id('报名') })

const MaterialSchema = z.strictObject({ attachmentId: z.string(), filename: z.string(), contentType: z.enum(ATTACHMENT_CONTENT_TYPES), size: z.number().int() })
const AgendaSchema = z.strictObject({ at: z.string(), item: z.string() })

/**
 * An event as everyone reads it (cached under the `events` stamp): seats left from the counters, the
 * instants (the client compares them with its own clock; the server checks again on registering).
 * Never the online link: that goes to confirmed attendees only, through their own registrations.
 */
export const PublicEventSchema = z
  .strictObject({
    id: z.string(),
    state: z.enum(EVENT_STATES),
    title: z.string(),
    description: z.string(),
    mode: z.enum(EVENT_MODES),
    place: z.string().optional(),
    startsAt: OutInstant,
    endsAt: OutInstant,
    registrationOpensAt: OutInstant,
    registrationClosesAt: OutInstant,
    cancellationDeadline: OutInstant,
    capacity: z.number().int(),
    seatsLeft: z.number().int(),
    publicQuota: z.number().int(),
    publicSeatsLeft: z.number().int(),
    listedYears: z.array(z.number().int()),
    agenda: z.array(AgendaSchema),
    materials: z.array(MaterialSchema),
    cancelReason: z.string().optional(),
  })
  .meta({ id: 'PublicEvent' })
export type PublicEvent = z.infer<typeof PublicEventSchema>
export const PublicEventPageSchema = pageOf(PublicEventSchema.omit({ description: true, agenda: true, materials: true })).meta({ id: 'PublicEventPage' })
export type PublicEventRow = z.infer<typeof PublicEventPageSchema>['items'][number]

/** A phone the office can reach the attendee on: a mainland mobile or a landline with its area code. */
export const AttendeePhoneSchema = ObjectorPhoneSchema

export const AttendeeSchema = z.strictObject({
  name: readableText({ min: 2, max: 30, label: '参会人姓名' }),
  title: readableText({ min: 2, max: 30, label: '职务' }),
  phone: AttendeePhoneSchema,
})
export type Attendee = z.infer<typeof AttendeeSchema>

/**
 * Registering attendees (第二十条). With `organizationId`, for that listed organization (the caller is a
 * member of it, and the event invites its years); without, on the public quota (when the event has
 * one). Each attendee is one registration: a seat, or a place on the waitlist. A retried request with
 * the same key answers the first result and registers nobody twice.
 */
export const RegistrationInputSchema = z
  .strictObject({
    idempotencyKey: IdempotencyKeySchema,
    organizationId: Id('组织').optional(),
    attendees: z
      .array(AttendeeSchema)
      .min(1, '请至少填写一位参会人')
      .max(ATTENDEES_PER_REQUEST_MAX, `一次最多报名 ${ATTENDEES_PER_REQUEST_MAX} 人`),
  })
  .superRefine((v, ctx) => {
    const phones = v.attendees.map((a) => a.phone)
    phones.forEach((p, i) => {
      if (phones.indexOf(p) !== i) ctx.addIssue({ code: 'custom', path: ['attendees', i, 'phone'], message: '同一手机号只能报名一位参会人' })
    })
  })
  .meta({ id: 'RegistrationInput' })
export type RegistrationInput = z.input<typeof RegistrationInputSchema>

/**
 * One registration as its registrant (and the members of its organization) see it: state, place in
 * line while waitlisted, whether it may still be cancelled, and — confirmed, for an online event —
 * the meeting link.
 */
export const MyRegistrationSchema = z
  .strictObject({
    id: z.string(),
    eventId: z.string(),
    eventTitle: z.string(),
    eventState: z.enum(EVENT_STATES),
    startsAt: OutInstant,
    endsAt: OutInstant,
    mode: z.enum(EVENT_MODES),
    place: z.string().optional(),
    link: z.string().optional(),
    quota: z.enum(REGISTRATION_QUOTAS),
    organizationName: z.string().optional(),
    attendee: z.strictObject({ name: z.string(), title: z.string(), phone: z.string() }),
    state: z.enum(REGISTRATION_STATES),
    /** 1 = next in line (waitlisted only). */
    waitlistPosition: z.number().int().optional(),
    cancellationDeadline: OutInstant,
    canCancel: z.boolean(),
    registeredAt: OutInstant,
  })
  .meta({ id: 'MyRegistration' })
export type MyRegistration = z.infer<typeof MyRegistrationSchema>
export const MyRegistrationPageSchema = pageOf(MyRegistrationSchema).meta({ id: 'MyRegistrationPage' })
export const MyRegistrationListSchema = z.strictObject({ items: z.array(MyRegistrationSchema) }).meta({ id: 'MyRegistrationList' })

/** What a registering request answers: each attendee's registration, in the order sent. */
export const RegistrationResultSchema = z
  .strictObject({ items: z.array(MyRegistrationSchema), confirmed: z.number().int(), waitlisted: z.number().int() })
  .meta({ id: 'RegistrationResult' })
export type RegistrationResult = z.infer<typeof RegistrationResultSchema>

// ---- the office ----

export const OfficeEventSchema = PublicEventSchema.extend({
  link: z.string().optional(),
  waitSeq: z.number().int(),
  counts: z.strictObject(Object.fromEntries(REGISTRATION_STATES.map((s) => [s, z.number().int()])) as Record<(typeof REGISTRATION_STATES)[number], z.ZodNumber>),
  seatsTaken: z.strictObject({ listed: z.number().int(), public: z.number().int() }),
  publishedAt: OutInstant.optional(),
  cancelledAt: OutInstant.optional(),
  createdAt: OutInstant,
  updatedAt: OutInstant,
  /** The machine's steps the caller may take now: the buttons to show. */
  events: z.array(z.enum(EVENT_EVENTS)),
  canEdit: z.boolean(),
}).meta({ id: 'OfficeEvent' })
export type OfficeEvent = z.infer<typeof OfficeEventSchema>
export const OfficeEventQuerySchema = PageQuerySchema.extend({ state: z.enum(EVENT_STATES).optional() })
export const OfficeEventPageSchema = pageOf(
  OfficeEventSchema.pick({ id: true, state: true, title: true, mode: true, startsAt: true, capacity: true, seatsLeft: true, publicQuota: true, publicSeatsLeft: true, counts: true }),
).meta({ id: 'OfficeEventPage' })

/** One step of the event's machine (发布, 截止报名, 重新开放报名, 已举办, 取消); cancelling needs a reason, told to every registrant. */
export const EventStepInputSchema = z
  .strictObject({
    event: z.enum(EVENT_EVENTS, { error: '未知的操作' }),
    reason: readableText({ max: 500, label: '原因', multiline: true }).optional(),
  })
  .meta({ id: 'EventStep' })

/** The office's edit of a published event says what changed; every registrant is told (第二十条). */
export const EventUpdateSchema = z
  .strictObject({ event: EventInputSchema, notice: readableText({ max: 200, label: '变更说明', multiline: true }).optional() })
  .meta({ id: 'EventUpdate' })

export const OfficeRegistrationSchema = z
  .strictObject({
    id: z.string(),
    quota: z.enum(REGISTRATION_QUOTAS),
    organizationName: z.string().optional(),
    registeredByName: z.string(),
    attendee: z.strictObject({ name: z.string(), title: z.string(), phone: z.string() }),
    state: z.enum(REGISTRATION_STATES),
    waitlistPosition: z.number().int().optional(),
    moderation: z.enum(['passed', 'pending']),
    checkedInAt: OutInstant.optional(),
    registeredAt: OutInstant,
    events: z.array(z.enum(REGISTRATION_EVENTS)),
  })
  .meta({ id: 'OfficeRegistration' })
export const OfficeRegistrationQuerySchema = PageQuerySchema.extend({
  state: z.enum(REGISTRATION_STATES).optional(),
  pageSize: decimalInteger(1, 50).default(20),
})
export const OfficeRegistrationPageSchema = pageOf(OfficeRegistrationSchema).meta({ id: 'OfficeRegistrationPage' })
