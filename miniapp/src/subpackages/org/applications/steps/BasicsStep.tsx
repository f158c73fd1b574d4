import { FormField, TextField } from '../../../../components/FormField'
import { errorAt } from '../../../../hooks/pathErrors'
import { Card, Chips, TextAreaField } from '../../components'
import { ORG_STRINGS } from '../../strings'
import type { StepProps } from './types'

const S = ORG_STRINGS.edit

/** 基本信息: title, summary, the quality methods (the call's list) and others. */
export function BasicsStep({ form, errors, update, readOnly, note, methods }: StepProps & { methods: readonly string[] }) {
  // The call's list, plus any chosen method the office has since dropped from it.
  const methodChoices = [...new Set([...methods, ...form.methods])]
  return (
    <Card className="edit-basics" title={S.steps[0]}>
      <TextField
        className="application-title"
        label={S.title}
        note={note('title')}
        placeholder={S.titlePlaceholder}
        maxLength={60}
        disabled={readOnly('title')}
        value={form.title}
        error={errorAt(errors, 'title')}
        onChange={(v) => update({ title: v }, 'title')}
      />
      <TextAreaField
        className="application-summary"
        label={S.summary}
        note={note('summary')}
        placeholder={S.summaryPlaceholder}
        minLength={50}
        maxLength={1000}
        disabled={readOnly('summary')}
        value={form.summary}
        error={errorAt(errors, 'summary')}
        onChange={(v) => update({ summary: v }, 'summary')}
      />
      <FormField className="application-methods" label={S.methods} note={note('methods')} hint={S.methodsHint} error={errorAt(errors, 'methods')}>
        <Chips
          prefix="application-method"
          choices={methodChoices.map((m, i) => ({ value: String(i), label: m }))}
          value={form.methods.map((m) => String(methodChoices.indexOf(m)))}
          disabled={readOnly('methods')}
          onChange={(indexes) => update({ methods: indexes.map((i) => methodChoices[Number(i)]!).slice(0, 10) }, 'methods')}
        />
      </FormField>
      <TextField
        className="application-methods-other"
        label={S.methodsOther}
        placeholder={S.methodsOtherPlaceholder}
        maxLength={200}
        disabled={readOnly('methodsOther')}
        value={form.methodsOther}
        error={errorAt(errors, 'methodsOther')}
        onChange={(v) => update({ methodsOther: v }, 'methodsOther')}
      />
    </Card>
  )
}
