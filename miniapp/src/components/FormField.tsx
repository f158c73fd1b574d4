import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Input } from '../ui/nutui'
import './FormField.css'

export interface FormFieldProps {
  label: string
  /** Test and styling hook for the whole field; its error is `.form-field-error` inside it. */
  className: string
  error?: string
  hint?: string
  /** Shown after the label, e.g. 选填. */
  note?: string
  children: ReactNode
}

/** A labelled field with its error underneath (from the shared schema or the server's `fields`). */
export function FormField({ label, className, error, hint, note, children }: FormFieldProps) {
  return (
    <View className={`form-field ${className}${error ? ' form-field--invalid' : ''}`}>
      <View className="form-field-head">
        <Text className="form-field-label">{label}</Text>
        {note ? <Text className="form-field-note">{note}</Text> : null}
      </View>
      <View className="form-field-control">{children}</View>
      {hint && !error ? <Text className="form-field-hint">{hint}</Text> : null}
      {error ? <Text className="form-field-error">{error}</Text> : null}
    </View>
  )
}

export interface TextFieldProps extends Omit<FormFieldProps, 'children'> {
  value: string
  onChange: (value: string) => void
  placeholder?: string
  password?: boolean
  maxLength?: number
  disabled?: boolean
  onConfirm?: () => void
}

/** FormField with a NutUI Input; the native input is `.<className> input` in H5. */
export function TextField({ value, onChange, placeholder, password, maxLength, disabled, onConfirm, ...field }: TextFieldProps) {
  return (
    <FormField {...field}>
      <Input
        className="form-input"
        type={password ? 'password' : 'text'}
        value={value}
        placeholder={placeholder}
        maxLength={maxLength ?? 200}
        disabled={disabled}
        clearable={!password}
        onChange={onChange}
        onConfirm={onConfirm ? () => onConfirm() : undefined}
      />
    </FormField>
  )
}

/** A message for the whole form, above its submit button. */
export function FormError({ message, className = '' }: { message: string | null; className?: string }) {
  if (!message) return null
  return (
    <View className={`form-error ${className}`}>
      <Text className="form-error-text">{message}</Text>
    </View>
  )
}
