import { useCallback, useRef, useState } from 'react'
import type { z } from 'zod'
import { fieldErrors, type FieldError } from '@zlbg/shared'
import { toApiError, type ApiError } from '../api/errors'

export type FieldErrors = Record<string, string>

/**
 * Field errors keyed by the form's own field names: a path like `roles.0` belongs to `roles`.
 * Errors for paths the form does not show come back as `rest`. Pure, for plain Jest.
 */
export function groupFieldErrors(errors: readonly FieldError[], fields: readonly string[]): { byField: FieldErrors; rest: string[] } {
  const byField: FieldErrors = {}
  const rest: string[] = []
  for (const { path, message } of errors) {
    const field = fields.find((name) => path === name || path.startsWith(`${name}.`))
    if (field === undefined) rest.push(message)
    else byField[field] ??= message
  }
  return { byField, rest }
}

export interface FormOptions<V extends Record<string, string | string[]>, S extends z.ZodType> {
  initial: V
  /** The shared contract's schema: the same one the server validates the request with. */
  schema: S
  /** Form values → the schema's input (e.g. '' → undefined for optional fields). */
  prepare?: (values: V) => unknown
  /** Checks the schema cannot make (e.g. "repeat the password"), as field → message. */
  check?: (values: V) => Partial<Record<string, string>>
  send: (data: z.output<S>) => Promise<void>
  /** Server error codes that belong to one field, e.g. USERNAME_TAKEN → username. */
  codeFields?: Partial<Record<string, keyof V & string>>
  /** The form-level message for a server error; defaults to its own message. */
  describeError?: (error: ApiError) => string
}

/** What a text field needs from its form: the value, its error, and how to change it. */
export interface FieldBinding {
  value: string
  error?: string
  onChange: (value: string) => void
}

type TextKey<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string

export interface FormState<V extends Record<string, string | string[]>> {
  values: V
  set: <K extends keyof V>(key: K, value: V[K]) => void
  /** Spread onto a TextField: `<TextField {...form.field('login')} />`. */
  field: (key: TextKey<V>) => FieldBinding
  errors: FieldErrors
  /** A message for the whole form (a server error not tied to one field). */
  formError: string | null
  submitting: boolean
  /** Validates with the schema, then sends; resolves true when sent successfully. */
  submit: () => Promise<boolean>
  reset: () => void
}

/**
 * A form validated by the shared zod schema before anything is sent; a VALIDATION_FAILED answer's
 * `fields` (already in Chinese) land next to the same fields.
 */
export function useForm<V extends Record<string, string | string[]>, S extends z.ZodType>(
  options: FormOptions<V, S>,
): FormState<V> {
  const [values, setValues] = useState<V>(options.initial)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const busy = useRef(false)
  const optionsRef = useRef(options)
  optionsRef.current = options
  const valuesRef = useRef(values)
  valuesRef.current = values

  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => {
    setValues((prev) => ({ ...prev, [key]: value }))
    setErrors((prev) => {
      if (!(key in prev)) return prev
      const next = { ...prev }
      delete next[key as string]
      return next
    })
    setFormError(null)
  }, [])

  const submit = useCallback(async () => {
    if (busy.current) return false
    const { schema, prepare, check, send, codeFields, describeError, initial } = optionsRef.current
    const current = valuesRef.current
    const fields = Object.keys(initial)
    const parsed = schema.safeParse(prepare ? prepare(current) : current)
    const local: FieldErrors = {}
    for (const [field, message] of Object.entries(check ? check(current) : {})) if (message) local[field] = message
    if (!parsed.success || Object.keys(local).length > 0) {
      const grouped = parsed.success ? { byField: {}, rest: [] } : groupFieldErrors(fieldErrors(parsed.error), fields)
      setErrors({ ...grouped.byField, ...local })
      setFormError(grouped.rest[0] ?? null)
      return false
    }
    busy.current = true
    setSubmitting(true)
    setErrors({})
    setFormError(null)
    try {
      await send(parsed.data)
      return true
    } catch (e) {
      const error = toApiError(e)
      const field = codeFields?.[error.code]
      if (error.code === 'VALIDATION_FAILED' && error.fields.length > 0) {
        const grouped = groupFieldErrors(error.fields, fields)
        setErrors(grouped.byField)
        setFormError(grouped.rest[0] ?? (Object.keys(grouped.byField).length ? null : error.message))
      } else if (field) {
        setErrors({ [field]: error.message })
      } else {
        setFormError(describeError ? describeError(error) : error.message)
      }
      return false
    } finally {
      busy.current = false
      setSubmitting(false)
    }
  }, [])

  const reset = useCallback(() => {
    setValues(optionsRef.current.initial)
    setErrors({})
    setFormError(null)
  }, [])

  const field = (key: TextKey<V>): FieldBinding => ({
    value: values[key] as string,
    error: errors[key],
    onChange: (value) => set(key, value as V[typeof key]),
  })

  return { values, set, field, errors, formError, submitting, submit, reset }
}
