import mongoose from 'mongoose'
import { DECISION_EVENTS, DECISION_STATES, deliberationMachine, type DeliberationEvent, type DeliberationState } from '@zlbg/shared'
import { AppError } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { DeliberationRecord } from '../../models/deliberation'
import type { Actor } from '../../policies'
import { applicationTransition } from '../../workflow/application'
import { applyTransition } from '../../workflow/transition'
import { committeeMembers, committeeOf, presides, quorumOf, recusals, signingBlockers } from './deliberationData'
import { notifyApplicantOfReview } from './notices'

/**
 * The chair, or a vice chair standing in (第十一条), signs the round's deliberation; only then do the
 * applications move (第十六条 shortlisted / not, 第十七条 recommended / not). The record is signed
 * first — one conditional update on the draft as it was read — and then each decision is applied as
 * its own workflow step of the application (applyTransition: its conditional update, audit record and
 * notice), marked applied item by item. A retried sign-off (a timeout, a crash half-way, a second
 * click) finds the record signed and applies what is left: nothing moves twice, nothing is lost.
 *
 * The signer must have attended, and must not be recused on any application the record decides.
 */
export async function deliberationSigner({
  models,
  logger,
  record,
  actor,
  now = new Date(),
}: {
  models: Models
  logger?: Logger
  record: DeliberationRecord
  /** The signer as they act in the call (actorInCall): the loader judged them chair or vice chair. */
  actor: Actor
  now?: Date
}): Promise<DeliberationRecord> {
  let signed = record
  if (record.state === 'draft') {
    try {
      signed = await sign(models, record, actor, now, logger)
    } catch (err) {
      // Another request signed it first: carry on applying, as a retry would.
      if (!(err instanceof AppError && err.code === 'STATE_CONFLICT' && err.currentState === 'signed')) throw err
      signed = (await models.Deliberation.findById(record._id, { pendingEffects: 0 }).lean<DeliberationRecord>())!
    }
  }
  await applyDecisions(models, signed, actor, now, logger)
  return (await models.Deliberation.findById(record._id, { pendingEffects: 0 }).lean<DeliberationRecord>())!
}

async function sign(models: Models, record: DeliberationRecord, actor: Actor, now: Date, logger?: Logger): Promise<DeliberationRecord> {
  const committee = await committeeOf(models, record.callId)
  const members = await committeeMembers(models, committee)
  const quorum = await quorumOf(models, record.callId)
  // Recusals as they stand now: a conflict found since the last save counts.
  const recused = await recusals(models, record.callId, record.attendeeIds, record.items.map((i) => i.applicationId))
  const items = record.items.map((i) => ({ ...i, recusedIds: recused.get(i.applicationId.toHexString()) ?? [] }))
  const apps = await models.Application.find({ _id: { $in: items.map((i) => i.applicationId) } }, { state: 1, 'content.title': 1 }).lean()
  const blockers = signingBlockers({ attendeeIds: record.attendeeIds, items }, members, quorum, new Map(apps.map((a) => [a._id.toHexString(), { title: a.content?.title ?? '', state: a.state }])))
  if (blockers.length) throw new AppError('DELIBERATION_NOT_READY', { fields: blockers.map((message) => ({ path: 'items', message })) })

  const expertId = actor.call?.expertId
  const signer = members.find((m) => m.expertId === expertId)
  const attended = !!expertId && record.attendeeIds.some((id) => id.toHexString() === expertId)
  const recusedSomewhere = items.some((i) => i.recusedIds.some((id) => id.toHexString() === expertId))
  if (!signer || !presides(signer) || !attended || recusedSomewhere) throw new AppError('DELIBERATION_SIGNER_INVALID')

  const done = await applyTransition<DeliberationState, DeliberationEvent, DeliberationRecord>({
    models,
    model: models.Deliberation,
    id: record._id,
    machine: deliberationMachine,
    event: 'sign',
    actor,
    now,
    ...(logger ? { logger } : {}),
    resourceType: 'deliberation',
    notFound: 'DELIBERATION_NOT_FOUND',
    callOf: (d) => d.callId.toHexString(),
    // Signed as it was read: an edit by the office meanwhile makes this a 409, and the chair reads again.
    where: { updatedAt: record.updatedAt },
    set: {
      slot: `signed:${record._id.toHexString()}`,
      items,
      signedAt: now,
      signedBy: new mongoose.Types.ObjectId(actor.userId!),
      signedByName: signer.name,
      signedAs: signer.place,
    },
  })
  return done.doc
}

/** Moves each application whose decision is not applied yet; one failing does not stop the others. */
async function applyDecisions(models: Models, record: DeliberationRecord, actor: Actor, now: Date, logger?: Logger): Promise<void> {
  for (const [index, item] of record.items.entries()) {
    if (item.applied || !item.decision) continue
    const event = DECISION_EVENTS[item.decision]
    const id = item.applicationId.toHexString()
    let error: string | undefined
    try {
      await applicationTransition({
        models,
        id,
        event,
        actor,
        now,
        ...(logger ? { logger } : {}),
        effects: { notifyApplicant: notifyApplicantOfReview(models, { event }) },
      })
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      // Already where the decision leads: an earlier attempt moved it and stopped before marking it.
      if (!(err.code === 'STATE_CONFLICT' && err.currentState === DECISION_STATES[item.decision])) error = err.message
    }
    await models.Deliberation.updateOne(
      { _id: record._id, [`items.${index}.applicationId`]: item.applicationId },
      error ? { $set: { [`items.${index}.applyError`]: error } } : { $set: { [`items.${index}.applied`]: true, [`items.${index}.appliedAt`]: now }, $unset: { [`items.${index}.applyError`]: 1 } },
    )
  }
}
