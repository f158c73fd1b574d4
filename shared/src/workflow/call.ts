import { CALL_STATES, type CallState } from '../calls'
import { defineMachine } from './machine'
import type { Role } from './roles'

export const CALL_EVENTS = ['publish', 'close'] as const
export type CallEvent = (typeof CALL_EVENTS)[number]

/** 第五条: the office publishes the call and closes it when the round ends. */
export const callMachine = defineMachine<CallState, CallEvent, Role>({
  states: CALL_STATES,
  events: CALL_EVENTS,
  initial: 'draft',
  table: {
    draft: { publish: { to: 'published', roles: ['office'], article: '第五条' } },
    published: { close: { to: 'closed', roles: ['office'], needsReason: false, article: '第五条' } },
    closed: {},
  },
})
