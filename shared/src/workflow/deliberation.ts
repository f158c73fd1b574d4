import { DEFENSE_SLOT_STATES, DELIBERATION_STATES, SITE_VISIT_STATES, type DefenseSlotState, type DeliberationState, type SiteVisitState } from '../deliberations'
import { defineMachine } from './machine'
import type { Role } from './roles'

export const DELIBERATION_EVENTS = ['sign'] as const
export type DeliberationEvent = (typeof DELIBERATION_EVENTS)[number]
export const DELIBERATION_ACTIONS = ['edit'] as const
export type DeliberationAction = (typeof DELIBERATION_ACTIONS)[number]

/**
 * The record of a deliberation (合议) of one round: the office keeps it as a draft (date, attendees,
 * each application's decision and notes); the chair, or a vice chair standing in (第十一条), signs
 * it, and only then do the applications move (第十六条 shortlist, 第十七条 recommend). A signed
 * record is final. The signer must also have attended and not be recused on any application it
 * decides: checked by the command, which knows the record.
 */
export const deliberationMachine = defineMachine<DeliberationState, DeliberationEvent, Role, DeliberationAction>({
  states: DELIBERATION_STATES,
  events: DELIBERATION_EVENTS,
  actions: DELIBERATION_ACTIONS,
  initial: 'draft',
  actionTable: { draft: { edit: { roles: ['office'], article: '第十六条' } } },
  table: {
    draft: { sign: { to: 'signed', roles: ['committee_chair', 'committee_vice_chair'], article: '第十六条' } },
    signed: {},
  },
})

export const DEFENSE_SLOT_EVENTS = ['assign', 'release', 'confirm'] as const
export type DefenseSlotEvent = (typeof DEFENSE_SLOT_EVENTS)[number]
export const DEFENSE_SLOT_ACTIONS = ['edit', 'delete'] as const
export type DefenseSlotAction = (typeof DEFENSE_SLOT_ACTIONS)[number]

/**
 * A defense slot (答辩时段, 第十七条): the office opens it for a group and gives it to an application
 * in defense review (the applicant is told by subscription message); the applicant confirms it. The
 * office may take it back (the applicant is told again when it is given anew).
 */
export const defenseSlotMachine = defineMachine<DefenseSlotState, DefenseSlotEvent, Role, DefenseSlotAction>({
  states: DEFENSE_SLOT_STATES,
  events: DEFENSE_SLOT_EVENTS,
  actions: DEFENSE_SLOT_ACTIONS,
  initial: 'open',
  actionTable: { open: { edit: { roles: ['office'], article: '第十七条' }, delete: { roles: ['office'], article: '第十七条' } } },
  table: {
    open: { assign: { to: 'assigned', roles: ['office'], effects: ['notifyApplicant'], article: '第十七条' } },
    assigned: {
      confirm: { to: 'confirmed', roles: ['org_member'], article: '第十七条' },
      release: { to: 'open', roles: ['office'], article: '第十七条' },
    },
    confirmed: { release: { to: 'open', roles: ['office'], article: '第十七条' } },
  },
})

export const SITE_VISIT_EVENTS = ['complete'] as const
export type SiteVisitEvent = (typeof SITE_VISIT_EVENTS)[number]
export const SITE_VISIT_ACTIONS = ['edit'] as const
export type SiteVisitAction = (typeof SITE_VISIT_ACTIONS)[number]

/** A site visit (现场考察, 第十七条): requested with a reason, written up (team, date, findings, files), completed with a conclusion. */
export const siteVisitMachine = defineMachine<SiteVisitState, SiteVisitEvent, Role, SiteVisitAction>({
  states: SITE_VISIT_STATES,
  events: SITE_VISIT_EVENTS,
  actions: SITE_VISIT_ACTIONS,
  initial: 'requested',
  actionTable: { requested: { edit: { roles: ['office'], article: '第十七条' } } },
  table: {
    requested: { complete: { to: 'completed', roles: ['office'], article: '第十七条' } },
    completed: {},
  },
})
