import mongoose from 'mongoose'
import type { ApplicationFigures, ReviewRound } from '@zlbg/shared'
import type { Models } from '../models'
import { EMPTY_SUMS, expertScale, figuresOf, mergeSums, populationSd, type ExpertScale, type RoundScale, type Sums } from './figures'

export interface RoundFigures {
  /** Per application (hex id): its figures in the round. Applications without a submitted score are absent. */
  figures: Map<string, ApplicationFigures>
  scale: RoundScale
  /** Submitted scores that counted. */
  scores: number
  experts: number
}

/** Active assignments per application (hex id) of a call: the "评分/分配" beside each row. */
export async function activeAssignments(models: Models, callId: mongoose.Types.ObjectId): Promise<Map<string, number>> {
  const groups = await models.Assignment.aggregate<{ _id: mongoose.Types.ObjectId; n: number }>([{ $match: { callId, state: 'active' } }, { $group: { _id: '$applicationId', n: { $sum: 1 } } }])
  return new Map(groups.map((g) => [g._id.toHexString(), g.n]))
}

/** The call's withdrawn assignments (few): their scores no longer count. */
export async function withdrawnAssignments(models: Models, callId: mongoose.Types.ObjectId): Promise<mongoose.Types.ObjectId[]> {
  return (await models.Assignment.find({ callId, state: { $ne: 'active' } }, { _id: 1 }).lean()).map((a) => a._id)
}

/**
 * The filter of the scores that count in a round: submitted ones, not those of a withdrawn
 * assignment (the expert no longer reviews that application).
 */
export function countedScores(callId: mongoose.Types.ObjectId, round: ReviewRound, withdrawn: readonly mongoose.Types.ObjectId[]) {
  return { callId, round, state: 'submitted' as const, total: { $type: 'number' }, ...(withdrawn.length ? { assignmentId: { $nin: withdrawn } } : {}) }
}

interface Running extends Sums {
  zSum: number
}

/**
 * The figures of every application of a call in a round (第十六条, 第十七条; issue 15 "Aggregation"),
 * in one grouping pass on the database and one streaming pass in Node — never every score in memory:
 *
 * 1. per expert, on the database ($group): count, sum and sum of squares of their submitted totals →
 *    each expert's mean and 1/sd (their z-scale), and the round's overall mean and sd (the scale
 *    normalised scores map back onto);
 * 2. the counted scores stream through a cursor (application, expert, total — nothing else), each
 *    adding to its application's running sums, min, max and sum of z = (total − expert mean) × scale;
 *    memory holds one running record per application, not the scores.
 *
 * Why not a second $group for step 2: each score needs its expert's mean and scale, and the
 * embedded engine (no $stdDevPop, $setWindowFields, $median; the same code must run on MongoDB)
 * can only look them up in literal arrays per document ($indexOfArray), measured at twice the
 * streaming pass's time for 70,000 scores (bench/aggregation.ts).
 */
export async function aggregateRound(
  models: Models,
  {
    callId,
    round,
    disagreementThreshold,
    rubricTotal,
    withdrawn,
  }: { callId: mongoose.Types.ObjectId; round: ReviewRound; disagreementThreshold: number; rubricTotal: number; withdrawn: readonly mongoose.Types.ObjectId[] },
): Promise<RoundFigures> {
  const match = countedScores(callId, round, withdrawn)
  const perExpert = await models.Score.aggregate<{ _id: mongoose.Types.ObjectId; n: number; sum: number; sumSq: number }>([
    { $match: match },
    { $group: { _id: '$expertId', n: { $sum: 1 }, sum: { $sum: '$total' }, sumSq: { $sum: { $multiply: ['$total', '$total'] } } } },
  ])
  let all = EMPTY_SUMS
  const experts = new Map<string, ExpertScale>()
  for (const e of perExpert) {
    const s = { ...e, min: Infinity, max: -Infinity }
    all = mergeSums(all, s)
    experts.set(e._id.toHexString(), expertScale(s))
  }
  const scale: RoundScale = { overallMean: all.n ? all.sum / all.n : 0, overallSd: populationSd(all), disagreementThreshold, rubricTotal }
  const figures = new Map<string, ApplicationFigures>()
  if (all.n === 0) return { figures, scale, scores: 0, experts: 0 }

  const running = new Map<string, Running>()
  const cursor = models.Score.collection.find<{ applicationId: mongoose.Types.ObjectId; expertId: mongoose.Types.ObjectId; total: number }>(match, {
    projection: { _id: 0, applicationId: 1, expertId: 1, total: 1 },
    batchSize: 5000,
  })
  for await (const s of cursor) {
    const id = s.applicationId.toHexString()
    let r = running.get(id)
    if (!r) running.set(id, (r = { ...EMPTY_SUMS, zSum: 0 }))
    const t = s.total
    r.n++
    r.sum += t
    r.sumSq += t * t
    if (t < r.min) r.min = t
    if (t > r.max) r.max = t
    // An expert whose scores arrived after step 1 read them has no scale yet: z = 0, like a single score.
    const e = experts.get(s.expertId.toHexString())
    if (e) r.zSum += (t - e.mean) * e.scale
  }
  for (const [id, r] of running) figures.set(id, figuresOf(r, r.zSum, scale))
  return { figures, scale, scores: all.n, experts: experts.size }
}
