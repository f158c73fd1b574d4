import type { EventEvent, EventState } from '@zlbg/shared'
import { publicChange } from '../../db/publicVersion'
import { AppError } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { EventRecord, RegistrationRecord } from '../../models/event'
import type { Actor } from '../../policies'
import { SYSTEM_ACTOR } from '../../jobs/qualification'
import { eventTransition, registrationTransition } from '../../workflow/event'
import type { EffectBuilder } from '../../workflow/transition'
import { cancelledNotice, registrantsOf } from './notices'

/** The event machine's `notifyRegistrants` effect (cancel): one notice per registrant, with the reason. */
const notifyRegistrants =
  (models: Models): EffectBuilder<EventState, EventEvent, EventRecord> =>
  async ({ doc, reason }) =>
    (await registrantsOf(models, doc._id)).map((r) => cancelledNotice(doc, r, reason ?? ''))

/** Preconditions the machine's table cannot state: they depend on the clock. */
function assertTimely(event: EventRecord, step: EventEvent, now: Date): void {
  if (step === 'publish' && event.startsAt <= now) throw new AppError('STATE_CONFLICT', { message: '活动开始时间已过，请先修改活动时间再发布', currentState: event.state })
  if (step === 'reopenRegistration' && event.registrationClosesAt <= now) {
    throw new AppError('STATE_CONFLICT', { message: '报名截止时间已过，请先修改报名截止时间再重新开放', currentState: event.state })
  }
  if (step === 'markHeld' && event.startsAt > now) throw new AppError('STATE_CONFLICT', { message: '活动尚未开始，不能标记为已举办', currentState: event.state })
}

/**
 * One step of an event (第二十条) by the office, or by the `events.registrationClose` job (closing the
 * window): each a conditional update through the machine, inside the `events` stamp's bracket (the
 * state is public). Cancelling carries one notice per registrant in the same update, then cancels the
 * registrations still holding a seat or a place in line (`finishCancellation`, which the job repeats
 * after a crash).
 */
export async function eventStepper({
  models,
  actor,
  id,
  step,
  reason,
  now = new Date(),
  logger,
}: {
  models: Models
  actor: Actor
  id: string
  step: EventEvent
  reason?: string
  now?: Date
  logger?: Logger
}): Promise<EventRecord> {
  const event = await models.Event.findById(id, { pendingEffects: 0 }).lean<EventRecord>()
  if (!event) throw new AppError('EVENT_NOT_FOUND')
  assertTimely(event, step, now)
  const { doc } = await publicChange(
    models.Event.db,
    'events',
    () =>
      eventTransition({
        models,
        id,
        event: step,
        actor,
        now,
        ...(reason ? { reason } : {}),
        set: {
          ...(step === 'publish' ? { publishedAt: now } : {}),
          ...(step === 'cancel' ? { cancelledAt: now, cancelReason: reason } : {}),
        },
        effects: { notifyRegistrants: notifyRegistrants(models) },
        ...(logger ? { logger } : {}),
      }),
    logger ? { logger } : {},
  )
  if (doc.state === 'cancelled') await finishCancellation(models, doc, { now, ...(logger ? { logger } : {}) })
  return doc
}

/**
 * A cancelled event's registrations still confirmed or waitlisted are cancelled (by the system: the
 * registrants were told by the event's own notice). Safe to repeat; the job repeats it.
 */
export async function finishCancellation(models: Models, event: Pick<EventRecord, '_id'>, { now, logger }: { now: Date; logger?: Logger }): Promise<number> {
  let n = 0
  const open = await models.Registration.find({ eventId: event._id, state: { $in: ['confirmed', 'waitlisted'] } }, { _id: 1 }).lean<RegistrationRecord[]>()
  for (const r of open) {
    try {
      await registrationTransition({ models, id: r._id, event: 'cancel', actor: SYSTEM_ACTOR, now, set: { cancelledAt: now }, ...(logger ? { logger } : {}) })
      n++
    } catch (err) {
      if ((err as { code?: string }).code !== 'STATE_CONFLICT') throw err
    }
  }
  return n
}
