import mongoose, { Schema } from 'mongoose'
import { MESSAGE_TEMPLATES, OUTBOX_CHANNELS, OUTBOX_STATUSES, type MessageTemplate, type OutboxChannel, type OutboxStatus } from '@zlbg/shared'

/**
 * What a notice says, for every channel: the in-app message shows title, body and link; a WeChat
 * subscription message fills its template's keywords from these fields (wechat/templates.ts).
 */
export interface NoticeContent {
  /** What it is about, e.g. the application's title (a template's `thing`, ≤ 20 characters there). */
  title: string
  body: string
  /** A mini-program page path, e.g. /subpackages/org/application?id=… */
  link?: string
  /** A short status, e.g. 需补正 (a template's `phrase`, ≤ 5 characters there). */
  status?: string
  /** The instant it is about: a deadline, a defense slot, an event. */
  time?: Date
  /** A remark or next step (a template's second `thing`). */
  note?: string
}

/**
 * One side effect to deliver (an outbox record). Written in the same step as the state change that
 * causes it (workflow/transition.ts), delivered by the worker in outbox/deliver.ts. `key` makes
 * every step idempotent: queuing the same notice twice is an E11000, and the in-app copy is keyed by it.
 */
/** One record to put in the outbox (outbox/enqueue.ts inserts it; a step may first carry it as a pending effect). */
export interface OutboxItem {
  /** Unique for this effect, this recipient and this channel: queuing it again is a no-op. */
  key: string
  channel: OutboxChannel
  recipientUserId: string
  kind: string
  template?: MessageTemplate
  content: NoticeContent
  cause: { type: string; id?: string }
}

export interface OutboxRecord {
  _id: mongoose.Types.ObjectId
  /** `${cause type}:${cause id}:${transition id}:${effect}:${recipient}:${channel}` or similar: unique. */
  key: string
  channel: OutboxChannel
  recipientUserId: mongoose.Types.ObjectId
  /** What it is about, e.g. application.supplementRequested. */
  kind: string
  /** For wechat_subscribe: which subscription template carries it. */
  template?: MessageTemplate
  content: NoticeContent
  /** The resource whose change caused it. */
  cause: { type: string; id?: string }
  status: OutboxStatus
  /** Delivery attempts started so far (a claim counts as one). */
  attempts: number
  /** When the worker may next pick it up (pending, failed). */
  nextAttemptAt: Date
  lastError?: string
  /** The worker instance delivering it (status sending) and until when its claim holds. */
  claimedBy?: string
  claimedUntil?: Date
  sentAt?: Date
  createdAt: Date
  updatedAt: Date
}

const ContentSchema = new Schema<NoticeContent>(
  {
    title: { type: String, required: true },
    body: { type: String, required: true },
    link: String,
    status: String,
    time: Date,
    note: String,
  },
  { _id: false, strict: 'throw' },
)

const OutboxSchema = new Schema<OutboxRecord>(
  {
    key: { type: String, required: true },
    channel: { type: String, enum: OUTBOX_CHANNELS, required: true },
    recipientUserId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true },
    template: { type: String, enum: MESSAGE_TEMPLATES },
    content: { type: ContentSchema, required: true },
    cause: { type: { type: String, required: true }, id: String },
    status: { type: String, enum: OUTBOX_STATUSES, required: true, default: 'pending' },
    attempts: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    lastError: String,
    claimedBy: String,
    claimedUntil: Date,
    sentAt: Date,
  },
  { timestamps: true, strict: 'throw', collection: 'outbox' },
)
OutboxSchema.index({ key: 1 }, { unique: true })
// The worker's query: due records by status and time.
OutboxSchema.index({ status: 1, nextAttemptAt: 1 })
OutboxSchema.index({ status: 1, claimedUntil: 1 })
// The office's list, newest first, by status.
OutboxSchema.index({ status: 1, updatedAt: -1 })
OutboxSchema.index({ recipientUserId: 1, createdAt: -1 })

export const outboxModel = (connection: mongoose.Connection) => connection.model<OutboxRecord>('Outbox', OutboxSchema)
