import { CALL_STATES, type CallState } from '../calls'
import { defineMachine } from './machine'
import type { Role } from './roles'

export const CALL_EVENTS = ['publish', 'close'] as const
export type CallEvent = (typeof CALL_EVENTS)[number]

/** What the office does to a call without moving it: update a draft, correct a published call, delete a draft. */
export const CALL_ACTIONS = ['update', 'correct', 'delete'] as const
export type CallAction = (typeof CALL_ACTIONS)[number]

/**
 * 第五条: the office publishes the call and closes it when the round ends. A draft is the office's to
 * update or delete; once published it is public record: a change is a correction (更正) with a public
 * summary, and it is never deleted. A closed call is not changed at all.
 */
export const callMachine = defineMachine<CallState, CallEvent, Role, CallAction>({
  states: CALL_STATES,
  events: CALL_EVENTS,
  actions: CALL_ACTIONS,
  initial: 'draft',
  table: {
    draft: { publish: { to: 'published', roles: ['office'], article: '第五条' } },
    published: { close: { to: 'closed', roles: ['office'], needsReason: false, article: '第五条' } },
    closed: {},
  },
  actionTable: {
    draft: { update: { roles: ['office'], article: '第五条' }, delete: { roles: ['office'], article: '第五条' } },
    published: { correct: { roles: ['office'], needsReason: true, article: '第五条' } },
  },
})
