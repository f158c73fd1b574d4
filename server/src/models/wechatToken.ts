import { Schema } from 'mongoose'
import type mongoose from 'mongoose'

/**
 * The WeChat access_token, cached for every server instance (one document per app id). WeChat allows
 * about 2,000 fetches a day and a new fetch retires the previous token within five minutes, so one
 * instance refreshes it under a lease (wechat/accessToken.ts) and the others read it from here.
 */
export interface WeChatTokenRecord {
  /** The app id. */
  _id: string
  accessToken: string
  expiresAt: Date
  fetchedAt: Date
  fetchedBy: string
}

const WeChatTokenSchema = new Schema<WeChatTokenRecord>(
  {
    _id: { type: String, required: true },
    accessToken: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    fetchedAt: { type: Date, required: true },
    fetchedBy: { type: String, required: true },
  },
  { strict: 'throw', collection: 'wechatTokens', versionKey: false },
)

export const wechatTokenModel = (connection: mongoose.Connection) =>
  connection.model<WeChatTokenRecord>('WeChatToken', WeChatTokenSchema)
