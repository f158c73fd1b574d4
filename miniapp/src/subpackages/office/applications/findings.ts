import {
  ELIGIBILITY_RULES,
  type EligibilityRule,
  type Precheck,
  type PrecheckOutcome,
  type ReviewFinding,
} from '@zlbg/shared'
import { APPLICATIONS_STRINGS } from './strings'

/**
 * The reviewer's findings per condition (第十五条 against 第八条 and 第七条) as a form, and the checks
 * a decision needs before it is sent. Pure (no Taro), so plain Jest can test it.
 */

const S = APPLICATIONS_STRINGS.review

export type FindingOutcome = 'pass' | 'fail' | ''
export interface FindingChoice {
  outcome: FindingOutcome
  reason: string
}
export type FindingsForm = Record<EligibilityRule, FindingChoice>
export type FindingErrors = Partial<Record<EligibilityRule, string>>
export type DecisionKind = 'qualify' | 'disqualify' | 'requestSupplement'

/** A reason worth sending: the contract wants at least 2 characters where one is required. */
const MIN_REASON = 2

export function automaticOutcome(precheck: Precheck | undefined, rule: EligibilityRule): PrecheckOutcome | undefined {
  return precheck?.results.find((r) => r.rule === rule)?.outcome
}

/** An override turns an automatic pass into 不符合 or an automatic fail into 符合; it needs a reason. */
export function isOverride(automatic: PrecheckOutcome | undefined, outcome: FindingOutcome): boolean {
  return (automatic === 'pass' || automatic === 'fail') && outcome !== '' && outcome !== automatic
}

/**
 * Where the reviewer starts: their earlier findings if any (a supplement round), otherwise the
 * automatic outcome confirmed, and nothing chosen where the pre-check asks for a judgement.
 */
export function initialFindings(
  precheck: Precheck | undefined,
  earlier: readonly Pick<ReviewFinding, 'rule' | 'outcome' | 'reason'>[] = [],
): FindingsForm {
  const form = {} as FindingsForm
  for (const rule of ELIGIBILITY_RULES) {
    // The latest finding per rule wins: findings accumulate over supplement rounds.
    const mine = [...earlier].reverse().find((f) => f.rule === rule)
    if (mine) {
      form[rule] = { outcome: mine.outcome, reason: mine.reason ?? '' }
      continue
    }
    const automatic = automaticOutcome(precheck, rule)
    form[rule] = { outcome: automatic === 'pass' || automatic === 'fail' ? automatic : '', reason: '' }
  }
  return form
}

export interface FindingsCheck {
  /** What to send; absent for a supplement request whose findings are not complete (they are optional there). */
  findings?: ReviewFinding[]
  errors: FindingErrors
  /** A problem with the findings as a whole (e.g. 通过 with a 不符合 item). */
  formError: string | null
}

/** The findings a decision sends, or why they cannot be sent yet. */
export function checkFindings(form: FindingsForm, precheck: Precheck | undefined, decision: DecisionKind): FindingsCheck {
  const errors: FindingErrors = {}
  const findings: ReviewFinding[] = []
  const anyChosen = ELIGIBILITY_RULES.some((rule) => form[rule].outcome !== '')
  // Findings are optional with a supplement request: untouched ones are simply not sent.
  if (decision === 'requestSupplement' && !ELIGIBILITY_RULES.every((rule) => form[rule].outcome !== '')) {
    return { errors, formError: null, findings: undefined }
  }
  for (const rule of ELIGIBILITY_RULES) {
    const { outcome, reason } = form[rule]
    const trimmed = reason.trim()
    if (outcome === '') {
      errors[rule] = S.needJudgement
      continue
    }
    if (isOverride(automaticOutcome(precheck, rule), outcome) && trimmed.length < MIN_REASON) {
      errors[rule] = S.needOverrideReason
    } else if (decision === 'disqualify' && outcome === 'fail' && trimmed.length < MIN_REASON) {
      errors[rule] = S.needFailReason
    }
    findings.push(trimmed ? { rule, outcome, reason: trimmed } : { rule, outcome })
  }
  if (Object.keys(errors).length > 0) {
    return { errors, formError: anyChosen ? S.checkFindings : S.needJudgement }
  }
  if (decision === 'qualify' && findings.some((f) => f.outcome === 'fail')) {
    return { errors, formError: S.qualifyHasFail }
  }
  if (decision === 'disqualify' && !findings.some((f) => f.outcome === 'fail')) {
    return { errors, formError: S.disqualifyNeedsFail }
  }
  return { findings, errors, formError: null }
}

/** A field path without the server's `body.` prefix: `body.findings.2.reason` → `findings.2.reason`. */
export function bodyPath(path: string): string {
  return path.startsWith('body.') ? path.slice('body.'.length) : path
}

/** A field path such as `body.findings.2.reason` → the rule it is about. */
export function ruleOfPath(path: string, findings: readonly ReviewFinding[] | undefined): EligibilityRule | undefined {
  const match = /^findings\.(\d+)/.exec(bodyPath(path))
  return match ? findings?.[Number(match[1])]?.rule : undefined
}
