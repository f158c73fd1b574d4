import mongoose from 'mongoose'
import type { CallRole, CommitteeState } from '@zlbg/shared'
import type { Models } from '../models'
import type { ExpertRecord } from '../models/expert'
import type { Actor, CallRoles } from './actor'

export type { CallRoles } from './actor'

const none = (callId: string, expertId?: string): CallRoles => ({ id: callId, ...(expertId ? { expertId } : {}), roles: [], assignmentIds: [], applicationIds: [] })

/** The active pool entry of a signed-in expert account, if any. */
export async function expertOfActor(models: Models, actor: Actor): Promise<ExpertRecord | undefined> {
  if (!actor.userId || !actor.roles.includes('expert')) return undefined
  const expert = await models.Expert.findOne({ userId: new mongoose.Types.ObjectId(actor.userId), active: true }).lean<ExpertRecord>()
  return expert ?? undefined
}

/**
 * The caller's roles in `callId` (第十条–第十三条): not account roles — they follow from the committee
 * the office formed and the assignments made for the call, read from the database on every request.
 * Reached through actorInCall (roles.ts), so rules and machines ask for them with actorHasRole.
 */
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
    id: callId,
    expertId,
    roles,
    committeeState: committee.state,
    ...(groupId ? { groupId } : {}),
    assignmentIds: assignments.map((a) => a._id.toHexString()),
    applicationIds: assignments.map((a) => a.applicationId.toHexString()),
  }
}
