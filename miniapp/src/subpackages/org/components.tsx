import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { FormField } from '../../components/FormField'
import { ORG_STRINGS } from './strings'

/**
 * Small form controls of the organization subpackage. Built on Taro's own components rather than
 * more NutUI ones, so the subpackage stays light and each control is native in the mini-program.
 */

export interface Choice<T extends string> {
  value: T
  label: string
}

/** A row of tappable chips; `multiple` toggles several. Hooks: `.<prefix>-<value>`, selected `.chip--on`. */
export function Chips<T extends string>({
  prefix,
  choices,
  value,
  onChange,
  disabled,
  columns,
}: {
  prefix: string
  choices: readonly Choice<T>[]
  value: readonly T[]
  onChange: (value: T[]) => void
  disabled?: boolean
  /** A grid of this many columns instead of a wrapping row (long lists such as provinces). */
  columns?: number
}) {
  return (
    <View className={`chips${columns ? ` chips--grid chips--cols-${columns}` : ''}${disabled ? ' chips--disabled' : ''}`}>
      {choices.map((choice) => {
        const on = value.includes(choice.value)
        return (
          <View
            key={choice.value}
            className={`chip ${prefix}-${choice.value}${on ? ' chip--on' : ''}`}
            onClick={disabled ? undefined : () => onChange(on ? value.filter((v) => v !== choice.value) : [...value, choice.value])}
          >
            <Text className="chip-text">{choice.label}</Text>
          </View>
        )
      })}
    </View>
  )
}

/** One of two or three values (是/否, a sector). */
export function SingleChoice<T extends string>(props: {
  prefix: string
  choices: readonly Choice<T>[]
  value: T | ''
  onChange: (value: T) => void
  disabled?: boolean
}) {
  return (
    <Chips
      prefix={props.prefix}
      choices={props.choices}
      value={props.value ? [props.value] : []}
      disabled={props.disabled}
      onChange={(next) => {
        const picked = next.find((v) => v !== props.value)
        if (picked) props.onChange(picked)
      }}
    />
  )
}

/** A multi-line field with a character counter; native textarea in both builds. */
export function TextAreaField({
  className,
  label,
  hint,
  note,
  error,
  value,
  onChange,
  placeholder,
  maxLength,
  minLength,
  disabled,
  rows = 4,
}: {
  className: string
  label: string
  hint?: string
  note?: string
  error?: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  maxLength: number
  minLength?: number
  disabled?: boolean
  rows?: number
}) {
  const length = value.trim().length
  const short = minLength !== undefined && length > 0 && length < minLength
  return (
    <FormField className={className} label={label} hint={hint} note={note} error={error}>
      <Textarea
        className={`org-textarea${disabled ? ' org-textarea--disabled' : ''}`}
        style={{ minHeight: `${rows * 1.7}em` }}
        value={value}
        placeholder={placeholder}
        maxlength={maxLength}
        disabled={disabled}
        autoHeight
        onInput={(event) => onChange(event.detail.value)}
      />
      <View className="org-counter">
        {minLength !== undefined ? (
          <Text className={`org-counter-min${short ? ' org-counter-min--short' : ''}`}>{ORG_STRINGS.common.minChars(minLength)}</Text>
        ) : null}
        <Text className="org-counter-count">{ORG_STRINGS.common.chars(length, maxLength)}</Text>
      </View>
    </FormField>
  )
}

/** A titled card inside a form page. */
export function Card({ className, title, hint, children }: { className: string; title?: string; hint?: string; children: ReactNode }) {
  return (
    <View className={`org-card ${className}`}>
      {title ? (
        <View className="org-card-head">
          <Text className="org-card-title">{title}</Text>
          {hint ? <Text className="org-card-hint">{hint}</Text> : null}
        </View>
      ) : null}
      {children}
    </View>
  )
}

/** Brings the first field marked red into view, once it has rendered. */
export function scrollToFirstError() {
  setTimeout(() => void Taro.pageScrollTo({ selector: '.form-field--invalid', duration: 200 }).catch(() => undefined), 50)
}
