import mongoose from 'mongoose'
import type { AccountRole } from '@zlbg/shared'
import { recordAudit } from '../audit/recorder'
import { isDuplicateKey } from '../db/duplicateKey'
import { literalPattern } from '../db/literalPattern'
import { issueCode } from '../auth/codes'
import { revokeAllSessions } from '../auth/sessions'
import { findPage, mapPage } from '../db/paged'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Models } from '../models'
import { loginKey, type UserRecord } from '../models/user'
import { actorHasRole, type Actor } from '../policies'
import { presentUser } from '../presenters/accounts/user'


/**
 * Only an administrator grants, removes or acts on the administrator role, and only an
 * administrator acts on another office account: an office member who could reset a colleague's
 * password would be handed that colleague's invite code, i.e. their account.
 */
function assertMayTouch(actor: Actor, target: Pick<UserRecord, 'roles'> | undefined, newRoles: readonly AccountRole[] = []) {
  // The same role function as every policy: an account holding admin counts as office too.
  const needsAdmin = newRoles.includes('admin') || (target !== undefined && actorHasRole(target, 'office'))
  if (needsAdmin && !actorHasRole(actor, 'admin')) throw new AppError('FORBIDDEN')
}

export function userHandlers(
  models: Models,
): Pick<Handlers, 'listUsers' | 'createUser' | 'setUserRoles' | 'disableUser' | 'enableUser' | 'resetUserPassword'> {
  const { User } = models

  async function target(id: string) {
    const user = await User.findOne({ _id: id, mergedInto: { $exists: false } }).lean()
    if (!user) throw new AppError('USER_NOT_FOUND')
    return user
  }

  /** One conditional update, then the audit record of what changed. */
  async function update(actor: Actor, user: UserRecord, set: Partial<UserRecord>, unset: string[], audit: { action: string; from?: string; to?: string; reason?: string }) {
    const updated = await User.findOneAndUpdate(
      { _id: user._id, updatedAt: user.updatedAt },
      { $set: set, ...(unset.length ? { $unset: Object.fromEntries(unset.map((k) => [k, 1])) } : {}) },
      { new: true },
    ).lean()
    if (!updated) throw new AppError('STATE_CONFLICT')
    await recordAudit(models, actor, { ...audit, resource: { type: 'user', id: user._id.toHexString() } })
    return updated
  }

  return {
    async listUsers(_ctx, { query }) {
      const filter: mongoose.FilterQuery<UserRecord> = { mergedInto: { $exists: false } }
      if (query.q) {
        const re = literalPattern(query.q)
        filter.$or = [{ username: re }, { displayName: re }, { email: re }]
      }
      if (query.role) filter.roles = query.role
      if (query.status) filter.disabled = query.status === 'disabled'
      return mapPage(await findPage<UserRecord>(User, filter, query, { sort: { createdAt: -1, _id: -1 } }), (items) => items.map(presentUser))
    },

    async createUser(_ctx, { body, actor }) {
      assertMayTouch(actor, undefined, body.roles)
      let user
      try {
        user = await User.create({
          logins: [loginKey.username(body.username), ...(body.email ? [loginKey.email(body.email)] : [])],
          username: body.username,
          displayName: body.displayName,
          ...(body.email ? { email: body.email } : {}),
          roles: [...new Set(body.roles)],
        })
      } catch (err) {
        if (!isDuplicateKey(err)) throw err
        const taken = await User.exists({ logins: loginKey.username(body.username) })
        throw new AppError(taken ? 'USERNAME_TAKEN' : 'EMAIL_TAKEN')
      }
      const invite = await issueCode(models, 'account_invite', user._id)
      await recordAudit(models, actor, {
        action: 'user.create',
        resource: { type: 'user', id: user._id.toHexString() },
        to: body.roles.join(','),
      })
      return { user: presentUser(user.toObject()), invite }
    },

    async setUserRoles(_ctx, { params, body, actor }) {
      const user = await target(params.id)
      assertMayTouch(actor, user, body.roles)
      const roles = [...new Set(body.roles)]
      const updated = await update(actor, user, { roles }, [], {
        action: 'user.setRoles',
        from: user.roles.join(','),
        to: roles.join(','),
      })
      return presentUser(updated)
    },

    async disableUser(_ctx, { params, body, actor }) {
      if (params.id === actor.userId) throw new AppError('FORBIDDEN', { message: '不能停用自己的账号' })
      const user = await target(params.id)
      assertMayTouch(actor, user)
      if (user.disabled) return presentUser(user)
      const updated = await update(actor, user, { disabled: true, disabledReason: body.reason }, [], {
        action: 'user.disable',
        from: 'active',
        to: 'disabled',
        reason: body.reason,
      })
      await revokeAllSessions(models, user._id)
      return presentUser(updated)
    },

    async enableUser(_ctx, { params, actor }) {
      const user = await target(params.id)
      assertMayTouch(actor, user)
      if (!user.disabled) return presentUser(user)
      // Sessions cut by the disabling stay cut: the person signs in again.
      const updated = await update(actor, user, { disabled: false, sessionsValidAfter: new Date() }, ['disabledReason'], {
        action: 'user.enable',
        from: 'disabled',
        to: 'active',
      })
      return presentUser(updated)
    },

    async resetUserPassword(_ctx, { params, actor }) {
      const user = await target(params.id)
      assertMayTouch(actor, user)
      if (!user.username) throw new AppError('FORBIDDEN', { message: '该账号仅使用微信登录，没有密码可重置' })
      const updated = await update(actor, user, { sessionsValidAfter: new Date() }, ['passwordHash'], {
        action: 'user.resetPassword',
      })
      await revokeAllSessions(models, user._id)
      const invite = await issueCode(models, 'account_invite', user._id, { replacePrevious: true })
      return { user: presentUser(updated), invite }
    },
  }
}
