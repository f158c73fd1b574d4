import mongoose from 'mongoose'
import { issueCode, peekCode, redeemCode } from '../auth/codes'
import { recordAudit } from '../audit/recorder'
import { checkName, nameReviewer, organizationRenamer } from '../commands/organizations/nameReview'
import { literalPattern } from '../db/literalPattern'
import { findPage, mapPage } from '../db/paged'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import { consume } from '../http/rateLimit'
import type { Models } from '../models'
import type { OrganizationRecord } from '../models/organization'
import type { Actor } from '../policies'
import { loadOrganization } from '../policies/loaders'
import { presentOrganization } from '../presenters/organizations/organization'
import type { ContentSecurity } from '../wechat/contentSecurity'

const oid = (id: string) => new mongoose.Types.ObjectId(id)

export function organizationHandlers(
  models: Models,
  { contentSecurity }: { contentSecurity: ContentSecurity },
): Pick<
  Handlers,
  | 'createOrganization'
  | 'listOrganizations'
  | 'listMembers'
  | 'createOrganizationInvite'
  | 'joinOrganization'
  | 'leaveOrganization'
  | 'renameOrganization'
  | 'reviewOrganizationName'
> {
  const { Organization, User } = models

  const load = (id: string, actor: Actor, action: string) => loadOrganization(models, id, actor, action)

  const audit = (actor: Actor, action: string, id: string, extra: { reason?: string } = {}) =>
    recordAudit(models, actor, { action, resource: { type: 'organization', id }, ...extra })

  return {
    async createOrganization(_ctx, { body, actor }) {
      // A public write: limited per person and per address, counted in the database.
      await consume(models, `organization.create:user:${actor.userId}`, { max: 5, windowSeconds: 3600 })
      await consume(models, `organization.create:ip:${actor.ip}`, { max: 20, windowSeconds: 3600 })
      const userId = oid(actor.userId!)
      const nameReview = await checkName(models, contentSecurity, actor, body.name)
      const org = await Organization.create({
        name: body.name,
        nameReview,
        members: [{ userId, joinedAt: new Date(), founder: true }],
        createdBy: userId,
      })
      await audit(actor, 'organization.create', org._id.toHexString())
      return presentOrganization(org.toObject())
    },

    async listOrganizations(_ctx, { query }) {
      const filter: mongoose.FilterQuery<OrganizationRecord> = {
        ...(query.q ? { name: literalPattern(query.q) } : {}),
        ...(query.nameReview ? { nameReview: query.nameReview } : {}),
      }
      return mapPage(await findPage<OrganizationRecord>(Organization, filter, query, { sort: { createdAt: -1, _id: -1 } }), (items) => items.map(presentOrganization))
    },

    async listMembers(_ctx, { params, actor }) {
      const org = await load(params.id, actor, 'organization.readMembers')
      const users = await User.find({ _id: { $in: org.members.map((m) => m.userId) } }, { displayName: 1 }).lean()
      const names = new Map(users.map((u) => [u._id.toHexString(), u.displayName]))
      return {
        items: org.members.map((m) => ({
          userId: m.userId.toHexString(),
          displayName: names.get(m.userId.toHexString()) ?? '已注销用户',
          founder: m.founder,
          joinedAt: m.joinedAt.toISOString(),
        })),
      }
    },

    async createOrganizationInvite(_ctx, { params, actor }) {
      const org = await load(params.id, actor, 'organization.invite')
      const invite = await issueCode(models, 'organization_invite', oid(actor.userId!), { organizationId: org._id })
      await audit(actor, 'organization.invite', params.id)
      return invite
    },

    async joinOrganization(_ctx, { body, actor }) {
      await consume(models, `organization.join:user:${actor.userId}`, { max: 10, windowSeconds: 600 })
      const userId = oid(actor.userId!)
      const pending = await peekCode(models, 'organization_invite', body.code)
      if (!pending?.organizationId) throw new AppError('INVITE_INVALID')
      // Checked before the code is used up, so a member who tries a colleague's code does not waste it.
      if (actor.organizationIds.includes(pending.organizationId.toHexString())) throw new AppError('ALREADY_MEMBER')
      if (!(await redeemCode(models, 'organization_invite', body.code, userId))) throw new AppError('INVITE_INVALID')
      const org = await Organization.findOneAndUpdate(
        { _id: pending.organizationId, 'members.userId': { $ne: userId } },
        { $push: { members: { userId, joinedAt: new Date(), founder: false } } },
        { new: true },
      ).lean()
      if (!org) throw new AppError('ALREADY_MEMBER')
      await audit(actor, 'organization.join', org._id.toHexString())
      return presentOrganization(org)
    },

    async leaveOrganization(_ctx, { params, actor }) {
      if (!(await Organization.exists({ _id: params.id }))) throw new AppError('ORGANIZATION_NOT_FOUND')
      const left = await Organization.updateOne(
        { _id: params.id, 'members.userId': oid(actor.userId!) },
        { $pull: { members: { userId: oid(actor.userId!) } } },
      )
      if (left.modifiedCount === 0) throw new AppError('NOT_A_MEMBER')
      await audit(actor, 'organization.leave', params.id)
    },

    async renameOrganization(ctx, { params, body, actor }) {
      const org = await load(params.id, actor, 'organization.rename')
      await consume(models, `organization.rename:user:${actor.userId}`, { max: 10, windowSeconds: 3600 })
      return presentOrganization(await organizationRenamer({ models, contentSecurity, actor, doc: org, name: body.name, logger: ctx.state.log }))
    },

    async reviewOrganizationName(ctx, { params, body, actor }) {
      await load(params.id, actor, 'organization.reviewName')
      const reviewed = await nameReviewer({
        models,
        actor,
        id: params.id,
        decision: body.decision,
        ...(body.reason ? { reason: body.reason } : {}),
        logger: ctx.state.log,
      })
      return presentOrganization(reviewed)
    },
  }
}
