import { Text, Textarea } from '@tarojs/components'
import { FormField } from '../../components/FormField'

/** A multi-line field with its counter; Taro's native textarea, so the subpackage stays light. */
export function TextBox({
  className,
  label,
  hint,
  error,
  value,
  onChange,
  maxLength,
}: {
  className: string
  label: string
  hint?: string
  error?: string
  value: string
  onChange: (value: string) => void
  maxLength: number
}) {
  return (
    <FormField className={className} label={label} hint={hint} error={error}>
      <Textarea className="objection-textarea" value={value} maxlength={maxLength} autoHeight onInput={(e) => onChange(e.detail.value)} />
      <Text className="objection-counter">{`${value.trim().length} / ${maxLength}`}</Text>
    </FormField>
  )
}
