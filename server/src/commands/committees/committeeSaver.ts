import mongoose from 'mongoose'
import { CALL_ROLE_LABELS, type CommitteeInput, type FieldError } from '@zlbg/shared'
import { isDuplicateKey } from '../../db/duplicateKey'
import { AppError, ruleFailed, stateConflict } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { CommitteeRecord } from '../../models/committee'
import type { ExpertRecord } from '../../models/expert'
import { outboxItems } from '../../outbox/enqueue'
import { auditEffect, outboxEffects, relayPendingEffects } from '../../outbox/relay'
import type { Actor } from '../../policies'
import { assignmentTransition } from '../../workflow/committee'
import { expertsById } from './callData'
import { EXPERT_HOME_LINK, noticesToExperts } from './reviewNotices'

type Input = Omit<CommitteeInput, 'groups'> & { groups: { id?: string; name: string; sectors: CommitteeRecord['groups'][number]['sectors']; industries: string[]; leaderId: string; memberIds: string[] }[] }

/**
 * The rules of 第十一条 and 第十二条 a committee must meet, each broken one as a field error naming it:
 * exactly one chair and one or two vice chairs (the schema's shape), all competent in comprehensive
 * quality management, all active in the pool; each group exactly one leader and at least one member;
 * an expert in at most one group.
 */
export function committeeShapeProblems(input: Input, experts: ReadonlyMap<string, Pick<ExpertRecord, 'name' | 'active' | 'competent'>>, knownGroupIds: ReadonlySet<string>): FieldError[] {
  const problems: FieldError[] = []
  const name = (id: string) => experts.get(id)?.name ?? id
  const check = (path: string, id: string) => {
    const e = experts.get(id)
    if (!e) problems.push({ path, message: '该专家不在专家库中' })
    else if (!e.active) problems.push({ path, message: `${e.name}已停用，不能进入评审委员会` })
    return e
  }
  const chair = check('chairId', input.chairId)
  if (chair && !chair.competent) problems.push({ path: 'chairId', message: `主任委员须具备综合质量管理能力（第十一条）：${chair.name}未标注` })
  input.viceChairIds.forEach((id, i) => {
    const e = check(`viceChairIds.${i}`, id)
    if (e && !e.competent) problems.push({ path: `viceChairIds.${i}`, message: `副主任委员须具备综合质量管理能力（第十一条）：${e.name}未标注` })
    if (id === input.chairId) problems.push({ path: `viceChairIds.${i}`, message: `${name(id)}已是主任委员，不能兼任副主任委员（第十一条）` })
  })
  if (new Set(input.viceChairIds).size !== input.viceChairIds.length) problems.push({ path: 'viceChairIds', message: '副主任委员不能重复（第十一条）' })
  const seat = new Map<string, string>()
  const names = new Set<string>()
  input.groups.forEach((g, i) => {
    if (g.id && !knownGroupIds.has(g.id)) problems.push({ path: `groups.${i}.id`, message: '专业组不存在，请刷新后重试' })
    if (names.has(g.name)) problems.push({ path: `groups.${i}.name`, message: `专业组名称「${g.name}」重复` })
    names.add(g.name)
    check(`groups.${i}.leaderId`, g.leaderId)
    g.memberIds.forEach((id, j) => check(`groups.${i}.memberIds.${j}`, id))
    const people = [g.leaderId, ...g.memberIds.filter((id) => id !== g.leaderId)]
    if (people.length < 2) problems.push({ path: `groups.${i}.memberIds`, message: `${g.name}除组长外至少还需一名组员（第十二条）` })
    for (const id of new Set(people)) {
      const other = seat.get(id)
      if (other !== undefined) problems.push({ path: `groups.${i}`, message: `${name(id)}已在「${other}」，每位专家在一次评审中只能进入一个专业组（第十二条）` })
      else seat.set(id, g.name)
    }
  })
  return problems
}

/** Each person's place in the committee, to tell who is affected by a change. */
function placesOf(c: Pick<CommitteeRecord, 'chairId' | 'viceChairIds' | 'groups'>): Map<string, string> {
  const places = new Map<string, string>()
  const add = (id: mongoose.Types.ObjectId, what: string) => places.set(id.toHexString(), [places.get(id.toHexString()), what].filter(Boolean).join('、'))
  add(c.chairId, CALL_ROLE_LABELS.committee_chair)
  for (const id of c.viceChairIds) add(id, CALL_ROLE_LABELS.committee_vice_chair)
  for (const g of c.groups) {
    add(g.leaderId, `${g.name}${CALL_ROLE_LABELS.group_leader}`)
    for (const id of g.memberIds) add(id, `${g.name}${CALL_ROLE_LABELS.group_member}`)
  }
  return places
}

/**
 * Forms or changes the committee of a call (第十条–第十二条). Refused whole when any rule is broken.
 * Once review has started, a change needs a reason; it is audited, the people whose place changed
 * are told in the same update, and assignments of anyone who left a group are withdrawn.
 */
