import { z } from 'zod'
import { pageOf, PageQuerySchema } from './pagination'
import { readableText } from './text'
import { formatDateTime, inShanghai } from './time'

/**
 * Publicity (公示, 第十八条): the office publishes a call's recommended list for 5 working days
 * (workdays.ts computes the window); anyone may object (objections.ts) while it is open. This file
 * holds the concepts the server, the mini-program and the OpenAPI document share; the list's
 * entries are snapshots of what the public may see (organization, experience title, sector,
 * region) taken when the list is published, never the application itself.
 */

/**
 * open: published, objections accepted between the window's opensAt and closesAt;
 * closed: the closing job ran after closesAt (entries with no open objection passed publicity).
 */
export const PUBLICITY_STATES = ['open', 'closed'] as const
export type PublicityState = (typeof PUBLICITY_STATES)[number]
export const PUBLICITY_STATE_LABELS: Record<PublicityState, string> = { open: '公示中', closed: '公示结束' }

/**
 * What the public sees of one entry: listed (in publicity), withdrawn after an upheld objection
 * (kept on the list, marked — 第十八条), passed publicity.
 */
export const PUBLICITY_ENTRY_STATUSES = ['listed', 'withdrawn', 'passed'] as const
export type PublicityEntryStatus = (typeof PUBLICITY_ENTRY_STATUSES)[number]
export const PUBLICITY_ENTRY_STATUS_LABELS: Record<PublicityEntryStatus, string> = {
  listed: '公示中',
  withdrawn: '经异议核实，已撤销',
  passed: '公示通过',
}

// ---- the contract (routes/publicity.ts)

const ObjectId = (what: string) => z.string().regex(/^[0-9a-f]{24}$/, `${what}编号格式不正确`)
const Instant = z.iso.datetime({ offset: true })
const LocalDate = z.iso.date('日期格式应为 YYYY-MM-DD')

export const PublicityIdParamsSchema = z.strictObject({ id: ObjectId('公示名单') })
export const PublicityListQuerySchema = PageQuerySchema

/** 联系方式与异议方式: what the office publishes with the list (第十八条: 异议须实名提出). */
export const PUBLICITY_CONTACT_MAX = 500
export const PublicityContactSchema = readableText({ min: 10, max: PUBLICITY_CONTACT_MAX, label: '联系方式与异议说明', multiline: true })

/**
 * One entry as the public sees it: the organization, the experience's title, sector and region —
 * never anything else of the application (第十三条). Labels, not codes: the feed's readers and the
 * mini-program show them as they are.
 */
export const PublicEntrySchema = z
  .strictObject({
    id: z.string(),
    organizationName: z.string(),
    title: z.string(),
    sector: z.string().optional().meta({ description: '所属领域（名称）' }),
    region: z.string().optional().meta({ description: '所在地区（省级名称）' }),
    status: z.enum(PUBLICITY_ENTRY_STATUSES),
    statusLabel: z.string(),
  })
  .meta({ id: 'PublicityEntry' })
export type PublicEntry = z.infer<typeof PublicEntrySchema>

/**
 * The window as instants (the client decides "open now" from them and its own clock — a cached
 * answer never carries a flag that goes stale) and as Asia/Shanghai text for reading.
 */
export const PublicWindowSchema = z
  .strictObject({
    startDay: LocalDate,
    endDay: LocalDate,
    opensAt: Instant.meta({ description: '开始日北京时间 00:00:00' }),
    closesAt: Instant.meta({ description: '第 5 个工作日北京时间 23:59:59.999' }),
    workingDays: z.array(LocalDate),
    display: z.string().meta({ description: '公示期（北京时间），供直接显示' }),
  })
  .meta({ id: 'PublicityWindowPublic' })

export const PublicitySchema = z
  .strictObject({
    id: z.string(),
    callId: z.string(),
    callTitle: z.string(),
    state: z.enum(PUBLICITY_STATES),
    stateLabel: z.string(),
    window: PublicWindowSchema,
    contact: z.string().meta({ description: '联系方式与异议方式' }),
    publishedAt: Instant,
    closedAt: Instant.optional(),
    entries: z.array(PublicEntrySchema),
  })
  .meta({ id: 'Publicity' })
