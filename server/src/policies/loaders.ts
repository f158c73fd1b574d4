import { applicationMachine, type ErrorCode } from '@zlbg/shared'
import mongoose from 'mongoose'
import { AppError } from '../http/errors'
import type { Models } from '../models'
import type { ApplicationRecord } from '../models/application'
import type { CallRecord } from '../models/call'
import type { AssignmentRecord, CommitteeRecord } from '../models/committee'
import type { DefenseSlotRecord, DeliberationRecord, SiteVisitRecord } from '../models/deliberation'
import type { RegistrationRecord } from '../models/event'
import type { OrganizationRecord } from '../models/organization'
import type { ObjectionRecord } from '../models/publicity'
import type { RemovalRecord } from '../models/listing'
import type { Actor, CallRoles, Resource } from './actor'
import { can } from './index'
import { actorInCall } from './roles'

/**
 * The resource loaders: a handler that acts on one object gets it from here, so every route answers
 * the same way — 404 when there is no such object, 403 when there is and the caller may not do
 * `action` to it — and every per-resource rule sees the real owner and call, with the caller's roles
 * in that call resolved (actorInCall). A resource added later gets its loader here.
 */
async function judged<D>(models: Models, doc: D | null, notFound: ErrorCode, actor: Actor, action: string, resource: (doc: D) => Resource): Promise<D> {
  if (!doc) throw new AppError(notFound)
  await judge(models, actor, action, resource(doc))
  return doc
}

/** 403 unless the actor, as they act in the resource's call, may `action` it; that actor otherwise. */
async function judge(models: Models, actor: Actor, action: string, r: Resource): Promise<Actor> {
  const inCall = await actorInCall(models, actor, r.callId)
  if (!can(inCall, action, r)) throw new AppError('FORBIDDEN')
  return inCall
}

/** What a committee loader gives: the document, the caller as they act in its call, and their place in it. */
export interface InCommittee {
  committee: CommitteeRecord
  actor: Actor
  roles: CallRoles
}

const placeOf = (actor: Actor, callId: string): CallRoles => actor.call ?? { id: callId, roles: [] }

/** A call's committee (第十条–第十二条), judged with the caller's place in it. */
export async function loadCommittee(models: Models, callId: string, actor: Actor, action: string): Promise<InCommittee> {
  const committee = mongoose.isValidObjectId(callId) ? await models.Committee.findOne({ callId: new mongoose.Types.ObjectId(callId) }, { pendingEffects: 0 }).lean<CommitteeRecord>() : null
  if (!committee) throw new AppError('COMMITTEE_NOT_FOUND')
  const inCall = await judge(models, actor, action, { id: callId, callId })
  return { committee, actor: inCall, roles: placeOf(inCall, callId) }
}

/** An active assignment, which only the expert it is assigned to may read (第十三条). */
export async function loadAssignment(models: Models, id: string, actor: Actor, action: string): Promise<InCommittee & { assignment: AssignmentRecord }> {
  const assignment = mongoose.isValidObjectId(id) ? await models.Assignment.findOne({ _id: new mongoose.Types.ObjectId(id), state: 'active' }, { pendingEffects: 0 }).lean<AssignmentRecord>() : null
  const committee = assignment && (await models.Committee.findOne({ callId: assignment.callId }, { pendingEffects: 0 }).lean<CommitteeRecord>())
  if (!assignment || !committee) throw new AppError('ASSIGNMENT_NOT_FOUND')
  const callId = assignment.callId.toHexString()
  const inCall = await judge(models, actor, action, { id, callId })
  return { assignment, committee, actor: inCall, roles: placeOf(inCall, callId) }
}

/** The application, owned by its organization, in its call. */
export async function loadApplication(models: Models, id: string, actor: Actor, action: string): Promise<ApplicationRecord> {
  const doc = await models.Application.findById(id).lean<ApplicationRecord>()
  return judged(models, doc, 'APPLICATION_NOT_FOUND', actor, action, (d) => ({
    id,
    organizationId: d.organizationId.toHexString(),
    callId: d.callId.toHexString(),
    draft: d.state === applicationMachine.initial,
  }))
}

/**
 * An application as the office's routes see it: an organization's draft is not an application yet
 * and does not exist for them (第十三条), 404 like a missing one.
 */
export async function loadSubmittedApplication(models: Models, id: string, actor: Actor, action: string): Promise<ApplicationRecord> {
  const doc = await models.Application.findOne({ _id: id, state: { $ne: applicationMachine.initial } }).lean<ApplicationRecord>()
  return judged(models, doc, 'APPLICATION_NOT_FOUND', actor, action, (d) => ({
    id,
    organizationId: d.organizationId.toHexString(),
    callId: d.callId.toHexString(),
  }))
}

/** The organization: its own id is what membership is checked against. */
export async function loadOrganization(models: Models, id: string, actor: Actor, action: string): Promise<OrganizationRecord> {
  const doc = await models.Organization.findById(id).lean<OrganizationRecord>()
  return judged(models, doc, 'ORGANIZATION_NOT_FOUND', actor, action, () => ({ id, organizationId: id }))
}

