import { createHash, randomBytes } from 'node:crypto'
import mongoose from 'mongoose'
import { FILE_LINK_TTL_MS, type MyAssignment } from '@zlbg/shared'
import { downloadAttachment } from '../attachments'
import { recordAudit } from '../audit/recorder'
import { ASSIGNABLE_STATES } from '../commands/committees/callData'
import { conflictDeclarer } from '../commands/committees/conflictDeclarer'
import { hasPledged, pledgeAcceptor } from '../commands/committees/pledgeAcceptor'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { ApplicationRecord } from '../models/application'
import type { AssignmentRecord, CommitteeRecord } from '../models/committee'
import { actorHasRole, actorInCall, expertOfActor } from '../policies'
import { loadAssignment, loadCommittee } from '../policies/loaders'
import type { FileStorage } from '../storage'

type Names =
  | 'getCommitteeOverview'
  | 'listMyReviewCalls'
  | 'acceptPledge'
  | 'listMyAssignments'
  | 'getMyAssignment'
  | 'createAssignmentFileLink'
  | 'downloadAssignedFile'
  | 'listDeclarableApplications'
  | 'declareConflict'

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

/**
 * The experts' side (第十三条): their calls and roles, the pledge that gates everything else, only
 * the applications assigned to them (every view audited), files through short-lived links bound to
 * them, and declaring conflicts. Nothing here names another reviewer.
 */
