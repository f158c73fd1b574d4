import mongoose, { Schema } from 'mongoose'
import { MESSAGE_TEMPLATES, type MessageTemplate } from '@zlbg/shared'

/**
 * One accepted WeChat subscription (订阅消息): each time a user taps 允许 for a template in the
 * mini-program's prompt, WeChat lets the app send that user one message of it. One document per
 * acceptance; sending uses one up with a conditional update (`usedBy: null` → the outbox key), so two
 * workers cannot spend the same credit and a retried delivery reuses the credit it already took.
 * Kept per WeChat account (openid) — that is whom WeChat counts them for.
 */
export interface SubscriptionCreditRecord {
  _id: mongoose.Types.ObjectId
  openid: string
  /** Who reported it (a merged account keeps the openid, so credits follow the openid). */
  userId: mongoose.Types.ObjectId
  template: MessageTemplate
  /** The template id as configured when it was accepted; a changed id makes old credits useless. */
  templateId: string
  grantedAt: Date
  /** The outbox record that used it. */
  usedBy: string | null
  usedAt: Date | null
}

const SubscriptionCreditSchema = new Schema<SubscriptionCreditRecord>(
  {
    openid: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    template: { type: String, enum: MESSAGE_TEMPLATES, required: true },
    templateId: { type: String, required: true },
    grantedAt: { type: Date, required: true },
    usedBy: { type: String, default: null },
    usedAt: { type: Date, default: null },
  },
  { strict: 'throw', collection: 'subscriptionCredits' },
)
SubscriptionCreditSchema.index({ openid: 1, templateId: 1, usedBy: 1, grantedAt: 1 })
SubscriptionCreditSchema.index({ usedBy: 1 })
SubscriptionCreditSchema.index({ usedAt: 1 })

export const subscriptionCreditModel = (connection: mongoose.Connection) =>
  connection.model<SubscriptionCreditRecord>('SubscriptionCredit', SubscriptionCreditSchema)
