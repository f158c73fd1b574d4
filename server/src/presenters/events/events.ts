import mongoose from 'mongoose'
import {
  eventMachine,
  REGISTRATION_STATES,
  registrationMachine,
  type MyRegistration,
  type OfficeEvent,
  type PublicEvent,
  type PublicEventRow,
  type OfficeRegistrationSchema,
  type RegistrationState,
} from '@zlbg/shared'
import type { z } from 'zod'
import type { Models } from '../../models'
import type { EventRecord, RegistrationRecord } from '../../models/event'
import { hasRoleOf, type Actor } from '../../policies'

const iso = (d: Date) => d.toISOString()
const left = (limit: number, taken: number) => Math.max(0, limit - taken)

/** The row of the public list: no description, agenda or materials; never the link. */
export function presentPublicEventRow(e: EventRecord): PublicEventRow {
  return {
    id: e._id.toHexString(),
    state: e.state,
    title: e.title,
    mode: e.mode,
    ...(e.mode === 'offline' && e.place ? { place: e.place } : {}),
    startsAt: iso(e.startsAt),
    endsAt: iso(e.endsAt),
    registrationOpensAt: iso(e.registrationOpensAt),
    registrationClosesAt: iso(e.registrationClosesAt),
    cancellationDeadline: iso(e.cancellationDeadline),
    capacity: e.capacity,
    seatsLeft: left(e.capacity, e.seats.listed),
    publicQuota: e.publicQuota,
    publicSeatsLeft: left(e.publicQuota, e.seats.public),
    listedYears: e.listedYears,
    ...(e.cancelReason ? { cancelReason: e.cancelReason } : {}),
  }
}

/** Material files: names and sizes, downloaded through the event's own route. */
async function materialsOf(models: Models, e: EventRecord) {
  if (!e.materialIds.length) return []
  const docs = await models.Attachment.find({ _id: { $in: e.materialIds }, 'owner.type': 'event', 'owner.id': e._id }, { filename: 1, contentType: 1, size: 1 }).lean()
  const byId = new Map(docs.map((d) => [d._id.toHexString(), d]))
  return e.materialIds.flatMap((id) => {
    const d = byId.get(id.toHexString())
    return d ? [{ attachmentId: d._id.toHexString(), filename: d.filename, contentType: d.contentType, size: d.size }] : []
  })
}

/** An event as everyone reads it (cached under `events`): the same for every caller, so never the link. */
export async function presentPublicEvent(models: Models, e: EventRecord): Promise<PublicEvent> {
  return { ...presentPublicEventRow(e), description: e.description, agenda: e.agenda.map((a) => ({ at: a.at, item: a.item })), materials: await materialsOf(models, e) }
}

type Counts = Record<RegistrationState, number>

/** Registrations per state, for the office's lists. */
export async function registrationCounts(models: Models, eventIds: mongoose.Types.ObjectId[]): Promise<Map<string, Counts>> {
  const rows = await models.Registration.aggregate<{ _id: { e: mongoose.Types.ObjectId; s: RegistrationState }; n: number }>([
    { $match: { eventId: { $in: eventIds } } },
    { $group: { _id: { e: '$eventId', s: '$state' }, n: { $sum: 1 } } },
  ])
  const out = new Map<string, Counts>()
  for (const id of eventIds) out.set(id.toHexString(), Object.fromEntries(REGISTRATION_STATES.map((s) => [s, 0])) as Counts)
  for (const r of rows) out.get(r._id.e.toHexString())![r._id.s] = r.n
  return out
}

/** The office's view: everything, the link, counts per state, and the steps the caller may take. */
export async function presentOfficeEvent(models: Models, e: EventRecord, actor: Actor): Promise<OfficeEvent> {
  const counts = (await registrationCounts(models, [e._id])).get(e._id.toHexString())!
  return {
    ...(await presentPublicEvent(models, e)),
    ...(e.link ? { link: e.link } : {}),
    waitSeq: e.waitSeq,
    counts,
    seatsTaken: { listed: e.seats.listed, public: e.seats.public },
    ...(e.publishedAt ? { publishedAt: iso(e.publishedAt) } : {}),
    ...(e.cancelledAt ? { cancelledAt: iso(e.cancelledAt) } : {}),
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
    events: eventMachine.allowedEvents(e.state, { hasRole: hasRoleOf(actor) }),
    canEdit: eventMachine.allows(e.state, 'edit', { hasRole: hasRoleOf(actor) }).ok,
  }
}

