import { randomBytes } from 'node:crypto'
import mongoose from 'mongoose'
import { formatDateTime, type RegistrationInputSchema, type RegistrationState } from '@zlbg/shared'
import type { z } from 'zod'
import { isDuplicateKey } from '../../db/duplicateKey'
import { AppError } from '../../http/errors'
import { consume } from '../../http/rateLimit'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { EventRecord, RegistrationRecord } from '../../models/event'
import type { Actor } from '../../policies'
import { requireAcceptableText, SECURITY_SCENES, type ContentSecurity } from '../../wechat/contentSecurity'
import { publicChange } from '../../db/publicVersion'
import { applyCreate } from '../../workflow/transition'
import { invitationOf } from './eligibility'
import { claimSeat, promoteWaitlisted, releaseSeat } from './seats'

type Input = z.output<typeof RegistrationInputSchema>

/**
 * Registering requests one instance works on at once; the rest wait in memory (http/admission.ts, the
 * route's admission in app.ts).
 */
export const REGISTRATION_CONCURRENCY = 4
/** How many registering requests may wait on one instance before the next is refused (503 SERVER_BUSY): ~30 s of line at the bench's pace. */
export const REGISTRATION_MAX_WAITING = 1000
/** How many of one member's registering requests may be in line at once; one more is 429 RATE_LIMITED (as for filings). */
export const REGISTRATION_PER_CALLER = 4

/** Public writes are limited per person and per address, counted in the database (like objections). */
export const REGISTRATION_LIMITS = { perUser: { max: 20, windowSeconds: 3600 }, perIp: { max: 600, windowSeconds: 3600 } }

/** Crockford's base 32 without I, L, O, U: a code read aloud or typed at the door is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** The short check-in code typed in H5 (unique per event; 8 characters, 40 bits, not guessable in a queue). */
export function drawCheckInCode(): string {
  return [...randomBytes(8)].map((b) => ALPHABET[b % 32]).join('')
}

/** The stored key of one attendee of one request: the caller's own, so another person's key never answers them. */
export const attendeeKey = (userId: string, key: string, index: number) => `${userId}:${key}:${index}`

const oid = (id: string | mongoose.Types.ObjectId) => new mongoose.Types.ObjectId(String(id))

/** 第二十条: registering is possible while the event is published and its window open — checked at the moment of each write. */
export function assertRegistrationOpen(event: Pick<EventRecord, 'state' | 'registrationOpensAt' | 'registrationClosesAt'>, at: Date): void {
  if (event.state !== 'published') {
    const why = { registration_closed: '该活动报名已截止', held: '该活动已举办', cancelled: '该活动已取消', draft: '该活动尚未发布', published: '' }[event.state]
    throw new AppError('EVENT_REGISTRATION_CLOSED', { message: why })
  }
  if (at < event.registrationOpensAt) throw new AppError('EVENT_REGISTRATION_CLOSED', { message: `报名将于 ${formatDateTime(event.registrationOpensAt)} 开始` })
  if (at >= event.registrationClosesAt) throw new AppError('EVENT_REGISTRATION_CLOSED', { message: `报名已于 ${formatDateTime(event.registrationClosesAt)} 截止` })
}

/** The conditions of an open registration, for the claim's own update: the window at the instant of the write. */
const openAt = (now: Date) => ({ state: 'published', registrationOpensAt: { $lte: now }, registrationClosesAt: { $gt: now } })

/**
 * Registers the attendees of one request (第二十条), one registration each:
 *
 * 1. a retried request (same caller, same key) is answered with the first registrations — not counted
 *    against the limits, nothing registered twice; a retry after a partial failure completes the rest;
 * 2. limits per person and per address; the event published and its window open; the caller invited
 *    (a listed organization of an invited year, or the public quota); no attendee already registered
 *    by phone; names and titles pass WeChat's content check (risky: 422, nothing kept; not judged:
 *    kept, moderation 'pending' for the office);
 * 3. per attendee: ONE conditional update claims a seat of the quota (seats.ts) — with the window in
 *    its condition, so the window is checked at the moment of the write — else ONE conditional update
 *    takes a place in line (`$inc: { waitSeq: 1 }`, same condition); then the registration is inserted.
 *    A crash between the claim and the insert leaves a seat nobody holds, which the `events.seats` job
 *    recounts; a concurrent retry that loses at the unique (eventId, idempotencyKey) index gives its
 *    seat back and answers the winner's registration.
 */