export async function committeeSaver({
  models,
  actor,
  callId,
  input,
  logger,
  now = new Date(),
}: {
  models: Models
  actor: Actor
  callId: mongoose.Types.ObjectId
  input: Input
  logger?: Logger
  now?: Date
}): Promise<CommitteeRecord> {
  const existing = await models.Committee.findOne({ callId }, { pendingEffects: 0 }).lean<CommitteeRecord>()
  const reason = input.reason?.trim() || undefined
  if (existing?.state === 'reviewing' && !reason) throw ruleFailed([{ path: 'reason', message: '评审已启动，调整委员会须说明原因' }])
  const ids = [input.chairId, ...input.viceChairIds, ...input.groups.flatMap((g) => [g.leaderId, ...g.memberIds])]
  const experts = await expertsById(models, [...new Set(ids)].map((id) => new mongoose.Types.ObjectId(id)))
  const problems = committeeShapeProblems(input, experts, new Set(existing?.groups.map((g) => g._id.toHexString()) ?? []))
  if (problems.length) throw new AppError('COMMITTEE_INVALID', { fields: problems })

  const groups = input.groups.map((g) => ({
    _id: new mongoose.Types.ObjectId(g.id),
    name: g.name,
    sectors: [...new Set(g.sectors)],
    industries: [...new Set(g.industries)],
    leaderId: new mongoose.Types.ObjectId(g.leaderId),
    memberIds: [...new Set(g.memberIds.filter((id) => id !== g.leaderId))].map((id) => new mongoose.Types.ObjectId(id)),
  }))
  const groupIds = new Set(groups.map((g) => g._id.toHexString()))
  const fields = {
    chairId: new mongoose.Types.ObjectId(input.chairId),
    viceChairIds: input.viceChairIds.map((id) => new mongoose.Types.ObjectId(id)),
    groups,
    pledgeText: input.pledgeText,
    reviewersPerApplication: input.reviewersPerApplication,
    maxPerExpert: input.maxPerExpert,
    ...(input.reviewDeadline ? { reviewDeadline: input.reviewDeadline } : {}),
    // Applications placed in a group that no longer exists go back to be placed again.
    placements: (existing?.placements ?? []).filter((p) => groupIds.has(p.groupId.toHexString())),
    pledgeVersion: existing ? existing.pledgeVersion + (existing.pledgeText === input.pledgeText ? 0 : 1) : 1,
  }

  const before = existing ? placesOf(existing) : new Map<string, string>()
  const after = placesOf(fields)
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((id) => before.get(id) !== after.get(id))
  const call = await models.Call.findById(callId, { title: 1 }).lean()
  const pending = [
    auditEffect(`committee:${callId.toHexString()}:${now.getTime()}`, actor, {
      action: existing ? 'committee.update' : 'committee.create',
      resource: { type: 'committee', id: callId.toHexString() },
      ...(reason ? { reason } : {}),
      ...(changed.length ? { to: `${changed.length} 人的委员会职务变化` } : {}),
      at: now,
    }, now),
  ]
  // The affected are told only once review is under way; before that the roster is the office's draft.
  if (existing?.state === 'reviewing' && changed.length) {
    const notices = await noticesToExperts(models, changed, () => ({
      kind: 'committee.changed',
      content: { title: call?.title ?? '评审委员会调整', body: `您在《${call?.title ?? ''}》评审委员会中的职务已调整。原因：${reason}`, link: EXPERT_HOME_LINK },
    }))
    pending.push(...outboxEffects(notices.flatMap((n) => outboxItems(n, `committee:${callId.toHexString()}:${now.getTime()}`, { type: 'committee', id: callId.toHexString() })), now))
  }

  let saved: CommitteeRecord | null
  if (!existing) {
    try {
      saved = (await models.Committee.create({ callId, state: 'formed', ...fields, pendingEffects: pending })).toObject()
    } catch (err) {
      if (isDuplicateKey(err)) throw stateConflict('formed')
      throw err
    }
  } else {
    saved = await models.Committee.findOneAndUpdate(
      { _id: existing._id, updatedAt: existing.updatedAt },
      { $set: fields, $push: { pendingEffects: { $each: pending } } },
      { new: true },
    ).lean<CommitteeRecord>()
    if (!saved) throw stateConflict(existing.state)
  }
  await relayPendingEffects(models, models.Committee, saved._id).catch((err) => logger?.warn({ err }, 'committee relay failed; the relay job will finish it'))

  // Whoever left a group (or whose group went) no longer reviews its applications.
  const seats = new Set(groups.flatMap((g) => [g.leaderId, ...g.memberIds].map((id) => `${g._id.toHexString()}:${id.toHexString()}`)))
  const stale = (await models.Assignment.find({ callId, state: 'active' }, { groupId: 1, expertId: 1 }).lean()).filter(
    (a) => !seats.has(`${a.groupId.toHexString()}:${a.expertId.toHexString()}`),
  )
  for (const a of stale) {
    await assignmentTransition({ models, id: a._id, event: 'withdraw', actor, reason: `评审委员会调整：${reason ?? '专家已不在该专业组'}`, effects: { notifyExpert: withdrawalNotice(models) }, now, ...(logger ? { logger } : {}) })
  }
  return (await models.Committee.findById(saved._id, { pendingEffects: 0 }).lean<CommitteeRecord>())!
}

/** The expert whose assignment was withdrawn hears of it (no applicant is told anything, 第十三条). */
export function withdrawalNotice(models: Models) {
  return async ({ doc, reason }: { doc: { expertId: mongoose.Types.ObjectId; applicationId: mongoose.Types.ObjectId }; reason?: string }) => {
    const app = await models.Application.findById(doc.applicationId, { 'content.title': 1 }).lean()
    return noticesToExperts(models, [doc.expertId], () => ({
      kind: 'assignment.withdrawn',
      content: { title: app?.content?.title ?? '评审任务', body: `分配给您的评审任务《${app?.content?.title ?? ''}》已撤回。原因：${reason ?? ''}`, link: EXPERT_HOME_LINK, status: '已撤回' },
    }))
  }
}

