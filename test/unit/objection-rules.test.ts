import { OBJECTION_STATES, ObjectionFileSchema, OPEN_OBJECTION_STATES, fieldErrors, objectionMachine, type ObjectionEvent, type ObjectionState, type Role } from '@zlbg/shared'

/** 第十八条: who may take each step of an objection, and what the filing form accepts. */
const ID = '0123456789abcdef01234567'
const base = { publicityId: ID, entryId: ID, idempotencyKey: 'unit-test-key', kind: 'person', realName: '张三', phone: '13812345678', grounds: '申报材料中的质量成效数据与公开年报不一致，请核实。' }

describe('第十八条 the objection machine', () => {
  const cases: [ObjectionState, ObjectionEvent, Role[], ObjectionState | 'EVENT_NOT_ACCEPTED' | 'ROLE_NOT_ALLOWED' | 'REASON_REQUIRED', string][] = [
    ['received', 'startInvestigation', ['office'], 'investigating', ''],
    ['received', 'recordFindings', ['office'], 'EVENT_NOT_ACCEPTED', ''],
    ['received', 'uphold', ['committee_chair'], 'EVENT_NOT_ACCEPTED', '不经调查核实不得直接决定'],
    ['investigating', 'recordFindings', ['office'], 'findings_recorded', ''],
    ['investigating', 'recordFindings', ['expert'], 'ROLE_NOT_ALLOWED', ''],
    ['findings_recorded', 'startInvestigation', ['office'], 'investigating', '退回继续调查'],
    ['findings_recorded', 'submitToCommittee', ['office'], 'committee_review', ''],
    ['committee_review', 'uphold', ['office'], 'ROLE_NOT_ALLOWED', '办公室不作决定'],
    ['committee_review', 'uphold', ['committee_chair'], 'REASON_REQUIRED', ''],
    ['committee_review', 'uphold', ['committee_chair'], 'upheld', 'reason'],
    ['committee_review', 'dismiss', ['committee_vice_chair'], 'dismissed', 'reason'],
    ['committee_review', 'dismiss', ['expert'], 'ROLE_NOT_ALLOWED', '委员不签署'],
    ['upheld', 'reply', ['office'], 'replied', ''],
    ['dismissed', 'reply', ['office'], 'replied', ''],
    ['replied', 'reply', ['office'], 'EVENT_NOT_ACCEPTED', ''],
  ]
  test.each(cases)('%s --%s--> by %j: %s', (from, event, roles, expected, note) => {
    const result = objectionMachine.transition(from, event, { roles, ...(note === 'reason' ? { reason: '经审议，理由如下' } : {}) })
    expect(result.ok ? result.to : result.reason).toBe(expected)
  })

  test('the objector is told at each step they wait on: investigation, the committee, the reply', () => {
    const told = OBJECTION_STATES.flatMap((s) => Object.entries(objectionMachine.table[s]).filter(([, spec]) => spec?.effects?.includes('notifyObjector')).map(([e]) => `${s}.${e}`))
    expect(told).toEqual(['received.startInvestigation', 'findings_recorded.submitToCommittee', 'upheld.reply', 'dismissed.reply'])
  })

  test('an entry waits while an objection is open: every state before the decision', () => {
    expect(OPEN_OBJECTION_STATES).toEqual(OBJECTION_STATES.filter((s) => !objectionMachine.allowedEvents(s, ['committee_chair', 'office']).every((e) => e === 'reply')).filter((s) => s !== 'replied'))
  })

  test('the office asks the applicant to explain while investigating; the applicant answers until the decision', () => {
    expect(OBJECTION_STATES.filter((s) => objectionMachine.allowedActions(s, ['office']).includes('requestExplanation'))).toEqual(['investigating', 'findings_recorded'])
    expect(OBJECTION_STATES.filter((s) => objectionMachine.allowedActions(s, ['org_member']).includes('answerExplanation'))).toEqual(['investigating', 'findings_recorded', 'committee_review'])
    // Text WeChat could not judge is passed by the office before it goes to the committee.
    expect(OBJECTION_STATES.filter((s) => objectionMachine.allowedActions(s, ['office']).includes('passModeration'))).toEqual(['received', 'investigating', 'findings_recorded'])
  })
})

describe('第十八条 the filing form: real name, no anonymous objections', () => {
  const errors = (input: Record<string, unknown>) => {
    const parsed = ObjectionFileSchema.safeParse(input)
    return parsed.success ? [] : fieldErrors(parsed.error).map((e) => e.path)
  }
  test.each([
    ['a person with name, phone and grounds', base, []],
    ['no real name', { ...base, realName: undefined }, ['realName']],
    ['a one-character name', { ...base, realName: '张' }, ['realName']],
    ['a landline with its area code', { ...base, phone: '010-12345678' }, []],
    ['+86 before a mobile', { ...base, phone: '+86 138 1234 5678' }, []],
    ['a short number', { ...base, phone: '12345' }, ['phone']],
    ['grounds too short', { ...base, grounds: '不同意' }, ['grounds']],
    ['hidden direction marks in the grounds', { ...base, grounds: `${base.grounds}\u202e` }, ['grounds']],
    ['an organization without its letter and contact', { ...base, kind: 'organization', organizationName: '某协会' }, ['contactPerson', 'sealLetterId']],
    ['an organization with all of it', { ...base, kind: 'organization', organizationName: '某协会', contactPerson: '李四', sealLetterId: ID }, []],
    ['a person with organization fields', { ...base, organizationName: '某协会' }, ['organizationName']],
    ['eleven evidence files', { ...base, evidenceIds: Array(11).fill(ID) }, ['evidenceIds']],
    ['an unknown field', { ...base, anonymous: true }, ['anonymous']],
    ['a short idempotency key', { ...base, idempotencyKey: 'x' }, ['idempotencyKey']],
  ])('%s', (_name, input, expected) => {
    expect(errors(input)).toEqual(expected)
  })
})
