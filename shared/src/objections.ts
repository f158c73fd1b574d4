/**
 * Objections (异议, 第十八条): filed by a signed-in WeChat user against one entry of an open publicity
 * list, handled by the office, reviewed by the committee, decided by the chair or a vice chair, and
 * answered. The objector's identity is for the office only — never shown to the applicant or to
 * experts (第十三条 keeps the committee's work from the applicant; 第十八条 protects the objector).
 */

export const OBJECTION_STATES = ['received', 'investigating', 'findings_recorded', 'committee_review', 'upheld', 'dismissed', 'replied'] as const
export type ObjectionState = (typeof OBJECTION_STATES)[number]
export const OBJECTION_STATE_LABELS: Record<ObjectionState, string> = {
  received: '已受理',
  investigating: '调查核实中',
  findings_recorded: '已形成核查意见',
  committee_review: '评审委员会审议中',
  upheld: '异议成立',
  dismissed: '异议不成立',
  replied: '已答复',
}

/** An objection in one of these states keeps its entry from passing publicity (第十八条). */
export const OPEN_OBJECTION_STATES = ['received', 'investigating', 'findings_recorded', 'committee_review'] as const satisfies readonly ObjectionState[]

export const OBJECTION_OUTCOMES = ['upheld', 'dismissed'] as const
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number]

/** Who objects: a person under their real name, or an organization with a letter bearing its seal. */
export const OBJECTOR_KINDS = ['person', 'organization'] as const
export type ObjectorKind = (typeof OBJECTOR_KINDS)[number]
export const OBJECTOR_KIND_LABELS: Record<ObjectorKind, string> = { person: '个人（实名）', organization: '单位（加盖公章）' }
