import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { FieldBinding } from '../hooks/useForm'
import { STRINGS } from '../strings'
import { Button, Input } from '../ui/nutui'
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

/** The form's primary button, blocked while it sends. */
export function SubmitButton({
  className,
  submitting,
  onClick,
  children,
}: {
  className: string
  submitting: boolean
  onClick: () => void
  children: ReactNode
}) {
  return (
    <Button className={className} type="primary" block loading={submitting} disabled={submitting} onClick={onClick}>
      {children}
    </Button>
  )
}

/** The check that goes with NewPasswordFields: the repeat must match. */
export function confirmMismatch(password: string, confirm: string): { confirm?: string } {
  return confirm !== password ? { confirm: STRINGS.invite.mismatch } : {}
}

/** 新密码 and 再次输入, wherever a password is set (invite, change password). */
export function NewPasswordFields({
  className,
  confirmClassName,
  password,
  confirm,
  onConfirm,
}: {
  className: string
  confirmClassName: string
  password: FieldBinding
  confirm: FieldBinding
  onConfirm: () => void
}) {
  const I = STRINGS.invite
  return (
    <>
      <TextField className={className} label={I.passwordLabel} placeholder={I.passwordPlaceholder} password maxLength={128} {...password} />
      <TextField
        className={confirmClassName}
        label={I.confirmLabel}
        placeholder={I.confirmPlaceholder}
        password
        maxLength={128}
        {...confirm}
        onConfirm={onConfirm}
      />
    </>
  )
}
