import mongoose from 'mongoose'
import { defenseSlotMachine, type DefenseSlotEvent, type DefenseSlotInput, type DefenseSlotState } from '@zlbg/shared'
import { recordAudit } from '../../audit/recorder'
import { isDuplicateKey } from '../../db/duplicateKey'
import { AppError, stateConflict } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { DefenseSlotRecord } from '../../models/deliberation'
import type { Actor } from '../../policies'
import { applyCreate, applyTransition, assertAllowed, type TransitionRequest } from '../../workflow/transition'
import { committeeOf } from '../deliberations/deliberationData'
import { applicantNotices } from '../deliberations/notices'

const oid = (id: string | mongoose.Types.ObjectId) => new mongoose.Types.ObjectId(String(id))
/** Applications a slot may be given to (第十七条): in defense review, a site visit under way included. */
export const SCHEDULABLE_STATES = ['defense_review', 'site_visit'] as const

type SlotStep = Omit<TransitionRequest<DefenseSlotState, DefenseSlotEvent, DefenseSlotRecord>, 'model' | 'machine' | 'resourceType' | 'notFound' | 'callOf'>
const slotTransition = (step: SlotStep) =>
  applyTransition<DefenseSlotState, DefenseSlotEvent, DefenseSlotRecord>({
    ...step,
    model: step.models.DefenseSlot,
    machine: defenseSlotMachine,
    resourceType: 'defenseSlot',
    notFound: 'DEFENSE_SLOT_NOT_FOUND',
    callOf: (d) => d.callId.toHexString(),
  })

const invalid = (path: string, message: string) => new AppError('DEFENSE_SLOT_INVALID', { fields: [{ path, message }] })

/** The office opens a slot for one of the call's groups, in the future (第十七条). */
export async function defenseSlotCreator({ models, logger, callId, input, actor, now = new Date() }: { models: Models; logger?: Logger; callId: string; input: DefenseSlotInput; actor: Actor; now?: Date }): Promise<DefenseSlotRecord> {
  const committee = await committeeOf(models, oid(callId))
  if (!committee.groups.some((g) => g._id.toHexString() === input.groupId)) throw invalid('groupId', '该专业组不属于本次评审委员会')
  const startsAt = new Date(input.startsAt)
  if (startsAt <= now) throw invalid('startsAt', '答辩时间须晚于当前时间')
  const _id = new mongoose.Types.ObjectId()
  return applyCreate<DefenseSlotRecord>({
    models,
    model: models.DefenseSlot,
    actor,
    now,
    ...(logger ? { logger } : {}),
    resourceType: 'defenseSlot',
    to: defenseSlotMachine.initial,
    doc: {
      _id,
      callId: oid(callId),
      groupId: oid(input.groupId),
      state: defenseSlotMachine.initial,
      startsAt,
      durationMinutes: input.durationMinutes,
      ...(input.place ? { place: input.place } : {}),
      ...(input.onlineLink ? { onlineLink: input.onlineLink } : {}),
      assignee: `open:${_id.toHexString()}`,
    },
  })
}

/**
 * Gives the slot to an application of its group in defense review, or takes it back (`null`). The
 * organization is told by subscription message (defense_schedule) and confirms in the mini-program.
 * An application holds one slot at most (DEFENSE_SLOT_TAKEN); giving a slot to the application that
 * already holds it changes nothing.
 */
export async function defenseSlotAssigner({
  models,
  logger,
  slot,
  applicationId,
  actor,
  now = new Date(),
}: {
  models: Models
  logger?: Logger
  slot: DefenseSlotRecord
  applicationId: string | null
  actor: Actor
  now?: Date
}): Promise<DefenseSlotRecord> {
  const common = { models, id: slot._id, actor, now, ...(logger ? { logger } : {}) }
  if (applicationId === null) {
    if (slot.state === 'open') return slot
    const done = await slotTransition({
      ...common,
      event: 'release',
      set: { assignee: `open:${slot._id.toHexString()}` },
      unset: ['applicationId', 'assignedAt', 'confirmedAt', 'confirmedBy'],
    })
    return done.doc
  }
  if (slot.applicationId?.toHexString() === applicationId) return slot
  if (slot.state !== 'open') throw stateConflict(slot.state)
  if (slot.startsAt <= now) throw invalid('applicationId', '该时段已过，不能再安排')
  const app = await models.Application.findOne({ _id: oid(applicationId), callId: slot.callId }).lean<ApplicationRecord>()
  if (!app) throw invalid('applicationId', '该申报不属于本次征集')
  if (!(SCHEDULABLE_STATES as readonly string[]).includes(app.state)) throw invalid('applicationId', '该申报不在答辩评审阶段')
  const committee = await committeeOf(models, slot.callId)
  const placement = committee.placements.find((p) => p.applicationId.equals(app._id))
  if (!placement?.groupId.equals(slot.groupId)) throw invalid('applicationId', '该申报不在本时段所属的专业组')
  try {
    const done = await slotTransition({
      ...common,
      event: 'assign',
      set: { applicationId: app._id, assignee: applicationId, assignedAt: now },
      effects: {
        notifyApplicant: () => applicantNotices(models, app, { event: 'defenseSlot', startsAt: slot.startsAt, ...(slot.place ? { place: slot.place } : {}), online: !!slot.onlineLink }),
      },
    })
    return done.doc
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('DEFENSE_SLOT_TAKEN')
    throw err
  }
}

/** The applicant confirms the slot given to their application (第十七条); confirming again changes nothing. */
export async function defenseSlotConfirmer({ models, logger, application, actor, now = new Date() }: { models: Models; logger?: Logger; application: ApplicationRecord; actor: Actor; now?: Date }): Promise<DefenseSlotRecord> {
  const slot = await models.DefenseSlot.findOne({ applicationId: application._id }, { pendingEffects: 0 }).lean<DefenseSlotRecord>()
  if (!slot) throw new AppError('DEFENSE_SLOT_NOT_FOUND')
  if (slot.state === 'confirmed') return slot
  const done = await slotTransition({
    models,
    id: slot._id,
    actor,
    now,
    ...(logger ? { logger } : {}),
    event: 'confirm',
    where: { applicationId: application._id },
    set: { confirmedAt: now, confirmedBy: oid(actor.userId!) },
  })
  return done.doc
}

/** Removes an open slot (one no application holds). */
export async function defenseSlotDeleter({ models, slot, actor }: { models: Models; slot: DefenseSlotRecord; actor: Actor }): Promise<void> {
  await assertAllowed(models, defenseSlotMachine, slot.state, 'delete', actor, slot.callId.toHexString())
  const gone = await models.DefenseSlot.deleteOne({ _id: slot._id, state: 'open' })
  if (gone.deletedCount === 0) {
    const now = await models.DefenseSlot.findById(slot._id, { state: 1 }).lean()
    if (!now) throw new AppError('DEFENSE_SLOT_NOT_FOUND')
    throw stateConflict(now.state)
  }
  await recordAudit(models, actor, { action: 'defenseSlot.delete', resource: { type: 'defenseSlot', id: slot._id.toHexString() }, from: slot.state })
}
