import { route } from './define'

/** Aggregation and ranking of a round, and the office's exports (第十六条, 第十七条). */
export const RANKING_ROUTES = {} as const satisfies Record<string, ReturnType<typeof route>>
