import { Text, View } from '@tarojs/components'
import {
  ELIGIBILITY_RULE_LABELS,
  PRECHECK_OUTCOME_LABELS,
  formatDateTime,
  type EligibilityRule,
  type PrecheckOutcome,
  type PrecheckResult,
} from '@zlbg/shared'
import { THEME } from '../../../theme'
import { Tag } from '../../../ui/nutui'
import { Radio } from '../../../ui/nutui-office'
import { ReasonField } from '../components/ReasonField'
import { isOverride, type FindingChoice } from './findings'
import { APPLICATIONS_STRINGS } from './strings'

const S = APPLICATIONS_STRINGS.review

const OUTCOME_COLORS: Record<PrecheckOutcome, string> = {
  pass: THEME.success,
  fail: THEME.danger,
  judgement: THEME.warning,
}

export interface SavedFinding {
  outcome: 'pass' | 'fail'
  reason?: string
  by: string
  at: string
}

/** Which reason a choice asks for, if any: 不符合 is told to the applicant; an override must say why. */
function reasonKind(automatic: PrecheckOutcome | undefined, choice: FindingChoice): 'fail' | 'override' | 'judgement' | null {
  if (choice.outcome === 'fail') return 'fail'
  if (isOverride(automatic, choice.outcome)) return 'override'
  if (choice.outcome !== '') return automatic === 'pass' ? null : 'judgement'
  return null
}

/**
 * One condition of 第八条 (or 第七条): the automatic pre-check with its explanation and evidence, and
 * beside it the reviewer's finding — the automatic outcome confirmed, or overridden with a reason.
 * Hooks: `.review-condition--<rule>`, `.review-condition-outcome`, `.review-condition-pass` / `-fail`,
 * `.review-condition-reason` (its textarea), `.review-condition-error`, `.review-condition-overridden`.
 */
export function ConditionCard({
  rule,
  result,
  choice,
  saved,
  editable,
  error,
  onChange,
}: {
  rule: EligibilityRule
  result: PrecheckResult | undefined
  choice: FindingChoice
  saved: SavedFinding | undefined
  editable: boolean
  error: string | undefined
  onChange: (choice: FindingChoice) => void
}) {
  const label = ELIGIBILITY_RULE_LABELS[rule]
  const automatic = result?.outcome
  const kind = editable ? reasonKind(automatic, choice) : null
  const overridden = isOverride(automatic, editable ? choice.outcome : (saved?.outcome ?? ''))
  // A missing judgement is said under the choices; a missing reason under its field.
  const choiceError = error && (choice.outcome === '' || !kind) ? error : undefined
  const reasonError = error && kind ? error : undefined

  return (
    <View className={`review-condition review-condition--${rule}${error ? ' review-condition--invalid' : ''}`}>
      <View className="review-condition-head">
        <Text className="review-condition-article">{label.article}</Text>
        <Text className="review-condition-label">{label.label}</Text>
      </View>
      <View className="review-condition-body">
        <View className={`review-condition-auto review-condition-auto--${automatic ?? 'none'}`}>
          <View className="review-condition-line">
            <Text className="review-condition-caption">{S.automatic}</Text>
            {automatic ? (
              <Tag className="zlbg-tag review-condition-outcome" plain background={OUTCOME_COLORS[automatic]}>
                {PRECHECK_OUTCOME_LABELS[automatic]}
              </Tag>
            ) : null}
          </View>
          {result ? <Text className="review-condition-explanation">{result.explanation}</Text> : <Text className="review-condition-explanation">{S.noPrecheck}</Text>}
          {result && result.evidence.length > 0 ? (
            <View className="review-condition-evidence">
              {result.evidence.map((item, i) => (
                <View key={`${item.label}-${i}`} className="review-condition-evidence-item">
                  <Text className="review-condition-evidence-label">{item.label}</Text>
                  <Text className="review-condition-evidence-value" userSelect>
                    {item.value}
                  </Text>
                </View>
              ))}
            </View>
          ) : null}
        </View>

        <View className="review-condition-finding">
          <View className="review-condition-line">
            <Text className="review-condition-caption">{S.finding}</Text>
            {overridden ? (
              <Tag className="zlbg-tag review-condition-overridden" plain background={THEME.warning}>
                {S.overridden}
              </Tag>
            ) : null}
          </View>
          {editable ? (
            <Radio.Group
              className="review-condition-choices"
              direction="horizontal"
              shape="button"
              value={choice.outcome}
              onChange={(next) => onChange({ ...choice, outcome: String(next) as FindingChoice['outcome'] })}
            >
              <Radio className="choice-chip review-condition-pass" shape="button" value="pass">
                {S.findingPass}
              </Radio>
              <Radio className="choice-chip review-condition-fail" shape="button" value="fail">
                {S.findingFail}
              </Radio>
            </Radio.Group>
          ) : saved ? (
            <View className="review-condition-saved">
              <Text className={`review-condition-saved-outcome review-condition-saved-outcome--${saved.outcome}`}>
                {saved.outcome === 'pass' ? S.findingPass : S.findingFail}
              </Text>
              {saved.reason ? <Text className="review-condition-saved-reason">{saved.reason}</Text> : null}
              <Text className="review-condition-saved-by">{S.judgedBy(saved.by, formatDateTime(saved.at))}</Text>
            </View>
          ) : (
            <Text className="review-condition-pending">{S.notStartedHint}</Text>
          )}
          {choiceError ? <Text className="form-field-error review-condition-error">{choiceError}</Text> : null}
          {kind ? (
            <ReasonField
              className="review-condition-reason"
              inputClassName="review-condition-reason-input"
              label={kind === 'fail' ? S.failReasonLabel : kind === 'override' ? S.overrideReasonLabel : S.judgementReasonLabel}
              placeholder={kind === 'fail' ? S.failReasonPlaceholder : kind === 'override' ? S.overrideReasonPlaceholder : S.judgementPlaceholder}
              maxLength={500}
              value={choice.reason}
              error={reasonError}
              onChange={(reason) => onChange({ ...choice, reason })}
              onClearError={() => undefined}
            />
          ) : null}
        </View>
      </View>
    </View>
  )
}
