import mongoose, { Schema } from 'mongoose'

/**
 * The in-app message center (我的 → 消息): one document per message a person received. Written only by
 * the outbox worker, idempotently on the outbox record's key, so nothing depends on WeChat alone.
 */
export interface MessageRecord {
  _id: mongoose.Types.ObjectId
  /** The outbox record it was delivered from; unique, so a record delivered twice leaves one message. */
  outboxKey: string
  recipientUserId: mongoose.Types.ObjectId
  kind: string
  title: string
  body: string
  link?: string
  createdAt: Date
  readAt: Date | null
}

const MessageSchema = new Schema<MessageRecord>(
  {
    outboxKey: { type: String, required: true },
    recipientUserId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    link: String,
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
  },
  { strict: 'throw', collection: 'messages' },
)
MessageSchema.index({ outboxKey: 1 }, { unique: true })
MessageSchema.index({ recipientUserId: 1, createdAt: -1 })
MessageSchema.index({ recipientUserId: 1, readAt: 1 })

export const messageModel = (connection: mongoose.Connection) => connection.model<MessageRecord>('Message', MessageSchema)
