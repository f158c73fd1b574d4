import mongoose from 'mongoose'
import { deliberationMachine, type DeliberationCreate, type DeliberationSave } from '@zlbg/shared'
import { isDuplicateKey } from '../../db/duplicateKey'
import { AppError } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { DeliberationRecord } from '../../models/deliberation'
import type { Actor } from '../../policies'
import { applyAction, applyCreate } from '../../workflow/transition'
import { checkAttendance, committeeMembers, committeeOf, draftItems, quorumOf } from './deliberationData'

const oid = (id: string | mongoose.Types.ObjectId) => new mongoose.Types.ObjectId(String(id))

/**
 * The office opens the record of a round's deliberation (合议, 第十六条 / 第十七条): the meeting's
 * date and attendees — committee members, the chair or a vice chair among them, at least the
 * call's quorum (第十一条) — and one item per application the round decides on. One open record
 * per call and round (DELIBERATION_OPEN).
 */
export async function deliberationCreator({
  models,
  logger,
  callId,
  input,
  actor,
  now = new Date(),
}: {
  models: Models
  logger?: Logger
  callId: string
  input: DeliberationCreate
  actor: Actor
  now?: Date
}): Promise<DeliberationRecord> {
  const call = oid(callId)
  const committee = await committeeOf(models, call)
  checkAttendance(await committeeMembers(models, committee), input.attendeeIds, await quorumOf(models, call))
  const attendeeIds = input.attendeeIds.map(oid)
  const items = await draftItems(models, { callId: call, round: input.round, items: [] }, attendeeIds)
  try {
    return await applyCreate<DeliberationRecord>({
      models,
      model: models.Deliberation,
      actor,
      now,
      ...(logger ? { logger } : {}),
      to: deliberationMachine.initial,
      doc: {
        _id: new mongoose.Types.ObjectId(),
        callId: call,
        round: input.round,
        state: deliberationMachine.initial,
        slot: 'draft',
        date: input.date,
        ...(input.place ? { place: input.place } : {}),
        ...(input.minutes ? { minutes: input.minutes } : {}),
        attendeeIds,
        items,
        ...(actor.userId ? { createdBy: oid(actor.userId) } : {}),
      },
    })
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('DELIBERATION_OPEN')
    throw err
  }
}

/**
 * The office saves the draft: meeting details and each application's decision and notes. The items
 * are refreshed to the applications the round decides on now, recusals found afresh; one
 * conditional update on the draft (a record signed meanwhile is a 409).
 */
export async function deliberationSaver({
  models,
  logger,
  record,
  input,
  actor,
  now = new Date(),
}: {
  models: Models
  logger?: Logger
  record: DeliberationRecord
  input: DeliberationSave
  actor: Actor
  now?: Date
}): Promise<DeliberationRecord> {
  const committee = await committeeOf(models, record.callId)
  checkAttendance(await committeeMembers(models, committee), input.attendeeIds, await quorumOf(models, record.callId))
  const attendeeIds = input.attendeeIds.map(oid)
  const items = await draftItems(models, record, attendeeIds, input.items)
  return applyAction({
    models,
    model: models.Deliberation,
    id: record._id,
    machine: deliberationMachine,
    action: 'edit',
    actor,
    now,
    ...(logger ? { logger } : {}),
    resourceType: 'deliberation',
    notFound: 'DELIBERATION_NOT_FOUND',
    callOf: (d: DeliberationRecord) => d.callId.toHexString(),
    set: {
      date: input.date,
      attendeeIds,
      items,
      ...(input.place ? { place: input.place } : {}),
      ...(input.minutes ? { minutes: input.minutes } : {}),
    },
    unset: [...(input.place ? [] : ['place']), ...(input.minutes ? [] : ['minutes'])],
  })
}
