import mongoose from 'mongoose'
import type { CallRole, CommitteeState } from '@zlbg/shared'
import type { Models } from '../models'
import type { ExpertRecord } from '../models/expert'
import type { Actor } from './actor'

/**
 * What a person is in one call's committee (第十条–第十二条). These roles are not account roles:
 * they follow from the committee the office formed and the assignments made for the call, so they
 * are resolved per request from the database (nothing cached).
 */
export interface CallRoles {
  callId: string
  /** The pool entry linked to the caller's account, when there is an active one. */
  expertId?: string
  roles: CallRole[]
  committeeState?: CommitteeState
  /** The group the caller leads or sits in (an expert sits in at most one group of a call). */
  groupId?: string
  /** Active assignments, once review has started (before that they are the office's draft). */
  assignmentIds: string[]
  applicationIds: string[]
}

const none = (callId: string, expertId?: string): CallRoles => ({ callId, ...(expertId ? { expertId } : {}), roles: [], assignmentIds: [], applicationIds: [] })

/** The active pool entry of a signed-in expert account, if any. */
export async function expertOfActor(models: Models, actor: Actor): Promise<ExpertRecord | undefined> {
  if (!actor.userId || !actor.roles.includes('expert')) return undefined
  const expert = await models.Expert.findOne({ userId: new mongoose.Types.ObjectId(actor.userId), active: true }).lean<ExpertRecord>()
  return expert ?? undefined
}

/** The caller's per-call roles in `callId`, from the committee and assignment collections. */
export async function resolveCallRoles(models: Models, actor: Actor, callId: string): Promise<CallRoles> {
  const expert = await expertOfActor(models, actor)
  if (!expert || !mongoose.isValidObjectId(callId)) return none(callId)
  const expertId = expert._id.toHexString()
  const committee = await models.Committee.findOne({ callId: new mongoose.Types.ObjectId(callId) }, { pendingEffects: 0, placements: 0 }).lean()
  if (!committee) return none(callId, expertId)
  const roles: CallRole[] = []
  const same = (id: mongoose.Types.ObjectId) => id.equals(expert._id)
  if (same(committee.chairId)) roles.push('committee_chair')
  if (committee.viceChairIds.some(same)) roles.push('committee_vice_chair')
  let groupId: string | undefined
  for (const g of committee.groups) {
    if (same(g.leaderId)) {
      roles.push('group_leader')
      groupId = g._id.toHexString()
    } else if (g.memberIds.some(same)) {
      roles.push('group_member')
      groupId = g._id.toHexString()
    }
  }
  const assignments =
    committee.state === 'reviewing'
      ? await models.Assignment.find({ expertId: expert._id, callId: committee.callId, state: 'active' }, { applicationId: 1 }).lean()
      : []
  if (assignments.length) roles.push('assigned_expert')
  return {
    callId,
    expertId,
    roles,
    committeeState: committee.state,
    ...(groupId ? { groupId } : {}),
    assignmentIds: assignments.map((a) => a._id.toHexString()),
    applicationIds: assignments.map((a) => a.applicationId.toHexString()),
  }
}

/** Whether the caller holds any of `roles` in the call. */
export const hasCallRole = (r: { callRoles?: CallRoles }, ...roles: CallRole[]) => !!r.callRoles?.roles.some((x) => roles.includes(x))
/** Any place in the call's committee: chair, vice chair, group leader or member, or an assignment. */
export const inCommittee = (r: { callRoles?: CallRoles }) => (r.callRoles?.roles.length ?? 0) > 0
