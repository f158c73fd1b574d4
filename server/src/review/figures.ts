import { RANK_BY, RANK_BY_LABELS, type ApplicationFigures, type RankBy } from '@zlbg/shared'

/**
 * The figures of a round (第十六条, 第十七条) from running sums, so the database can group them
 * (`$sum`, `$min`, `$max`: the embedded engine has no $stdDevPop, $setWindowFields or $median) and
 * nothing here needs every score in memory. Pure: the unit table checks these by hand.
 */

/** Running sums over a set of totals. */
export interface Sums {
  n: number
  sum: number
  sumSq: number
  min: number
  max: number
}

export const EMPTY_SUMS: Sums = { n: 0, sum: 0, sumSq: 0, min: Infinity, max: -Infinity }

export function addTotal(s: Sums, total: number): Sums {
  return { n: s.n + 1, sum: s.sum + total, sumSq: s.sumSq + total * total, min: Math.min(s.min, total), max: Math.max(s.max, total) }
}

export function mergeSums(a: Sums, b: Sums): Sums {
  return { n: a.n + b.n, sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq, min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) }
}

/** Population standard deviation; never negative (rounding of sumSq/n − mean² can dip below 0). */
export function populationSd(s: Pick<Sums, 'n' | 'sum' | 'sumSq'>): number {
  if (s.n === 0) return 0
  const mean = s.sum / s.n
  return Math.sqrt(Math.max(0, s.sumSq / s.n - mean * mean))
}

/**
 * How one expert's totals become z-scores: z = (total − mean) × scale. scale = 1 / sd, or 0 when the
 * expert gave one score or all the same (sd 0): their z is 0, they neither raise nor lower anyone.
 */
export interface ExpertScale {
  mean: number
  scale: number
}

/** Below this a standard deviation is 0 (sums of integers leave ~1e-13 of float noise). */
const EPSILON = 1e-9

export function expertScale(s: Sums): ExpertScale {
  const sd = populationSd(s)
  return { mean: s.n ? s.sum / s.n : 0, scale: s.n > 1 && sd > EPSILON ? 1 / sd : 0 }
}

/** Figures are shown and ranked at two decimals: the order is the one a reader can check on the sheet. */
export const round2 = (x: number) => Math.round(x * 100) / 100

/** Trimmed mean: the highest and the lowest dropped when there are at least this many scores. */
export const TRIM_FROM = 5

export interface RoundScale {
  /** Mean and population sd of every submitted total in the round, the scale normalised scores map back onto. */
  overallMean: number
  overallSd: number
  disagreementThreshold: number
  rubricTotal: number
}

/**
 * One application's figures from the sums of its totals and the sum of their experts' z-scores.
 * normalized = overallMean + mean(z) × overallSd (the mean of each score mapped back onto the scale),
 * clamped to [0, rubricTotal]. disagreement: the (shown) standard deviation above the threshold.
 */
export function figuresOf(s: Sums | undefined, zSum: number, scale: RoundScale): ApplicationFigures {
  if (!s || s.n === 0) return { count: 0, mean: null, trimmedMean: null, stdDev: null, normalized: null, disagreement: false }
  const mean = s.sum / s.n
  const trimmed = s.n >= TRIM_FROM ? (s.sum - s.min - s.max) / (s.n - 2) : mean
  const stdDev = round2(populationSd(s))
  const normalized = Math.min(scale.rubricTotal, Math.max(0, scale.overallMean + (zSum / s.n) * scale.overallSd))
  return {
    count: s.n,
    mean: round2(mean),
    trimmedMean: round2(trimmed),
    stdDev,
    normalized: round2(normalized),
    disagreement: stdDev > scale.disagreementThreshold,
  }
}

/** The figures after the ranking one, in the order ties compare them. */
export const tieOrder = (rankBy: RankBy): RankBy[] => [rankBy, ...RANK_BY.filter((f) => f !== rankBy)]

/** The stated tie rule (shown with the ranking and in its export). */
export function tieRule(rankBy: RankBy): string {
  const others = tieOrder(rankBy).slice(1).map((f) => RANK_BY_LABELS[f])
  return `按${RANK_BY_LABELS[rankBy]}从高到低排名（保留两位小数）；相同时依次比较${others.join('、')}，再比有效评分份数（多者在前），仍相同按受理编号先后。尚无有效评分的申报不排名。`
}

export interface Rankable extends ApplicationFigures {
  applicationId: string
  receiptNumber?: string
  groupId?: string
}

/**
 * Ranks rows by the call's figure with the stated tie rule; rank over all rows, groupRank within the
 * row's group. Every tie is broken, so ranks are 1, 2, 3… Rows without a score come last, unranked.
 */
export function rankRows<T extends Rankable>(rows: readonly T[], rankBy: RankBy): (T & { rank: number | null; groupRank: number | null })[] {
  const figures = tieOrder(rankBy)
  const byReceipt = (a: T, b: T) => (a.receiptNumber ?? '\uffff').localeCompare(b.receiptNumber ?? '\uffff') || a.applicationId.localeCompare(b.applicationId)
  const compare = (a: T, b: T) => {
    if ((a.count > 0) !== (b.count > 0)) return a.count > 0 ? -1 : 1
    if (a.count === 0) return byReceipt(a, b)
    for (const f of figures) {
      const d = b[f]! - a[f]!
      if (d !== 0) return d
    }
    return b.count - a.count || byReceipt(a, b)
  }
  const sorted = [...rows].sort(compare)
  const inGroup = new Map<string, number>()
  return sorted.map((row, i) => {
    if (row.count === 0) return { ...row, rank: null, groupRank: null }
    const key = row.groupId ?? ''
    const groupRank = (inGroup.get(key) ?? 0) + 1
    inGroup.set(key, groupRank)
    return { ...row, rank: i + 1, groupRank }
  })
}
