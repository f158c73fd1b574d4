import { useCallback, useRef, useState } from 'react'
import { CallDraftSchema, fieldErrors, type FieldError } from '@zlbg/shared'
import type { ApiError } from '../../../api/errors'
import type { CallDraftBody } from '../../../api/officeCalls'
import { formToDraft, placeErrors, type CallFormValues, type RowMaps } from './form'

export interface ValidDraft {
  body: CallDraftBody
  rows: RowMaps
}

export interface CallFormState {
  values: CallFormValues
  /** Changes the values; errors at `path` (and above or below it) go, as the person is fixing them. */
  update: (path: string, change: (values: CallFormValues) => CallFormValues) => void
  /** Errors keyed by the path of the field that shows them (`keyFields.0.title`, `schedule`, …). */
  errors: Record<string, string>
  formError: string | null
  /** Whether the values differ from what was last loaded or saved. */
  dirty: boolean
  /** Checks the values with the shared CallDraftSchema (the server's own check); null when invalid. */
  validate: () => ValidDraft | null
  /** Shows errors the server answered (VALIDATION_FAILED `fields`, or its message for the whole form). */
  showServerError: (error: ApiError, rows: RowMaps) => void
  /** Shows field errors of the saved call (publishing's own check), under the same fields. */
  showFieldErrors: (errors: readonly FieldError[]) => void
  /** Starts over from these values (the server's answer after a save). */
  reset: (values: CallFormValues) => void
}

const NO_ROWS: RowMaps = { keyFields: [], schedule: [], qualityMethods: [] }

function draftKey(values: CallFormValues): string {
  return JSON.stringify(formToDraft(values).draft)
}

function related(key: string, path: string): boolean {
  return key === path || key.startsWith(`${path}.`) || path.startsWith(`${key}.`)
}

/**
 * The call editor's state. Like useForm, it validates with the shared schema before anything is sent
 * and puts the server's field errors under the same fields; unlike it, it holds lists of rows and
 * keys errors by full path, so an error lands under the row it belongs to.
 */
export function useCallForm(initial: CallFormValues): CallFormState {
  const [values, setValues] = useState(initial)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [baseline, setBaseline] = useState(() => draftKey(initial))
  const valuesRef = useRef(values)
  valuesRef.current = values

  const update = useCallback((path: string, change: (values: CallFormValues) => CallFormValues) => {
    setValues(change)
    setErrors((prev) => {
      const keys = Object.keys(prev).filter((key) => related(key, path))
      if (keys.length === 0) return prev
      const next = { ...prev }
      for (const key of keys) delete next[key]
      return next
    })
    setFormError(null)
  }, [])

  const show = useCallback((list: readonly FieldError[], rows: RowMaps) => {
    const placed = placeErrors(list, valuesRef.current, rows)
    setErrors(placed.byPath)
    setFormError(placed.rest[0] ?? null)
  }, [])

  const validate = useCallback((): ValidDraft | null => {
    const { draft, local, rows } = formToDraft(valuesRef.current)
    const parsed = CallDraftSchema.safeParse(draft)
    // A date-time that is not one says so itself, not as the schema's "invalid ISO date".
    const localPaths = new Set(local.map((e) => e.path))
    const schemaErrors = parsed.success ? [] : fieldErrors(parsed.error).filter((e) => !localPaths.has(e.path))
    if (local.length > 0 || !parsed.success) {
      show([...local, ...schemaErrors], rows)
      return null
    }
    setErrors({})
    setFormError(null)
    return { body: parsed.data, rows }
  }, [show])

  const showServerError = useCallback(
    (error: ApiError, rows: RowMaps) => {
      if (error.code === 'VALIDATION_FAILED' && error.fields.length > 0) {
        show(error.fields, rows)
        return
      }
      setErrors({})
      setFormError(error.message)
    },
    [show],
  )

  const showFieldErrors = useCallback((list: readonly FieldError[]) => show(list, NO_ROWS), [show])

  const reset = useCallback((next: CallFormValues) => {
    setValues(next)
    setBaseline(draftKey(next))
    setErrors({})
    setFormError(null)
  }, [])

  return {
    values,
    update,
    errors,
    formError,
    dirty: draftKey(values) !== baseline,
    validate,
    showServerError,
    showFieldErrors,
    reset,
  }
}
