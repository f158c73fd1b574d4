import { defineMachine, type MachineTable } from './machine'
import type { Role } from './roles'

/** The application's life, docs/ARCHITECTURE.md "The workflow" (第十四条–第二十一条). */
export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'withdrawn',
  'qualification_review',
  'supplement_requested',
  'supplement_overdue',
  'ineligible',
  'qualified',
  'material_review',
  'not_shortlisted',
  'shortlisted',
  'defense_review',
  'site_visit',
  'not_recommended',
  'recommended',
  'in_publicity',
  'objection_upheld',
  'publicity_passed',
  'approved',
  'not_approved',
  'published',
  'removed',
] as const
export type ApplicationState = (typeof APPLICATION_STATES)[number]

export const APPLICATION_EVENTS = [
  'submit',
  'withdraw',
  'startQualification',
  'requestSupplement',
  'resubmitSupplement',
  'supplementDeadlinePassed',
  'qualify',
  'disqualify',
  'startMaterialReview',
  'shortlist',
  'rejectAfterMaterialReview',
  'startDefense',
  'requestSiteVisit',
  'completeSiteVisit',
  'recommend',
  'rejectAfterDefense',
  'startPublicity',
  'upholdObjection',
  'passPublicity',
  'approve',
  'rejectApproval',
  'publish',
  'remove',
] as const
export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number]

/** What the organization does to an application without moving it: edit its content, delete a draft. */
export const APPLICATION_ACTIONS = ['edit', 'delete'] as const
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number]

const notify = ['notifyApplicant'] as const
// Deliberation outcomes (合议) are applied when the chair, or a vice chair standing in, signs the record
// off (第十一条, 第十六条, 第十七条).
const chair = ['committee_chair', 'committee_vice_chair'] as const

/** The reviewer's decisions in qualification review (第十五条, against the conditions of 第八条). */
const qualificationDecisions = {
  qualify: { to: 'qualified', roles: ['office'], effects: notify, article: '第十五条' },
  disqualify: { to: 'ineligible', roles: ['office'], effects: notify, needsReason: true, article: '第八条' },
  requestSupplement: { to: 'supplement_requested', roles: ['office'], effects: notify, needsReason: true, article: '第十五条' },
} as const satisfies MachineTable<ApplicationState, ApplicationEvent, Role>[ApplicationState]

export const applicationMachine = defineMachine<ApplicationState, ApplicationEvent, Role, ApplicationAction>({
  states: APPLICATION_STATES,
  events: APPLICATION_EVENTS,
  actions: APPLICATION_ACTIONS,
  initial: 'draft',
  actionTable: {
    // A draft is the organization's own work (第十四条); a submitted application is withdrawn, never deleted.
    draft: { edit: { roles: ['org_member'], article: '第十四条' }, delete: { roles: ['org_member'], article: '第十四条' } },
    // 第十五条: the requested sections, until the deadline (both checked by the draft saver).
    supplement_requested: { edit: { roles: ['org_member'], article: '第十五条' } },
  },
  table: {
    draft: { submit: { to: 'submitted', roles: ['org_member'], effects: notify, article: '第十四条' } },
    submitted: {
      withdraw: { to: 'withdrawn', roles: ['org_member'], article: '第十四条' },
      startQualification: { to: 'qualification_review', roles: ['office'], article: '第十五条' },
    },
    withdrawn: {},
    qualification_review: qualificationDecisions,
    supplement_requested: {
      resubmitSupplement: { to: 'qualification_review', roles: ['org_member'], article: '第十五条' },
      supplementDeadlinePassed: { to: 'supplement_overdue', roles: ['system'], article: '第十五条' },
    },
    // An overdue supplement comes back to the reviewer for the same decisions (第十五条).
    supplement_overdue: qualificationDecisions,
    ineligible: {},
    qualified: { startMaterialReview: { to: 'material_review', roles: ['office'], article: '第十六条' } },
    material_review: {
      shortlist: { to: 'shortlisted', roles: chair, effects: notify, article: '第十六条' },
      rejectAfterMaterialReview: { to: 'not_shortlisted', roles: chair, effects: notify, article: '第十六条' },
    },
    not_shortlisted: {},
    shortlisted: { startDefense: { to: 'defense_review', roles: ['office'], effects: notify, article: '第十七条' } },
    defense_review: {
      requestSiteVisit: { to: 'site_visit', roles: ['office'], effects: notify, needsReason: true, article: '第十七条' },
      recommend: { to: 'recommended', roles: chair, effects: notify, article: '第十七条' },
      rejectAfterDefense: { to: 'not_recommended', roles: chair, effects: notify, article: '第十七条' },
    },
    site_visit: { completeSiteVisit: { to: 'defense_review', roles: ['office'], article: '第十七条' } },
    not_recommended: {},
    recommended: { startPublicity: { to: 'in_publicity', roles: ['office'], effects: notify, article: '第十八条' } },
    in_publicity: {
      upholdObjection: { to: 'objection_upheld', roles: chair, effects: notify, needsReason: true, article: '第十八条' },
      // Only once the 5-working-day window has closed with no objection still open: checked by the command.
      passPublicity: { to: 'publicity_passed', roles: ['system', 'office'], article: '第十八条' },
    },
    objection_upheld: {},
    publicity_passed: {
      approve: { to: 'approved', roles: ['approver'], article: '第十九条' },
      rejectApproval: { to: 'not_approved', roles: ['approver'], effects: notify, needsReason: true, article: '第十九条' },
    },
    approved: { publish: { to: 'published', roles: ['office'], effects: notify, article: '第十九条' } },
    not_approved: {},
    published: {
      // Taken by the removal's last confirmation, the approver's (workflow/listing.ts removalMachine);
      // the announcement (公告) is the removal's own step.
      remove: { to: 'removed', roles: ['approver'], effects: notify, needsReason: true, article: '第二十一条' },
    },
    removed: {},
  },
})

/**
 * What the applicant is told (第十三条): the stage and nothing of the committee's inner steps, scores,
 * comments or reviewers.
 */
export const APPLICANT_STAGE_LABELS: Record<ApplicationState, string> = {
  draft: '草稿',
  submitted: '已提交',
  withdrawn: '已撤回',
  qualification_review: '资格审查中',
  supplement_requested: '待补正材料',
  supplement_overdue: '补正已逾期',
  ineligible: '未通过资格审查',
  qualified: '已通过资格审查',
  material_review: '资料评审中',
  not_shortlisted: '未入围答辩评审',
  shortlisted: '入围答辩评审',
  defense_review: '答辩评审中',
  site_visit: '现场考察',
  not_recommended: '未获推荐',
  recommended: '已获推荐',
  in_publicity: '公示中',
  objection_upheld: '公示异议成立，未列入名单',
  publicity_passed: '公示期满',
  approved: '待公布',
  not_approved: '未获批准',
  published: '已入选名单',
  removed: '已移除出名单',
}
