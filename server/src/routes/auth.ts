import type { Context } from 'koa'
import mongoose from 'mongoose'
import type { Me, Role } from '@zlbg/shared'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import { consume } from '../http/rateLimit'
import { recordAudit } from '../audit/recorder'
import { isDuplicateKey } from '../db/duplicateKey'
import { issueCode, peekCode, redeemCode } from '../auth/codes'
import { bindAccounts, limitBindCodes, previewBinding } from '../commands/accounts/accountBinder'
import { checkPassword, throttleSubject } from '../auth/loginThrottle'
import { hashPassword, verifyPassword } from '../auth/passwords'
import { endSession, presentMe, revokeAllSessions, startSession, type SessionSettings } from '../auth/sessions'
import type { Models } from '../models'
import { loginKey, type UserRecord } from '../models/user'
import type { Actor } from '../policies'
import { WeChatError, type WeChatClient } from '../wechat/client'

/**
 * The audit's "who" for a sign-in: the person, with the roles they sign in with, not the anonymous
 * caller (role `public`) they were a moment before.
 */
const signingIn = (actor: Actor, user: UserRecord, me: Me): Actor => ({
  ...actor,
  userId: user._id.toHexString(),
  displayName: user.displayName,
  roles: me.roles as Role[],
})

const oid = (id: string) => new mongoose.Types.ObjectId(id)

async function signedInUser(models: Models, actor: Actor): Promise<UserRecord> {
  const user = await models.User.findById(actor.userId).lean()
  if (!user) throw new AppError('SESSION_REVOKED')
  return user
}

/** The WeChat user for an openid, created on first sign-in; a concurrent first sign-in finds the winner's. */
async function wechatUser(models: Models, openid: string, unionid?: string): Promise<UserRecord> {
  const key = loginKey.wechat(openid)
  const existing = await models.User.findOne({ logins: key }).lean()
  if (existing) return existing
  try {
    const created = await models.User.create({
      logins: [key],
      displayName: `微信用户${openid.slice(-4)}`,
      wechatOpenid: openid,
      ...(unionid ? { wechatUnionid: unionid } : {}),
      roles: [],
    })
    return created.toObject()
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    return (await models.User.findOne({ logins: key }).lean())!
  }
}

export function authHandlers(
  models: Models,
  { wechat, wechatMode, sessions }: { wechat: WeChatClient; wechatMode: 'real' | 'standin'; sessions: SessionSettings },
): Pick<Handlers, 'authMethods' | 'loginWeChat' | 'loginPassword' | 'acceptInvite' | 'logout' | 'me' | 'changePassword' | 'createBindCode' | 'previewBind' | 'bind'> {
  /** Starts the session and records the sign-in under the person's own name and roles. */
  async function signIn(ctx: Context, actor: Actor, user: UserRecord, via: 'wechat' | 'password', how: string) {
    const started = await startSession(models, sessions, user, via, ctx)
    await recordAudit(models, signingIn(actor, user, started.me), {
      action: 'session.start',
      resource: { type: 'user', id: user._id.toHexString() },
      reason: how,
    })
    return started
  }

  return {
    async authMethods() {
      return { wechat: wechatMode }
    },

    async loginWeChat(ctx, { body, actor }) {
      await consume(models, `auth.wechat:ip:${actor.ip}`, { max: 30, windowSeconds: 60 })
      let session
      try {
        session = await wechat.code2Session(body.code)
      } catch (err) {
        if (err instanceof WeChatError && (err.kind === 'invalid_code' || err.kind === 'code_used')) {
          throw new AppError('WECHAT_CODE_INVALID')
        }
        ctx.state.log.warn({ err: err instanceof WeChatError ? { kind: err.kind, errcode: err.errcode } : err }, 'code2session failed')
        throw new AppError('WECHAT_UNAVAILABLE')
      }
      const user = await wechatUser(models, session.openid, session.unionid)
      if (user.disabled) throw new AppError('ACCOUNT_DISABLED')
      return signIn(ctx, actor, user, 'wechat', '微信登录')
    },

    async loginPassword(ctx, { body, actor }) {
      const ip = actor.ip ?? 'unknown'
      const login = body.login.trim().toLowerCase()
      const user = await models.User.findOne({
        logins: { $in: [loginKey.username(login), loginKey.email(login)] },
      }).lean()
      // The same answer, after the same work, whether the account is unknown or the password wrong.
      const right = await checkPassword(models, throttleSubject(user, login), ip, async () => (await verifyPassword(user?.passwordHash, body.password)) && !!user)
      if (!right || !user) throw new AppError('INVALID_CREDENTIALS')
      if (user.disabled) throw new AppError('ACCOUNT_DISABLED')
      return signIn(ctx, actor, user, 'password', '密码登录')
    },

    async acceptInvite(ctx, { body, actor }) {
      await consume(models, `auth.invite:ip:${actor.ip}`, { max: 10, windowSeconds: 600 })
      const pending = await peekCode(models, 'account_invite', body.code)
      const user = pending && (await models.User.findById(pending.userId).lean())
      if (!pending || !user) throw new AppError('INVITE_INVALID')
      if (user.disabled) throw new AppError('ACCOUNT_DISABLED')
      // Hash first (slow), then use the code up, so a failure leaves the invite usable.
      const passwordHash = await hashPassword(body.password)
      if (!(await redeemCode(models, 'account_invite', body.code, user._id))) throw new AppError('INVITE_INVALID')
      await models.User.updateOne({ _id: user._id }, { $set: { passwordHash, sessionsValidAfter: new Date() } })
      const who = signingIn(actor, user, await presentMe(models, user))
      await recordAudit(models, who, { action: 'user.setPassword', resource: { type: 'user', id: user._id.toHexString() }, reason: '使用邀请码' })
      return startSession(models, sessions, { ...user, passwordHash }, 'invite', ctx)
    },

    async logout(_ctx, { actor }) {
      await endSession(models, actor.sessionId!)
      await recordAudit(models, actor, { action: 'session.end', resource: { type: 'user', id: actor.userId } })
    },

    async me(_ctx, { actor }) {
      return presentMe(models, await signedInUser(models, actor))
    },

    async changePassword(_ctx, { body, actor }) {
      const user = await signedInUser(models, actor)
      const right = await checkPassword(models, throttleSubject(user, ''), actor.ip ?? 'unknown', async () => !!user.passwordHash && (await verifyPassword(user.passwordHash, body.currentPassword)))
      if (!right) throw new AppError('WRONG_PASSWORD')
      await models.User.updateOne({ _id: user._id }, { $set: { passwordHash: await hashPassword(body.newPassword) } })
      await revokeAllSessions(models, user._id, actor.sessionId)
      await recordAudit(models, actor, { action: 'user.changePassword', resource: { type: 'user', id: actor.userId } })
    },

    async createBindCode(_ctx, { actor }) {
      await limitBindCodes(models, actor, 'issue')
      const code = await issueCode(models, 'bind', oid(actor.userId!), { replacePrevious: true })
      await recordAudit(models, actor, { action: 'user.bindCode', resource: { type: 'user', id: actor.userId } })
      return code
    },

    async previewBind(_ctx, { body, actor }) {
      return previewBinding(models, actor, body.code)
    },

    async bind(_ctx, { body, actor }) {
      const user = await bindAccounts(models, actor, body)
      return presentMe(models, user)
    },
  }
}
