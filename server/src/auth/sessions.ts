import type { Context } from 'koa'
import mongoose from 'mongoose'
import type { Me, Role, Session } from '@zlbg/shared'
import type { Models } from '../models'
import { presentNameReview } from '../presenters/organizations/organization'
import type { SessionRecord } from '../models/session'
import type { UserRecord } from '../models/user'
import { PUBLIC_ACTOR, type Actor } from '../policies'
import { hashSecret, newToken } from './secrets'

export interface SessionSettings {
  ttlHours: number
}

/** Roles come from the account, from WeChat sign-in and from organization membership. */
async function rolesOf(models: Models, user: UserRecord) {
  const orgs = await models.Organization.find(
    { 'members.userId': user._id },
    { name: 1, listed: 1, nameReview: 1, nameReviewReason: 1 },
  ).lean()
  const roles = new Set<Role>(user.roles)
  if (user.wechatOpenid) roles.add('wechat_user')
  if (orgs.length) roles.add('org_member')
  if (orgs.some((o) => o.listed)) roles.add('listed_org_member')
  return { roles: [...roles], orgs }
}

export async function presentMe(models: Models, user: UserRecord): Promise<Me> {
  const { roles, orgs } = await rolesOf(models, user)
  return {
    id: user._id.toHexString(),
    displayName: user.displayName,
    ...(user.username ? { username: user.username } : {}),
    ...(user.email ? { email: user.email } : {}),
    hasPassword: !!user.passwordHash,
    wechatBound: !!user.wechatOpenid,
    roles,
    organizations: orgs.map((o) => ({
      id: o._id.toHexString(),
      name: o.name,
      listed: o.listed,
      ...presentNameReview(o),
    })),
  }
}

export async function startSession(
  models: Models,
  settings: SessionSettings,
  user: UserRecord,
  via: SessionRecord['via'],
  ctx: Context,
): Promise<Session> {
  const token = newToken()
  const now = new Date()
  const expiresAt = new Date(now.getTime() + settings.ttlHours * 3600_000)
  await models.Session.create({
    tokenHash: hashSecret(token),
    userId: user._id,
    via,
    ip: ctx.ip,
    userAgent: ctx.get('user-agent').slice(0, 200),
    createdAt: now,
    expiresAt,
  })
  await models.User.updateOne({ _id: user._id }, { $set: { lastLoginAt: now } })
  return { token, expiresAt: expiresAt.toISOString(), me: await presentMe(models, user) }
}

export function bearerToken(ctx: Context): string | undefined {
  const m = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(ctx.get('authorization'))
  return m?.[1]
}

/**
 * Reads the session from the database on every request, so logout, a password change or a
 * disabled account take effect on the next request on every instance.
 */
export async function resolveActor(models: Models, ctx: Context): Promise<Actor> {
  const token = bearerToken(ctx)
  const anonymous: Actor = { ...PUBLIC_ACTOR, ip: ctx.ip }
  if (!token) return anonymous
  const session = await models.Session.findOne({ tokenHash: hashSecret(token) }).lean()
  if (!session || session.revokedAt) return { ...anonymous, sessionProblem: 'SESSION_REVOKED' }
  if (session.expiresAt <= new Date()) return { ...anonymous, sessionProblem: 'SESSION_EXPIRED' }
  const user = await models.User.findById(session.userId).lean()
  if (!user || user.disabled || (user.sessionsValidAfter && session.createdAt < user.sessionsValidAfter)) {
    return { ...anonymous, sessionProblem: 'SESSION_REVOKED' }
  }
  const { roles, orgs } = await rolesOf(models, user)
  return {
    userId: user._id.toHexString(),
    displayName: user.displayName,
    roles,
    organizationIds: orgs.map((o) => o._id.toHexString()),
    sessionId: session._id.toHexString(),
    ip: ctx.ip,
  }
}

export async function endSession(models: Models, sessionId: string): Promise<void> {
  await models.Session.updateOne(
    { _id: new mongoose.Types.ObjectId(sessionId), revokedAt: { $exists: false } },
    { $set: { revokedAt: new Date() } },
  )
}

/** Cuts every session of a user older than now (password change, reset, disable). */
export async function revokeAllSessions(models: Models, userId: mongoose.Types.ObjectId, except?: string) {
  const now = new Date()
  await models.Session.updateMany(
    { userId, revokedAt: { $exists: false }, ...(except ? { _id: { $ne: new mongoose.Types.ObjectId(except) } } : {}) },
    { $set: { revokedAt: now } },
  )
}
