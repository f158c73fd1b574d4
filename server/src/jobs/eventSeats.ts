import { finishCancellation, eventStepper } from '../commands/events/eventStepper'
import { recountSeats } from '../commands/events/seats'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { EventRecord } from '../models/event'
import { SYSTEM_ACTOR } from './qualification'
import type { JobDefinition } from './runner'

/**
 * Upkeep of exchange events (第二十条), each step idempotent:
 * - a published event whose registration window has ended is closed (eventMachine closeRegistration,
 *   by the system), so the list shows 报名已截止 without waiting for the office;
 * - seat counters are recounted from the registrations where a claim lost its registration (a crash
 *   between the two writes, commands/events/seats.ts), and the freed seats filled from the waitlist;
 * - a cancelled event's registrations still open are cancelled (a crash after the event's cancel).
 */
export async function eventUpkeep(models: Models, { now, signal, logger }: { now: Date; signal?: AbortSignal; logger?: Logger }) {
  const counts = { closed: 0, recounted: 0, cancelled: 0 }
  const ending = await models.Event.find({ state: 'published', registrationClosesAt: { $lte: now } }, { _id: 1 }).limit(100).lean<EventRecord[]>()
  for (const e of ending) {
    if (signal?.aborted) return counts
    try {
      await eventStepper({ models, actor: SYSTEM_ACTOR, id: e._id.toHexString(), step: 'closeRegistration', now, ...(logger ? { logger } : {}) })
      counts.closed++
    } catch (err) {
      // Closed, edited or cancelled by the office meanwhile: the next run looks again.
      if ((err as { code?: string }).code !== 'STATE_CONFLICT') throw err
    }
  }
  const seated = await models.Event.find({ state: { $in: ['published', 'registration_closed'] }, startsAt: { $gt: now } }, { seats: 1, updatedAt: 1 }).limit(500).lean<EventRecord[]>()
  for (const e of seated) {
    if (signal?.aborted) return counts
    if (await recountSeats(models, e, { now, ...(logger ? { logger } : {}) })) counts.recounted++
  }
  const cancelledIds = await models.Registration.distinct('eventId', { state: { $in: ['confirmed', 'waitlisted'] } })
  const cancelled = await models.Event.find({ _id: { $in: cancelledIds }, state: 'cancelled' }, { _id: 1 }).limit(100).lean<EventRecord[]>()
  for (const e of cancelled) counts.cancelled += await finishCancellation(models, e, { now, ...(logger ? { logger } : {}) })
  return counts
}

export function eventUpkeepJob(logger?: Logger): JobDefinition {
  return {
    name: 'events.upkeep',
    everyMs: 5 * 60_000,
    async run({ models, now, signal }) {
      const c = await eventUpkeep(models, { now: now(), signal, ...(logger ? { logger } : {}) })
      return `registration closed ${c.closed}, seats recounted ${c.recounted}, registrations of cancelled events ${c.cancelled}`
    },
  }
}
