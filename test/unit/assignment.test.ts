import { automaticConflicts, conflictKey, planAssignments, suggestGroups, type PlanInput } from '@zlbg/shared'

/** A small deterministic generator, so the "realistic call" is the same on every run. */
function prng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const METHODS = ['卓越绩效模式', '六西格玛管理', '精益管理', 'QC小组', '标准化管理', '数字化质量管理']
const hex = (prefix: string, n: number) => `${prefix}${String(n).padStart(23, '0')}`.slice(-24)

/** 120 applications, 30 experts in 4 groups (7–8 each), k = 3, some conflicts. */
function realisticCall(seed = 7, overrides: Partial<PlanInput> = {}): PlanInput {
  const rnd = prng(seed)
  const experts = Array.from({ length: 30 }, (_, i) => ({
    id: hex('e', i),
    name: `专家${i}`,
    fields: [METHODS[i % METHODS.length]!, METHODS[(i * 5 + 1) % METHODS.length]!],
  }))
  const groups = [0, 1, 2, 3].map((g) => ({ id: hex('g', g), name: `第${g + 1}专业组`, reviewerIds: experts.filter((_, i) => i % 4 === g).map((e) => e.id) }))
  const applications = Array.from({ length: 120 }, (_, i) => ({
    id: hex('a', i),
    label: `ZLBG-${i}`,
    groupId: groups[Math.floor(rnd() * 4)]!.id,
    fields: [METHODS[Math.floor(rnd() * METHODS.length)]!],
  }))
  const conflicts = new Set<string>()
  for (const a of applications) for (const e of experts) if (rnd() < 0.04) conflicts.add(conflictKey(e.id, a.id))
  return { k: 3, maxPerExpert: 20, groups, experts, applications, conflicts, existing: [], ...overrides }
}

function loadsByGroup(input: PlanInput, loads: Map<string, number>) {
  return input.groups.map((g) => g.reviewerIds.map((id) => loads.get(id) ?? 0))
}

describe('assignment over a realistic call: 120 applications, 30 experts, 4 groups (第十二条, 第十三条)', () => {
  const input = realisticCall()
  const result = planAssignments(input)
  const byApp = new Map<string, string[]>()
  for (const a of result.assignments) byApp.set(a.applicationId, [...(byApp.get(a.applicationId) ?? []), a.expertId])

  test('a conflicted expert is never assigned (第十三条)', () => {
    expect(result.assignments.filter((a) => input.conflicts.has(conflictKey(a.expertId, a.applicationId)))).toEqual([])
  })

  test('only members of the application’s group review it, each at most once', () => {
    for (const app of input.applications) {
      const reviewers = byApp.get(app.id) ?? []
      const group = input.groups.find((g) => g.id === app.groupId)!
      expect(reviewers.every((id) => group.reviewerIds.includes(id))).toBe(true)
      expect(new Set(reviewers).size).toBe(reviewers.length)
    }
  })

  test('every application gets k reviewers, or its gap is reported with the reason', () => {
    const gaps = new Map(result.gaps.map((g) => [g.applicationId, g]))
    for (const app of input.applications) {
      const n = byApp.get(app.id)?.length ?? 0
      if (n < input.k) {
        expect(gaps.get(app.id)).toMatchObject({ wanted: input.k, got: n })
        expect(gaps.get(app.id)!.message).toContain(app.label)
      } else {
        expect(n).toBe(input.k)
        expect(gaps.has(app.id)).toBe(false)
      }
    }
  })

  test('no expert exceeds the maximum, and loads within a group stay within one of each other', () => {
    for (const loads of loadsByGroup(input, result.loads)) {
      expect(Math.max(...loads)).toBeLessThanOrEqual(input.maxPerExpert)
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1)
    }
  })

  test('deterministic: the same input gives the same output, whatever order it comes in', () => {
    expect(planAssignments(realisticCall())).toEqual(result)
    const shuffled = { ...input, applications: [...input.applications].reverse(), experts: [...input.experts].reverse() }
    const again = planAssignments(shuffled)
    const key = (r: typeof result) => r.assignments.map((a) => `${a.applicationId}:${a.expertId}`).sort()
    expect(key(again)).toEqual(key(result))
    expect(again.gaps).toEqual(result.gaps)
  })

  test('a second run with the first run’s assignments adds nothing', () => {
    const second = planAssignments({ ...input, existing: result.assignments })
    expect(second.assignments).toEqual([])
  })

  test('a tight maximum: the load cap holds and every unfilled place is a gap naming the cap', () => {
    const tight = realisticCall(7, { maxPerExpert: 10 })
    const r = planAssignments(tight)
    for (const loads of loadsByGroup(tight, r.loads)) expect(Math.max(...loads)).toBeLessThanOrEqual(10)
    const placed = r.assignments.length
    const missing = r.gaps.reduce((n, g) => n + (g.wanted - g.got), 0)
    expect(placed + missing).toBe(tight.applications.length * tight.k)
    expect(r.gaps.length).toBeGreaterThan(0)
    expect(r.gaps.some((g) => g.message.includes('评审上限'))).toBe(true)
  })
})