export async function registrar({
  models,
  contentSecurity,
  actor,
  eventId,
  input,
  clock = () => new Date(),
  logger,
}: {
  models: Models
  contentSecurity: ContentSecurity
  actor: Actor
  eventId: string
  input: Input
  clock?: () => Date
  logger?: Logger
}): Promise<RegistrationRecord[]> {
  const _eventId = oid(eventId)
  const registeredBy = oid(actor.userId!)
  const keys = input.attendees.map((_, i) => attendeeKey(actor.userId!, input.idempotencyKey, i))
  const found = async () => new Map((await models.Registration.find({ eventId: _eventId, idempotencyKey: { $in: keys } }, { pendingEffects: 0 }).lean<RegistrationRecord[]>()).map((r) => [r.idempotencyKey, r]))
  const earlier = await found()
  if (earlier.size === keys.length) return keys.map((k) => earlier.get(k)!)

  await consume(models, `event.register:user:${actor.userId}`, REGISTRATION_LIMITS.perUser)
  await consume(models, `event.register:ip:${actor.ip}`, REGISTRATION_LIMITS.perIp)

  const event = await models.Event.findById(_eventId, { pendingEffects: 0 }).lean<EventRecord>()
  if (!event || event.state === 'draft') throw new AppError('EVENT_NOT_FOUND')
  assertRegistrationOpen(event, clock())
  const invitation = await invitationOf(models, actor, event, input.organizationId)

  let todo = input.attendees.map((attendee, i) => ({ attendee, i, key: keys[i]! })).filter((a) => !earlier.has(a.key))
  const registered = await models.Registration.find(
    { eventId: _eventId, state: { $ne: 'cancelled' }, 'attendee.phone': { $in: todo.map((a) => a.attendee.phone) } },
    { 'attendee.phone': 1, idempotencyKey: 1 },
  ).lean()
  // A concurrent retry of this very request registered some meanwhile: they are its own, not duplicates.
  if (registered.some((r) => keys.includes(r.idempotencyKey))) {
    for (const [k, r] of await found()) earlier.set(k, r)
    if (earlier.size === keys.length) return keys.map((k) => earlier.get(k)!)
    todo = todo.filter((a) => !earlier.has(a.key))
  }
  // Best effort (no unique index: a cancelled registration must not block registering again): a phone already registered.
  const taken = registered.filter((r) => !keys.includes(r.idempotencyKey))
  if (taken.length) {
    const phones = new Set(taken.map((r) => r.attendee.phone))
    throw new AppError('REGISTRATION_DUPLICATE', {
      fields: todo.filter((a) => phones.has(a.attendee.phone)).map((a) => ({ path: `attendees.${a.i}.phone`, message: `${a.attendee.name} 已报名本活动` })),
    })
  }

  const user = await models.User.findById(registeredBy, { wechatOpenid: 1 }).lean()
  const verdict = await requireAcceptableText(contentSecurity, {
    text: todo.map((a) => `${a.attendee.name} ${a.attendee.title}`).join('\n'),
    ...(user?.wechatOpenid ? { openid: user.wechatOpenid } : {}),
    scene: SECURITY_SCENES.profile,
  })

  const done = new Map(earlier)
  // Waitlisted here, or a seat given back here: either way a free seat may now face a waiting line.
  let lineMayMove = false
  for (const { attendee, key } of todo) {
    const now = clock()
    let state: RegistrationState = 'confirmed'
    let waitSeq: number | undefined
    const claimed = await claimSeat(models, _eventId, invitation.quota, openAt(now))
    if (!claimed) {
      const line = await models.Event.findOneAndUpdate({ ...openAt(now), _id: _eventId }, { $inc: { waitSeq: 1 } }, { new: true, projection: { waitSeq: 1 } }).lean<EventRecord>()
      if (!line) {
        // Closed (or cancelled) between the check and this write: the instant of the write decides.
        const current = await models.Event.findById(_eventId, { state: 1, registrationOpensAt: 1, registrationClosesAt: 1 }).lean<EventRecord>()
        if (current) assertRegistrationOpen(current, now)
        throw new AppError('EVENT_REGISTRATION_CLOSED')
      }
      state = 'waitlisted'
      waitSeq = line.waitSeq
      lineMayMove = true
    }
    for (let attempt = 0; ; attempt++) {
      const _id = new mongoose.Types.ObjectId()
      try {
        // Under the events stamp: a listed organization's public page counts its registrations (第二十条).
        const doc = await publicChange(models.Registration.db, 'events', () => applyCreate<RegistrationRecord>({
          models,
          model: models.Registration,
          actor,
          now,
          to: state,
          ...(logger ? { logger } : {}),
          doc: {
            _id,
            eventId: _eventId,
            quota: invitation.quota,
            ...(invitation.organizationId ? { organizationId: invitation.organizationId } : {}),
            ...(invitation.listedOrganizationId ? { listedOrganizationId: invitation.listedOrganizationId } : {}),
            registeredBy,
            idempotencyKey: key,
            attendee,
            state,
            ...(waitSeq !== undefined ? { waitSeq } : {}),
            checkInCode: drawCheckInCode(),
            moderation: verdict === 'pass' ? 'passed' : 'pending',
            history: [{ state, at: now }],
          },
        }), logger ? { logger } : {})
        done.set(key, doc)
        break
      } catch (err) {
        if (isDuplicateKey(err)) {
          const winner = await models.Registration.findOne({ eventId: _eventId, idempotencyKey: key }, { pendingEffects: 0 }).lean<RegistrationRecord>()
          if (winner) {
            if (claimed) {
              // The seat this request claimed may have sent the winner's next attendee to the line meanwhile.
              await releaseSeat(models, _eventId, invitation.quota)
              lineMayMove = true
            }
            done.set(key, winner)
            break
          }
          // Otherwise the check-in code repeated: draw again.
          if (attempt < 3) continue
        }
        if (claimed) await releaseSeat(models, _eventId, invitation.quota)
        throw err
      }
    }
  }
  // A seat freed between a missed claim and the insert into the line, or given back above: fill it now, in order.
  if (lineMayMove) await promoteWaitlisted(models, { eventId: _eventId, quota: invitation.quota, now: clock(), ...(logger ? { logger } : {}) })
  const final = lineMayMove ? await found() : done
  return keys.map((k) => final.get(k) ?? done.get(k)!)
}
