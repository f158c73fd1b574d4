import {
  EVENT_ACTIONS,
  EVENT_EVENTS,
  EVENT_STATES,
  REGISTRATION_EVENTS,
  REGISTRATION_STATES,
  type EventAction,
  type EventEvent,
  type EventState,
  type RegistrationEvent,
  type RegistrationState,
} from '../events'
import { defineMachine } from './machine'
import type { Role } from './roles'

const office = ['office'] as const
const everyone = ['notifyRegistrants'] as const

/** An exchange event (第二十条), run by the office. Cancelling tells every registrant. */
export const eventMachine = defineMachine<EventState, EventEvent, Role, EventAction>({
  states: EVENT_STATES,
  events: EVENT_EVENTS,
  actions: EVENT_ACTIONS,
  initial: 'draft',
  table: {
    draft: { publish: { to: 'published', roles: office, article: '第二十条' } },
    published: {
      closeRegistration: { to: 'registration_closed', roles: [...office, 'system'], article: '第二十条' },
      cancel: { to: 'cancelled', roles: office, effects: everyone, needsReason: true, article: '第二十条' },
    },
    registration_closed: {
      reopenRegistration: { to: 'published', roles: office, article: '第二十条' },
      markHeld: { to: 'held', roles: office, article: '第二十条' },
      cancel: { to: 'cancelled', roles: office, effects: everyone, needsReason: true, article: '第二十条' },
    },
    held: {},
    cancelled: {},
  },
  actionTable: {
    draft: { edit: { roles: office, article: '第二十条' } },
    // A published event's change tells every registrant (the command queues the notices).
    published: { edit: { roles: office, article: '第二十条' }, checkIn: { roles: office, article: '第二十条' } },
    registration_closed: { edit: { roles: office, article: '第二十条' }, checkIn: { roles: office, article: '第二十条' } },
  },
})

/**
 * One attendee's registration. Taking a seat or a place in line is the registering command's atomic
 * claim, not a transition; from there: promoted when a seat frees (in order), cancelled by the
 * registrant before the deadline (or with the event), checked in by the office (idempotent), or
 * marked a no-show after the event.
 */
export const registrationMachine = defineMachine<RegistrationState, RegistrationEvent, Role>({
  states: REGISTRATION_STATES,
  events: REGISTRATION_EVENTS,
  initial: 'confirmed',
  table: {
    confirmed: {
      cancel: { to: 'cancelled', roles: ['listed_org_member', 'wechat_user', 'office', 'system'], article: '第二十条' },
      checkIn: { to: 'attended', roles: office, article: '第二十条' },
      markNoShow: { to: 'no_show', roles: office, article: '第二十条' },
    },
    waitlisted: {
      promote: { to: 'confirmed', roles: ['system', 'office'], effects: ['notifyRegistrant'], article: '第二十条' },
      cancel: { to: 'cancelled', roles: ['listed_org_member', 'wechat_user', 'office', 'system'], article: '第二十条' },
    },
    cancelled: {},
    attended: {},
    no_show: {},
  },
})
