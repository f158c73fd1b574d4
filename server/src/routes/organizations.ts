import mongoose from 'mongoose'
import { nameKey, type NameReview } from '@zlbg/shared'
import { recordAudit } from '../audit/recorder'
import { literalPattern } from '../db/literalPattern'
import { issueCode, peekCode, redeemCode } from '../auth/codes'
import type { Handlers } from '../http/bind'
import { AppError, stateConflict } from '../http/errors'
import { consume } from '../http/rateLimit'
import type { Models } from '../models'
import { outboxItems } from '../outbox/enqueue'
import { auditEffect, outboxEffects, relayPendingEffects } from '../outbox/relay'
import { requireAcceptableText, SECURITY_SCENES, type ContentSecurity } from '../wechat/contentSecurity'
import type { OrganizationRecord } from '../models/organization'
import { can, type Actor } from '../policies'
import { presentOrganization } from '../presenters/organizations/organization'

const oid = (id: string) => new mongoose.Types.ObjectId(id)

/** The organization, once the caller may do `action` to it: 404 when there is none, 403 when they may not. */
export async function loadOrganization(models: Models, id: string, actor: Actor, action: string): Promise<OrganizationRecord> {
  const org = await models.Organization.findById(id).lean()
  if (!org) throw new AppError('ORGANIZATION_NOT_FOUND')
  if (!can(actor, action, { id })) throw new AppError('FORBIDDEN')
  return org
}

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

  /**
   * A name is free text the public writes and others read: WeChat's check refuses a risky one
   * (400 CONTENT_RISKY, nothing saved) and one it could not judge waits for the office.
   */
  async function checkName(actor: Actor, name: string, self?: mongoose.Types.ObjectId): Promise<NameReview> {
    const user = await User.findById(actor.userId, { wechatOpenid: 1 }).lean()
    const verdict = await requireAcceptableText(contentSecurity, {
      text: name,
      ...(user?.wechatOpenid ? { openid: user.wechatOpenid } : {}),
      scene: SECURITY_SCENES.profile,
    })
    // Issue 12: a name a verified organization already bears (compared by nameKey: width, spaces,
    // punctuation ignored) waits for the office, who can tell the real company from a look-alike.
    const taken = await Organization.exists({ nameKey: nameKey(name), 'verification.state': 'verified', ...(self ? { _id: { $ne: self } } : {}) })
    return verdict === 'pass' && !taken ? 'passed' : 'pending'
  }

  const load = (id: string, actor: Actor, action: string) => loadOrganization(models, id, actor, action)

  const audit = (actor: Actor, action: string, id: string, extra: { reason?: string } = {}) =>
    recordAudit(models, actor, { action, resource: { type: 'organization', id }, ...extra })

  return {
    async createOrganization(_ctx, { body, actor }) {
      // A public write: limited per person and per address, counted in the database.
      await consume(models, `organization.create:user:${actor.userId}`, { max: 5, windowSeconds: 3600 })
      await consume(models, `organization.create:ip:${actor.ip}`, { max: 20, windowSeconds: 3600 })
      const userId = oid(actor.userId!)
      const nameReview = await checkName(actor, body.name)
      const org = await Organization.create({
        name: body.name,
        nameKey: nameKey(body.name),
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
      const [items, total] = await Promise.all([
        Organization.find(filter).sort({ createdAt: -1, _id: -1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean(),
        Organization.countDocuments(filter),
      ])
      return { items: items.map(presentOrganization), page: query.page, pageSize: query.pageSize, total }
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

    async renameOrganization(_ctx, { params, body, actor }) {
      const org = await load(params.id, actor, 'organization.rename')
      await consume(models, `organization.rename:user:${actor.userId}`, { max: 10, windowSeconds: 3600 })
      const nameReview = await checkName(actor, body.name, org._id)
      const renamed = await Organization.findOneAndUpdate(
        { _id: org._id },
        { $set: { name: body.name, nameKey: nameKey(body.name), nameReview }, $unset: { nameReviewReason: 1 } },
        { new: true },
      ).lean()
      if (!renamed) throw new AppError('ORGANIZATION_NOT_FOUND')
      await recordAudit(models, actor, {
        action: 'organization.rename',
        resource: { type: 'organization', id: params.id },
        from: org.name,
        to: body.name,
      })
      return presentOrganization(renamed)
    },

    async reviewOrganizationName(ctx, { params, body, actor }) {
      const org = await Organization.findById(params.id).lean()
      if (!org) throw new AppError('ORGANIZATION_NOT_FOUND')
      const to: NameReview = body.decision === 'approve' ? 'passed' : 'rejected'
      const now = new Date()
      const decisionId = new mongoose.Types.ObjectId().toHexString()
      const cause = { type: 'organization', id: params.id }
      const notices = org.members.flatMap((m) =>
        outboxItems(
          {
            recipientUserId: m.userId,
            kind: `organization.name.${to}`,
            content: {
              title: to === 'passed' ? '组织名称已通过审核' : '组织名称未通过审核',
              body: to === 'passed' ? `「${org.name}」已通过审核。` : `「${org.name}」未通过审核：${body.reason}。请修改名称。`,
              link: '/pages/me/index',
            },
          },
          `organization:${params.id}:${decisionId}:nameReview`,
          cause,
        ),
      )
      const effects = [
        ...outboxEffects(notices, now),
        auditEffect(
          `nameReview:${decisionId}`,
          actor,
          { action: 'organization.reviewName', resource: cause, from: 'pending', to, ...(body.reason ? { reason: body.reason } : {}), at: now },
          now,
        ),
      ]
      // One conditional update carries the decision, its audit record and the members' notices, so
      // two reviewers deciding at once cannot both win and nothing is half-written (outbox/relay.ts).
      const reviewed = await Organization.findOneAndUpdate(
        { _id: params.id, nameReview: 'pending' },
        {
          ...(to === 'passed'
            ? { $set: { nameReview: to }, $unset: { nameReviewReason: 1 } }
            : { $set: { nameReview: to, nameReviewReason: body.reason } }),
          $push: { pendingEffects: { $each: effects } },
        },
        { new: true },
      ).lean()
      if (!reviewed) {
        const current = await Organization.findById(params.id, { nameReview: 1 }).lean()
        if (!current) throw new AppError('ORGANIZATION_NOT_FOUND')
        throw stateConflict(current.nameReview)
      }
      try {
        await relayPendingEffects(models, Organization, params.id)
      } catch (err) {
        // The decision stands; the outbox.relay job writes what was not relayed.
        ctx.state.log.warn({ err, organizationId: params.id }, 'relay after a name review failed')
      }
      return presentOrganization(reviewed)
    },
  }
}
