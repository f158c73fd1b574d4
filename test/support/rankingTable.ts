import mongoose from 'mongoose'
import { DEFAULT_PLEDGE_TEXT, DEFAULT_REVIEW_PLAN, type ReviewRound } from '@zlbg/shared'
import type { Models } from '../../server/src/models'
import { buildApplication, buildCall } from './factories'

/**
 * A round worked out by hand (issue 15 "Aggregation"): five experts, three applications, totals out
 * of 100, disagreement threshold 10. The unit test (test/unit/review-figures.test.ts) runs the pure
 * figures on it; the API test (test/api/ranking.test.ts) stores it as Score documents and reads the
 * same figures back through the database's pipelines and the ranking route.
 *
 *              E1   E2   E3   E4   E5
 *   A          80   90   70   95   75     n 5: mean 82, trimmed (410 − 70 − 95) / 3 = 81.67,
 *                                              sd √((4 + 64 + 144 + 169 + 49) / 5) = √86 = 9.27
 *   B          60   70   60                n 3: mean 63.33 (trimmed = mean below 5 scores), sd √(200/9) = 4.71
 *   C          70  100                     n 2: mean 85, sd 15 > 10 → disagreement
 *
 * Experts over the round: E1 {80, 60, 70} mean 70, sd √(200/3) = 8.165; E2 {90, 70, 100} mean 86.67,
 * sd √(1400/9) = 12.47; E3 {70, 60} mean 65, sd 5; E4 and E5 scored once: z = 0.
 * All ten totals: mean 770 / 10 = 77, sd √(61050 / 10 − 77²) = √176 = 13.266.
 * z per score: A (10/8.165, 3.33/12.47, 5/5, 0, 0) = (1.2247, 0.2673, 1, 0, 0), mean 0.4984
 *              B (−1.2247, −1.3363, −1), mean −1.1870;  C (0, 1.0690), mean 0.5345.
 * normalized = 77 + mean z × 13.266: A 83.61, B 61.25, C 84.09.
 */
export const HAND_TABLE = {
  disagreementThreshold: 10,
  rubricTotal: 100,
  experts: ['E1', 'E2', 'E3', 'E4', 'E5'] as const,
  scores: {
    A: { E1: 80, E2: 90, E3: 70, E4: 95, E5: 75 },
    B: { E1: 60, E2: 70, E3: 60 },
    C: { E1: 70, E2: 100 },
  } as Record<'A' | 'B' | 'C', Partial<Record<'E1' | 'E2' | 'E3' | 'E4' | 'E5', number>>>,
  expected: {
    A: { count: 5, mean: 82, trimmedMean: 81.67, stdDev: 9.27, normalized: 83.61, disagreement: false },
    B: { count: 3, mean: 63.33, trimmedMean: 63.33, stdDev: 4.71, normalized: 61.25, disagreement: false },
    C: { count: 2, mean: 85, trimmedMean: 85, stdDev: 15, normalized: 84.09, disagreement: true },
  },
  /** Ranked by mean and by normalized score: C 85 / 84.09, A 82 / 83.61, B. */
  order: ['C', 'A', 'B'] as const,
}

type AppKey = 'A' | 'B' | 'C' | 'D'
type ExpertKey = (typeof HAND_TABLE.experts)[number] | 'X'

/** Six item points summing to `total` within the default rubric (17 × 4 + 16 × 2), filled item by item. */
export function pointsFor(total: number) {
  let left = total
  return Object.fromEntries(
    DEFAULT_REVIEW_PLAN.material.rubric.map((item) => {
      const p = Math.min(item.maxPoints, left)
      left -= p
      return [item.criterion, p]
    }),
  )
}

/**
 * The hand table's round in the database, as the scoring commands would leave it: a call with
 * chair, vice chair and two groups — 第一专业组 (leader E1; E2, E3) holds A and B, 第二专业组
 * (leader E4; E5, X) holds C and D; D is assigned but nobody scored it yet. The committee, the
 * assignments and the submitted Score documents are stored directly; `makeExpert` makes each pool
 * entry (an API test's gives it an account to sign in with).
 */
export async function seedHandTable<E extends { expert: { _id: mongoose.Types.ObjectId } }>(
  models: Models,
  { round = 'material', makeExpert }: { round?: ReviewRound; makeExpert: (name: string, competent: boolean) => Promise<E> },
) {
  const callDoc = await buildCall(models)
  const callId = callDoc._id.toHexString()
  const chair = await makeExpert('主任委员', true)
  const vice = await makeExpert('副主任委员', true)
  const experts = {} as Record<ExpertKey, E>
  for (const key of [...HAND_TABLE.experts, 'X'] as const) experts[key] = await makeExpert(`专家${key}`, false)
  const g1 = new mongoose.Types.ObjectId()
  const g2 = new mongoose.Types.ObjectId()
  const apps = {} as Record<AppKey, mongoose.Types.ObjectId>
  for (const key of ['A', 'B', 'C', 'D'] as const) {
    const app = await buildApplication(models, { call: callDoc, state: 'qualified' })
    await models.Application.updateOne({ _id: app._id }, { $set: { state: round === 'material' ? 'material_review' : 'defense_review', 'content.title': `申报${key}` } })
    apps[key] = app._id
  }
  const groupOf = (app: AppKey) => (app === 'A' || app === 'B' ? g1 : g2)
  const id = (key: ExpertKey) => experts[key].expert._id
  await models.Committee.create({
    callId: callDoc._id,
    state: 'reviewing',
    chairId: chair.expert._id,
    viceChairIds: [vice.expert._id],
    groups: [
      { _id: g1, name: '第一专业组', sectors: [], industries: [], leaderId: id('E1'), memberIds: [id('E2'), id('E3')] },
      { _id: g2, name: '第二专业组', sectors: [], industries: [], leaderId: id('E4'), memberIds: [id('E5'), id('X')] },
    ],
    pledgeText: DEFAULT_PLEDGE_TEXT,
    reviewersPerApplication: 3,
    maxPerExpert: 10,
    placements: (['A', 'B', 'C', 'D'] as const).map((k) => ({ applicationId: apps[k], groupId: groupOf(k), by: 'suggested' })),
  })
  const assign = async (app: AppKey, expert: ExpertKey) =>
    (await models.Assignment.create({ callId: callDoc._id, applicationId: apps[app], groupId: groupOf(app), expertId: id(expert), source: 'manual', reason: '排名测试' }))._id
  const score = async (app: AppKey, expert: ExpertKey, total: number, extra: Record<string, unknown> = {}) =>
    models.Score.create({
      callId: callDoc._id,
      round,
      assignmentId: await assign(app, expert),
      applicationId: apps[app],
      groupId: groupOf(app),
      expertId: id(expert),
      state: 'submitted',
      points: pointsFor(total),
      comment: `${app} 的评语：方法科学，成效显著，推广价值较高，建议进一步量化成效。（${expert}）`,
      total,
      version: 1,
      submittedAt: new Date(),
      ...extra,
    })
  for (const [app, row] of Object.entries(HAND_TABLE.scores)) for (const [expert, total] of Object.entries(row)) await score(app as AppKey, expert as ExpertKey, total!)
  await assign('D', 'E4')
  await assign('D', 'E5')
  return { callDoc, callId, chair, vice, experts, apps, g1: g1.toHexString(), g2: g2.toHexString(), score, assign }
}
