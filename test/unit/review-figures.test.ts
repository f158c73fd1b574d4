import { addTotal, EMPTY_SUMS, expertScale, figuresOf, mergeSums, populationSd, rankRows, tieRule, type Rankable, type Sums } from '../../server/src/review/figures'
import { HAND_TABLE } from '../support/rankingTable'

/** 第十六条, 第十七条 with issue 15 "Aggregation — shown, not hidden": the figures of a round, by hand. */

const sumsOf = (totals: number[]) => totals.reduce(addTotal, EMPTY_SUMS)

/** The round's figures computed the way the pipelines split the work: per expert first, then per application. */
function handTableFigures() {
  const { scores, disagreementThreshold, rubricTotal } = HAND_TABLE
  const byExpert = new Map<string, Sums>()
  for (const row of Object.values(scores)) for (const [e, t] of Object.entries(row)) byExpert.set(e, addTotal(byExpert.get(e) ?? EMPTY_SUMS, t!))
  const all = [...byExpert.values()].reduce(mergeSums, EMPTY_SUMS)
  const scale = { overallMean: all.sum / all.n, overallSd: populationSd(all), disagreementThreshold, rubricTotal }
  return Object.fromEntries(
    Object.entries(scores).map(([app, row]) => {
      let zSum = 0
      for (const [e, t] of Object.entries(row)) {
        const { mean, scale: k } = expertScale(byExpert.get(e)!)
        zSum += (t! - mean) * k
      }
      return [app, figuresOf(sumsOf(Object.values(row) as number[]), zSum, scale)]
    }),
  )
}

describe('第十六条 / 第十七条: the figures of a round match the hand-computed table', () => {
  const figures = handTableFigures()
  test.each(Object.entries(HAND_TABLE.expected))('application %s', (app, expected) => {
    expect(figures[app]).toEqual(expected)
  })
})

describe('第十六条: each figure on its own', () => {
  const scale = { overallMean: 70, overallSd: 10, disagreementThreshold: 10, rubricTotal: 100 }
  test.each([
    // name, totals, expected (without normalized)
    ['one score: mean = trimmed, sd 0', [77], { count: 1, mean: 77, trimmedMean: 77, stdDev: 0 }],
    ['four scores: nothing dropped', [60, 70, 80, 100], { count: 4, mean: 77.5, trimmedMean: 77.5, stdDev: 14.79 }],
    // (50, 70, 70, 70, 100): deviations −22, −2, −2, −2, 28 → √(1280 / 5) = 16; trimmed (360 − 50 − 100) / 3 = 70
    ['five scores: highest and lowest dropped once', [50, 70, 70, 70, 100], { count: 5, mean: 72, trimmedMean: 70, stdDev: 16 }],
    ['seven scores with two equal highest: only one dropped', [60, 65, 70, 75, 80, 90, 90], { count: 7, mean: 75.71, trimmedMean: 76, stdDev: 10.83 }],
  ])('%s', (_name, totals, expected) => {
    expect(figuresOf(sumsOf(totals), 0, scale)).toMatchObject(expected)
  })

  test('no submitted score: every figure is null and nothing is flagged', () => {
    expect(figuresOf(undefined, 0, scale)).toEqual({ count: 0, mean: null, trimmedMean: null, stdDev: null, normalized: null, disagreement: false })
  })

  test.each([
    ['sd above the threshold', [60, 90], 10, true],
    ['sd equal to the threshold is not above it', [60, 80], 10, false],
    ['threshold 0: any spread', [70, 71], 0, true],
  ])('disagreement: %s', (_name, totals, threshold, flagged) => {
    expect(figuresOf(sumsOf(totals), 0, { ...scale, disagreementThreshold: threshold }).disagreement).toBe(flagged)
  })

  test('the normalised score maps the mean z back onto the scale and stays within [0, rubric total]', () => {
    expect(figuresOf(sumsOf([80, 80]), 2, scale).normalized).toBe(80) // 70 + (2 / 2) × 10
    expect(figuresOf(sumsOf([100]), 5, scale).normalized).toBe(100) // 70 + 50 → clamped
    expect(figuresOf(sumsOf([0]), -9, scale).normalized).toBe(0) // 70 − 90 → clamped
  })

  test('an expert with one score or all the same scores has z = 0 (scale 0)', () => {
    expect(expertScale(sumsOf([88]))).toEqual({ mean: 88, scale: 0 })
    expect(expertScale(sumsOf([75, 75, 75]))).toEqual({ mean: 75, scale: 0 })
    expect(expertScale(sumsOf([60, 80]))).toEqual({ mean: 70, scale: 0.1 })
  })
})

describe('the ranking and its stated tie rule', () => {
  const row = (applicationId: string, figures: Partial<Rankable>, receiptNumber?: string, groupId = 'g1'): Rankable => ({
    applicationId,
    count: 3,
    mean: 80,
    trimmedMean: 80,
    stdDev: 1,
    normalized: 80,
    disagreement: false,
    groupId,
    ...(receiptNumber ? { receiptNumber } : {}),
    ...figures,
  })
  const order = (rows: Rankable[], by: 'mean' | 'trimmedMean' | 'normalized') => rankRows(rows, by).map((r) => [r.applicationId, r.rank, r.groupRank])

  test('the call’s figure ranks; the others only break ties, in the stated order', () => {
    const rows = [row('a', { mean: 85, normalized: 70 }), row('b', { mean: 80, normalized: 90 }), row('c', { mean: 80, normalized: 85 })]
    expect(order(rows, 'mean')).toEqual([['a', 1, 1], ['b', 2, 2], ['c', 3, 3]])
    expect(order(rows, 'normalized')).toEqual([['b', 1, 1], ['c', 2, 2], ['a', 3, 3]])
    expect(tieRule('mean')).toContain('相同时依次比较去掉最高最低分后的平均分、标准化分')
  })

  test('equal on every figure: more scores first, then the receipt number', () => {
    const rows = [row('x', {}, 'ZL2026-003'), row('y', { count: 5 }, 'ZL2026-009'), row('z', {}, 'ZL2026-001')]
    expect(order(rows, 'trimmedMean')).toEqual([['y', 1, 1], ['z', 2, 2], ['x', 3, 3]])
  })

  test('group ranks count within each group; applications without a score are last and unranked', () => {
    const empty = { count: 0, mean: null, trimmedMean: null, stdDev: null, normalized: null }
    const rows = [row('n', empty, 'ZL2026-000'), row('g2top', { mean: 95 }, undefined, 'g2'), row('g1top', { mean: 90 }), row('g1next', { mean: 70 })]
    expect(order(rows, 'mean')).toEqual([['g2top', 1, 1], ['g1top', 2, 1], ['g1next', 3, 2], ['n', null, null]])
  })
})
