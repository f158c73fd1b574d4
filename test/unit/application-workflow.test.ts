import {
  APPLICANT_STAGE_LABELS,
  APPLICATION_STATES,
  applicationMachine,
  type ApplicationEvent,
  type ApplicationState,
  type Role,
} from '@zlbg/shared'

const m = applicationMachine

describe('application workflow table (第十四条–第二十一条)', () => {
  const allowed: [string, ApplicationState, ApplicationEvent, Role, ApplicationState][] = [
    ['第十四条 an organization submits its draft', 'draft', 'submit', 'org_member', 'submitted'],
    ['第十四条 an organization withdraws before review starts', 'submitted', 'withdraw', 'org_member', 'withdrawn'],
    ['第十五条 the office starts qualification review', 'submitted', 'startQualification', 'office', 'qualification_review'],
    ['第十五条 the office asks for a supplement', 'qualification_review', 'requestSupplement', 'office', 'supplement_requested'],
    ['第十五条 the organization resubmits the supplement', 'supplement_requested', 'resubmitSupplement', 'org_member', 'qualification_review'],
    ['第十五条 a missed supplement deadline goes back to the reviewer', 'supplement_requested', 'supplementDeadlinePassed', 'system', 'supplement_overdue'],
    ['第十五条 the office confirms qualification', 'qualification_review', 'qualify', 'office', 'qualified'],
    ['第八条 the office finds the organization ineligible', 'qualification_review', 'disqualify', 'office', 'ineligible'],
    ['第十六条 material review starts', 'qualified', 'startMaterialReview', 'office', 'material_review'],
    ['第十六条 deliberation shortlists for defense', 'material_review', 'shortlist', 'committee_chair', 'shortlisted'],
    ['第十七条 defense review starts', 'shortlisted', 'startDefense', 'office', 'defense_review'],
    ['第十七条 a questioned organization gets a site visit', 'defense_review', 'requestSiteVisit', 'office', 'site_visit'],
    ['第十七条 deliberation recommends', 'defense_review', 'recommend', 'committee_chair', 'recommended'],
    ['第十八条 publicity starts', 'recommended', 'startPublicity', 'office', 'in_publicity'],
    ['第十八条 an upheld objection withdraws it from the list', 'in_publicity', 'upholdObjection', 'committee_chair', 'objection_upheld'],
    ['第十八条 publicity passes', 'in_publicity', 'passPublicity', 'system', 'publicity_passed'],
    ['第十九条 CAQ approves', 'publicity_passed', 'approve', 'approver', 'approved'],
    ['第十九条 the office publishes the approved list', 'approved', 'publish', 'office', 'published'],
    ['第二十一条 the approver confirmation removes a listed experience', 'published', 'remove', 'approver', 'removed'],
  ]

  test.each(allowed)('%s', (_name, from, event, role, to) => {
    const result = m.transition(from, event, { roles: [role], reason: '理由' })
    expect(result).toMatchObject({ ok: true, from, to })
  })

  const refused: [string, ApplicationState, ApplicationEvent, Role, string][] = [
    ['第十四条 nobody else submits for an organization', 'draft', 'submit', 'office', 'ROLE_NOT_ALLOWED'],
    ['第十四条 no withdrawal once qualification review started', 'qualification_review', 'withdraw', 'org_member', 'EVENT_NOT_ACCEPTED'],
    ['第十八条 publicity cannot be skipped', 'recommended', 'approve', 'approver', 'EVENT_NOT_ACCEPTED'],
    ['第十九条 only the approver approves', 'publicity_passed', 'approve', 'office', 'ROLE_NOT_ALLOWED'],
    ['第十九条 nothing is published before approval', 'publicity_passed', 'publish', 'office', 'EVENT_NOT_ACCEPTED'],
    ['第十六条 an expert alone cannot shortlist', 'material_review', 'shortlist', 'expert', 'ROLE_NOT_ALLOWED'],
    ['第二十一条 only listed organizations can be removed', 'recommended', 'remove', 'approver', 'EVENT_NOT_ACCEPTED'],
  ]

  test.each(refused)('%s', (_name, from, event, role, reason) => {
    expect(m.transition(from, event, { roles: [role], reason: '理由' })).toEqual({ ok: false, reason, from })
  })

  test.each([
    ['第八条 ineligibility', 'qualification_review', 'disqualify', 'office'],
    ['第二十一条 removal', 'published', 'remove', 'approver'],
    ['第十八条 an upheld objection', 'in_publicity', 'upholdObjection', 'committee_chair'],
  ] as [string, ApplicationState, ApplicationEvent, Role][])('%s needs a recorded reason', (_n, from, event, role) => {
    expect(m.transition(from, event, { roles: [role], reason: '  ' })).toMatchObject({ ok: false, reason: 'REASON_REQUIRED' })
    expect(m.transition(from, event, { roles: [role], reason: '材料弄虚作假' })).toMatchObject({ ok: true })
  })

  test('every state is reachable from draft and every target is a known state', () => {
    const seen = new Set<ApplicationState>([m.initial])
    const queue: ApplicationState[] = [m.initial]
    while (queue.length) {
      const s = queue.shift()!
      for (const spec of Object.values(m.table[s])) {
        expect(APPLICATION_STATES).toContain(spec!.to)
        if (!seen.has(spec!.to)) {
          seen.add(spec!.to)
          queue.push(spec!.to)
        }
      }
    }
    expect([...seen].sort()).toEqual([...APPLICATION_STATES].sort())
  })

  test('no transition leads back into draft, and every transition cites an article', () => {
    for (const s of APPLICATION_STATES) {
      for (const spec of Object.values(m.table[s])) {
        expect(spec!.to).not.toBe('draft')
        expect(spec!.article).toMatch(/^第.+条$/)
      }
    }
  })

  test('final states accept no event', () => {
    const finals = APPLICATION_STATES.filter((s) => m.isFinal(s))
    expect(finals.sort()).toEqual(
      ['withdrawn', 'ineligible', 'not_shortlisted', 'not_recommended', 'objection_upheld', 'not_approved', 'removed'].sort(),
    )
  })

  test('allowedEvents lists only what the role may send', () => {
    expect(m.allowedEvents('submitted', ['org_member'])).toEqual(['withdraw'])
    expect(m.allowedEvents('submitted', ['office'])).toEqual(['startQualification'])
    expect(m.allowedEvents('submitted', ['public'])).toEqual([])
  })

  test('第十三条 the applicant sees a stage label for every state, with no scores or reviewers', () => {
    for (const s of APPLICATION_STATES) {
      expect(APPLICANT_STAGE_LABELS[s]).toBeTruthy()
      expect(APPLICANT_STAGE_LABELS[s]).not.toMatch(/分|评语|专家|委员/)
    }
  })
})
