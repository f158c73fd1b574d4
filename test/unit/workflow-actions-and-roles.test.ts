import {
  APPLICATION_STATES,
  applicationMachine,
  CALL_STATES,
  callMachine,
  NAME_REVIEW_STATES,
  organizationNameMachine,
  type ApplicationState,
  type CallState,
  type Role,
} from '@zlbg/shared'
import { applicantActions } from '../../server/src/presenters/applications/application'
import { actorHasRole, hasRoleOf } from '../../server/src/policies/roles'
import { can, type Actor } from '../../server/src/policies'

const actor = (roles: Role[], extra: Partial<Actor> = {}): Actor => ({ userId: 'u1', roles, organizationIds: [], ...extra })

describe('per-state actions come from the machine table', () => {
  const applicationEdits: [string, ApplicationState, boolean, boolean][] = [
    ['第十四条 a draft is edited and deleted by its organization', 'draft', true, true],
    ['第十四条 a submitted application is neither edited nor deleted (it is withdrawn)', 'submitted', false, false],
    ['第十五条 a supplement request reopens the content, never deletion', 'supplement_requested', true, false],
    ['第十五条 an overdue supplement is closed to edits', 'supplement_overdue', false, false],
    ['第十五条 under review nothing changes', 'qualification_review', false, false],
  ]
  test.each(applicationEdits)('%s', (_name, state, edit, del) => {
    const member = { roles: ['org_member'] as Role[] }
    expect(applicationMachine.allows(state, 'edit', member).ok).toBe(edit)
    expect(applicationMachine.allows(state, 'delete', member).ok).toBe(del)
  })

  test('第十四条 the office does not edit an organization\'s draft', () => {
    expect(applicationMachine.allows('draft', 'edit', { roles: ['office'] })).toMatchObject({ ok: false, reason: 'ROLE_NOT_ALLOWED' })
  })

  const callActions: [string, CallState, string[]][] = [
    ['第五条 a draft call is updated, published or deleted', 'draft', ['update', 'delete']],
    ['第五条 a published call is corrected publicly, never deleted', 'published', ['correct']],
    ['第五条 a closed call takes no change', 'closed', []],
  ]
  test.each(callActions)('%s', (_name, state, actions) => {
    expect(callMachine.allowedActions(state, ['office'])).toEqual(actions)
    expect(callMachine.allowedActions(state, ['expert'])).toEqual([])
  })

  test('第五条 a correction needs its public summary', () => {
    expect(callMachine.allows('published', 'correct', { roles: ['office'] })).toMatchObject({ ok: false, reason: 'REASON_REQUIRED' })
    expect(callMachine.allows('published', 'correct', { roles: ['office'], reason: '更正联系电话' })).toMatchObject({ ok: true })
  })

  test('every state the tables name is a state of their machine', () => {
    expect(Object.keys(applicationMachine.actionTable).every((s) => (APPLICATION_STATES as readonly string[]).includes(s))).toBe(true)
    expect(Object.keys(callMachine.actionTable).every((s) => (CALL_STATES as readonly string[]).includes(s))).toBe(true)
    expect(callMachine.statesAllowing('delete')).toEqual(['draft'])
    expect(applicationMachine.statesAllowing('delete')).toEqual(['draft'])
  })

  const buttons: [string, ApplicationState, string[]][] = [
    ['第十四条 a draft: edit, submit, delete', 'draft', ['edit', 'submit', 'delete']],
    ['第十四条 submitted: withdraw until review starts', 'submitted', ['withdraw']],
    ['第十五条 a supplement request: edit and resubmit', 'supplement_requested', ['edit', 'resubmit']],
    ['第十五条 under review: nothing', 'qualification_review', []],
    ['第十五条 overdue: nothing', 'supplement_overdue', []],
  ]
  test.each(buttons)("the applicant's buttons, read from the machine — %s", (_name, state, expected) => {
    expect(applicantActions({ state })).toEqual(expected)
  })

  test('第十五条 past the supplement deadline the applicant has no button', () => {
    const deadline = new Date('2026-05-01T16:00:00Z')
    const supplement = { sections: ['summary' as const], message: '请补充', deadline, requestedAt: new Date('2026-04-20T00:00:00Z') }
    expect(applicantActions({ state: 'supplement_requested', supplement }, new Date(deadline.getTime() - 1))).toEqual(['edit', 'resubmit'])
    expect(applicantActions({ state: 'supplement_requested', supplement }, new Date(deadline.getTime() + 1))).toEqual([])
  })

  test('the test factories take the shortest run the machine allows to a state', () => {
    expect(applicationMachine.pathTo('draft')).toEqual([])
    expect(applicationMachine.pathTo('withdrawn')).toEqual(['submitted', 'withdrawn'])
    expect(applicationMachine.pathTo('supplement_overdue')).toEqual(['submitted', 'qualification_review', 'supplement_requested', 'supplement_overdue'])
    expect(applicationMachine.pathTo('ineligible')).toEqual(['submitted', 'qualification_review', 'ineligible'])
  })
})

