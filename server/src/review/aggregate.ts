import mongoose from 'mongoose'
import type { ApplicationFigures, ReviewRound } from '@zlbg/shared'
import type { Models } from '../models'
import { expertScale, figuresOf, mergeSums, populationSd, EMPTY_SUMS, type RoundScale, type Sums } from './figures'

export interface RoundFigures {
  /** Per application (hex id): its figures in the round. Applications without a submitted score are absent. */
  figures: Map<string, ApplicationFigures>
  scale: RoundScale
  /** Submitted scores that counted. */
  scores: number
  experts: number
}

const sums = { n: { $sum: 1 }, sum: { $sum: '$total' }, sumSq: { $sum: { $multiply: ['$total', '$total'] } } }

/** The assignments of a call in one pass: how many stand per application, and which were withdrawn. */
export interface AssignmentTally {
  /** Active assignments per application (hex id). */
  active: Map<string, number>
  withdrawn: mongoose.Types.ObjectId[]
}

export async function assignmentTally(models: Models, callId: mongoose.Types.ObjectId): Promise<AssignmentTally> {
  const isActive = { $eq: ['$state', 'active'] }
  const groups = await models.Assignment.aggregate<{ _id: mongoose.Types.ObjectId; active: number; withdrawn: (mongoose.Types.ObjectId | null)[] }>([
    { $match: { callId } },
    // $$REMOVE is missing on the embedded engine: a set holding null besides the withdrawn ids.
    { $group: { _id: '$applicationId', active: { $sum: { $cond: [isActive, 1, 0] } }, withdrawn: { $addToSet: { $cond: [isActive, null, '$_id'] } } } },
  ])
  return {
    active: new Map(groups.filter((g) => g.active > 0).map((g) => [g._id.toHexString(), g.active])),
    withdrawn: groups.flatMap((g) => g.withdrawn.filter((id): id is mongoose.Types.ObjectId => id !== null)),
  }
}

/**
 * The filter of the scores that count in a round: submitted ones, not those of a withdrawn
 * assignment (the expert no longer reviews that application).
 */
export function countedScores(callId: mongoose.Types.ObjectId, round: ReviewRound, withdrawn: readonly mongoose.Types.ObjectId[]) {
  return { callId, round, state: 'submitted' as const, total: { $type: 'number' }, ...(withdrawn.length ? { assignmentId: { $nin: withdrawn } } : {}) }
}

/**
 * The figures of every application of a call in a round (第十六条, 第十七条; issue 15 "Aggregation"),
 * in two grouping passes on the database and one streaming pass in Node — never every score in memory:
 *
 * 1. per expert: count, sum and sum of squares of their submitted totals → each expert's mean and
 *    1/sd (their z-scale), and the round's overall mean and sd (the scale normalised scores map back onto);
 * 2. per application: count, sum, sum of squares, min, max of its totals, and the sum of their z-scores
 *    — each score's expert found in the literal arrays of step 1 ($indexOfArray, $arrayElemAt), so
 *    z = (total − expert mean) × expert scale is computed where the score is;
 * 3. the groups stream through a cursor into figuresOf (figures.ts).
 *
 * Only the scores of countedScores count. Plain $group accumulators: the same code runs on MongoDB and on the
 * embedded engine, which lacks $stdDevPop, $setWindowFields and $median.
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

  const perExpert = await models.Score.aggregate<{ _id: mongoose.Types.ObjectId } & Omit<Sums, 'min' | 'max'>>([{ $match: match }, { $group: { _id: '$expertId', ...sums } }])
  let all = EMPTY_SUMS
  const ids: mongoose.Types.ObjectId[] = []
  const means: number[] = []
  const scales: number[] = []
  for (const e of perExpert) {
    const s = { ...e, min: Infinity, max: -Infinity }
    all = mergeSums(all, s)
    const { mean, scale } = expertScale(s)
    ids.push(e._id)
    means.push(mean)
    scales.push(scale)
  }
  const scale: RoundScale = { overallMean: all.n ? all.sum / all.n : 0, overallSd: populationSd(all), disagreementThreshold, rubricTotal }

  const figures = new Map<string, ApplicationFigures>()
  if (all.n === 0) return { figures, scale, scores: 0, experts: 0 }
  const at = (array: number[]) => ({ $arrayElemAt: [{ $literal: array }, '$e'] })
  const cursor = models.Score.aggregate<{ _id: mongoose.Types.ObjectId; zSum: number } & Sums>([
    { $match: match },
    { $project: { _id: 0, applicationId: 1, total: 1, e: { $indexOfArray: [{ $literal: ids }, '$expertId'] } } },
    {
      $group: {
        _id: '$applicationId',
        ...sums,
        min: { $min: '$total' },
        max: { $max: '$total' },
        zSum: { $sum: { $multiply: [{ $subtract: ['$total', at(means)] }, at(scales)] } },
      },
    },
  ]).cursor({ batchSize: 1000 })
  for await (const g of cursor) figures.set(g._id.toHexString(), figuresOf(g, g.zSum, scale))
  return { figures, scale, scores: all.n, experts: ids.length }
}
