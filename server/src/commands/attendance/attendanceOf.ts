import mongoose from 'mongoose'
import { inShanghai, type EventState, type RegistrationState } from '@zlbg/shared'
import type { Models } from '../../models'
import type { EventRecord } from '../../models/event'

/** One listed organization's attendance (第二十条) over a period: events offered, registered for, attended. */
export interface Attendance {
  offered: number
  registered: number
  attended: number
  /** The start of the latest event it attended. */
  lastAttendedAt?: Date
}

/** Events starting within [from, to]; either end open when absent. */
export interface AttendancePeriod {
  from?: Date
  to?: Date
}

/** The events that count: published (open, closed for registration, or held); never a draft, never a cancelled one. */
export const OFFERED_EVENT_STATES: readonly EventState[] = ['published', 'registration_closed', 'held']
/** Registrations that count as registering: every state but cancelled. */
const REGISTERED_STATES: readonly RegistrationState[] = ['confirmed', 'waitlisted', 'attended', 'no_show']

/**
 * Whether an event was offered to an organization listed in `years` (第二十条): an event naming listed
 * years invites the organizations listed in one of them; one naming none invites every organization
 * listed by the year it takes place in (an organization first listed later was not yet bound by it).
 */
export function invitedTo(event: Pick<EventRecord, 'listedYears' | 'startsAt'>, years: readonly number[]): boolean {
  if (years.length === 0) return false
  if (event.listedYears.length > 0) return event.listedYears.some((y) => years.includes(y))
  return Math.min(...years) <= inShanghai(event.startsAt).year()
}

const EMPTY: Attendance = { offered: 0, registered: 0, attended: 0 }

/**
 * The attendance of these listed organizations (models.ListedOrganization ids), keyed by id; an id
 * that names no listed organization is absent from the answer. Offered: published events it was
 * invited to (invitedTo). Registered and attended count events, not attendees: an event with at least
 * one of its registrations not cancelled, or at least one attendee checked in — every such event,
 * invited or not (an organization that attends on another year's invitation has attended). A
 * registration is the organization's through its listed organization, or through the account-side
 * organization the listed one is linked to. Two queries and one aggregation, whatever the number of
 * organizations; the listed organization's public page and the office's overview call this.
 */
export async function attendanceOf(
  models: Models,
  listedOrganizationIds: readonly (string | mongoose.Types.ObjectId)[],
  period: AttendancePeriod = {},
): Promise<Map<string, Attendance>> {
  const ids = listedOrganizationIds.filter((id) => mongoose.isValidObjectId(id)).map((id) => new mongoose.Types.ObjectId(String(id)))
  if (ids.length === 0) return new Map()
  const startsAt = { ...(period.from ? { $gte: period.from } : {}), ...(period.to ? { $lte: period.to } : {}) }
  const [orgs, events] = await Promise.all([
    models.ListedOrganization.find({ _id: { $in: ids } }, { years: 1, organizationId: 1 }).lean(),
    models.Event.find({ state: { $in: OFFERED_EVENT_STATES }, ...(period.from || period.to ? { startsAt } : {}) }, { listedYears: 1, startsAt: 1 }).lean<
      Pick<EventRecord, '_id' | 'listedYears' | 'startsAt'>[]
    >(),
  ])
  // Account-side organization → the listed organizations linked to it (normally one).
  const byAccount = new Map<string, string[]>()
  for (const o of orgs) {
    if (!o.organizationId) continue
    const key = o.organizationId.toHexString()
    byAccount.set(key, [...(byAccount.get(key) ?? []), o._id.toHexString()])
  }
  const rows = events.length
    ? await models.Registration.aggregate<{ _id: { eventId: mongoose.Types.ObjectId; listed?: mongoose.Types.ObjectId; org?: mongoose.Types.ObjectId; state: RegistrationState } }>([
        {
          $match: {
            eventId: { $in: events.map((e) => e._id) },
            state: { $in: REGISTERED_STATES },
            $or: [{ listedOrganizationId: { $in: ids } }, { organizationId: { $in: orgs.flatMap((o) => (o.organizationId ? [o.organizationId] : [])) } }],
          },
        },
        { $group: { _id: { eventId: '$eventId', listed: '$listedOrganizationId', org: '$organizationId', state: '$state' } } },
      ])
    : []

  const startOf = new Map(events.map((e) => [e._id.toHexString(), e.startsAt]))
  const registered = new Map<string, Set<string>>()
  const attended = new Map<string, Set<string>>()
  const add = (to: Map<string, Set<string>>, org: string, event: string) => to.set(org, (to.get(org) ?? new Set()).add(event))
  for (const { _id: r } of rows) {
    const listed = r.listed ? [r.listed.toHexString()] : []
    const owners = new Set([...listed, ...(r.org ? (byAccount.get(r.org.toHexString()) ?? []) : [])])
    for (const owner of owners) {
      add(registered, owner, r.eventId.toHexString())
      if (r.state === 'attended') add(attended, owner, r.eventId.toHexString())
    }
  }

  const answer = new Map<string, Attendance>()
  for (const o of orgs) {
    const id = o._id.toHexString()
    const went = [...(attended.get(id) ?? [])]
    const last = went.map((e) => startOf.get(e)!).sort((a, b) => b.getTime() - a.getTime())[0]
    answer.set(id, {
      ...EMPTY,
      offered: events.filter((e) => invitedTo(e, o.years)).length,
      registered: registered.get(id)?.size ?? 0,
      attended: went.length,
      ...(last ? { lastAttendedAt: last } : {}),
    })
  }
  return answer
}
