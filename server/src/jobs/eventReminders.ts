import type { Logger } from '../logger'
import type { Models } from '../models'
import type { EventRecord, RegistrationRecord } from '../models/event'
import { reminderNotice } from '../commands/events/notices'
import { notify } from '../outbox/enqueue'
import type { JobDefinition } from './runner'

/** Reminders go out the day before: once an event starts within this long (第二十条, issue 18). */
export const EVENT_REMINDER_BEFORE_MS = 24 * 3600_000
const BATCH = 500

/** The outbox key's occasion: one reminder per registration, however often the job runs and on whichever instance. */
export const eventReminderKey = (registrationId: string) => `eventReminder:${registrationId}`

/**
 * Queues the day-before reminder (message center + the `event_reminder` subscription message) to the
 * registrant of each confirmed registration of an event starting within EVENT_REMINDER_BEFORE_MS,
 * once per registration: the outbox key names the registration, and `remindedAt` keeps later runs
 * from reading it again. A registration promoted from the waitlist after the first run is reminded
 * on the next. The runner holds the job's lease.
 */
export async function remindRegistrants(models: Models, { now, signal, logger }: { now: Date; signal?: AbortSignal; logger?: Logger }): Promise<number> {
  const events = await models.Event.find(
    { state: { $in: ['published', 'registration_closed'] }, startsAt: { $gt: now, $lte: new Date(now.getTime() + EVENT_REMINDER_BEFORE_MS) } },
    { title: 1, startsAt: 1, mode: 1, place: 1 },
  )
    .limit(100)
    .lean<EventRecord[]>()
  let queued = 0
  for (const event of events) {
    if (signal?.aborted) break
    const regs = await models.Registration.find({ eventId: event._id, state: 'confirmed', remindedAt: { $exists: false } }, { registeredBy: 1, attendee: 1 }).limit(BATCH).lean<RegistrationRecord[]>()
    for (const reg of regs) {
      const id = reg._id.toHexString()
      const res = await notify(models, [reminderNotice(event, reg)], { keyPrefix: eventReminderKey(id), cause: { type: 'registration', id }, now })
      await models.Registration.updateOne({ _id: reg._id, remindedAt: { $exists: false } }, { $set: { remindedAt: now } })
      queued += res.queued
    }
  }
  if (queued) logger?.info({ queued }, 'event reminders queued')
  return queued
}

export function eventReminderJob(logger?: Logger): JobDefinition {
  return {
    name: 'events.reminders',
    everyMs: 15 * 60_000,
    async run({ models, now, signal }) {
      return `reminders ${await remindRegistrants(models, { now: now(), signal, ...(logger ? { logger } : {}) })}`
    },
  }
}
