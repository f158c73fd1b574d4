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
