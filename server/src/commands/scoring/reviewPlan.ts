import mongoose from 'mongoose'
import { DEFAULT_REVIEW_PLAN, REVIEW_ROUNDS, type ReviewPlanInput, type ReviewRound, type RubricItem } from '@zlbg/shared'
import { isDuplicateKey } from '../../db/duplicateKey'
import { AppError, stateConflict } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ReviewPlanRecord } from '../../models/review'
import { auditEffect, relayPendingEffects } from '../../outbox/relay'
import type { Actor } from '../../policies'

/** The call's review settings, or the defaults while nobody has saved any (the record is absent). */
export async function readReviewPlan(models: Models, callId: mongoose.Types.ObjectId): Promise<ReviewPlanRecord | null> {
  return models.ReviewPlan.findOne({ callId }, { pendingEffects: 0 }).lean<ReviewPlanRecord>()
}

export const rubricOf = (plan: ReviewPlanRecord | null, round: ReviewRound): RubricItem[] => plan?.[round].rubric ?? DEFAULT_REVIEW_PLAN[round].rubric

/** The last scoring day of a round: the plan's, else (material round) the committee's review deadline. */
export function roundDeadline(plan: ReviewPlanRecord | null, round: ReviewRound, committeeDeadline?: string): string | undefined {
  return plan?.[round].deadline ?? (round === 'material' ? committeeDeadline : undefined)
}

const sameRubric = (a: readonly RubricItem[], b: readonly RubricItem[]) =>
  a.length === b.length && a.every((x, i) => x.criterion === b[i]!.criterion && x.maxPoints === b[i]!.maxPoints && x.guidance === b[i]!.guidance)

/** Any score of the round ever submitted (a reopened one was): from then on its rubric is fixed. */
const roundHasSubmission = (models: Models, callId: mongoose.Types.ObjectId, round: ReviewRound) => models.Score.exists({ callId, round, version: { $gte: 1 } })

/**
 * Saves the call's review settings (office). A round's rubric cannot change once the round has a
 * submitted score (第六条 scored alike for everyone; RUBRIC_LOCKED); its deadline and the call-wide
 * settings still can. One conditional write on the version read, with its audit record inside.
 */
export async function reviewPlanSaver({
  models,
  actor,
  callId,
  input,
  logger,
  now = new Date(),
}: {
  models: Models
  actor: Actor
  callId: mongoose.Types.ObjectId
  input: ReviewPlanInput
  logger?: Logger
  now?: Date
}): Promise<ReviewPlanRecord> {
  const current = await readReviewPlan(models, callId)
  const rounds = {} as Record<ReviewRound, Record<string, unknown>>
  const unchangedRubric: Record<string, unknown> = {}
  for (const round of REVIEW_ROUNDS) {
    const changed = !sameRubric(rubricOf(current, round), input[round].rubric)
    if (changed && (current?.[round].lockedAt || (await roundHasSubmission(models, callId, round)))) {
      throw new AppError('RUBRIC_LOCKED', { message: `${round === 'material' ? '资料评审' : '答辩评审'}已有专家提交评分，该轮评分表不能再修改（截止日期仍可调整）` })
    }
    // A rubric being changed must still be unlocked when the write lands (a submission racing the save).
    if (changed) unchangedRubric[`${round}.lockedAt`] = { $exists: false }
    const lockedAt = current?.[round].lockedAt
    rounds[round] = { rubric: input[round].rubric, ...(input[round].deadline ? { deadline: input[round].deadline } : {}), ...(lockedAt ? { lockedAt } : {}) }
  }
  const values = { rankBy: input.rankBy, disagreementThreshold: input.disagreementThreshold, quorum: input.quorum, material: rounds.material, defense: rounds.defense }
  const id = current?._id ?? new mongoose.Types.ObjectId()
  const audit = auditEffect(`reviewPlan:${new mongoose.Types.ObjectId().toHexString()}`, actor, { action: 'reviewPlan.save', resource: { type: 'reviewPlan', id: callId.toHexString() }, at: now }, now)
  if (current) {
    const updated = await models.ReviewPlan.updateOne({ _id: id, updatedAt: current.updatedAt, ...unchangedRubric }, { $set: values, $push: { pendingEffects: audit } })
    if (updated.matchedCount === 0) throw stateConflict('changed')
  } else {
    try {
      await models.ReviewPlan.create({ _id: id, callId, ...values, pendingEffects: [audit] })
    } catch (err) {
      if (isDuplicateKey(err)) throw stateConflict('changed')
      throw err
    }
  }
  try {
    await relayPendingEffects(models, models.ReviewPlan, id)
  } catch (err) {
    logger?.warn({ err, callId: callId.toHexString() }, 'relay after saving review settings failed; the relay job will finish it')
  }
  return (await readReviewPlan(models, callId))!
}

/**
 * Marks the round's rubric as locked from its first submitted score (第六条): the record is made with
 * the defaults if the office never saved one, so the rubric scored against is the one kept.
 */
export async function lockRubric(models: Models, callId: mongoose.Types.ObjectId, round: ReviewRound, now: Date): Promise<void> {
  const field = `${round}.lockedAt`
  const res = await models.ReviewPlan.updateOne({ callId, [field]: { $exists: false } }, { $set: { [field]: now } })
  if (res.matchedCount > 0 || (await models.ReviewPlan.exists({ callId }))) return
  try {
    await models.ReviewPlan.create({ callId, ...DEFAULT_REVIEW_PLAN, [round]: { ...DEFAULT_REVIEW_PLAN[round], lockedAt: now } })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    await models.ReviewPlan.updateOne({ callId, [field]: { $exists: false } }, { $set: { [field]: now } })
  }
}
