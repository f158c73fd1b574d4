import {
  LISTING_EVENTS,
  LISTING_STATES,
  REMOVAL_ACTIONS,
  REMOVAL_EVENTS,
  REMOVAL_STATES,
  type ListingEvent,
  type ListingState,
  type RemovalAction,
  type RemovalEvent,
  type RemovalState,
} from '../listing'
import { defineMachine } from './machine'
import type { Role } from './roles'

/**
 * A call's official list (第十九条: 经中国质量协会批准后，发布质量标杆典型经验名单). It comes into being
 * when the approver signs the approval (a command: the approved entries' applications `approve`, the
 * held-back ones `rejectApproval`, in the same step); publishing it is the office's, and is what makes
 * the organizations listed.
 */
export const listingMachine = defineMachine<ListingState, ListingEvent, Role>({
  states: LISTING_STATES,
  events: LISTING_EVENTS,
  initial: 'approved',
  table: {
    approved: { publish: { to: 'published', roles: ['office'], effects: ['notifyOrganizations'], article: '第十九条' } },
    published: {},
  },
})

const chair = ['committee_chair', 'committee_vice_chair'] as const

/** Removal from the list (第二十一条); see REMOVAL_STATES. */
export const removalMachine = defineMachine<RemovalState, RemovalEvent, Role, RemovalAction>({
  states: REMOVAL_STATES,
  events: REMOVAL_EVENTS,
  actions: REMOVAL_ACTIONS,
  initial: 'proposed',
  table: {
    proposed: {
      confirmByChair: { to: 'chair_confirmed', roles: chair, article: '第二十一条' },
      decline: { to: 'declined', roles: chair, needsReason: true, article: '第二十一条' },
      withdraw: { to: 'withdrawn', roles: ['office'], needsReason: true, article: '第二十一条' },
    },
    chair_confirmed: {
      // The approver's confirmation removes the entry (the command moves the application and the record).
      confirmByApprover: { to: 'confirmed', roles: ['approver'], effects: ['notifyOrganization'], article: '第二十一条' },
      decline: { to: 'declined', roles: ['approver'], needsReason: true, article: '第二十一条' },
      withdraw: { to: 'withdrawn', roles: ['office'], needsReason: true, article: '第二十一条' },
    },
    confirmed: { publishAnnouncement: { to: 'announced', roles: ['office'], article: '第二十一条' } },
    announced: {},
    declined: {},
    withdrawn: {},
  },
  actionTable: {
    confirmed: { editAnnouncement: { roles: ['office'], article: '第二十一条' } },
  },
})
