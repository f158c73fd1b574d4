import mongoose from 'mongoose'
import { eventMachine, type EventInputSchema } from '@zlbg/shared'
import type { z } from 'zod'
import { claimAttachments } from '../../attachments'
import { publicChange } from '../../db/publicVersion'
import { AppError } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { EventRecord } from '../../models/event'
import type { Actor } from '../../policies'
import { eventAction } from '../../workflow/event'
import { applyCreate, assertAllowed } from '../../workflow/transition'
import { changedNotice, registrantsOf } from './notices'
import { promoteWaitlisted } from './seats'

type Input = z.output<typeof EventInputSchema>

const oid = (id: string) => new mongoose.Types.ObjectId(id)

/** The stored fields of the office's form; the other mode's place or link is removed. */
function fieldsOf(input: Input): { set: Partial<EventRecord>; unset: string[] } {
  const set: Partial<EventRecord> = {
    title: input.title,
    description: input.description,
    mode: input.mode,
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    registrationOpensAt: new Date(input.registrationOpensAt),
    registrationClosesAt: new Date(input.registrationClosesAt),
    cancellationDeadline: new Date(input.cancellationDeadline),
    capacity: input.capacity,
    listedYears: [...input.listedYears].sort((a, b) => b - a),
    publicQuota: input.publicQuota,
    agenda: input.agenda,
    materialIds: input.materialIds.map(oid),
  }
  if (input.mode === 'offline') set.place = input.place!
  else set.link = input.link!
  return { set, unset: input.mode === 'offline' ? ['link'] : ['place'] }
}

const claimMaterials = (models: Models, actor: Actor, eventId: mongoose.Types.ObjectId, input: Input) =>
  claimAttachments(models, actor, input.materialIds.map((attachmentId) => ({ attachmentId })), { type: 'event', id: eventId }, (i) => `materialIds.${i}`)

/** A new event (第二十条) in draft: the office's alone until published. */
export async function eventCreator({ models, actor, input, now = new Date(), logger }: { models: Models; actor: Actor; input: Input; now?: Date; logger?: Logger }): Promise<EventRecord> {
  const _id = new mongoose.Types.ObjectId()
  await claimMaterials(models, actor, _id, input)
  const { set } = fieldsOf(input)
  return applyCreate<EventRecord>({
    models,
    model: models.Event,
    actor,
    now,
    to: 'draft',
    ...(logger ? { logger } : {}),
    doc: { _id, ...set, state: 'draft', seats: { listed: 0, public: 0 }, waitSeq: 0, createdBy: oid(actor.userId!) },
  })
}

/** What changed that a registrant needs to know, in a few words. */
function changeSummary(before: EventRecord, after: Partial<EventRecord>, note?: string): string {
  if (note) return note
  const parts: string[] = []
  if (before.startsAt.getTime() !== after.startsAt!.getTime() || before.endsAt.getTime() !== after.endsAt!.getTime()) parts.push('活动时间调整')
  if (before.mode !== after.mode || before.place !== after.place || before.link !== after.link) parts.push('地点或参会方式调整')
  if (JSON.stringify(before.agenda) !== JSON.stringify(after.agenda)) parts.push('议程更新')
  if (before.cancellationDeadline.getTime() !== after.cancellationDeadline!.getTime()) parts.push('取消报名截止时间调整')
  return parts.join('、') || '活动信息更新'
}

/**
 * Changes an event (第二十条: the office can change an event, and every registrant is told): allowed in
 * draft, published and registration_closed (the machine's `edit`). The capacity never drops below the
 * seats already held (EVENT_CAPACITY_TAKEN; the update is conditional on it, so a claim meanwhile makes
 * it a 409). Once published, one notice per registrant rides in the same update, and the change runs
 * inside the `events` stamp's bracket; seats a raised capacity adds are filled from the waitlist.
 */
export async function eventUpdater({
  models,
  actor,
  id,
  input,
  note,
  now = new Date(),
  logger,
}: {
  models: Models
  actor: Actor
  id: string
  input: Input
  note?: string
  now?: Date
  logger?: Logger
}): Promise<EventRecord> {
  const before = await models.Event.findById(id, { pendingEffects: 0 }).lean<EventRecord>()
  if (!before) throw new AppError('EVENT_NOT_FOUND')
  await assertAllowed(models, eventMachine, before.state, 'edit', actor)
  if (input.capacity < before.seats.listed || input.publicQuota < before.seats.public) {
    throw new AppError('EVENT_CAPACITY_TAKEN', { message: `名额不能少于已确认的人数（入选组织 ${before.seats.listed} 人，社会公众 ${before.seats.public} 人）` })
  }
  await claimMaterials(models, actor, before._id, input)
  const { set, unset } = fieldsOf(input)
  const published = before.state !== 'draft'
  const notices = published ? (await registrantsOf(models, before._id)).map((r) => changedNotice({ ...before, ...set } as EventRecord, r, changeSummary(before, set, note))) : []
  const write = () =>
    eventAction({
      models,
      id,
      action: 'edit',
      actor,
      now,
      // The state read above decides whether the write is bracketed: published meanwhile, it is refused (409), never written unbracketed.
      where: { state: before.state, 'seats.listed': { $lte: input.capacity }, 'seats.public': { $lte: input.publicQuota } },
      set,
      unset,
      notices,
      ...(logger ? { logger } : {}),
    })
  const doc = published ? await publicChange(models.Event.db, 'events', write, logger ? { logger } : {}) : await write()
  if (!published) return doc
  let promoted = 0
  for (const quota of ['listed', 'public'] as const) promoted += await promoteWaitlisted(models, { eventId: doc._id, quota, now, ...(logger ? { logger } : {}) })
  return promoted ? (await models.Event.findById(doc._id, { pendingEffects: 0 }).lean<EventRecord>())! : doc
}
