import mongoose from 'mongoose'
import {
  eventMachine,
  formatDateTime,
  inShanghai,
  REGISTRATION_STATE_LABELS,
  type CheckInResult,
  type RegistrationEvent,
  type RegistrationState,
} from '@zlbg/shared'
import { publicChange } from '../../db/publicVersion'
import { AppError } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { EventRecord, RegistrationRecord } from '../../models/event'
import { hasRoleOf, type Actor } from '../../policies'
import { presentAttendees, registrationCounts } from '../../presenters/attendance/checkIn'
import { registrationTransition } from '../../workflow/event'
import { assertAllowed } from '../../workflow/transition'
import { isTicketToken, type TicketSigner } from './checkInTickets'

/** 00:00 Asia/Shanghai on the event's first day: check-in opens then (people arrive early, the office sets up). */
export const checkInOpensAt = (event: Pick<EventRecord, 'startsAt'>) => inShanghai(event.startsAt).startOf('day').toDate()

/** The event, or 404 EVENT_NOT_FOUND. */
export async function loadEvent(models: Models, id: string): Promise<EventRecord> {
  const event = mongoose.isValidObjectId(id) ? await models.Event.findById(id, { pendingEffects: 0 }).lean<EventRecord>() : null
  if (!event) throw new AppError('EVENT_NOT_FOUND')
  return event
}

/** Whether the office may check people in now: the event's machine allows it in its state (published or registration closed), from its first day. */
export function checkInOpen(event: EventRecord, actor: Actor, now: Date): boolean {
  return eventMachine.allows(event.state, 'checkIn', { hasRole: hasRoleOf(actor) }).ok && now >= checkInOpensAt(event)
}

/** A check-in code as typed: spaces dropped, upper case (codes are stored so). */
export const normalizeCheckInCode = (code: string) => code.replace(/\s+/g, '').toUpperCase()

const NOT_ADMITTED: Partial<Record<RegistrationState, string>> = {
  waitlisted: '该报名仍在候补中，尚未获得席位，不能签到',
  cancelled: '该报名已取消，不能签到',
  no_show: '该报名已被标记为未到场，不能签到',
}

/**
 * One step of an attendee's registration through its machine (第二十条): one conditional update on
 * its state and its event, carrying the audit record (workflow/event.ts). What it changes shows on the
 * listed organization's public page (its attendance), so it runs under the `events` stamp.
 */
export function registrationStep(
  models: Models,
  { id, eventId, event, actor, now, set, logger }: { id: mongoose.Types.ObjectId; eventId: mongoose.Types.ObjectId; event: RegistrationEvent; actor: Actor; now: Date; set?: Record<string, unknown>; logger?: Logger },
) {
  return publicChange(
    models.Registration.db,
    'events',
    () => registrationTransition({ models, id, event, actor, now, where: { eventId }, ...(set ? { set } : {}), ...(logger ? { logger } : {}) }),
    logger ? { logger } : {},
  )
}

/**
 * Checks an attendee in (第二十条) from what the office scanned (the ticket's signed token) or typed
 * (the short check-in code). Idempotent: an attendee already checked in is answered with when and by
 * whom, and nothing is written; two scans racing each other meet at the conditional update, and the
 * loser reads the winner's record. Refused: an event the machine does not allow check-in in, before its
 * first day, a token forged, expired or of another event, a code this event does not have, and a
 * registration that holds no seat (waitlisted, cancelled, marked no-show).
 */
export async function checkInRecorder({
  models,
  tickets,
  eventId,
  credential,
  actor,
  now = new Date(),
  logger,
}: {
  models: Models
  tickets: TicketSigner
  eventId: string
  credential: string
  actor: Actor
  now?: Date
  logger?: Logger
}): Promise<CheckInResult> {
  const event = await loadEvent(models, eventId)
  try {
    await assertAllowed(models, eventMachine, event.state, 'checkIn', actor)
  } catch (err) {
    if (err instanceof AppError && err.code === 'STATE_CONFLICT') throw new AppError('CHECKIN_CLOSED', { currentState: event.state })
    throw err
  }
  const opensAt = checkInOpensAt(event)
  if (now < opensAt) throw new AppError('CHECKIN_NOT_OPEN', { message: `活动当天起方可签到（${formatDateTime(opensAt)} 起）` })

  let registration: RegistrationRecord | null
  if (isTicketToken(credential)) {
    const claims = await tickets.verify(credential, now)
    if (claims.eventId !== event._id.toHexString()) throw new AppError('CHECKIN_WRONG_EVENT')
    registration = await models.Registration.findOne({ _id: claims.registrationId, eventId: event._id }, { pendingEffects: 0 }).lean<RegistrationRecord>()
    // Signed by us for this event, yet gone: nothing a person at the door can fix by retyping.
    if (!registration) throw new AppError('REGISTRATION_NOT_FOUND')
  } else {
    registration = await models.Registration.findOne({ eventId: event._id, checkInCode: normalizeCheckInCode(credential) }, { pendingEffects: 0 }).lean<RegistrationRecord>()
    if (!registration) throw new AppError('CHECKIN_CODE_UNKNOWN')
  }

  let outcome: CheckInResult['outcome'] = 'already_checked_in'
  if (registration.state === 'confirmed') {
    try {
      registration = (
        await registrationStep(models, { id: registration._id, eventId: event._id, event: 'checkIn', actor, now, set: { checkedInAt: now, checkedInBy: actor.userId }, ...(logger ? { logger } : {}) })
      ).doc
      outcome = 'checked_in'
    } catch (err) {
      // Another scan of the same ticket won the update: answer what it recorded.
      if (!(err instanceof AppError && err.code === 'STATE_CONFLICT')) throw err
      registration = (await models.Registration.findById(registration._id, { pendingEffects: 0 }).lean<RegistrationRecord>())!
    }
  }
  if (registration.state !== 'attended') {
    throw new AppError('CHECKIN_NOT_ADMITTED', {
      currentState: registration.state,
      message: NOT_ADMITTED[registration.state] ?? `该报名${REGISTRATION_STATE_LABELS[registration.state]}，不能签到`,
    })
  }
  const [attendee] = await presentAttendees(models, [registration])
  const message =
    outcome === 'checked_in'
      ? `签到成功：${attendee!.name}（${attendee!.organizationName}）`
      : `${attendee!.name} 已签到（${formatDateTime(registration.checkedInAt ?? now)}，由 ${attendee!.checkedInBy ?? '工作人员'} 办理），未重复记录`
  return { outcome, message, attendee: attendee!, counts: await registrationCounts(models, event._id) }
}
