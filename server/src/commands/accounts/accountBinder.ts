import mongoose from 'mongoose'
import { BIND_GUARDED_ROLES, maskName, type BindPreview } from '@zlbg/shared'
import { recordAudit } from '../../audit/recorder'
import { peekCode, redeemCode } from '../../auth/codes'
import { checkPassword, throttleSubject } from '../../auth/loginThrottle'
import { verifyPassword } from '../../auth/passwords'
import { AppError } from '../../http/errors'
import { consume } from '../../http/rateLimit'
import type { Models } from '../../models'
import { loginKey, type UserRecord } from '../../models/user'
import { notify } from '../../outbox/enqueue'
import type { Actor } from '../../policies'

/**
 * Binding a browser account (password) and a WeChat-only user into one person (issue 12, item 1).
 * A bind code hands one side's sign-in to the other, so:
 *  - the person entering a code first sees who is on the other side (masked) and when the code was made,
 *    and the bind itself carries an explicit confirmation;
 *  - an office, admin or approver account binds only from its own signed-in browser session (the
 *    WeChat side made the code), with its password re-entered — a phished code cannot take it over;
 *  - issuing, previewing and entering codes are limited per person and per address;
 *  - both accounts' audit trails record the binding, and the bound account is told.
 */

/** Limits like other public writes (organization.create, organization.join). */
const LIMITS = {
  issue: { perUser: { max: 5, windowSeconds: 3600 }, perIp: { max: 30, windowSeconds: 3600 } },
  enter: { perUser: { max: 10, windowSeconds: 600 }, perIp: { max: 30, windowSeconds: 600 } },
}

export async function limitBindCodes(models: Models, actor: Actor, kind: keyof typeof LIMITS) {
  await consume(models, `bind.${kind}:user:${actor.userId}`, LIMITS[kind].perUser)
  await consume(models, `bind.${kind}:ip:${actor.ip ?? 'unknown'}`, LIMITS[kind].perIp)
}

const isGuarded = (user: Pick<UserRecord, 'roles'>) => user.roles.some((r) => (BIND_GUARDED_ROLES as readonly string[]).includes(r))

interface Pairing {
  me: UserRecord
  other: UserRecord
  /** The browser account (has a password, no WeChat yet). */
  into: UserRecord
  /** The WeChat-only user. */
  from: UserRecord
  codeCreatedAt: Date
}

/** Reads the code without using it up and works out which side is which; refuses what may not bind. */
async function pairFor(models: Models, actor: Actor, code: string): Promise<Pairing> {
  const me = await models.User.findById(actor.userId).lean()
  if (!me) throw new AppError('SESSION_REVOKED')
  const pending = await peekCode(models, 'bind', code)
  const other = pending && !pending.userId.equals(me._id) ? await models.User.findById(pending.userId).lean() : null
  if (!pending || !other || other.disabled || other.mergedInto) throw new AppError('BIND_CODE_INVALID')
  // One side signs in with a password, the other with WeChat only.
  const pair = [me, other]
  const into = pair.find((u) => u.passwordHash && !u.wechatOpenid)
  const from = pair.find((u) => u.wechatOpenid && !u.passwordHash)
  if (!into || !from) throw new AppError('BIND_CONFLICT')
  // A guarded account is bound by itself: it entered the WeChat side's code in its own browser session.
  if (isGuarded(into) && !into._id.equals(me._id)) throw new AppError('BIND_GUARDED')
  return { me, other, into, from, codeCreatedAt: pending.createdAt }
}

/** What the person entering a code is shown before confirming. */
export async function previewBinding(models: Models, actor: Actor, code: string): Promise<BindPreview> {
  await limitBindCodes(models, actor, 'enter')
  const { other, into, codeCreatedAt } = await pairFor(models, actor, code)
  const kind = other.wechatOpenid ? 'wechat' : 'browser'
  return {
    otherSide: {
      kind,
      name: maskName(other.displayName),
      ...(kind === 'browser' && other.username ? { username: maskName(other.username) } : {}),
    },
    codeCreatedAt: codeCreatedAt.toISOString(),
    passwordRequired: isGuarded(into),
  }
}

