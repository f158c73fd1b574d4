import {
  AnnouncementEditSchema,
  REMOVAL_STATES,
  RemovalDecisionSchema,
  RemovalStartSchema,
  fieldErrors,
  removalMachine,
  type RemovalEvent,
  type RemovalState,
  type Role,
} from '@zlbg/shared'
import { draftAnnouncement } from '../../server/src/commands/removals/announcementDraft'

/** 第二十一条: who may take each step of a removal, what the forms accept, and what the announcement says. */
const ID = '0123456789abcdef01234567'

describe('第二十一条 the removal machine', () => {
  type Outcome = RemovalState | 'EVENT_NOT_ACCEPTED' | 'ROLE_NOT_ALLOWED' | 'REASON_REQUIRED'
  const cases: [RemovalState, RemovalEvent, Role[], Outcome, string][] = [
    ['proposed', 'confirmByChair', ['committee_chair'], 'chair_confirmed', ''],
    ['proposed', 'confirmByChair', ['committee_vice_chair'], 'chair_confirmed', ''],
    ['proposed', 'confirmByChair', ['expert'], 'ROLE_NOT_ALLOWED', '委员不确认'],
    ['proposed', 'confirmByChair', ['office'], 'ROLE_NOT_ALLOWED', '办公室不能替主任委员确认'],
    ['proposed', 'confirmByChair', ['approver'], 'ROLE_NOT_ALLOWED', '审批人在主任委员之后'],
    ['proposed', 'confirmByApprover', ['approver'], 'EVENT_NOT_ACCEPTED', '先经评审委员会确认'],
    ['proposed', 'decline', ['committee_chair'], 'REASON_REQUIRED', ''],
    ['proposed', 'decline', ['committee_chair'], 'declined', 'reason'],
    ['proposed', 'decline', ['approver'], 'ROLE_NOT_ALLOWED', '审批人尚不能决定'],
    ['proposed', 'withdraw', ['office'], 'withdrawn', 'reason'],
    ['proposed', 'withdraw', ['office'], 'REASON_REQUIRED', ''],
    ['chair_confirmed', 'confirmByApprover', ['approver'], 'confirmed', ''],
    ['chair_confirmed', 'confirmByApprover', ['committee_chair'], 'ROLE_NOT_ALLOWED', '主任委员已确认，批准是审批人的'],
    ['chair_confirmed', 'confirmByApprover', ['admin'], 'ROLE_NOT_ALLOWED', '管理员不是审批人'],
    ['chair_confirmed', 'decline', ['approver'], 'declined', 'reason'],
    ['chair_confirmed', 'decline', ['committee_chair'], 'ROLE_NOT_ALLOWED', '主任委员已确认'],
    ['chair_confirmed', 'withdraw', ['office'], 'withdrawn', 'reason'],
    ['confirmed', 'withdraw', ['office'], 'EVENT_NOT_ACCEPTED', '批准后不能撤回：已移出名单'],
    ['confirmed', 'publishAnnouncement', ['office'], 'announced', ''],
    ['confirmed', 'publishAnnouncement', ['approver'], 'ROLE_NOT_ALLOWED', '公告由办公室发布'],
    ['announced', 'publishAnnouncement', ['office'], 'EVENT_NOT_ACCEPTED', '只发布一次'],
    ['declined', 'confirmByChair', ['committee_chair'], 'EVENT_NOT_ACCEPTED', ''],
    ['withdrawn', 'confirmByChair', ['committee_chair'], 'EVENT_NOT_ACCEPTED', ''],
  ]
  test.each(cases)('%s --%s--> by %j: %s (%s)', (from, event, roles, expected, note) => {
    const result = removalMachine.transition(from, event, { roles, ...(note === 'reason' ? { reason: '经核实，理由如下' } : {}) })
    expect(result.ok ? result.to : result.reason).toBe(expected)
  })

  test('the organization is told once, at the approver’s confirmation', () => {
    const told = REMOVAL_STATES.flatMap((s) => Object.entries(removalMachine.table[s]).filter(([, spec]) => spec?.effects?.includes('notifyOrganization')).map(([e]) => `${s}.${e}`))
    expect(told).toEqual(['chair_confirmed.confirmByApprover'])
  })

  test('the office edits the announcement only between the approval and its publication', () => {
    expect(REMOVAL_STATES.filter((s) => removalMachine.allowedActions(s, ['office']).includes('editAnnouncement'))).toEqual(['confirmed'])
  })

  test('declined, withdrawn and announced are final; nothing is deleted, every step cites 第二十一条', () => {
    expect(REMOVAL_STATES.filter((s) => removalMachine.isFinal(s))).toEqual(['announced', 'declined', 'withdrawn'])
    const articles = REMOVAL_STATES.flatMap((s) => Object.values(removalMachine.table[s]).map((spec) => spec?.article))
    expect(new Set(articles)).toEqual(new Set(['第二十一条']))
  })
})

