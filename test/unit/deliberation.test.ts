import mongoose from 'mongoose'
import { defenseSlotMachine, deliberationMachine, DECISION_EVENTS, DECISION_STATES, ROUND_DECISIONS, applicationMachine, siteVisitMachine, type Role } from '@zlbg/shared'
import { signingBlockers, type Member } from '../../server/src/commands/deliberations/deliberationData'

const id = () => new mongoose.Types.ObjectId()

describe('第十一条: only the chair or a vice chair signs a deliberation; the office keeps the draft', () => {
  test.each<[Role[], boolean]>([
    [['committee_chair'], true],
    [['committee_vice_chair'], true],
    [['office'], false],
    [['expert'], false],
    [['admin'], false],
  ])('%j may sign: %s', (roles, ok) => {
    expect(deliberationMachine.transition('draft', 'sign', { roles }).ok).toBe(ok)
  })
  test('a signed record is final: nothing to sign or edit', () => {
    expect(deliberationMachine.isFinal('signed')).toBe(true)
    expect(deliberationMachine.allowedActions('signed', ['office'])).toEqual([])
    expect(deliberationMachine.allowedActions('draft', ['office'])).toEqual(['edit'])
  })
})

describe('第十六条, 第十七条: each decision is an application step the chair may take, from the round’s state', () => {
  test.each([
    ['material', 'material_review'],
    ['defense', 'defense_review'],
  ] as const)('%s round decisions apply from %s', (round, from) => {
    for (const decision of ROUND_DECISIONS[round]) {
      const step = applicationMachine.transition(from, DECISION_EVENTS[decision], { roles: ['committee_vice_chair'] })
      expect(step).toMatchObject({ ok: true, to: DECISION_STATES[decision] })
    }
  })
})

describe('第十七条: defense slots and site visits', () => {
  test('the office gives a slot, the applicant confirms it, the office may take it back', () => {
    expect(defenseSlotMachine.transition('open', 'assign', { roles: ['office'] }).ok).toBe(true)
    expect(defenseSlotMachine.transition('open', 'assign', { roles: ['org_member'] }).ok).toBe(false)
    expect(defenseSlotMachine.transition('assigned', 'confirm', { roles: ['org_member'] }).ok).toBe(true)
    expect(defenseSlotMachine.transition('assigned', 'confirm', { roles: ['office'] }).ok).toBe(false)
    expect(defenseSlotMachine.transition('confirmed', 'release', { roles: ['office'] }).ok).toBe(true)
    expect(defenseSlotMachine.statesAllowing('delete')).toEqual(['open'])
  })
  test('a completed site visit is final', () => {
    expect(siteVisitMachine.transition('requested', 'complete', { roles: ['office'] }).ok).toBe(true)
    expect(siteVisitMachine.isFinal('completed')).toBe(true)
  })
})

describe('第十一条: what blocks signing (attendance, quorum after recusals, undecided, site visit under way)', () => {
  const chair = id()
  const vice = id()
  const a = id()
  const b = id()
  const members: Member[] = [
    { expertId: chair.toHexString(), name: '主任', place: 'chair' },
    { expertId: vice.toHexString(), name: '副主任', place: 'vice_chair' },
    { expertId: a.toHexString(), name: '甲', place: 'group_leader' },
    { expertId: b.toHexString(), name: '乙', place: 'member' },
  ]
  const app = id()
  const apps = new Map([[app.toHexString(), { title: '申报一', state: 'material_review' }]])
  const item = (over: Partial<{ decision: 'shortlisted'; recusedIds: mongoose.Types.ObjectId[] }> = {}) => ({ applicationId: app, notes: '', recusedIds: [], applied: false, decision: 'shortlisted' as const, ...over })
  test.each<[string, mongoose.Types.ObjectId[], ReturnType<typeof item>[], string[]]>([
    ['ready', [chair, a, b], [item()], []],
    ['no chair or vice chair', [a, b, id()], [item()], ['出席委员中没有主任委员或副主任委员', '《申报一》主任委员、副主任委员均回避，无人主持该项决定']],
    ['below quorum', [chair, a], [item()], ['出席委员 2 人，不足法定人数 3 人', '《申报一》回避后参与决定的委员 2 人，不足法定人数 3 人']],
    ['recusal leaves too few', [chair, a, b], [item({ recusedIds: [b] })], ['《申报一》回避后参与决定的委员 2 人，不足法定人数 3 人']],
    ['the only presiding member recused', [chair, a, b, id()], [item({ recusedIds: [chair] })], ['《申报一》主任委员、副主任委员均回避，无人主持该项决定']],
    ['undecided', [chair, vice, a], [{ ...item(), decision: undefined as never }], ['1 件申报尚未作出结论']],
    ['nothing to decide', [chair, vice, a], [], ['本轮没有待合议的申报']],
  ])('%s', (_name, attendeeIds, items, expected) => {
    expect(signingBlockers({ attendeeIds, items }, members, 3, apps)).toEqual(expected)
  })
  test('an application on a site visit cannot be decided yet', () => {
    const visiting = new Map([[app.toHexString(), { title: '申报一', state: 'site_visit' }]])
    expect(signingBlockers({ attendeeIds: [chair, a, b], items: [item()] }, members, 3, visiting)).toEqual(['《申报一》现场考察尚未完成'])
  })
})