/**
 * Moves the WeChat login and the organization memberships of `from` into `into`; `from` is kept as a
 * merged tombstone. Two conditional updates: the login must leave `from` before it can join `into`,
 * one unique index holds both.
 */
async function merge(models: Models, from: UserRecord, into: UserRecord) {
  const key = loginKey.wechat(from.wechatOpenid!)
  await models.User.updateOne(
    { _id: from._id, logins: key },
    {
      $set: { logins: [loginKey.merged(from._id)], mergedInto: into._id, disabled: true, disabledReason: '已绑定到浏览器账号' },
      $unset: { wechatOpenid: 1, wechatUnionid: 1 },
    },
  )
  await models.User.updateOne(
    { _id: into._id },
    {
      $addToSet: { logins: key, roles: { $each: from.roles } },
      $set: { wechatOpenid: from.wechatOpenid, ...(from.wechatUnionid ? { wechatUnionid: from.wechatUnionid } : {}) },
    },
  )
  const orgs = await models.Organization.find({ 'members.userId': from._id }).lean()
  for (const org of orgs) {
    const already = org.members.some((m) => m.userId.equals(into._id))
    await models.Organization.updateOne(
      { _id: org._id, 'members.userId': from._id },
      already ? { $pull: { members: { userId: from._id } } } : { $set: { 'members.$.userId': into._id } },
    )
  }
  // The WeChat side's open sessions now speak for `into`. They start anew there, or `into`'s
  // sessionsValidAfter (set when it accepted its invite or was reset) would cut them at once.
  await models.Session.updateMany(
    { userId: from._id, revokedAt: { $exists: false } },
    { $set: { userId: into._id, createdAt: new Date() } },
  )
}

/** Binds after the confirmation; returns the account both sides now sign in to. */
export async function bindAccounts(
  models: Models,
  actor: Actor,
  { code, password }: { code: string; password?: string },
): Promise<UserRecord> {
  await limitBindCodes(models, actor, 'enter')
  const { me, into, from } = await pairFor(models, actor, code)
  if (isGuarded(into)) {
    // Re-entered password, throttled like a sign-in: a stolen session alone does not bind.
    const right = await checkPassword(models, throttleSubject(me, ''), actor.ip ?? 'unknown', async () => !!password && (await verifyPassword(me.passwordHash, password)))
    if (!right) throw new AppError('WRONG_PASSWORD', { fields: [{ path: 'body.password', message: '请重新输入本账号的密码' }] })
  }
  if (!(await redeemCode(models, 'bind', code, me._id))) throw new AppError('BIND_CODE_INVALID')
  await merge(models, from, into)
  const bindingId = new mongoose.Types.ObjectId().toHexString()
  const detail = { from: from._id.toHexString(), to: into._id.toHexString(), reason: me._id.equals(into._id) ? '浏览器端输入绑定码' : '微信端输入绑定码' }
  // Both sides' trails: the browser account's and the WeChat user's (now a merged record).
  for (const side of [into, from]) {
    await recordAudit(models, actor, { action: 'user.bindWeChat', resource: { type: 'user', id: side._id.toHexString() }, ...detail })
  }
  // After the merge both sides read one message center (browser and WeChat), so one notice reaches both.
  const browserName = into.username ?? into.displayName
  await notify(
    models,
    [
      {
        recipientUserId: into._id,
        kind: 'account.bound',
        content: {
          title: '账号绑定通知',
          body: `浏览器账号「${maskName(browserName)}」与微信「${maskName(from.displayName)}」已绑定为同一账号，原微信账号的组织已随之转入。如非本人操作，请立即修改密码并联系质量标杆工作办公室。`,
          link: '/pages/me/index',
        },
      },
    ],
    { keyPrefix: `bind:${bindingId}`, cause: { type: 'user', id: into._id.toHexString() } },
  )
  return (await models.User.findById(into._id).lean())!
}
