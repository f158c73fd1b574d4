import { SIMILARITY_FLAG_STATES, type SimilarityFlagState } from '../similarity'
import { defineMachine } from './machine'
import type { Role } from './roles'

export const SIMILARITY_FLAG_EVENTS = ['explain', 'refer', 'disqualify', 'reopen'] as const
export type SimilarityFlagEvent = (typeof SIMILARITY_FLAG_EVENTS)[number]

const conclude = (to: SimilarityFlagState) => ({ to, roles: ['office', 'admin'] as Role[], needsReason: true, article: '第二十一条' })

/**
 * 第二十一条: a flag of copied text is concluded by the office — explained (a shared source, a group's
 * common template), referred for removal, or the application disqualified — always with a reason.
 * A conclusion can be reopened, with a reason, when it was recorded in error.
 */
export const similarityFlagMachine = defineMachine<SimilarityFlagState, SimilarityFlagEvent, Role>({
  states: SIMILARITY_FLAG_STATES,
  events: SIMILARITY_FLAG_EVENTS,
  initial: 'open',
  table: {
    open: { explain: conclude('explained'), refer: conclude('referred'), disqualify: conclude('disqualified') },
    explained: { reopen: conclude('open') },
    referred: { reopen: conclude('open') },
    disqualified: { reopen: conclude('open') },
  },
})
