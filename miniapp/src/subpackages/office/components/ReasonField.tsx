import { FormField } from '../../../components/FormField'
import { TextArea } from '../../../ui/nutui-office'

/**
 * A reason to give before a refusal (禁用, 驳回): a short text area whose error clears as it is edited.
 * Hooks: `className` on the field, `inputClassName` on the text area.
 */
export function ReasonField({
  className,
  inputClassName,
  label,
  placeholder,
  maxLength,
  value,
  error,
  onChange,
  onClearError,
}: {
  className: string
  inputClassName: string
  label: string
  placeholder: string
  maxLength: number
  value: string
  error: string | undefined
  onChange: (value: string) => void
  onClearError: () => void
}) {
  return (
    <FormField className={className} label={label} error={error}>
      <TextArea
        className={inputClassName}
        value={value}
        placeholder={placeholder}
        maxLength={maxLength}
        rows={2}
        autoSize
        onChange={(next) => {
          onChange(next)
          onClearError()
        }}
      />
    </FormField>
  )
}
