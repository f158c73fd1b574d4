// The reviewer's findings form of 资格审查 (miniapp/src/subpackages/office/applications/findings.ts):
// where it starts, and what each decision needs before it is sent (第十五条). Pure, no Taro.
import { ELIGIBILITY_RULES, QualificationDecisionSchema, type EligibilityRule, type Precheck, type PrecheckOutcome } from '@zlbg/shared'
import {
  bodyPath,
  checkFindings,
  initialFindings,
  isOverride,
  ruleOfPath,
  type FindingsForm,
} from '../../miniapp/src/subpackages/office/applications/findings'

function precheck(outcomes: Partial<Record<EligibilityRule, PrecheckOutcome>> = {}): Precheck {
  return {
    reviewDate: '2026-11-25',
    evaluatedAt: '2026-11-25T02:00:00.000Z',
    results: ELIGIBILITY_RULES.map((rule) => ({
      rule,
      outcome: outcomes[rule] ?? (rule === 'maturePractice' ? 'judgement' : 'pass'),
      explanation: '说明',
      evidence: [],
    })),
  }
}

function judged(form: FindingsForm, changes: Partial<FindingsForm>): FindingsForm {
  return { ...form, ...changes }
}

describe('initialFindings', () => {
  test('confirms automatic pass and fail, and leaves 第八条(四) (judgement) for the reviewer', () => {
    const form = initialFindings(precheck({ iso9001: 'fail' }))
    expect(form.registration).toEqual({ outcome: 'pass', reason: '' })
    expect(form.iso9001).toEqual({ outcome: 'fail', reason: '' })
    expect(form.maturePractice).toEqual({ outcome: '', reason: '' })
  })

  test('starts from the latest earlier finding per rule (a supplement round)', () => {
    const form = initialFindings(precheck(), [
      { rule: 'maturePractice', outcome: 'fail', reason: '第一轮' },
      { rule: 'maturePractice', outcome: 'pass', reason: '补正后成立' },
    ])
    expect(form.maturePractice).toEqual({ outcome: 'pass', reason: '补正后成立' })
  })

  test('without a pre-check every condition waits for the reviewer', () => {
    const form = initialFindings(undefined)
    expect(ELIGIBILITY_RULES.every((rule) => form[rule].outcome === '')).toBe(true)
  })
})

describe('checkFindings', () => {
  const clean = precheck()

  test.each(['qualify', 'disqualify'] as const)('%s needs a finding on every condition', (decision) => {
    const check = checkFindings(initialFindings(clean), clean, decision)
    expect(check.findings).toBeUndefined()
    expect(check.errors).toEqual({ maturePractice: '请对每一项条件给出审查结论' })
  })

  test('通过 once 第八条(四) is judged: every finding sent, and the contract accepts it', () => {
    const form = judged(initialFindings(clean), { maturePractice: { outcome: 'pass', reason: '' } })
    const check = checkFindings(form, clean, 'qualify')
    expect(check.formError).toBeNull()
    expect(check.findings).toHaveLength(ELIGIBILITY_RULES.length)
    expect(QualificationDecisionSchema.safeParse({ decision: 'qualify', findings: check.findings }).success).toBe(true)
  })

  test('通过 with a 不符合 item is refused before sending', () => {
    const failing = precheck({ iso9001: 'fail' })
    const form = judged(initialFindings(failing), { maturePractice: { outcome: 'pass', reason: '' } })
    expect(checkFindings(form, failing, 'qualify').formError).toBe('有不符合的条件，不能判定为通过')
  })

  test('overriding an automatic result needs a reason, either way', () => {
    const failing = precheck({ iso9001: 'fail' })
    const base = judged(initialFindings(failing), { maturePractice: { outcome: 'pass', reason: '' } })
    const toPass = judged(base, { iso9001: { outcome: 'pass', reason: '' } })
    expect(checkFindings(toPass, failing, 'qualify').errors).toEqual({ iso9001: '改判自动预审结果时请填写理由' })
    const withReason = judged(base, { iso9001: { outcome: 'pass', reason: '已核实换发的新证书' } })
    expect(checkFindings(withReason, failing, 'qualify').findings?.find((f) => f.rule === 'iso9001')).toEqual({
      rule: 'iso9001',
      outcome: 'pass',
      reason: '已核实换发的新证书',
    })
    const toFail = judged(base, { sharing: { outcome: 'fail', reason: '' } })
    expect(checkFindings(toFail, failing, 'requestSupplement').errors).toEqual({ sharing: '改判自动预审结果时请填写理由' })
  })

  test('不通过 needs a reason on each failed item (told to the applicant) and at least one failed item', () => {
    const failing = precheck({ iso9001: 'fail' })
    const form = judged(initialFindings(failing), { maturePractice: { outcome: 'pass', reason: '' } })
    expect(checkFindings(form, failing, 'disqualify').errors).toEqual({ iso9001: '请填写不符合的理由（将告知申报组织）' })
    const reasoned = judged(form, { iso9001: { outcome: 'fail', reason: '证书已过期' } })
    const check = checkFindings(reasoned, failing, 'disqualify')
    expect(check.formError).toBeNull()
    expect(QualificationDecisionSchema.safeParse({ decision: 'disqualify', findings: check.findings }).success).toBe(true)

    const allPass = judged(initialFindings(clean), { maturePractice: { outcome: 'pass', reason: '' } })
    expect(checkFindings(allPass, clean, 'disqualify').formError).toBe('不通过时至少应有一项条件不符合')
  })

  test('a supplement request sends findings only when all are given (they are optional there)', () => {
    expect(checkFindings(initialFindings(clean), clean, 'requestSupplement')).toEqual({ errors: {}, formError: null, findings: undefined })
    const form = judged(initialFindings(clean), { maturePractice: { outcome: 'fail', reason: '' } })
    expect(checkFindings(form, clean, 'requestSupplement').findings).toHaveLength(ELIGIBILITY_RULES.length)
  })
})

describe('helpers', () => {
  test('isOverride: only against an automatic pass or fail', () => {
    expect(isOverride('pass', 'fail')).toBe(true)
    expect(isOverride('fail', 'pass')).toBe(true)
    expect(isOverride('pass', 'pass')).toBe(false)
    expect(isOverride('judgement', 'fail')).toBe(false)
    expect(isOverride(undefined, 'fail')).toBe(false)
    expect(isOverride('pass', '')).toBe(false)
  })

  test('server field paths map back to the condition they are about', () => {
    const findings = [
      { rule: 'registration' as const, outcome: 'pass' as const },
      { rule: 'iso9001' as const, outcome: 'fail' as const },
    ]
    expect(bodyPath('body.deadline')).toBe('deadline')
    expect(ruleOfPath('body.findings.1.reason', findings)).toBe('iso9001')
    expect(ruleOfPath('findings.0.reason', findings)).toBe('registration')
    expect(ruleOfPath('body.message', findings)).toBeUndefined()
  })
})
