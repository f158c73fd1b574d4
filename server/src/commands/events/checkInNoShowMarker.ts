import { formatDateTime, type EventState, type NoShowResult } from '@zlbg/shared'
import { AppError, stateConflict } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { Actor } from '../../policies'
import { registrationCounts } from '../../presenters/attendance/checkIn'
import { loadEvent, registrationStep } from './checkInRecorder'

/** Events whose confirmed attendees can be marked absent: they were public, and not called off. */
const HAPPENED: readonly EventState[] = ['published', 'registration_closed', 'held']

/** Whether marking no-shows is open: the event has ended and was not a draft or cancelled. */
export const noShowsOpen = (event: { state: EventState; endsAt: Date }, now: Date) => HAPPENED.includes(event.state) && now >= event.endsAt

/**
 * After the event (第二十条), every registration still confirmed — a seat held, nobody checked in —
 * becomes a no-show, each by its own markNoShow step (one conditional update with its audit record).
 * Safe to repeat, and to run while a late check-in lands: a registration checked in meanwhile is left
 * as attended (its step loses the conditional update and is skipped).
 */
export async function checkInNoShowMarker({ models, eventId, actor, now = new Date(), logger }: { models: Models; eventId: string; actor: Actor; now?: Date; logger?: Logger }): Promise<NoShowResult> {
  const event = await loadEvent(models, eventId)
  if (!HAPPENED.includes(event.state)) throw stateConflict(event.state)
  if (now < event.endsAt) throw new AppError('NO_SHOWS_TOO_EARLY', { message: `活动结束后方可标记未到场（${formatDateTime(event.endsAt)} 结束）` })
  let marked = 0
  const confirmed = models.Registration.find({ eventId: event._id, state: 'confirmed' }, { _id: 1 }).lean().cursor()
  for await (const { _id } of confirmed) {
    try {
      await registrationStep(models, { id: _id, eventId: event._id, event: 'markNoShow', actor, now, ...(logger ? { logger } : {}) })
      marked++
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'STATE_CONFLICT')) throw err
    }
  }
  return { marked, counts: await registrationCounts(models, event._id) }
}