export type Publicity = z.infer<typeof PublicitySchema>
export const PublicityPageSchema = pageOf(PublicitySchema).meta({ id: 'PublicityPage' })
export type PublicityPage = z.infer<typeof PublicityPageSchema>

/** 显示用公示期: 2026年12月1日 00:00 至 2026年12月7日 23:59:59（北京时间）. */
export function publicityWindowDisplay(opensAt: string | Date, closesAt: string | Date): string {
  return `${formatDateTime(opensAt)} 至 ${inShanghai(closesAt).format('YYYY年M月D日 HH:mm:ss')}（北京时间）`
}

/** Whether objections are accepted at `now` by the window alone (the server checks again when one is filed). */
export function publicityOpenAt(window: { opensAt: string; closesAt: string }, now: Date): boolean {
  const t = now.getTime()
  return Date.parse(window.opensAt) <= t && t <= Date.parse(window.closesAt)
}

// ---- the office's side

export const StartPublicitySchema = z
  .strictObject({
    startDay: LocalDate.meta({ description: '公示开始日（须为工作日且不早于今天，北京时间）' }),
    contact: PublicityContactSchema,
  })
  .meta({ id: 'StartPublicity' })
export type StartPublicity = z.infer<typeof StartPublicitySchema>

export const CallPublicityParamsSchema = z.strictObject({ id: ObjectId('征集通知') })
export const CallPublicityPreviewQuerySchema = z.strictObject({ start: LocalDate.optional() })

/** A call's recommended list before it is published, with the window a start day would give. */
export const PublicityPreviewSchema = z
  .strictObject({
    callId: z.string(),
    callTitle: z.string(),
    /** The list already published for this call, if any (one per call). */
    publicityId: z.string().optional(),
    /** Today in Asia/Shanghai: the earliest start day. */
    today: LocalDate,
    entries: z.array(PublicEntrySchema.omit({ id: true, status: true, statusLabel: true }).extend({ applicationId: z.string() })),
    window: PublicWindowSchema.optional(),
    /** 异议方式与联系人 to start from: how to object, and the call's own contact. */
    suggestedContact: z.string(),
  })
  .meta({ id: 'PublicityPreview' })
export type PublicityPreview = z.infer<typeof PublicityPreviewSchema>

/** The office's overview: calls with recommended applications or a list, and each list's counts. */
export const OfficePublicityRowSchema = z
  .strictObject({
    callId: z.string(),
    callTitle: z.string(),
    recommendedCount: z.number().int(),
    publicity: z
      .strictObject({
        id: z.string(),
        state: z.enum(PUBLICITY_STATES),
        stateLabel: z.string(),
        window: PublicWindowSchema,
        counts: z.strictObject({ listed: z.number().int(), withdrawn: z.number().int(), passed: z.number().int() }),
      })
      .optional(),
  })
  .meta({ id: 'OfficePublicityRow' })
export const OfficePublicityPageSchema = pageOf(OfficePublicityRowSchema).meta({ id: 'OfficePublicityPage' })
export type OfficePublicityPage = z.infer<typeof OfficePublicityPageSchema>

// ---- the public feed for the association's website (JSON Feed 1.1 and Atom)

/** One list as a JSON Feed item; `_publicity` (an extension, as JSON Feed allows) carries the list itself. */
export const PublicityFeedSchema = z
  .strictObject({
    version: z.literal('https://jsonfeed.org/version/1.1'),
    title: z.string(),
    description: z.string(),
    language: z.literal('zh-CN'),
    items: z.array(
      z.strictObject({
        id: z.string(),
        url: z.string(),
        title: z.string(),
        content_text: z.string(),
        date_published: Instant,
        date_modified: Instant,
        _publicity: PublicitySchema,
      }),
    ),
  })
  .meta({ id: 'PublicityFeed' })
export type PublicityFeed = z.infer<typeof PublicityFeedSchema>
/** How many lists the feeds carry, newest first. */
export const PUBLICITY_FEED_SIZE = 20
