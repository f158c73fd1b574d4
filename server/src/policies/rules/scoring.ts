import type { Rules } from './define'

/** Scoring (第十六条, 第十七条): rubric and settings, the experts' scores, progress, reopening. */
export const SCORING_RULES: Rules = {}