export async function presentOfficeEventRows(models: Models, events: EventRecord[]) {
  const counts = await registrationCounts(models, events.map((e) => e._id))
  return events.map((e) => ({
    id: e._id.toHexString(),
    state: e.state,
    title: e.title,
    mode: e.mode,
    startsAt: iso(e.startsAt),
    capacity: e.capacity,
    seatsLeft: left(e.capacity, e.seats.listed),
    publicQuota: e.publicQuota,
    publicSeatsLeft: left(e.publicQuota, e.seats.public),
    counts: counts.get(e._id.toHexString())!,
  }))
}

/** Each waitlisted registration's place in its quota's line (1 = next), by waitSeq. */
async function positionsOf(models: Models, regs: RegistrationRecord[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for (const r of regs) {
    if (r.state !== 'waitlisted' || r.waitSeq === undefined) continue
    const ahead = await models.Registration.countDocuments({ eventId: r.eventId, quota: r.quota, state: 'waitlisted', waitSeq: { $lt: r.waitSeq } })
    out.set(r._id.toHexString(), ahead + 1)
  }
  return out
}

/**
 * Registrations as their registrant (and the members of the organization registered for) see them:
 * the online link only on a confirmed (or attended) registration of an event not cancelled.
 */
export async function presentMyRegistrations(models: Models, regs: RegistrationRecord[], now: Date = new Date()): Promise<MyRegistration[]> {
  if (!regs.length) return []
  const events = new Map(
    (await models.Event.find({ _id: { $in: [...new Set(regs.map((r) => r.eventId.toHexString()))] } }, { pendingEffects: 0 }).lean<EventRecord[]>()).map((e) => [e._id.toHexString(), e]),
  )
  const orgIds = [...new Set(regs.flatMap((r) => (r.organizationId ? [r.organizationId.toHexString()] : [])))]
  const orgs = new Map((await models.Organization.find({ _id: { $in: orgIds } }, { name: 1 }).lean()).map((o) => [o._id.toHexString(), o.name]))
  const positions = await positionsOf(models, regs)
  return regs.flatMap((r) => {
    const e = events.get(r.eventId.toHexString())
    if (!e) return []
    const seated = r.state === 'confirmed' || r.state === 'attended'
    const position = positions.get(r._id.toHexString())
    const orgName = r.organizationId ? orgs.get(r.organizationId.toHexString()) : undefined
    return [
      {
        id: r._id.toHexString(),
        eventId: e._id.toHexString(),
        eventTitle: e.title,
        eventState: e.state,
        startsAt: iso(e.startsAt),
        endsAt: iso(e.endsAt),
        mode: e.mode,
        ...(e.mode === 'offline' && e.place ? { place: e.place } : {}),
        ...(e.mode === 'online' && e.link && seated && e.state !== 'cancelled' ? { link: e.link } : {}),
        quota: r.quota,
        ...(orgName ? { organizationName: orgName } : {}),
        attendee: { name: r.attendee.name, title: r.attendee.title, phone: r.attendee.phone },
        state: r.state,
        ...(position !== undefined ? { waitlistPosition: position } : {}),
        cancellationDeadline: iso(e.cancellationDeadline),
        canCancel: (r.state === 'confirmed' || r.state === 'waitlisted') && e.state !== 'cancelled' && e.state !== 'held' && now <= e.cancellationDeadline,
        registeredAt: iso(r.createdAt),
      },
    ]
  })
}

/** The office's registration list: who registered whom, for which organization, in which state. */
export async function presentOfficeRegistrations(models: Models, regs: RegistrationRecord[], actor: Actor): Promise<z.infer<typeof OfficeRegistrationSchema>[]> {
  const users = new Map((await models.User.find({ _id: { $in: regs.map((r) => r.registeredBy) } }, { displayName: 1 }).lean()).map((u) => [u._id.toHexString(), u.displayName]))
  const orgIds = regs.flatMap((r) => (r.organizationId ? [r.organizationId] : []))
  const orgs = new Map((await models.Organization.find({ _id: { $in: orgIds } }, { name: 1 }).lean()).map((o) => [o._id.toHexString(), o.name]))
  const positions = await positionsOf(models, regs)
  return regs.map((r) => {
    const orgName = r.organizationId ? orgs.get(r.organizationId.toHexString()) : undefined
    const position = positions.get(r._id.toHexString())
    return {
      id: r._id.toHexString(),
      quota: r.quota,
      ...(orgName ? { organizationName: orgName } : {}),
      registeredByName: users.get(r.registeredBy.toHexString()) ?? '',
      attendee: { name: r.attendee.name, title: r.attendee.title, phone: r.attendee.phone },
      state: r.state,
      ...(position !== undefined ? { waitlistPosition: position } : {}),
      moderation: r.moderation ?? 'passed',
      ...(r.checkedInAt ? { checkedInAt: iso(r.checkedInAt) } : {}),
      registeredAt: iso(r.createdAt),
      events: registrationMachine.allowedEvents(r.state, { hasRole: hasRoleOf(actor) }),
    }
  })
}
