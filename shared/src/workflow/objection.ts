import { OBJECTION_ACTIONS, OBJECTION_EVENTS, OBJECTION_STATES, type ObjectionAction, type ObjectionEvent, type ObjectionState } from '../objections'
import { defineMachine } from './machine'
import type { Role } from './roles'


const chair = ['committee_chair', 'committee_vice_chair'] as const
const notifyObjector = ['notifyObjector'] as const
const explain = { roles: ['office'], article: '第十八条' } as const
const answer = { roles: ['org_member'], article: '第十八条' } as const
// Text WeChat could not judge waits for a person in the office before anyone else reads it.
const moderate = { roles: ['office'], article: '第十八条' } as const

/**
 * An objection's handling (第十八条: 对公示期间收到的异议，办公室应组织调查核实，并报评审委员会审议):
 * the office investigates and records its findings with evidence and who verified them, puts the
 * objection to the committee, the chair or a vice chair decides with reasons, and the office sends
 * the reply. Every change tells the objector (message center + subscription message).
 * Upholding also withdraws the entry (the application's upholdObjection): done by the command.
 */
export const objectionMachine = defineMachine<ObjectionState, ObjectionEvent, Role, ObjectionAction>({
  states: OBJECTION_STATES,
  events: OBJECTION_EVENTS,
  actions: OBJECTION_ACTIONS,
  initial: 'received',
  table: {
    received: { startInvestigation: { to: 'investigating', roles: ['office'], effects: notifyObjector, article: '第十八条' } },
    investigating: { recordFindings: { to: 'findings_recorded', roles: ['office'], article: '第十八条' } },
    findings_recorded: {
      // More to check: back to the investigation.
      startInvestigation: { to: 'investigating', roles: ['office'], article: '第十八条' },
      submitToCommittee: { to: 'committee_review', roles: ['office'], effects: notifyObjector, article: '第十八条' },
    },
    committee_review: {
      uphold: { to: 'upheld', roles: chair, needsReason: true, article: '第十八条' },
      dismiss: { to: 'dismissed', roles: chair, needsReason: true, article: '第十八条' },
    },
    upheld: { reply: { to: 'replied', roles: ['office'], effects: notifyObjector, article: '第十八条' } },
    dismissed: { reply: { to: 'replied', roles: ['office'], effects: notifyObjector, article: '第十八条' } },
    replied: {},
  },
  // While it is being looked into, the office may ask the applicant to explain (the supplement
  // mechanism, 第十八条), and the applicant answers until the committee has decided.
  actionTable: {
    received: { passModeration: moderate },
    investigating: { requestExplanation: explain, answerExplanation: answer, passModeration: moderate },
    findings_recorded: { requestExplanation: explain, answerExplanation: answer, passModeration: moderate },
    committee_review: { answerExplanation: answer },
  },
})
