import mongoose, { Schema } from 'mongoose'

export const CODE_PURPOSES = ['account_invite', 'bind', 'organization_invite'] as const
export type CodePurpose = (typeof CODE_PURPOSES)[number]

/**
 * Invite codes, bind codes and organization invites: stored hashed, used at most once (the use is
 * one conditional update on `usedAt: null`), expired by date.
 */
export interface OneTimeCodeRecord {
  _id: mongoose.Types.ObjectId
  codeHash: string
  purpose: CodePurpose
  /** Whose code: the invited account, the account to bind, or the member who invited. */
  userId: mongoose.Types.ObjectId
  organizationId?: mongoose.Types.ObjectId
  createdAt: Date
  expiresAt: Date
  usedAt?: Date | null
  usedBy?: mongoose.Types.ObjectId
}

const OneTimeCodeSchema = new Schema<OneTimeCodeRecord>(
  {
    codeHash: { type: String, required: true },
    purpose: { type: String, enum: CODE_PURPOSES, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    organizationId: Schema.Types.ObjectId,
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    usedBy: Schema.Types.ObjectId,
  },
  { strict: 'throw' },
)
OneTimeCodeSchema.index({ codeHash: 1 }, { unique: true })
OneTimeCodeSchema.index({ userId: 1, purpose: 1 })

export const oneTimeCodeModel = (connection: mongoose.Connection) =>
  connection.model<OneTimeCodeRecord>('OneTimeCode', OneTimeCodeSchema)