/**
 * The call. A draft is the office's until it is published (第十三条): to anyone who may not manage
 * calls it does not exist (404, not 403, so its existence does not leak).
 */
export async function loadCall(models: Models, id: string, actor: Actor, action: string): Promise<CallRecord> {
  const doc = await models.Call.findById(id).lean<CallRecord>()
  const visible = doc && (doc.state !== 'draft' || can(actor, 'call.manage')) ? doc : null
  return judged(models, visible, 'CALL_NOT_FOUND', actor, action, () => ({ id, callId: id }))
}

/** A deliberation record (合议), in its call: the office's, and the signing chair's or vice chair's. */
export async function loadDeliberation(models: Models, id: string, actor: Actor, action: string): Promise<{ record: DeliberationRecord; actor: Actor }> {
  const record = mongoose.isValidObjectId(id) ? await models.Deliberation.findById(id, { pendingEffects: 0 }).lean<DeliberationRecord>() : null
  if (!record) throw new AppError('DELIBERATION_NOT_FOUND')
  return { record, actor: await judge(models, actor, action, { id, callId: record.callId.toHexString() }) }
}

/** A defense slot or a site visit (第十七条): the office's, in its call. */
export async function loadDefenseSlot(models: Models, id: string, actor: Actor, action: string): Promise<DefenseSlotRecord> {
  const doc = mongoose.isValidObjectId(id) ? await models.DefenseSlot.findById(id, { pendingEffects: 0 }).lean<DefenseSlotRecord>() : null
  return judged(models, doc, 'DEFENSE_SLOT_NOT_FOUND', actor, action, (d) => ({ id, callId: d.callId.toHexString() }))
}

export async function loadSiteVisit(models: Models, id: string, actor: Actor, action: string): Promise<SiteVisitRecord> {
  const doc = mongoose.isValidObjectId(id) ? await models.SiteVisit.findById(id, { pendingEffects: 0 }).lean<SiteVisitRecord>() : null
  return judged(models, doc, 'SITE_VISIT_NOT_FOUND', actor, action, (d) => ({ id, callId: d.callId.toHexString() }))
}

/**
 * An objection (第十八条), in its call: the office's, and the deciding chair's or vice chair's. The
 * filer reads theirs through their own route, filtered by filer (loadOwnObjection).
 */
export async function loadObjection(models: Models, id: string, actor: Actor, action: string): Promise<{ objection: ObjectionRecord; actor: Actor }> {
  const objection = mongoose.isValidObjectId(id) ? await models.Objection.findById(id, { pendingEffects: 0 }).lean<ObjectionRecord>() : null
  if (!objection) throw new AppError('OBJECTION_NOT_FOUND')
  return { objection, actor: await judge(models, actor, action, { id, callId: objection.callId.toHexString() }) }
}

/** The caller's own objection: anyone else's, like a missing one, is 404 — a receipt or id typed by another user learns nothing. */
export async function loadOwnObjection(models: Models, id: string, actor: Actor, action: string): Promise<ObjectionRecord> {
  const doc =
    mongoose.isValidObjectId(id) && actor.userId
      ? await models.Objection.findOne({ _id: new mongoose.Types.ObjectId(id), filedBy: new mongoose.Types.ObjectId(actor.userId) }, { pendingEffects: 0 }).lean<ObjectionRecord>()
      : null
  return judged(models, doc, 'OBJECTION_NOT_FOUND', actor, action, () => ({ id }))
}

/**
 * A removal (第二十一条), in its deciding call: the office's, the approver's, and the chair's or a vice
 * chair's of that call (their roles in it resolved here).
 */
export async function loadRemoval(models: Models, id: string, actor: Actor, action: string): Promise<{ removal: RemovalRecord; actor: Actor }> {
  const removal = mongoose.isValidObjectId(id) ? await models.Removal.findById(id, { pendingEffects: 0 }).lean<RemovalRecord>() : null
  if (!removal) throw new AppError('REMOVAL_NOT_FOUND')
  return { removal, actor: await judge(models, actor, action, { id, callId: removal.callId.toHexString() }) }
}

/**
 * An attendee's registration as its ticket (第二十条): its organization's members', or on the public
 * quota its registrant's alone (rules/checkin.ts).
 */
export async function loadTicketRegistration(models: Models, id: string, actor: Actor, action: string): Promise<RegistrationRecord> {
  const doc = mongoose.isValidObjectId(id) ? await models.Registration.findById(id, { pendingEffects: 0 }).lean<RegistrationRecord>() : null
  return judged(models, doc, 'REGISTRATION_NOT_FOUND', actor, action, (d) =>
    d.organizationId ? { id, organizationId: d.organizationId.toHexString() } : { id, userId: d.registeredBy.toHexString() },
  )
}
