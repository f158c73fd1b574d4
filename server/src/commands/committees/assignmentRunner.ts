import mongoose from 'mongoose'
import { planAssignments, suggestGroups } from '@zlbg/shared'
import { recordAudit } from '../../audit/recorder'
import { isDuplicateKey } from '../../db/duplicateKey'
import { AppError } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { CommitteeRecord } from '../../models/committee'
import { notify } from '../../outbox/enqueue'
import type { Actor } from '../../policies'
import { planInputs } from '../../presenters/committees/plan'
import { assignmentTransition } from '../../workflow/committee'
import { assignableApplications } from './callData'
import { conflictScanner } from './conflictScanner'
import { withdrawalNotice } from './committeeSaver'
import { EXPERT_HOME_LINK, noticesToExperts } from './reviewNotices'

const oid = (id: string) => new mongoose.Types.ObjectId(id)

/** The committee as stored now, without its pending effects. */
export async function currentCommittee(models: Models, callId: mongoose.Types.ObjectId): Promise<CommitteeRecord> {
  const c = await models.Committee.findOne({ callId }, { pendingEffects: 0 }).lean<CommitteeRecord>()
  if (!c) throw new AppError('COMMITTEE_NOT_FOUND')
  return c
}

/** Tells newly assigned experts, once review is under way (before that the plan is the office's draft). */
async function tellAssigned(models: Models, committee: CommitteeRecord, expertIds: string[], key: string, now: Date) {
  if (committee.state !== 'reviewing' || !expertIds.length) return
  const counts = new Map<string, number>()
  for (const id of expertIds) counts.set(id, (counts.get(id) ?? 0) + 1)
  const notices = await noticesToExperts(models, [...counts.keys()], () => ({
    kind: 'assignment.added',
    content: { title: '新的评审任务', body: '有新的申报分配给您评审，请在评审工作台查看。', link: EXPERT_HOME_LINK, status: '待评审' },
  }))
  await notify(models, notices, { keyPrefix: key, cause: { type: 'committee', id: committee.callId.toHexString() }, now })
}

/**
 * Runs the assignment (第十二条): finds conflicts (withdrawing conflicted assignments), places the
 * unplaced applications in groups by sector and industry, then gives each application its k
 * reviewers with planAssignments. Deterministic and repeatable: a second run adds only what is
 * missing (a replacement for a withdrawn reviewer, a newly qualified application).
 */
export async function assignmentRunner({ models, actor, callId, logger, now = new Date() }: { models: Models; actor: Actor; callId: mongoose.Types.ObjectId; logger?: Logger; now?: Date }): Promise<void> {
  let committee = await currentCommittee(models, callId)
  const apps = await assignableApplications(models, callId)
  await conflictScanner({ models, actor, committee, applications: apps, now, ...(logger ? { logger } : {}) })

  const placed = new Map(committee.placements.map((p) => [p.applicationId.toHexString(), p.groupId.toHexString()]))
  const suggested = suggestGroups(
    committee.groups.map((g) => ({ id: g._id.toHexString(), name: g.name, sectors: g.sectors, industries: g.industries })),
    apps.map((a) => ({ id: a._id.toHexString(), ...(a.sector ? { sector: a.sector } : {}), ...(a.profileSnapshot?.industry ? { industry: a.profileSnapshot.industry } : {}) })),
    placed,
  )
  const fresh = [...suggested].filter(([id]) => !placed.has(id))
  if (fresh.length) {
    // Only if none of them was placed meanwhile (by the office or a concurrent run).
    await models.Committee.updateOne(
      { _id: committee._id, 'placements.applicationId': { $nin: fresh.map(([id]) => oid(id)) } },
      { $push: { placements: { $each: fresh.map(([applicationId, groupId]) => ({ applicationId: oid(applicationId), groupId: oid(groupId), by: 'suggested' })) } } },
    )
    committee = await currentCommittee(models, callId)
  }

  const { input, placement } = await planInputs(models, committee, apps)
  const plan = planAssignments(input)
  const made: string[] = []
  for (const a of plan.assignments) {
    try {
      await models.Assignment.create({
        callId,
        applicationId: oid(a.applicationId),
        groupId: placement.get(a.applicationId)!.groupId,
        expertId: oid(a.expertId),
        state: 'active',
        slot: 'active',
        source: 'algorithm',
        coversField: a.coversField,
        ...(actor.userId ? { createdBy: oid(actor.userId) } : {}),
      })
      made.push(a.expertId)
    } catch (err) {
      // A concurrent run made the same one: it stands once.
      if (!isDuplicateKey(err)) throw err
    }
  }
  const runKey = `assignment-run:${callId.toHexString()}:${now.getTime()}`
  await recordAudit(models, actor, {
    action: 'assignment.run',
    resource: { type: 'committee', id: callId.toHexString() },
    reason: `新分组 ${fresh.length} 件，新分配 ${made.length} 项，缺口 ${plan.gaps.length} 处`,
    key: runKey,
  })
  await tellAssigned(models, committee, made, runKey, now)
}

