import mongoose, { Schema } from 'mongoose'
import { ACCOUNT_ROLES, type AccountRole } from '@zlbg/shared'

/**
 * A person: a WeChat user (openid), a browser account (username / e-mail + password), or both once
 * bound. `sessionsValidAfter` lets a password change or a reset cut every older session at once.
 *
 * `logins` holds every identifier the person signs in with (`username:alice`, `email:a@b.cn`,
 * `wechat:<openid>`) under one unique multikey index. Uniqueness per field would need partial or
 * sparse indexes, which the embedded engine lacks (a plain unique index would collide on the many
 * users without a username); every user has at least one login, so the array is never empty.
 */
export interface UserRecord {
  _id: mongoose.Types.ObjectId
  logins: string[]
  displayName: string
  username?: string
  email?: string
  passwordHash?: string
  wechatOpenid?: string
  wechatUnionid?: string
  roles: AccountRole[]
  disabled: boolean
  disabledReason?: string
  sessionsValidAfter?: Date
  lastLoginAt?: Date
  /** Set when this WeChat-only user was bound into a browser account; kept for the audit trail. */
  mergedInto?: mongoose.Types.ObjectId
  createdAt: Date
  updatedAt: Date
}

const UserSchema = new Schema<UserRecord>(
  {
    logins: { type: [String], required: true },
    displayName: { type: String, required: true },
    username: { type: String },
    email: { type: String },
    passwordHash: { type: String },
    wechatOpenid: { type: String },
    wechatUnionid: { type: String },
    roles: [{ type: String, enum: ACCOUNT_ROLES }],
    disabled: { type: Boolean, required: true, default: false },
    disabledReason: { type: String },
    sessionsValidAfter: { type: Date },
    lastLoginAt: { type: Date },
    mergedInto: { type: Schema.Types.ObjectId },
  },
  { timestamps: true, strict: 'throw' },
)
UserSchema.index({ logins: 1 }, { unique: true })
UserSchema.index({ roles: 1 })

export const loginKey = {
  username: (u: string) => `username:${u.toLowerCase()}`,
  email: (e: string) => `email:${e.toLowerCase()}`,
  wechat: (openid: string) => `wechat:${openid}`,
  /** Keeps a merged user's `logins` non-empty and unique after its WeChat login moved away. */
  merged: (id: mongoose.Types.ObjectId) => `merged:${id.toHexString()}`,
  /** The same for a disabled account whose WeChat ids were removed when due (jobs/retention.ts). */
  removed: (id: mongoose.Types.ObjectId) => `removed:${id.toHexString()}`,
}

export const userModel = (connection: mongoose.Connection) => connection.model<UserRecord>('User', UserSchema)
