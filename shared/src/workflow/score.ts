import type { CallRole } from '../committees'
import { SCORE_STATES, type ScoreState } from '../review'
import { defineMachine } from './machine'
import type { Role } from './roles'

export const SCORE_EVENTS = ['submit', 'reopen'] as const
export type ScoreEvent = (typeof SCORE_EVENTS)[number]
export const SCORE_ACTIONS = ['edit'] as const
export type ScoreAction = (typeof SCORE_ACTIONS)[number]

/**
 * One expert's score of one assigned application in one round (第十六条, 第十七条). Submitted, it is
 * locked; the group leader or the office reopens it with a reason, and the submitted version stays in
 * the score's history (no silent edits).
 */
export const scoreMachine = defineMachine<ScoreState, ScoreEvent, Role | CallRole, ScoreAction>({
  states: SCORE_STATES,
  events: SCORE_EVENTS,
  actions: SCORE_ACTIONS,
  initial: 'draft',
  actionTable: {
    draft: { edit: { roles: ['assigned_expert'], article: '第十六条' } },
    reopened: { edit: { roles: ['assigned_expert'], article: '第十六条' } },
  },
  table: {
    draft: { submit: { to: 'submitted', roles: ['assigned_expert'], article: '第十六条' } },
    submitted: { reopen: { to: 'reopened', roles: ['group_leader', 'office'], effects: ['notifyExpert'], needsReason: true, article: '第十三条' } },
    reopened: { submit: { to: 'submitted', roles: ['assigned_expert'], article: '第十六条' } },
  },
})
