import mongoose from 'mongoose'
import { listingMachine, SignApprovalSchema, type ListingEvent, type ListingState, type Role } from '@zlbg/shared'
import { approvalStage, presentApprovalSheet } from '../../server/src/presenters/listing/approval'
import type { PublicityRecord } from '../../server/src/models/publicity'

const id = () => new mongoose.Types.ObjectId()

describe('第十九条 listing machine: the office publishes what the approver signed', () => {
  const cases: [string, ListingState, ListingEvent, Role, ListingState | 'STATE' | 'ROLE'][] = [
    ['第十九条 the office publishes an approved list', 'approved', 'publish', 'office', 'published'],
    ['第十九条 the approver does not publish', 'approved', 'publish', 'approver', 'ROLE'],
    ['第十九条 a committee chair does not publish', 'approved', 'publish', 'committee_chair', 'ROLE'],
    ['第十九条 a published list is not published again', 'published', 'publish', 'office', 'STATE'],
  ]
  test.each(cases)('%s', (_name, from, event, role, expected) => {
    const step = listingMachine.transition(from, event, { roles: [role] })
    if (expected === 'STATE') expect(step).toMatchObject({ ok: false, reason: 'EVENT_NOT_ACCEPTED' })
    else if (expected === 'ROLE') expect(step).toMatchObject({ ok: false, reason: 'ROLE_NOT_ALLOWED' })
    else expect(step).toMatchObject({ ok: true, to: expected, spec: { effects: ['notifyOrganizations'] } })
  })
})

describe('第十九条 where a call stands: awaiting only once its publicity closed with an entry that passed', () => {
  const list = (state: 'open' | 'closed', statuses: ('listed' | 'withdrawn' | 'passed')[]) => ({ state, entries: statuses.map((status) => ({ status })) }) as unknown as PublicityRecord
  const cases: [string, PublicityRecord | null, ListingState | null, string | undefined][] = [
    ['no publicity yet', null, null, undefined],
    ['第十八条 publicity still open', list('open', ['listed', 'passed']), null, undefined],
    ['第十八条 closed, every entry withdrawn', list('closed', ['withdrawn']), null, undefined],
    ['第十九条 closed with an entry passed: awaiting the approver', list('closed', ['passed', 'withdrawn']), null, 'awaiting'],
    ['第十九条 signed', list('closed', ['passed']), 'approved', 'approved'],
    ['第十九条 published', list('closed', ['passed']), 'published', 'published'],
  ]
  test.each(cases)('%s', (_name, l, listing, expected) => {
    expect(approvalStage(l, listing ? { state: listing } : null)).toBe(expected)
  })
})

describe('第十九条 the signature’s input', () => {
  const a = id().toHexString()
  const cases: [string, unknown, boolean][] = [
    ['the whole list approved', { decisions: [{ applicationId: a, decision: 'approve' }] }, true],
    ['held back with a reason', { decisions: [{ applicationId: a, decision: 'hold_back', reason: '材料待核实' }] }, true],
    ['held back without a reason', { decisions: [{ applicationId: a, decision: 'hold_back' }] }, false],
    ['held back with a one-character reason', { decisions: [{ applicationId: a, decision: 'hold_back', reason: '否' }] }, false],
    ['a reason on an approval is an unknown key', { decisions: [{ applicationId: a, decision: 'approve', reason: '好' }] }, false],
    ['no decision at all', { decisions: [] }, false],
    ['a signer named by the client', { decisions: [{ applicationId: a, decision: 'approve' }], signedBy: '别人' }, false],
    ['a reason with a hidden direction mark', { decisions: [{ applicationId: a, decision: 'hold_back', reason: '材料\u202e待核实' }] }, false],
  ]
  test.each(cases)('%s', (_name, input, ok) => {
    expect(SignApprovalSchema.safeParse(input).success).toBe(ok)
  })
})

test('第十三条 the approval sheet carries the publicity entry’s public fields and the outcome, nothing of the review', () => {
  const appId = id()
  const list = {
    _id: id(),
    state: 'closed',
    window: { startDay: '2026-01-05', endDay: '2026-01-09', opensAt: new Date('2026-01-04T16:00:00Z'), closesAt: new Date('2026-01-09T15:59:59.999Z'), workingDays: [] },
    entries: [{ _id: id(), applicationId: appId, organizationName: '某公司', title: '某经验', sector: 'manufacturing', provinceCode: '110000', status: 'passed' }],
  } as unknown as PublicityRecord
  const sheet = presentApprovalSheet({ _id: id(), title: '某征集', year: 2026 }, list, null, new Map([[appId.toHexString(), 'publicity_passed']]))
  expect(sheet.stage).toBe('awaiting')
  expect(sheet.entries).toEqual([
    { applicationId: appId.toHexString(), organizationName: '某公司', title: '某经验', sector: '制造', region: '北京市', publicityStatusLabel: '公示通过', decidable: true },
  ])
})
