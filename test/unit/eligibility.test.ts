import {
  creditCodeCheckChar,
  ELIGIBILITY_RULES,
  evaluateEligibility,
  profitYears,
  reviewDateOf,
  runPrecheck,
  type EligibilityRule,
  type OrganizationProfile,
  type PrecheckOutcome,
  type Sector,
} from '@zlbg/shared'

const FIRST17 = '91310000MA1FL3TX2'
const VALID_CODE = FIRST17 + creditCodeCheckChar(FIRST17)
const CALL_YEAR = 2026
const REVIEW_DATE = '2026-05-20'

/** A profile that passes every automatic rule for a 2026 call reviewed on 2026-05-20. */
function profile(overrides: Partial<OrganizationProfile> = {}): OrganizationProfile {
  return {
    creditCode: VALID_CODE,
    region: { provinceCode: '310000', city: '上海市' } as OrganizationProfile['region'],
    sector: 'manufacturing',
    industry: '汽车零部件',
    independentLegalPerson: true,
    profits: [
      { year: 2023, netProfitWan: 1200 },
      { year: 2024, netProfitWan: 800 },
      { year: 2025, netProfitWan: 950.5 },
    ],
    compliance: { noViolations: true },
    iso9001: { certificateNumber: '00123Q45678R0M', certificationBody: '中国质量认证中心', issuedOn: '2024-01-10', expiresOn: '2027-01-09' },
    sharing: { willing: true },
    contacts: [{ name: '王质量', phone: '021-55551234' }],
    ...overrides,
  }
}

function judge(rule: EligibilityRule, p: OrganizationProfile, opts: { reviewDate?: string; callSectors?: Sector[]; callYear?: number } = {}) {
  const results = evaluateEligibility({
    profile: p,
    callYear: opts.callYear ?? CALL_YEAR,
    callSectors: opts.callSectors ?? ['manufacturing', 'construction', 'services'],
    reviewDate: opts.reviewDate ?? REVIEW_DATE,
  })
  const result = results.find((r) => r.rule === rule)
  if (!result) throw new Error(`no result for ${rule}`)
  return result
}

const profits = (...entries: [number, number][]) => entries.map(([year, netProfitWan]) => ({ year, netProfitWan }))

describe('the automatic pre-check (第十五条)', () => {
  test('judges every condition of 第八条 and the sector of 第七条, in order, each with an explanation', () => {
    const results = evaluateEligibility({ profile: profile(), callYear: CALL_YEAR, callSectors: ['manufacturing'], reviewDate: REVIEW_DATE })
    expect(results.map((r) => r.rule)).toEqual([...ELIGIBILITY_RULES])
    expect(results.map((r) => r.outcome)).toEqual(['pass', 'pass', 'pass', 'judgement', 'pass', 'pass'])
    for (const r of results) expect(r.explanation).toMatch(/[\u4e00-\u9fa5]/)
  })

  test('runPrecheck stamps the Asia/Shanghai day of the instant as the review date', () => {
    // 2026-05-19T16:30Z is already 00:30 on the 20th in Shanghai.
    const precheck = runPrecheck({ profile: profile(), callYear: CALL_YEAR, callSectors: ['manufacturing'], now: new Date('2026-05-19T16:30:00Z') })
    expect(precheck.reviewDate).toBe('2026-05-20')
    expect(precheck.evaluatedAt).toBe('2026-05-19T16:30:00.000Z')
    expect(reviewDateOf(new Date('2026-05-19T15:59:59Z'))).toBe('2026-05-19')
  })
})

describe('第八条（一） lawfully registered: a valid 统一社会信用代码', () => {
  const table: [string, string, PrecheckOutcome][] = [
    ['a code with a correct check character passes', VALID_CODE, 'pass'],
    ['a wrong check character fails', FIRST17 + (creditCodeCheckChar(FIRST17) === '0' ? '1' : '0'), 'fail'],
    ['a short code fails', VALID_CODE.slice(0, 17), 'fail'],
    ['a code with a forbidden letter fails', 'I' + VALID_CODE.slice(1), 'fail'],
  ]
  test.each(table)('%s', (_name, creditCode, outcome) => {
    const r = judge('registration', profile({ creditCode }))
    expect(r.outcome).toBe(outcome)
    expect(r.evidence).toEqual([{ label: '统一社会信用代码', value: creditCode }])
  })
})

