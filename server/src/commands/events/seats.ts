import mongoose from 'mongoose'
import type { RegistrationQuota } from '@zlbg/shared'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { EventRecord, RegistrationRecord } from '../../models/event'
import { publicChange } from '../../db/publicVersion'
import { SYSTEM_ACTOR } from '../../jobs/qualification'
import { registrationTransition } from '../../workflow/event'
import { notifyRegistrant } from './notices'

/**
 * Seats of an exchange event (第二十条), without transactions. The event's counters `seats.listed` and
 * `seats.public` are claimed with ONE conditional update each — `{ _id, capacity: c, 'seats.listed':
 * { $lt: c } }` → `$inc: 1` — so under any concurrency no more than `capacity` claims succeed. The
 * capacity read is part of the condition: an edit of the capacity meanwhile makes the claim miss, and
 * the caller reads again.
 *
 * The order of writes is claim first, then the registration: a crash between leaves the counter one
 * too high (a seat nobody holds — never an overbooking). `recountSeats` (the `events.seats` job) repairs
 * that once the event has been quiet for SEAT_CLAIM_SETTLE_MS, conditional on the `updatedAt` it read,
 * so it never races a claim in flight.
 */
export const SEAT_CLAIM_SETTLE_MS = 5 * 60_000

/** States that hold a seat. */
export const SEAT_STATES = ['confirmed', 'attended', 'no_show'] as const

export const seatField = (quota: RegistrationQuota) => `seats.${quota}` as const
export const quotaLimit = (event: Pick<EventRecord, 'capacity' | 'publicQuota'>, quota: RegistrationQuota) => (quota === 'listed' ? event.capacity : event.publicQuota)

/** States in which seats may still change hands: registration open or closed, before the event starts. */
const SEATED_STATES = ['published', 'registration_closed']

/**
 * Claims one seat of the quota if one is free; answers whether it did. `where` adds conditions checked
 * in the same update (the registration window at the moment of the write).
 */
export async function claimSeat(models: Models, eventId: mongoose.Types.ObjectId, quota: RegistrationQuota, where: Record<string, unknown>): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const event = await models.Event.findById(eventId, { capacity: 1, publicQuota: 1, seats: 1 }).lean<EventRecord>()
    if (!event) return false
    const limit = quotaLimit(event, quota)
    if (event.seats[quota] >= limit) return false
    const limitField = quota === 'listed' ? 'capacity' : 'publicQuota'
    // Seats left are public: the claim runs inside the 'events' stamp's bracket (db/publicVersion.ts).
    const claimed = await publicChange(models.Event.db, 'events', () =>
      models.Event.updateOne({ ...where, _id: eventId, [limitField]: limit, [seatField(quota)]: { $lt: limit } }, { $inc: { [seatField(quota)]: 1 } }),
    )
    if (claimed.modifiedCount === 1) return true
    // Missed: full by now, the limit edited, or `where` no longer holds — read again to tell which.
    const again = await models.Event.findOne({ ...where, _id: eventId }, { capacity: 1, publicQuota: 1, seats: 1 }).lean<EventRecord>()
    if (!again || again.seats[quota] >= quotaLimit(again, quota)) return false
  }
  return false
}

/** Gives a claimed seat back (a cancellation, a claim whose registration lost to a retry). */
export async function releaseSeat(models: Models, eventId: mongoose.Types.ObjectId, quota: RegistrationQuota): Promise<void> {
  await publicChange(models.Event.db, 'events', () => models.Event.updateOne({ _id: eventId, [seatField(quota)]: { $gt: 0 } }, { $inc: { [seatField(quota)]: -1 } }))
}

/**
 * Fills free seats of the quota from its waitlist, lowest `waitSeq` first (第二十条: promoted in order
 * when someone cancels). Each promotion first claims its own seat, then moves exactly one waitlisted
 * registration to confirmed with one conditional update (registrationMachine `promote`, which queues
 * `notifyRegistrant`): two promoters never promote the same registration, and each promoted one holds
 * a seat of its own. A claim with nobody left to promote is given back. Only before the event starts.
 */
export async function promoteWaitlisted(
  models: Models,
  { eventId, quota, now, logger }: { eventId: mongoose.Types.ObjectId; quota: RegistrationQuota; now: Date; logger?: Logger },
): Promise<number> {
  let promoted = 0
  for (;;) {
    const waiting = await models.Registration.exists({ eventId, quota, state: 'waitlisted', waitSeq: { $exists: true } })
    if (!waiting) return promoted
    const claimed = await claimSeat(models, eventId, quota, { state: { $in: SEATED_STATES }, startsAt: { $gt: now } })
    if (!claimed) return promoted
    let moved = false
    while (!moved) {
      const next = await models.Registration.findOne({ eventId, quota, state: 'waitlisted', waitSeq: { $exists: true } }, { _id: 1 }).sort({ waitSeq: 1 }).lean<RegistrationRecord>()
      if (!next) break
      try {
        await registrationTransition({ models, id: next._id, event: 'promote', actor: SYSTEM_ACTOR, now, effects: { notifyRegistrant: notifyRegistrant(models) }, ...(logger ? { logger } : {}) })
        moved = true
      } catch (err) {
        // Cancelled or promoted by someone else meanwhile: the next in line.
        if ((err as { code?: string }).code !== 'STATE_CONFLICT') {
          await releaseSeat(models, eventId, quota)
          throw err
        }
      }
    }
    if (!moved) {
      await releaseSeat(models, eventId, quota)
      return promoted
    }
    promoted++
  }
}

/**
 * Sets an event's counters to the seats its registrations hold, when the event has not been written
 * for SEAT_CLAIM_SETTLE_MS (no claim in flight) — conditional on the `updatedAt` read, so a claim
 * meanwhile wins and the next run tries again. Then fills what the repair freed from the waitlist.
 */
export async function recountSeats(models: Models, event: Pick<EventRecord, '_id' | 'seats' | 'updatedAt'>, { now, logger }: { now: Date; logger?: Logger }): Promise<boolean> {
  if (now.getTime() - event.updatedAt.getTime() < SEAT_CLAIM_SETTLE_MS) return false
  const held = await models.Registration.aggregate<{ _id: RegistrationQuota; n: number }>([
    { $match: { eventId: event._id, state: { $in: [...SEAT_STATES] } } },
    { $group: { _id: '$quota', n: { $sum: 1 } } },
  ])
  const truth = { listed: held.find((h) => h._id === 'listed')?.n ?? 0, public: held.find((h) => h._id === 'public')?.n ?? 0 }
  if (truth.listed === event.seats.listed && truth.public === event.seats.public) return false
  const fixed = await publicChange(models.Event.db, 'events', () =>
    models.Event.updateOne({ _id: event._id, updatedAt: event.updatedAt }, { $set: { 'seats.listed': truth.listed, 'seats.public': truth.public } }),
  )
  if (fixed.modifiedCount !== 1) return false
  logger?.warn({ eventId: event._id.toHexString(), counted: event.seats, held: truth }, 'event seats recounted (a claim without its registration)')
  for (const quota of ['listed', 'public'] as const) await promoteWaitlisted(models, { eventId: event._id, quota, now, ...(logger ? { logger } : {}) })
  return true
}