describe('the organization name review', () => {
  test('the office decides a pending name; a rejection needs its reason', () => {
    expect(organizationNameMachine.transition('pending', 'approve', { roles: ['office'] })).toMatchObject({ ok: true, to: 'passed' })
    expect(organizationNameMachine.transition('pending', 'reject', { roles: ['office'] })).toMatchObject({ ok: false, reason: 'REASON_REQUIRED' })
    expect(organizationNameMachine.transition('pending', 'reject', { roles: ['office'], reason: '含有误导性内容' })).toMatchObject({ ok: true, to: 'rejected' })
    expect(organizationNameMachine.transition('passed', 'approve', { roles: ['office'] })).toMatchObject({ ok: false, reason: 'EVENT_NOT_ACCEPTED' })
    expect(organizationNameMachine.transition('pending', 'approve', { roles: ['org_member'] })).toMatchObject({ ok: false, reason: 'ROLE_NOT_ALLOWED' })
  })

  test.each(NAME_REVIEW_STATES)('members rename in %s, the office does not', (state) => {
    expect(organizationNameMachine.allows(state, 'rename', { roles: ['org_member'] }).ok).toBe(true)
    expect(organizationNameMachine.allows(state, 'rename', { roles: ['office'] }).ok).toBe(false)
  })
})

describe('one role function (server/src/policies/roles.ts)', () => {
  test('admin implies office, and nothing else', () => {
    const admin = actor(['admin'])
    expect(actorHasRole(admin, 'office')).toBe(true)
    expect(actorHasRole(admin, 'admin')).toBe(true)
    for (const role of ['committee_chair', 'committee_vice_chair', 'approver', 'expert', 'org_member', 'system'] as const) {
      expect(actorHasRole(admin, role)).toBe(false)
    }
    expect(actorHasRole(actor(['office']), 'admin')).toBe(false)
  })

  test('the machines check roles through it: an admin-only account takes the office steps', () => {
    const admin = actor(['admin'])
    expect(callMachine.transition('draft', 'publish', { hasRole: hasRoleOf(admin) })).toMatchObject({ ok: true, to: 'published' })
    expect(applicationMachine.transition('submitted', 'startQualification', { hasRole: hasRoleOf(admin) })).toMatchObject({ ok: true })
    // 第十九条: approving the list is CAQ's, not the administrator's.
    expect(applicationMachine.transition('publicity_passed', 'approve', { hasRole: hasRoleOf(admin) })).toMatchObject({ ok: false, reason: 'ROLE_NOT_ALLOWED' })
  })

  test('the policies check roles through it', () => {
    expect(can(actor(['admin']), 'call.manage')).toBe(true)
    expect(can(actor(['admin']), 'application.review')).toBe(true)
    expect(can(actor(['approver']), 'call.manage')).toBe(false)
  })

  test('a role resolved for the call at hand (actorInCall) counts through the same function', () => {
    const chairHere = actor(['expert'], { call: { id: 'call-1', roles: ['committee_chair'] } })
    expect(actorHasRole(chairHere, 'committee_chair')).toBe(true)
    expect(applicationMachine.transition('material_review', 'shortlist', { hasRole: hasRoleOf(chairHere) })).toMatchObject({ ok: true })
    expect(actorHasRole(actor(['expert']), 'committee_chair')).toBe(false)
  })
})