describe('第二十一条 the forms', () => {
  const errors = (schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, input: unknown) => {
    const parsed = schema.safeParse(input)
    return parsed.success ? [] : fieldErrors(parsed.error as never).map((e) => e.path)
  }
  const start = { listedExperienceId: ID, reasonType: 'fraud', facts: '经核查，该组织申报材料中的质量成效数据系伪造，与审计报告不符。' }
  test.each([
    ['the two grounds of 第二十一条', start, []],
    ['a major accident', { ...start, reasonType: 'major_accident' }, []],
    ['any other ground', { ...start, reasonType: 'late_attendance' }, ['reasonType']],
    ['facts too short to decide on', { ...start, facts: '弄虚作假' }, ['facts']],
    ['facts with hidden direction marks', { ...start, facts: `${start.facts}\u202e` }, ['facts']],
    ['more than ten pieces of evidence', { ...start, evidenceIds: Array(11).fill(ID) }, ['evidenceIds']],
    ['a call named for an imported experience', { ...start, callId: ID }, []],
    ['an unknown key', { ...start, state: 'confirmed' }, ['state']],
  ])('start: %s', (_name, input, expected) => {
    expect(errors(RemovalStartSchema, input)).toEqual(expected)
  })

  test.each([
    ['confirm without a note', { decision: 'confirm' }, []],
    ['confirm with a note', { decision: 'confirm', reason: '同意移除，事实清楚。' }, []],
    ['decline without reasons', { decision: 'decline' }, ['reason']],
    ['decline with reasons', { decision: 'decline', reason: '证据不足以认定弄虚作假。' }, []],
    ['neither', { decision: 'maybe' }, ['decision']],
  ])('decision: %s', (_name, input, expected) => {
    expect(errors(RemovalDecisionSchema, input)).toEqual(expected)
  })

  test('an announcement keeps a title and a body worth publishing', () => {
    expect(errors(AnnouncementEditSchema, { title: '公告', body: '短' })).toEqual(['title', 'body'])
    expect(errors(AnnouncementEditSchema, { title: '关于移除的公告', body: `${'正文'.repeat(20)}\u200b` })).toEqual(['body'])
  })

  test('an announcement keeps the full-width punctuation of official Chinese writing', () => {
    const body = '经核实，该组织（某某公司）存在申报材料弄虚作假的情形：特此公告。'.repeat(2)
    expect(AnnouncementEditSchema.parse({ title: '关于移除的公告（第1号）', body })).toEqual({ title: '关于移除的公告（第1号）', body })
  })
})

describe('第二十一条 the announcement drafted from the template', () => {
  const now = new Date('2027-03-05T02:00:00Z')
  const experience = { organizationName: '某某精密制造有限公司', title: '基于数字孪生的质量改进', year: 2025 }
  test.each([
    ['fraud', '申报材料弄虚作假'],
    ['major_accident', '三年内在诚信、质量、安全、环保等方面发生重大责任事故'],
  ] as const)('%s: names the organization, experience, year, ground, article, date and the association', (reasonType, ground) => {
    const draft = draftAnnouncement(experience, reasonType, { number: '中质协质量标杆公告〔2027〕1号', now })
    expect(draft.title).toBe('关于将某某精密制造有限公司“基于数字孪生的质量改进”移出质量标杆典型经验名单的公告')
    for (const part of [experience.organizationName, experience.title, '2025年', ground, '第二十一条', '中国质量协会', '2027年3月5日']) expect(draft.body).toContain(part)
    expect(draft.number).toBe('中质协质量标杆公告〔2027〕1号')
  })

  test('the date is the day in Beijing, not in UTC', () => {
    expect(draftAnnouncement(experience, 'fraud', { number: 'n', now: new Date('2027-03-05T17:00:00Z') }).body).toContain('2027年3月6日')
  })
})
