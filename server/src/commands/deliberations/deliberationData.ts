import mongoose from 'mongoose'
import {
  DEFAULT_REVIEW_PLAN,
  ROUND_DECIDABLE_STATES,
  ROUND_DECISIONS,
  type CommitteePlace,
  type DeliberationSave,
  type FieldError,
  type ReviewRound,
} from '@zlbg/shared'
import { AppError } from '../../http/errors'
import type { Models } from '../../models'
import type { CommitteeRecord } from '../../models/committee'
import type { DeliberationItemRecord, DeliberationRecord } from '../../models/deliberation'

const oid = (id: string | mongoose.Types.ObjectId) => new mongoose.Types.ObjectId(String(id))

export interface Member {
  expertId: string
  name: string
  place: CommitteePlace
}

/** The committee's members, each once at their highest place (第十一条, 第十二条). */
export async function committeeMembers(models: Models, committee: CommitteeRecord): Promise<Member[]> {
  const places = new Map<string, CommitteePlace>()
  const put = (id: mongoose.Types.ObjectId, place: CommitteePlace) => {
    if (!places.has(id.toHexString())) places.set(id.toHexString(), place)
  }
  put(committee.chairId, 'chair')
  committee.viceChairIds.forEach((id) => put(id, 'vice_chair'))
  committee.groups.forEach((g) => put(g.leaderId, 'group_leader'))
  committee.groups.forEach((g) => g.memberIds.forEach((id) => put(id, 'member')))
  const names = new Map((await models.Expert.find({ _id: { $in: [...places.keys()].map(oid) } }, { name: 1 }).lean()).map((e) => [e._id.toHexString(), e.name]))
  return [...places].map(([expertId, place]) => ({ expertId, name: names.get(expertId) ?? '', place }))
}

export const presides = (m: Pick<Member, 'place'>) => m.place === 'chair' || m.place === 'vice_chair'

export async function quorumOf(models: Models, callId: mongoose.Types.ObjectId): Promise<number> {
  const plan = await models.ReviewPlan.findOne({ callId }, { quorum: 1 }).lean()
  return plan?.quorum ?? DEFAULT_REVIEW_PLAN.quorum
}

export async function committeeOf(models: Models, callId: mongoose.Types.ObjectId): Promise<CommitteeRecord> {
  const committee = await models.Committee.findOne({ callId }, { pendingEffects: 0 }).lean<CommitteeRecord>()
  if (!committee) throw new AppError('COMMITTEE_NOT_FOUND')
  return committee
}

/**
 * The attendees, judged (第十一条): committee members only, the chair or a vice chair among them, at
 * least the call's quorum. Refused otherwise, before anything is written.
 */
export function checkAttendance(members: readonly Member[], attendeeIds: readonly string[], quorum: number): void {
  const byId = new Map(members.map((m) => [m.expertId, m]))
  const fields: FieldError[] = attendeeIds.flatMap((id, i) => (byId.has(id) ? [] : [{ path: `attendeeIds.${i}`, message: '该专家不是本次评审委员会的委员' }]))
  if (fields.length) throw new AppError('DELIBERATION_INVALID', { fields })
  if (!attendeeIds.some((id) => presides(byId.get(id)!))) {
    throw new AppError('DELIBERATION_PRESIDING_ABSENT', { fields: [{ path: 'attendeeIds', message: '出席委员中须有主任委员或副主任委员' }] })
  }
  if (attendeeIds.length < quorum) {
    throw new AppError('DELIBERATION_QUORUM', { fields: [{ path: 'attendeeIds', message: `出席委员 ${attendeeIds.length} 人，不足法定人数 ${quorum} 人` }] })
  }
}

/** The applications of the call the round's deliberation decides on, in receipt order. */
export async function decidableApplications(models: Models, callId: mongoose.Types.ObjectId, round: ReviewRound) {
  return models.Application.find(
    { callId, state: { $in: ROUND_DECIDABLE_STATES[round] } },
    { _id: 1, state: 1, receiptNumber: 1, 'content.title': 1, organizationName: 1 },
  )
    .sort({ receiptNumber: 1, _id: 1 })
    .lean()
}

