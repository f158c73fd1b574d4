import { z } from 'zod'
import { pageOf, PageQuerySchema } from './pagination'

const Instant = z.iso.datetime({ offset: true })
const ObjectIdSchema = (what: string) => z.string().regex(/^[0-9a-f]{24}$/, `${what}编号格式不正确`)

/**
 * The WeChat subscription-message templates (订阅消息) the server can send, by what they are for.
 * Each deployment maps them to its own template ids (README, "WeChat"); the mini-program asks for
 * them at the moment of the user's tap, at most three per prompt.
 */
export const MESSAGE_TEMPLATES = ['application_progress', 'defense_schedule', 'objection_result', 'event_reminder'] as const
export type MessageTemplate = (typeof MESSAGE_TEMPLATES)[number]
export const MESSAGE_TEMPLATE_LABELS: Record<MessageTemplate, string> = {
  // 第十四条–第十九条: submitted, supplement requested, qualified, shortlisted, recommended, published.
  application_progress: '申报进度通知',
  // 第十七条: defense review slots and site visits.
  defense_schedule: '答辩安排通知',
  // 第十八条: the outcome of an objection raised during publicity.
  objection_result: '异议处理结果通知',
  // 第二十条: exchange events for listed organizations.
  event_reminder: '交流活动提醒',
}
/** WeChat allows at most three templates in one wx.requestSubscribeMessage prompt. */
export const MAX_TEMPLATES_PER_PROMPT = 3

// ---- In-app message center (我的 → 消息) ----

export const MessageViewSchema = z
  .strictObject({
    id: z.string(),
    /** What it is about, e.g. application.supplementRequested; the client may pick an icon by it. */
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    /** A mini-program page path to open, e.g. /subpackages/org/application?id=… */
    link: z.string().optional(),
    createdAt: Instant,
    readAt: Instant.optional(),
  })
  .meta({ id: 'Message' })
export type MessageView = z.infer<typeof MessageViewSchema>

export const MessageListQuerySchema = PageQuerySchema.extend({
  // true or false, as the document says: an empty `?unreadOnly=` is refused, not read as either.
  unreadOnly: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: '只看未读' }),
})
export const MessagePageSchema = pageOf(MessageViewSchema)
  .extend({ unread: z.number().int().meta({ description: '未读消息总数（不受分页影响）' }) })
  .meta({ id: 'MessagePage' })
export type MessagePage = z.infer<typeof MessagePageSchema>

export const MessageIdParamsSchema = z.strictObject({ id: ObjectIdSchema('消息') })

// ---- Subscription messages: what the user accepted ----

export const SubscriptionReportSchema = z
  .strictObject({
    accepted: z
      .array(z.string().trim().min(1).max(128))
      .min(1, '请至少报告一个已同意的模板')
      .max(MAX_TEMPLATES_PER_PROMPT, `一次最多 ${MAX_TEMPLATES_PER_PROMPT} 个模板`)
      .refine((ids) => new Set(ids).size === ids.length, '模板不能重复')
      .meta({ description: 'wx.requestSubscribeMessage 中用户选择「允许」的模板 id' }),
  })
  .meta({ id: 'SubscriptionReport' })

export const SubscriptionsViewSchema = z
  .strictObject({
    templates: z.array(
      z.strictObject({
        name: z.enum(MESSAGE_TEMPLATES),
        title: z.string(),
        /** The id to pass to wx.requestSubscribeMessage. */
        templateId: z.string(),
        /** Messages of this template the server may still send to the caller (one per acceptance). */
        credits: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'Subscriptions' })
export type SubscriptionsView = z.infer<typeof SubscriptionsViewSchema>

// ---- The outbox, as the office sees it ----

/** oa_draft: an article pushed to the official account's draft box (第十八条、第十九条), for the office that pushed it. */
export const OUTBOX_CHANNELS = ['inapp', 'wechat_subscribe', 'email', 'oa_draft'] as const
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number]

/**
 * pending → sending → sent; a failed attempt goes back to `failed` with a later nextAttemptAt, and
 * after the last attempt to `dead` (kept with its error for the office). `skipped` means the channel
 * could not carry it (no WeChat account, no subscription credit); the in-app copy still exists.
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'dead', 'skipped'] as const
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number]
export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '失败待重试',
  dead: '已停止重试',
  skipped: '未发送（渠道不可用）',
}
/** The office may send these again. */
export const RETRYABLE_OUTBOX_STATUSES = ['failed', 'dead', 'skipped'] as const satisfies readonly OutboxStatus[]

export const OutboxRecordViewSchema = z
  .strictObject({
    id: z.string(),
    key: z.string(),
    channel: z.enum(OUTBOX_CHANNELS),
    recipientUserId: z.string(),
    recipientName: z.string().optional(),
    kind: z.string(),
    template: z.enum(MESSAGE_TEMPLATES).optional(),
    title: z.string(),
    status: z.enum(OUTBOX_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: Instant.optional(),
    lastError: z.string().optional(),
    cause: z.strictObject({ type: z.string(), id: z.string().optional() }),
    createdAt: Instant,
    updatedAt: Instant,
    sentAt: Instant.optional(),
  })
  .meta({ id: 'OutboxRecord' })
export type OutboxRecordView = z.infer<typeof OutboxRecordViewSchema>

export const OutboxQuerySchema = PageQuerySchema.extend({
  status: z.enum(OUTBOX_STATUSES).optional().meta({ description: 'dead = 已停止重试的（死信）' }),
  channel: z.enum(OUTBOX_CHANNELS).optional(),
  recipientUserId: ObjectIdSchema('用户').optional(),
})
export const OutboxPageSchema = pageOf(OutboxRecordViewSchema).meta({ id: 'OutboxPage' })
export const OutboxIdParamsSchema = z.strictObject({ id: ObjectIdSchema('发送记录') })
