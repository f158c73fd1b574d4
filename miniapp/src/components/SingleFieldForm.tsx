import type { z } from 'zod'
import { View } from '@tarojs/components'
import { useForm } from '../hooks/useForm'
import { Button } from '../ui/nutui'
import type { ConfirmOptions } from './ConfirmDialog'
import { FormError, TextField } from './FormField'
import './SingleFieldForm.css'

export interface SingleFieldFormProps<S extends z.ZodType> {
  /** Hook prefix: `.<p>` for the form, `.<p>-input` for the field, `.<p>-submit` for the button. */
  className: string
  /** The key the schema expects, e.g. `name` or `code`. */
  field: string
  schema: S
  label: string
  placeholder: string
  /** The field's starting value (e.g. the current name when renaming); '' by default. */
  initialValue?: string
  submitText: string
  maxLength?: number
  /** Server error codes shown next to the field (e.g. INVITE_INVALID). */
  fieldCodes?: readonly string[]
  /** Ask before sending, after the value passed the schema. */
  confirm?: { open: (options: ConfirmOptions) => void; title: string; content: string }
  onSubmit: (data: z.output<S>) => Promise<void>
}

/** One field and a button (organization name, invite code, bind code), checked by the shared schema. */
export function SingleFieldForm<S extends z.ZodType>(props: SingleFieldFormProps<S>) {
  const { className, field, schema, label, placeholder, initialValue = '', submitText, maxLength, fieldCodes = [], confirm, onSubmit } = props
  const form = useForm({
    initial: { [field]: initialValue } as Record<string, string>,
    schema,
    send: onSubmit,
    codeFields: Object.fromEntries(fieldCodes.map((code) => [code, field])),
  })

  const submit = () => {
    if (confirm && schema.safeParse(form.values).success) {
      confirm.open({ title: confirm.title, content: confirm.content, onConfirm: () => form.submit().then(() => undefined) })
      return
    }
    void form.submit()
  }

  return (
    <View className={`single-field-form ${className}`}>
      <TextField
        className={`${className}-input`}
        label={label}
        placeholder={placeholder}
        maxLength={maxLength}
        value={form.values[field] ?? ''}
        error={form.errors[field]}
        onChange={(value) => form.set(field, value)}
        onConfirm={submit}
      />
      <FormError message={form.formError} />
      <View className="single-field-form-actions">
        <Button
          className={`${className}-submit`}
          type="primary"
          size="small"
          loading={form.submitting}
          disabled={form.submitting}
          onClick={submit}
        >
          {submitText}
        </Button>
      </View>
    </View>
  )
}
