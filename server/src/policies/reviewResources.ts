import mongoose from 'mongoose'
import { AppError } from '../http/errors'
import type { Models } from '../models'
import type { AssignmentRecord, CommitteeRecord } from '../models/committee'
import type { Actor } from './actor'
import { resolveCallRoles, type CallRoles } from './callRoles'
import { can } from './index'

/**
 * Loaders for the committee's per-call resources: 404 when missing, 403 when the caller's per-call
 * roles (callRoles.ts) do not allow `action` on it.
 */
export async function loadCommitteeFor(models: Models, actor: Actor, callId: string, action: string): Promise<{ committee: CommitteeRecord; roles: CallRoles }> {
  const committee = await models.Committee.findOne({ callId: new mongoose.Types.ObjectId(callId) }, { pendingEffects: 0 }).lean<CommitteeRecord>()
  if (!committee) throw new AppError('COMMITTEE_NOT_FOUND')
  const roles = await resolveCallRoles(models, actor, callId)
  if (!can(actor, action, { id: callId, callId, callRoles: roles })) throw new AppError('FORBIDDEN')
  return { committee, roles }
}

/** An active assignment the caller may `action` (only their own, 第十三条). */
export async function loadAssignmentFor(models: Models, actor: Actor, id: string, action: string): Promise<{ assignment: AssignmentRecord; committee: CommitteeRecord; roles: CallRoles }> {
  const assignment = await models.Assignment.findOne({ _id: new mongoose.Types.ObjectId(id), state: 'active' }, { pendingEffects: 0 }).lean<AssignmentRecord>()
  if (!assignment) throw new AppError('ASSIGNMENT_NOT_FOUND')
  const callId = assignment.callId.toHexString()
  const committee = await models.Committee.findOne({ callId: assignment.callId }, { pendingEffects: 0 }).lean<CommitteeRecord>()
  if (!committee) throw new AppError('ASSIGNMENT_NOT_FOUND')
  const roles = await resolveCallRoles(models, actor, callId)
  if (!can(actor, action, { id, callId, callRoles: roles })) throw new AppError('FORBIDDEN')
  return { assignment, committee, roles }
}
