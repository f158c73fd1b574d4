import { formatDateTime } from '@zlbg/shared'
import { publicChange } from '../../db/publicVersion'
import { AppError } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { EventRecord, RegistrationRecord } from '../../models/event'
import type { Actor } from '../../policies'
import { registrationTransition } from '../../workflow/event'
import { promoteWaitlisted, releaseSeat } from './seats'

/** 第二十条: a registrant cancels until the event's cancellation deadline. */
export function assertCancellable(event: Pick<EventRecord, 'cancellationDeadline' | 'state'>, at: Date): void {
  if (event.state === 'held' || event.state === 'cancelled') throw new AppError('EVENT_CANCELLATION_CLOSED', { message: event.state === 'held' ? '活动已举办' : '活动已取消' })
  if (at > event.cancellationDeadline) throw new AppError('EVENT_CANCELLATION_CLOSED', { message: `取消报名已于 ${formatDateTime(event.cancellationDeadline)} 截止` })
}

/**
 * Cancels one registration (第二十条) for its registrant or a member of its organization (the route
 * loaded it for them): one conditional update (registrationMachine `cancel`, from confirmed or
 * waitlisted), then — if it held a seat — the seat is given back and the first in line promoted
 * (seats.ts: its own claim, one conditional update, the message). Two writes without a transaction:
 * a crash after the cancel leaves the counter one too high, which the `events.seats` job recounts.
 */
export async function registrationCanceller({
  models,
  actor,
  registration,
  clock = () => new Date(),
  logger,
}: {
  models: Models
  actor: Actor
  registration: RegistrationRecord
  clock?: () => Date
  logger?: Logger
}): Promise<RegistrationRecord> {
  const event = await models.Event.findById(registration.eventId, { cancellationDeadline: 1, state: 1 }).lean<EventRecord>()
  if (!event) throw new AppError('REGISTRATION_NOT_FOUND')
  const now = clock()
  assertCancellable(event, now)
  // Under the events stamp: a listed organization's public page counts its registrations (第二十条).
  const { doc, from } = await publicChange(
    models.Registration.db,
    'events',
    () =>
      registrationTransition({
        models,
        id: registration._id,
        event: 'cancel',
        actor,
        now,
        set: { cancelledAt: now },
        ...(logger ? { logger } : {}),
      }),
    logger ? { logger } : {},
  )
  if (from === 'confirmed') {
    await releaseSeat(models, registration.eventId, registration.quota)
    await promoteWaitlisted(models, { eventId: registration.eventId, quota: registration.quota, now, ...(logger ? { logger } : {}) })
  }
  return doc
}
