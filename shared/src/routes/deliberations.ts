import { route } from './define'

/** Deliberation (合议) and sign-off, defense slots, site visits (第十六条, 第十七条). */
export const DELIBERATION_ROUTES = {} as const satisfies Record<string, ReturnType<typeof route>>
