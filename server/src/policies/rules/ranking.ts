import type { Rules } from './define'

/** Aggregation and ranking of a round, and the office's exports (第十六条, 第十七条). */
export const RANKING_RULES: Rules = {}