describe('第八条（二） independent legal person, profitable in each of the three years before the call year, no bad record', () => {
  test('the window is the three complete years before the call year', () => {
    expect(profitYears(2026)).toEqual([2023, 2024, 2025])
  })

  const table: [string, Partial<OrganizationProfile>, PrecheckOutcome, RegExp][] = [
    ['profit in 2023, 2024, 2025 passes', {}, 'pass', /2023–2025 年 连续盈利/],
    [
      'profits of the call year itself do not count: 2024–2026 leaves 2023 missing',
      { profits: profits([2024, 10], [2025, 10], [2026, 10]) },
      'fail',
      /未填写 2023 年净利润/,
    ],
    [
      'a profit four years back (2022) does not replace a loss in 2023',
      { profits: profits([2022, 500], [2023, -1], [2024, 10], [2025, 10]) },
      'fail',
      /2023 年未盈利/,
    ],
    [
      'a profit four years back does not fill a missing year',
      { profits: profits([2022, 500], [2024, 10], [2025, 10]) },
      'fail',
      /未填写 2023 年净利润/,
    ],
    ['profit exactly zero is not a profit', { profits: profits([2023, 10], [2024, 0], [2025, 10]) }, 'fail', /2024 年未盈利/],
    ['a tiny positive profit is a profit', { profits: profits([2023, 0.01], [2024, 0.01], [2025, 0.01]) }, 'pass', /连续盈利/],
    ['a missing last year fails naming it', { profits: profits([2023, 10], [2024, 10]) }, 'fail', /未填写 2025 年净利润/],
    ['not an independent legal person fails', { independentLegalPerson: false }, 'fail', /不是独立法人/],
    [
      'a declared violation needs the reviewer’s judgement',
      { compliance: { noViolations: false, disclosure: '2024 年曾受环保部门一次警告处罚，已整改完毕' } },
      'judgement',
      /审查人/,
    ],
    [
      'a hard failure wins over a declared violation',
      { profits: profits([2023, 10], [2024, -5], [2025, 10]), compliance: { noViolations: false, disclosure: '2024 年曾受环保部门一次警告处罚，已整改完毕' } },
      'fail',
      /2024 年未盈利.*另申报有违法行为或不良记录/,
    ],
  ]
  test.each(table)('%s', (_name, overrides, outcome, explanation) => {
    const r = judge('legalStanding', profile(overrides))
    expect(r.outcome).toBe(outcome)
    expect(r.explanation).toMatch(explanation)
  })

  test('the evidence lists each year of the window, the legal-person flag and the declaration', () => {
    const r = judge('legalStanding', profile({ profits: profits([2023, 10], [2025, 0]) }))
    expect(r.evidence).toEqual(
      expect.arrayContaining([
        { label: '独立法人', value: '是' },
        { label: '2023 年净利润', value: '10 万元' },
        { label: '2024 年净利润', value: '未填写' },
        { label: '2025 年净利润', value: '0 万元' },
      ]),
    )
  })

  test('the window moves with the call year: a 2027 call needs 2024–2026', () => {
    const p = profile({ profits: profits([2024, 1], [2025, 1], [2026, 1]) })
    expect(judge('legalStanding', p, { callYear: 2027 }).outcome).toBe('pass')
    expect(judge('legalStanding', p, { callYear: 2026 }).outcome).toBe('fail')
  })
})

describe('第八条（三） ISO 9001 certificate valid on the review date', () => {
  const cert = (issuedOn: string, expiresOn: string) => ({ iso9001: { ...profile().iso9001, issuedOn, expiresOn } })
  const table: [string, Partial<OrganizationProfile>, string, PrecheckOutcome][] = [
    ['valid well inside its period', cert('2024-01-10', '2027-01-09'), '2026-05-20', 'pass'],
    ['expiring on the review date is still valid', cert('2023-05-21', '2026-05-20'), '2026-05-20', 'pass'],
    ['expired the day before the review date fails', cert('2023-05-20', '2026-05-19'), '2026-05-20', 'fail'],
    ['issued on the review date is valid', cert('2026-05-20', '2029-05-19'), '2026-05-20', 'pass'],
    ['issued after the review date fails', cert('2026-05-21', '2029-05-20'), '2026-05-20', 'fail'],
  ]
  test.each(table)('%s', (_name, overrides, reviewDate, outcome) => {
    const r = judge('iso9001', profile(overrides), { reviewDate })
    expect(r.outcome).toBe(outcome)
    expect(r.evidence).toContainEqual({ label: '审查日期', value: reviewDate })
    expect(r.evidence).toContainEqual({ label: '有效期至', value: (overrides.iso9001 as { expiresOn: string }).expiresOn })
  })
})

describe('第八条（四） method maturely applied with clear gains', () => {
  test('always needs the reviewer’s judgement, whatever the data', () => {
    expect(judge('maturePractice', profile()).outcome).toBe('judgement')
    expect(judge('maturePractice', profile({ independentLegalPerson: false })).outcome).toBe('judgement')
  })
})

describe('第八条（五） willing to take part in sharing activities', () => {
  const table: [string, OrganizationProfile['sharing'], PrecheckOutcome, RegExp][] = [
    ['willing passes', { willing: true }, 'pass', /愿意参与/],
    ['willing with a trade-secret note passes and mentions the note', { willing: true, tradeSecretNote: '核心工艺参数不对外' }, 'pass', /商业秘密/],
    ['unwilling fails', { willing: false }, 'fail', /不愿意/],
    ['unwilling citing trade secrets still fails, with the note shown', { willing: false, tradeSecretNote: '全部内容涉及商业秘密' }, 'fail', /商业秘密/],
  ]
  test.each(table)('%s', (_name, sharing, outcome, explanation) => {
    const r = judge('sharing', profile({ sharing }))
    expect(r.outcome).toBe(outcome)
    expect(r.explanation).toMatch(explanation)
    if (sharing.tradeSecretNote) expect(r.evidence).toContainEqual({ label: '商业秘密说明', value: sharing.tradeSecretNote })
  })
})

describe('第七条 the sector is one of the call’s sectors', () => {
  const table: [string, Sector, Sector[], PrecheckOutcome][] = [
    ['a manufacturer in a manufacturing call passes', 'manufacturing', ['manufacturing'], 'pass'],
    ['a builder in a call for all three sectors passes', 'construction', ['manufacturing', 'construction', 'services'], 'pass'],
    ['a service organization in a manufacturing-only call fails', 'services', ['manufacturing'], 'fail'],
  ]
  test.each(table)('%s', (_name, sector, callSectors, outcome) => {
    const r = judge('sector', profile({ sector }), { callSectors })
    expect(r.outcome).toBe(outcome)
    expect(r.evidence[0]).toEqual({ label: '组织所属领域', value: expect.any(String) })
  })
})
