import { TextField } from '../../../../components/FormField'
import { errorAt } from '../../../../hooks/pathErrors'
import { Card, TextAreaField } from '../../components'
import { ORG_STRINGS } from '../../strings'
import type { StepProps } from './types'

const S = ORG_STRINGS.edit

/** 应用情况 (第八条（四）): since when and where the method is applied. */
export function PracticeStep({ form, errors, update, readOnly, note }: StepProps) {
  return (
    <Card className="edit-practice" title={S.steps[3]} hint={S.practiceIntro}>
      <TextField
        className="application-practice-since"
        label={S.since}
        note={note('practice')}
        placeholder={S.sincePlaceholder}
        maxLength={7}
        disabled={readOnly('practice')}
        value={form.practiceSince}
        error={errorAt(errors, 'practice.since') ?? errors.practice}
        onChange={(v) => update({ practiceSince: v }, 'practice.since')}
      />
      <TextAreaField
        className="application-practice-scope"
        label={S.scope}
        placeholder={S.scopePlaceholder}
        minLength={10}
        maxLength={500}
        rows={3}
        disabled={readOnly('practice')}
        value={form.practiceScope}
        error={errorAt(errors, 'practice.scope')}
        onChange={(v) => update({ practiceScope: v }, 'practice.scope')}
      />
    </Card>
  )
}