/** Active conflicts of the attendees on the applications (回避): applicationId → expert ids. */
export async function recusals(models: Models, callId: mongoose.Types.ObjectId, attendeeIds: readonly mongoose.Types.ObjectId[], applicationIds: readonly mongoose.Types.ObjectId[]) {
  const conflicts = await models.Conflict.find(
    { callId, state: 'active', expertId: { $in: attendeeIds }, applicationId: { $in: applicationIds } },
    { expertId: 1, applicationId: 1 },
  ).lean()
  const map = new Map<string, mongoose.Types.ObjectId[]>()
  for (const c of conflicts) {
    const key = c.applicationId.toHexString()
    const list = map.get(key) ?? []
    if (!list.some((id) => id.equals(c.expertId))) list.push(c.expertId)
    map.set(key, list)
  }
  return map
}

/**
 * The draft's items for the applications the round now decides on: decisions and notes kept or
 * taken from `input`, recusals found afresh. A decision for an application not in the round, or not
 * one of the round's two outcomes, is refused naming the field.
 */
export async function draftItems(
  models: Models,
  record: Pick<DeliberationRecord, 'callId' | 'round' | 'items'>,
  attendeeIds: readonly mongoose.Types.ObjectId[],
  input?: DeliberationSave['items'],
): Promise<DeliberationItemRecord[]> {
  const apps = await decidableApplications(models, record.callId, record.round)
  const ids = new Set(apps.map((a) => a._id.toHexString()))
  const fields: FieldError[] = []
  input?.forEach((item, i) => {
    if (!ids.has(item.applicationId)) fields.push({ path: `items.${i}.applicationId`, message: '该申报不在本轮待合议之列' })
    else if (item.decision && !ROUND_DECISIONS[record.round].includes(item.decision)) fields.push({ path: `items.${i}.decision`, message: '该结论不属于本轮评审' })
  })
  if (fields.length) throw new AppError('DELIBERATION_INVALID', { fields })
  const given = new Map((input ?? []).map((i) => [i.applicationId, i]))
  const kept = new Map(record.items.map((i) => [i.applicationId.toHexString(), i]))
  const recused = await recusals(models, record.callId, attendeeIds, apps.map((a) => a._id))
  return apps.map((a) => {
    const id = a._id.toHexString()
    const from = given.get(id)
    const old = kept.get(id)
    const decision = from ? from.decision ?? undefined : old?.decision
    return {
      applicationId: a._id,
      ...(decision ? { decision } : {}),
      notes: from ? (from.notes ?? '') : old?.notes ?? '',
      recusedIds: recused.get(id) ?? [],
      applied: false,
    }
  })
}

/** Why the record cannot be signed now, in Chinese; empty when it can (第十一条, 第十六条, 第十七条). */
export function signingBlockers(
  record: Pick<DeliberationRecord, 'attendeeIds' | 'items'>,
  members: readonly Member[],
  quorum: number,
  apps: ReadonlyMap<string, { title: string; state: string }>,
): string[] {
  const byId = new Map(members.map((m) => [m.expertId, m]))
  const attendees = record.attendeeIds.map((id) => id.toHexString())
  const blockers: string[] = []
  if (!attendees.some((id) => byId.get(id) && presides(byId.get(id)!))) blockers.push('出席委员中没有主任委员或副主任委员')
  if (attendees.length < quorum) blockers.push(`出席委员 ${attendees.length} 人，不足法定人数 ${quorum} 人`)
  if (record.items.length === 0) blockers.push('本轮没有待合议的申报')
  const undecided = record.items.filter((i) => !i.decision).length
  if (undecided) blockers.push(`${undecided} 件申报尚未作出结论`)
  for (const item of record.items) {
    const app = apps.get(item.applicationId.toHexString())
    const name = `《${app?.title || '申报'}》`
    const deciding = attendees.filter((id) => !item.recusedIds.some((r) => r.toHexString() === id))
    if (deciding.length < quorum) blockers.push(`${name}回避后参与决定的委员 ${deciding.length} 人，不足法定人数 ${quorum} 人`)
    if (!deciding.some((id) => byId.get(id) && presides(byId.get(id)!))) blockers.push(`${name}主任委员、副主任委员均回避，无人主持该项决定`)
    if (app?.state === 'site_visit') blockers.push(`${name}现场考察尚未完成`)
  }
  return blockers
}