/** The office moves an application to another group, with a reason; its reviewers in the old group are withdrawn. */
export async function placementChanger({ models, actor, callId, applicationId, groupId, reason, logger, now = new Date() }: { models: Models; actor: Actor; callId: mongoose.Types.ObjectId; applicationId: string; groupId: string; reason: string; logger?: Logger; now?: Date }): Promise<void> {
  const committee = await currentCommittee(models, callId)
  if (!committee.groups.some((g) => g._id.equals(groupId))) throw new AppError('COMMITTEE_INVALID', { fields: [{ path: 'groupId', message: '该专业组不存在' }] })
  const app = await models.Application.findOne({ _id: oid(applicationId), callId }, { _id: 1 }).lean()
  if (!app) throw new AppError('APPLICATION_NOT_FOUND')
  await models.Committee.updateOne({ _id: committee._id }, { $pull: { placements: { applicationId: app._id } } })
  await models.Committee.updateOne({ _id: committee._id }, { $push: { placements: { applicationId: app._id, groupId: oid(groupId), by: 'office', reason } } })
  await recordAudit(models, actor, { action: 'assignment.place', resource: { type: 'application', id: applicationId }, to: groupId, reason })
  const stale = await models.Assignment.find({ applicationId: app._id, state: 'active', groupId: { $ne: oid(groupId) } }, { _id: 1 }).lean()
  for (const a of stale) {
    await assignmentTransition({ models, id: a._id, event: 'withdraw', actor, reason: `调整专业组：${reason}`, effects: { notifyExpert: withdrawalNotice(models) }, now, ...(logger ? { logger } : {}) })
  }
}

/** The office adds one reviewer by hand, with a reason: only from the application's group, never a conflicted one. */
export async function manualAssigner({ models, actor, callId, applicationId, expertId, reason, now = new Date() }: { models: Models; actor: Actor; callId: mongoose.Types.ObjectId; applicationId: string; expertId: string; reason: string; now?: Date }): Promise<void> {
  const committee = await currentCommittee(models, callId)
  const app = await models.Application.findOne({ _id: oid(applicationId), callId }, { _id: 1 }).lean()
  if (!app) throw new AppError('APPLICATION_NOT_FOUND')
  const placement = committee.placements.find((p) => p.applicationId.equals(app._id))
  const group = placement && committee.groups.find((g) => g._id.equals(placement.groupId))
  if (!group) throw new AppError('ASSIGNMENT_INVALID', { message: '该申报尚未分入专业组，请先分组' })
  if (!group.leaderId.equals(expertId) && !group.memberIds.some((m) => m.equals(expertId))) {
    throw new AppError('ASSIGNMENT_INVALID', { message: `该专家不在「${group.name}」，只能分配本组专家` })
  }
  const conflict = await models.Conflict.findOne({ callId, expertId: oid(expertId), applicationId: app._id, state: 'active' }, { detail: 1 }).lean()
  if (conflict) throw new AppError('ASSIGNMENT_INVALID', { message: `该专家须回避：${conflict.detail}` })
  const expert = await models.Expert.findById(expertId, { fields: 1 }).lean()
  const methods = (await models.Application.findById(app._id, { 'content.methods': 1 }).lean())?.content?.methods ?? []
  try {
    await models.Assignment.create({
      callId,
      applicationId: app._id,
      groupId: group._id,
      expertId: oid(expertId),
      state: 'active',
      slot: 'active',
      source: 'manual',
      reason,
      coversField: (expert?.fields ?? []).some((f) => methods.includes(f)),
      ...(actor.userId ? { createdBy: oid(actor.userId) } : {}),
    })
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('ASSIGNMENT_INVALID', { message: '该专家已在评审这件申报' })
    throw err
  }
  const key = `assignment-manual:${applicationId}:${expertId}:${now.getTime()}`
  await recordAudit(models, actor, { action: 'assignment.add', resource: { type: 'application', id: applicationId }, to: expertId, reason, key })
  await tellAssigned(models, committee, [expertId], key, now)
}
