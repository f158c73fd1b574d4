import { CRITERIA, CRITERION_HINTS, CRITERION_LABELS, CRITERION_MAX_CHARS, CRITERION_MIN_CHARS } from '@zlbg/shared'
import { errorAt } from '../../../../hooks/pathErrors'
import { Card, TextAreaField } from '../../components'
import { ORG_STRINGS } from '../../strings'
import type { StepProps } from './types'

const S = ORG_STRINGS.edit

/** 典型经验: one text per criterion of the call. */
export function CriteriaStep({ form, errors, update, readOnly, note }: StepProps) {
  return (
    <Card className="edit-criteria" title={S.steps[1]} hint={S.criteriaIntro}>
      {CRITERIA.map((criterion) => (
        <TextAreaField
          key={criterion}
          className={`application-criterion application-criterion-${criterion}`}
          label={CRITERION_LABELS[criterion]}
          note={note('criteria')}
          hint={CRITERION_HINTS[criterion]}
          minLength={CRITERION_MIN_CHARS}
          maxLength={CRITERION_MAX_CHARS}
          rows={5}
          disabled={readOnly('criteria')}
          value={form.criteria[criterion]}
          error={errorAt(errors, `criteria.${criterion}`)}
          onChange={(v) => update({ criteria: { ...form.criteria, [criterion]: v } }, `criteria.${criterion}`)}
        />
      ))}
    </Card>
  )
}