export function reviewHandlers(models: Models, { storage, logger }: { storage: FileStorage; logger: Logger }): Pick<Handlers, Names> {
  async function requirePledge(committee: CommitteeRecord, expertId: string | undefined) {
    if (!expertId || !(await hasPledged(models, committee, expertId))) throw new AppError('PLEDGE_REQUIRED')
  }
  const groupName = (c: CommitteeRecord, groupId: mongoose.Types.ObjectId) => c.groups.find((g) => g._id.equals(groupId))?.name ?? ''

  async function assignmentViews(committee: CommitteeRecord, docs: AssignmentRecord[]): Promise<MyAssignment[]> {
    const apps = await models.Application.find({ _id: { $in: docs.map((d) => d.applicationId) } }, { 'content.title': 1, organizationName: 1, sector: 1 }).lean<ApplicationRecord[]>()
    const byId = new Map(apps.map((a) => [a._id.toHexString(), a]))
    return docs.map((d) => {
      const app = byId.get(d.applicationId.toHexString())
      return {
        id: d._id.toHexString(),
        applicationId: d.applicationId.toHexString(),
        title: app?.content?.title ?? '',
        organizationName: app?.organizationName ?? '',
        ...(app?.sector ? { sector: app.sector } : {}),
        groupName: groupName(committee, d.groupId),
        ...(committee.reviewDeadline ? { deadline: committee.reviewDeadline } : {}),
        assignedAt: d.createdAt.toISOString(),
      }
    })
  }

  return {
    async getCommitteeOverview(_ctx, { params, actor }) {
      const { committee, roles, actor: inCall } = await loadCommittee(models, params.id, actor, 'committee.overview')
      // A group leader follows their own group; the chair, vice chairs and the office every group.
      const whole = !actorHasRole(inCall, 'group_leader') || actorHasRole(inCall, 'committee_chair') || actorHasRole(inCall, 'committee_vice_chair') || !roles.expertId
      const groups = committee.groups.filter((g) => whole || g._id.toHexString() === roles.groupId)
      const active = await models.Assignment.find({ callId: committee.callId, state: 'active', groupId: { $in: groups.map((g) => g._id) } }, { expertId: 1 }).lean()
      const ids = [...new Set(groups.flatMap((g) => [g.leaderId, ...g.memberIds].map((id) => id.toHexString())))]
      const experts = new Map((await models.Expert.find({ _id: { $in: ids } }, { name: 1 }).lean()).map((e) => [e._id.toHexString(), e.name]))
      return {
        callId: params.id,
        state: committee.state,
        groups: groups.map((g) => ({
          id: g._id.toHexString(),
          name: g.name,
          leader: experts.get(g.leaderId.toHexString()) ?? '',
          applications: committee.placements.filter((p) => p.groupId.equals(g._id)).length,
          reviewers: [g.leaderId, ...g.memberIds].map((id) => ({ name: experts.get(id.toHexString()) ?? '', assignments: active.filter((a) => a.expertId.equals(id)).length })),
        })),
      }
    },

    async listMyReviewCalls(_ctx, { actor }) {
      const expert = await expertOfActor(models, actor)
      if (!expert) return { items: [] }
      const e = expert._id
      const committees = await models.Committee.find(
        { $or: [{ chairId: e }, { viceChairIds: e }, { 'groups.leaderId': e }, { 'groups.memberIds': e }] },
        { pendingEffects: 0, placements: 0 },
      )
        .sort({ createdAt: -1 })
        .limit(50)
        .lean<CommitteeRecord[]>()
      const calls = new Map((await models.Call.find({ _id: { $in: committees.map((c) => c.callId) } }, { title: 1, year: 1 }).lean()).map((c) => [c._id.toHexString(), c]))
      const items = []
      for (const c of committees) {
        const roles = (await actorInCall(models, actor, c.callId.toHexString())).call
        const accepted = await hasPledged(models, c, e.toHexString())
        const call = calls.get(c.callId.toHexString())
        items.push({
          callId: c.callId.toHexString(),
          callTitle: call?.title ?? '',
          year: call?.year ?? 0,
          committeeState: c.state,
          roles: [...(roles?.roles ?? [])],
          ...(roles?.groupId ? { groupName: groupName(c, new mongoose.Types.ObjectId(roles.groupId)) } : {}),
          pledgeText: c.pledgeText,
          pledgeVersion: c.pledgeVersion,
          ...(accepted ? { pledgeAcceptedAt: accepted.toISOString() } : {}),
          ...(c.reviewDeadline ? { reviewDeadline: c.reviewDeadline } : {}),
          assignments: roles?.assignmentIds?.length ?? 0,
        })
      }
      return { items }
    },

    async acceptPledge(_ctx, { params, actor }) {
      const { committee, roles } = await loadCommittee(models, params.id, actor, 'review.pledge')
      const done = await pledgeAcceptor({ models, actor, committee, expertId: roles.expertId! })
      return { acceptedAt: done.acceptedAt.toISOString(), pledgeVersion: done.version }
    },

    async listMyAssignments(_ctx, { params, actor }) {
      const { committee, roles } = await loadCommittee(models, params.id, actor, 'review.listAssigned')
      await requirePledge(committee, roles.expertId)
      const docs = roles.assignmentIds?.length
        ? await models.Assignment.find({ _id: { $in: roles.assignmentIds.map((id) => new mongoose.Types.ObjectId(id)) } }).sort({ createdAt: 1, _id: 1 }).lean<AssignmentRecord[]>()
        : []
      return { items: await assignmentViews(committee, docs) }
    },

    async getMyAssignment(_ctx, { params, actor }) {
      const { assignment, committee, roles } = await loadAssignment(models, params.id, actor, 'review.readAssigned')
      await requirePledge(committee, roles.expertId)
      const app = await models.Application.findById(assignment.applicationId, { content: 1, receiptNumber: 1 }).lean<ApplicationRecord>()
      if (!app) throw new AppError('ASSIGNMENT_NOT_FOUND')
      const refs = (app.content.attachments ?? []).map((a) => a.attachmentId)
      const files = refs.length ? await models.Attachment.find({ _id: { $in: refs }, 'owner.type': 'application', 'owner.id': app._id }).lean() : []
      // 第十三条: every view of an application's material by an expert is on record.
      await recordAudit(models, actor, { action: 'review.readAssigned', resource: { type: 'application', id: assignment.applicationId.toHexString() }, reason: `评审任务 ${params.id}` })
      const [view] = await assignmentViews(committee, [assignment])
      return {
        ...view!,
        ...(app.receiptNumber ? { receiptNumber: app.receiptNumber } : {}),
        content: app.content,
        files: files.map((f) => ({ id: f._id.toHexString(), filename: f.filename, size: f.size, contentType: f.contentType })),
      }
    },

    async createAssignmentFileLink(_ctx, { params, actor }) {
      const { assignment, committee, roles } = await loadAssignment(models, params.id, actor, 'review.readAssigned')
      await requirePledge(committee, roles.expertId)
      const file = await models.Attachment.findOne({ _id: new mongoose.Types.ObjectId(params.attachmentId), 'owner.type': 'application', 'owner.id': assignment.applicationId }, { _id: 1 }).lean()
      if (!file) throw new AppError('ATTACHMENT_NOT_FOUND')
      const token = randomBytes(24).toString('base64url')
      const expiresAt = new Date(Date.now() + FILE_LINK_TTL_MS)
      await models.FileLink.create({ tokenHash: sha256(token), userId: new mongoose.Types.ObjectId(actor.userId), assignmentId: assignment._id, attachmentId: file._id, expiresAt })
      return { url: `/api/expert/files/${token}`, expiresAt: expiresAt.toISOString() }
    },

    async downloadAssignedFile(_ctx, { params, actor }) {
      const link = await models.FileLink.findOne({ tokenHash: sha256(params.token) }).lean()
      // Someone else's link, an expired one, or one whose assignment was withdrawn: all look the same.
      if (!link || link.expiresAt <= new Date() || link.userId.toHexString() !== actor.userId) throw new AppError('FILE_LINK_INVALID')
      const assignment = await models.Assignment.findOne({ _id: link.assignmentId, state: 'active' }, { applicationId: 1 }).lean()
      if (!assignment) throw new AppError('FILE_LINK_INVALID')
      const file = await downloadAttachment(models, storage, link.attachmentId.toHexString(), [{ type: 'application', id: assignment.applicationId }])
      await recordAudit(models, actor, { action: 'review.downloadFile', resource: { type: 'application', id: assignment.applicationId.toHexString() }, reason: file.filename })
      return file
    },

    async listDeclarableApplications(_ctx, { params, actor }) {
      const { committee, roles } = await loadCommittee(models, params.id, actor, 'review.declare')
      await requirePledge(committee, roles.expertId)
      const apps = await models.Application.find({ callId: committee.callId, state: { $in: ASSIGNABLE_STATES } }, { 'content.title': 1, organizationName: 1 })
        .sort({ submittedAt: 1, _id: 1 })
        .limit(2000)
        .lean<ApplicationRecord[]>()
      const declared = new Set(
        (await models.Conflict.find({ callId: committee.callId, expertId: new mongoose.Types.ObjectId(roles.expertId), kind: 'declared' }, { applicationId: 1 }).lean()).map((c) => c.applicationId.toHexString()),
      )
      return { items: apps.map((a) => ({ applicationId: a._id.toHexString(), title: a.content?.title ?? '', organizationName: a.organizationName ?? '', declared: declared.has(a._id.toHexString()) })) }
    },

    async declareConflict(ctx, { params, body, actor }) {
      const { committee, roles } = await loadCommittee(models, params.id, actor, 'review.declare')
      await requirePledge(committee, roles.expertId)
      await conflictDeclarer({ models, actor, committee, expertId: roles.expertId!, applicationId: body.applicationId, reason: body.reason, logger: ctx.state.log ?? logger })
    },
  }
}
