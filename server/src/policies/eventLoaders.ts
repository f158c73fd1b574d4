import mongoose from 'mongoose'
import { AppError } from '../http/errors'
import type { Models } from '../models'
import type { EventRecord, RegistrationRecord } from '../models/event'
import type { Actor } from './actor'
import { actorHasRole } from './roles'

const oid = (id: string) => new mongoose.Types.ObjectId(id)

/**
 * Whose registrations a person follows (第二十条): the ones they registered, and — for a listed
 * organization — every one registered for an organization they are a member of (a colleague on leave
 * does not strand the attendees). Anyone else's are 404, like a missing one.
 */
export function ownRegistrations(actor: Actor): mongoose.FilterQuery<RegistrationRecord> {
  return { $or: [{ registeredBy: oid(actor.userId!) }, ...(actor.organizationIds.length ? [{ organizationId: { $in: actor.organizationIds.map(oid) } }] : [])] }
}

export async function loadOwnRegistration(models: Models, id: string, actor: Actor): Promise<RegistrationRecord> {
  const doc =
    mongoose.isValidObjectId(id) && actor.userId
      ? await models.Registration.findOne({ _id: oid(id), ...ownRegistrations(actor) }, { pendingEffects: 0 }).lean<RegistrationRecord>()
      : null
  if (!doc) throw new AppError('REGISTRATION_NOT_FOUND')
  return doc
}

/** An event as the caller may see it: a draft is the office's alone (404 to anyone else). */
export async function loadEvent(models: Models, id: string, actor: Actor): Promise<EventRecord> {
  const doc = mongoose.isValidObjectId(id) ? await models.Event.findById(id, { pendingEffects: 0 }).lean<EventRecord>() : null
  if (!doc || (doc.state === 'draft' && !actorHasRole(actor, 'office'))) throw new AppError('EVENT_NOT_FOUND')
  return doc
}