describe('gaps are explained in Chinese', () => {
  const experts = ['x1', 'x2', 'x3', 'x4'].map((id) => ({ id: hex(id, 0), name: id, fields: id === 'x3' ? ['精益管理'] : [] }))
  const group = { id: hex('g', 9), name: '第2专业组', reviewerIds: experts.map((e) => e.id) }
  const app = { id: hex('a', 9), label: 'ZLBG-2026-000009', groupId: group.id, fields: ['精益管理'] }

  test('too few unconflicted experts in the group', () => {
    const r = planAssignments({ k: 4, maxPerExpert: 5, groups: [group], experts, applications: [app], conflicts: new Set([conflictKey(experts[0]!.id, app.id)]), existing: [] })
    expect(r.assignments).toHaveLength(3)
    expect(r.gaps.map((g) => g.message)).toEqual(['申报「ZLBG-2026-000009」需要 4 名评审专家，已分配 3 名：第2专业组仅有 3 名无回避冲突的专家'])
  })

  test('an application in no group', () => {
    const r = planAssignments({ k: 2, maxPerExpert: 5, groups: [group], experts, applications: [{ ...app, groupId: undefined }], conflicts: new Set(), existing: [] } as PlanInput)
    expect(r.gaps[0]!.message).toContain('尚未分入专业组')
  })

  test('among equally loaded reviewers, one covering the application’s field is preferred', () => {
    const r = planAssignments({ k: 1, maxPerExpert: 5, groups: [group], experts, applications: [app], conflicts: new Set(), existing: [] })
    expect(r.assignments).toEqual([{ applicationId: app.id, expertId: experts[2]!.id, coversField: true }])
  })

  test('k = 0 means every unconflicted member of the group', () => {
    const r = planAssignments({ k: 0, maxPerExpert: 5, groups: [group], experts, applications: [app], conflicts: new Set([conflictKey(experts[1]!.id, app.id)]), existing: [] })
    expect(r.assignments.map((a) => a.expertId).sort()).toEqual([experts[0]!.id, experts[2]!.id, experts[3]!.id].sort())
    expect(r.gaps).toEqual([])
  })
})

describe('automatic conflicts of interest (回避, 第十三条)', () => {
  const code = '91310000MA1K00001X'
  const app = { id: 'a', creditCode: code, organizationName: '申报组织', memberUserIds: ['u-member'] }
  const expert = { id: 'e', employer: { name: '某研究院', creditCode: '91110000100000000X' }, formerEmployers: [] as { name: string; creditCode: string; endedOn: string }[] }
  test.each([
    ['employer has the applicant’s credit code', { employer: { name: '申报组织', creditCode: code } }, ['employer']],
    ['left the applicant less than three years ago', { formerEmployers: [{ name: '申报组织', creditCode: code, endedOn: '2024-06-01' }] }, ['former_employer']],
    ['left exactly three years ago (still within)', { formerEmployers: [{ name: '申报组织', creditCode: code, endedOn: '2023-11-28' }] }, ['former_employer']],
    ['left more than three years ago', { formerEmployers: [{ name: '申报组织', creditCode: code, endedOn: '2023-11-27' }] }, []],
    ['a member of the applying organization', { userId: 'u-member' }, ['member']],
    ['none of these', {}, []],
  ])('%s', (_name, change, kinds) => {
    expect(automaticConflicts({ ...expert, ...change }, app, '2026-11-28').map((c) => c.kind)).toEqual(kinds)
  })
})

describe('groups are suggested by sector and industry', () => {
  const groups = [
    { id: 'g1', name: '制造组', sectors: ['manufacturing' as const], industries: ['汽车'] },
    { id: 'g2', name: '服务组', sectors: ['services' as const], industries: [] },
  ]
  test('industry, then sector, then the emptier group; placed ones stay', () => {
    const placed = new Map([['a0', 'g2']])
    const r = suggestGroups(groups, [
      { id: 'a0', sector: 'manufacturing' },
      { id: 'a1', sector: 'manufacturing', industry: '汽车零部件' },
      { id: 'a2', sector: 'services' },
      { id: 'a3', sector: 'construction' },
    ], placed)
    expect(Object.fromEntries(r)).toEqual({ a0: 'g2', a1: 'g1', a2: 'g2', a3: 'g1' })
  })
})
