import { z } from 'zod'
import { EVENT_MODES, EVENT_STATES, REGISTRATION_QUOTAS, REGISTRATION_STATES } from './events'

/**
 * Check-in at an exchange event (交流活动, 第二十条). Each confirmed attendee's ticket carries a QR
 * code — a signed, expiring token (a JWS the server issues) — and the short check-in code of the
 * registration; the office scans the one or types the other. Checking in is idempotent: a second scan
 * answers who checked the attendee in and when, never a second record. After the event the office
 * marks the remaining confirmed registrations as no-shows.
 */

const ObjectId = (what: string) => z.string().regex(/^[0-9a-f]{24}$/, `${what}编号格式不正确`)
const Instant = z.iso.datetime({ offset: true })

/**
 * How long a ticket's token is valid after it is issued (the ticket page fetches a new one each time
 * it is shown), and never past the event's end plus CHECKIN_GRACE_HOURS: a screenshot does not work
 * for ever, and the short code stays the fallback at the door.
 */
export const TICKET_TTL_HOURS = 24
export const CHECKIN_GRACE_HOURS = 2

/** The `aud` of a ticket token: a token signed for anything else is refused. */
export const TICKET_AUDIENCE = 'zlbg:event-check-in'

export const TicketParamsSchema = z.strictObject({ id: ObjectId('报名') })
export const CheckInEventParamsSchema = z.strictObject({ id: ObjectId('活动') })

/** What the QR shows and the office's scanner reads, while the ticket can be used. */
export const TicketPassSchema = z.strictObject({
  token: z.string().meta({ description: '签名的签到令牌（JWS），即二维码的内容' }),
  qrDataUrl: z.string().meta({ description: '二维码图片（data:image/png;base64,…）' }),
  expiresAt: Instant.meta({ description: '令牌失效时间；电子票页面每次打开都会取新的令牌' }),
  checkInCode: z.string().meta({ description: '签到码：扫码不便时由工作人员输入' }),
})
export type TicketPass = z.infer<typeof TicketPassSchema>

/** One attendee's ticket as its owner sees it. */
export const TicketSchema = z
  .strictObject({
    registrationId: z.string(),
    eventId: z.string(),
    eventTitle: z.string(),
    mode: z.enum(EVENT_MODES),
    modeLabel: z.string(),
    place: z.string().optional(),
    startsAt: Instant,
    endsAt: Instant,
    attendee: z.strictObject({ name: z.string(), title: z.string() }),
    organizationName: z.string().optional(),
    state: z.enum(REGISTRATION_STATES),
    stateLabel: z.string(),
    checkedInAt: Instant.optional(),
    pass: TicketPassSchema.optional().meta({ description: '仅已确认、活动未取消且未结束时提供' }),
    /** Why there is no QR code (waitlisted, cancelled, the event over or called off); absent with `pass`. */
    note: z.string().optional(),
  })
  .meta({ id: 'EventTicket' })
export type Ticket = z.infer<typeof TicketSchema>

/** What the office scans or types: the QR's token, or the short check-in code. */
export const CheckInInputSchema = z.strictObject({
  credential: z
    .string()
    .trim()
    .min(4, '请扫描二维码或输入签到码')
    .max(2000, '签到内容过长，请确认扫描的是本系统的电子票')
    .meta({ description: '电子票二维码中的令牌，或签到码' }),
}).meta({ id: 'CheckInInput' })
export type CheckInInput = z.infer<typeof CheckInInputSchema>

/** Counts of an event's registrations by state. */
export const CheckInCountsSchema = z.strictObject({
  confirmed: z.number().int().meta({ description: '已确认、尚未签到' }),
  attended: z.number().int(),
  noShow: z.number().int(),
  waitlisted: z.number().int(),
  cancelled: z.number().int(),
})
export type CheckInCounts = z.infer<typeof CheckInCountsSchema>

/** One attendee as the office sees them at the door. */
export const CheckInAttendeeSchema = z.strictObject({
  registrationId: z.string(),
  name: z.string(),
  title: z.string(),
  organizationName: z.string().meta({ description: '所属入选组织；公众名额为「公众报名」' }),
  quota: z.enum(REGISTRATION_QUOTAS),
  state: z.enum(REGISTRATION_STATES),
  stateLabel: z.string(),
  checkedInAt: Instant.optional(),
  checkedInBy: z.string().optional().meta({ description: '办理签到的工作人员' }),
})
export type CheckInAttendee = z.infer<typeof CheckInAttendeeSchema>

export const CHECKIN_OUTCOMES = ['checked_in', 'already_checked_in'] as const
export type CheckInOutcome = (typeof CHECKIN_OUTCOMES)[number]

export const CheckInResultSchema = z
  .strictObject({
    outcome: z.enum(CHECKIN_OUTCOMES),
    /** 签到成功, or 已签到（时间，由谁）. */
    message: z.string(),
    attendee: CheckInAttendeeSchema,
    counts: CheckInCountsSchema,
  })
  .meta({ id: 'CheckInResult' })
export type CheckInResult = z.infer<typeof CheckInResultSchema>

/** The office's check-in page: the event, whether check-in and no-show marking are open now, the counts, the latest arrivals. */
export const CheckInBoardSchema = z
  .strictObject({
    event: z.strictObject({
      id: z.string(),
      title: z.string(),
      state: z.enum(EVENT_STATES),
      stateLabel: z.string(),
      mode: z.enum(EVENT_MODES),
      modeLabel: z.string(),
      place: z.string().optional(),
      startsAt: Instant,
      endsAt: Instant,
      /** 00:00 Asia/Shanghai on the event's first day. */
      checkInOpensAt: Instant,
    }),
    canCheckIn: z.boolean(),
    canMarkNoShows: z.boolean(),
    counts: CheckInCountsSchema,
    recent: z.array(CheckInAttendeeSchema).meta({ description: '最近签到的参会人（最新在前，最多 20 人）' }),
  })
  .meta({ id: 'CheckInBoard' })
export type CheckInBoard = z.infer<typeof CheckInBoardSchema>

export const CHECKIN_RECENT_MAX = 20

export const NoShowResultSchema = z.strictObject({
  marked: z.number().int().meta({ description: '本次标记为未到场的人数' }),
  counts: CheckInCountsSchema,
}).meta({ id: 'NoShowResult' })
export type NoShowResult = z.infer<typeof NoShowResultSchema>
