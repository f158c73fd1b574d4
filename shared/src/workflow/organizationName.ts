import { NAME_REVIEW_STATES, type NameReview } from '../organizations'
import { defineMachine } from './machine'
import type { Role } from './roles'

export const NAME_REVIEW_EVENTS = ['approve', 'reject'] as const
export type NameReviewEvent = (typeof NAME_REVIEW_EVENTS)[number]

/** What members do to the name in any review state: rename it, which starts the review again. */
export const NAME_ACTIONS = ['rename'] as const
export type NameAction = (typeof NAME_ACTIONS)[number]

/**
 * An organization's name is free text others read: WeChat's content check clears it or leaves it
 * pending, and the office decides a pending one (approve, or reject with a reason the members read).
 * Members may rename in every state; the new name is checked again, so a rename lands in `passed` or
 * `pending` by the check's verdict (the command decides which, in the same update as the name).
 */
export const organizationNameMachine = defineMachine<NameReview, NameReviewEvent, Role, NameAction>({
  states: NAME_REVIEW_STATES,
  events: NAME_REVIEW_EVENTS,
  actions: NAME_ACTIONS,
  initial: 'pending',
  table: {
    pending: {
      approve: { to: 'passed', roles: ['office'], effects: ['notifyMembers'] },
      reject: { to: 'rejected', roles: ['office'], effects: ['notifyMembers'], needsReason: true },
    },
    passed: {},
    rejected: {},
  },
  actionTable: {
    pending: { rename: { roles: ['org_member'] } },
    passed: { rename: { roles: ['org_member'] } },
    rejected: { rename: { roles: ['org_member'] } },
  },
})
