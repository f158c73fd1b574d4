import mongoose, { Schema } from 'mongoose'

/**
 * A signed-in session. Only the SHA-256 of the bearer token is stored. State lives here, not in
 * process memory, so logout, password change and disabling a user hold on every instance at once.
 * Expired sessions are found by date (no TTL index on the embedded engine) and purged by a job.
 */
export interface SessionRecord {
  _id: mongoose.Types.ObjectId
  tokenHash: string
  userId: mongoose.Types.ObjectId
  via: 'wechat' | 'password' | 'invite'
  ip?: string
  userAgent?: string
  createdAt: Date
  expiresAt: Date
  revokedAt?: Date
}

const SessionSchema = new Schema<SessionRecord>(
  {
    tokenHash: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    via: { type: String, enum: ['wechat', 'password', 'invite'], required: true },
    ip: String,
    userAgent: String,
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: Date,
  },
  { strict: 'throw' },
)
SessionSchema.index({ tokenHash: 1 }, { unique: true })
SessionSchema.index({ userId: 1 })
SessionSchema.index({ expiresAt: 1 })

export const sessionModel = (connection: mongoose.Connection) =>
  connection.model<SessionRecord>('Session', SessionSchema)
