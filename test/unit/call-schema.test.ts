import { callMachine, CallInputSchema, FREE_OF_CHARGE_STATEMENT, SECTOR_LABELS, type CallInput } from '@zlbg/shared'

const valid: CallInput = {
  year: 2026,
  title: '2026年质量标杆典型经验征集通知',
  body: '面向制造、建筑、服务领域的各类组织征集典型经验。',
  keyFields: [{ title: '数字化质量管理', description: '' }],
  sectors: ['manufacturing'],
  schedule: [{ kind: 'application', startsAt: '2026-11-03T09:00:00+08:00', endsAt: '2027-01-15T17:00:00+08:00' }],
  contact: { department: '质量标杆工作办公室' },
}

const paths = (input: unknown) => {
  const r = CallInputSchema.safeParse(input)
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.') || i.code)
}

describe('call input (第五条, 第七条)', () => {
  test('a complete call is accepted', () => {
    expect(paths(valid)).toEqual([])
  })

  test.each([
    ['第七条 only manufacturing, construction and services are eligible sectors', { sectors: ['agriculture'] }, 'sectors.0'],
    ['第七条 at least one sector', { sectors: [] }, 'sectors'],
    ['第七条 no repeated sector', { sectors: ['services', 'services'] }, 'sectors'],
    ['第五条 at least one key field or direction', { keyFields: [] }, 'keyFields'],
    ['第五条 the schedule must say when applications close', { schedule: [{ kind: 'publicity', startsAt: '2027-05-24T09:00:00+08:00' }] }, 'schedule'],
    ['a milestone cannot end before it starts', { schedule: [{ kind: 'application', startsAt: '2027-01-15T09:00:00+08:00', endsAt: '2026-01-15T09:00:00+08:00' }] }, 'schedule.0.endsAt'],
    ['instants carry an offset', { schedule: [{ kind: 'application', startsAt: '2026-11-03 09:00', endsAt: '2027-01-15T17:00:00+08:00' }] }, 'schedule.0.startsAt'],
    ['unknown keys are rejected', { fee: 100 }, 'unrecognized_keys'],
  ])('%s', (_name, patch, path) => {
    expect(paths({ ...valid, ...patch })).toContain(path)
  })

  test('第七条 the three sectors have Chinese labels', () => {
    expect(SECTOR_LABELS).toEqual({ manufacturing: '制造', construction: '建筑', services: '服务' })
  })

  test('第三条 the free-of-charge statement says no fee is charged', () => {
    expect(FREE_OF_CHARGE_STATEMENT).toContain('不收取任何费用')
  })

  test('第五条 calls go draft → published → closed, by the office only', () => {
    expect(callMachine.transition('draft', 'publish', { roles: ['office'] })).toMatchObject({ ok: true, to: 'published' })
    expect(callMachine.transition('draft', 'publish', { roles: ['expert'] })).toMatchObject({ ok: false })
    expect(callMachine.transition('published', 'close', { roles: ['office'] })).toMatchObject({ ok: true, to: 'closed' })
    expect(callMachine.transition('closed', 'publish', { roles: ['office'] })).toMatchObject({ ok: false, reason: 'EVENT_NOT_ACCEPTED' })
  })
})
