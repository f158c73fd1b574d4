import { COMMITTEE_STATES, ASSIGNMENT_STATES, CONFLICT_STATES, type AssignmentState, type CommitteeState } from '../committees'
import { defineMachine } from './machine'
import type { Role } from './roles'

export const COMMITTEE_EVENTS = ['startReview'] as const
export type CommitteeEvent = (typeof COMMITTEE_EVENTS)[number]

/**
 * A call's review committee (第十条–第十二条): formed by the office, then review starts and the
 * assignments reach the experts. Edits to the roster are not transitions; once review has started
 * they need a reason, are audited and tell the people they affect (commands/committees).
 */
export const committeeMachine = defineMachine<CommitteeState, CommitteeEvent, Role>({
  states: COMMITTEE_STATES,
  events: COMMITTEE_EVENTS,
  initial: 'formed',
  table: {
    formed: { startReview: { to: 'reviewing', roles: ['office'], effects: ['notifyReviewers'], article: '第十六条' } },
    reviewing: {},
  },
})

export const ASSIGNMENT_EVENTS = ['withdraw', 'withdrawForConflict'] as const
export type AssignmentEvent = (typeof ASSIGNMENT_EVENTS)[number]

/**
 * One reviewer's assignment to one application. The office withdraws one by hand with a reason; a
 * conflict found after assignment withdraws it too (第十三条), whoever found it — the expert declaring
 * it, or the office.
 */
export const assignmentMachine = defineMachine<AssignmentState, AssignmentEvent, Role>({
  states: ASSIGNMENT_STATES,
  events: ASSIGNMENT_EVENTS,
  initial: 'active',
  table: {
    active: {
      withdraw: { to: 'withdrawn', roles: ['office'], effects: ['notifyExpert'], needsReason: true, article: '第十二条' },
      withdrawForConflict: { to: 'withdrawn', roles: ['office', 'expert'], effects: ['notifyExpert'], needsReason: true, article: '第十三条' },
    },
    withdrawn: {},
  },
})

export type ConflictState = (typeof CONFLICT_STATES)[number]
export const CONFLICT_EVENTS = ['dismiss'] as const
export type ConflictEvent = (typeof CONFLICT_EVENTS)[number]

/** An automatic conflict the office finds to be a false positive is dismissed with a reason, kept and shown. */
export const conflictMachine = defineMachine<ConflictState, ConflictEvent, Role>({
  states: CONFLICT_STATES,
  events: CONFLICT_EVENTS,
  initial: 'active',
  table: {
    active: { dismiss: { to: 'dismissed', roles: ['office'], needsReason: true, article: '第十三条' } },
    dismissed: {},
  },
})
