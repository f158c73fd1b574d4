import { useCallback, useMemo, useRef, useState } from 'react'
import Taro, { useDidHide, useUnload } from '@tarojs/taro'
import { toApiError } from '../../api/errors'
import { clearWithParents, errorsByPath } from '../../hooks/pathErrors'
import { useAutosave, type Autosave } from '../../hooks/useAutosave'

export interface StepperOptions<F, K extends string> {
  steps: readonly K[]
  /** Steps that only sum up the others (a last 核对 step): never marked complete. */
  summarySteps?: readonly K[]
  initial: () => F
  /** Every error the form has now, by dotted path (the shared schema's verdict plus local checks). */
  validate: (form: F) => Record<string, string>
  /** The step a path's field is on; null for a path no step shows. */
  stepOf: (path: string) => K | null
  /** Saves a draft (autosave, leaving a step or the page); throws an ApiError when refused. */
  save: (form: F) => Promise<void>
  /** False while the form is read-only: changes are ignored and nothing is saved. */
  editable: boolean
}

export interface Stepper<F, K extends string> {
  form: F
  /** Applies a change to the field at `path` (clearing its errors) and schedules a save. */
  update: (patch: Partial<F>, path: string) => void
  /** Errors shown next to the fields: from 下一步's check, a refused submit or a refused save. */
  errors: Record<string, string>
  setErrors: (errors: Record<string, string>) => void
  /** The form's own verdict right now. */
  allErrors: Record<string, string>
  step: number
  key: K
  goTo: (index: number) => void
  /** 下一步: the current step must pass its check first (read-only forms just move on). */
  next: () => boolean
  /** Steps showing errors. */
  invalid: ReadonlySet<K>
  /** Steps whose fields all pass. */
  complete: ReadonlySet<K>
  errorsOfStep: (key: K) => Record<string, string>
  /** How many fields of a step need changing: the form's own verdict and the errors shown. */
  problemsOf: (key: K) => number
  autosave: Autosave<F>
}

/**
 * A form in steps, saved as you go: the state every stepped form needs (the application form, the
 * expert's scoring form), with the step checks and the autosave wired the same way. The page draws it
 * with StepperShell and its own step components.
 */
export function useStepper<F, K extends string>(options: StepperOptions<F, K>): Stepper<F, K> {
  const { steps, summarySteps = [], validate, stepOf, editable } = options
  const [form, setForm] = useState<F>(options.initial)
  const [step, setStep] = useState(0)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const formRef = useRef(form)
  formRef.current = form

  const saveRef = useRef(options.save)
  saveRef.current = options.save
  // A refused draft names its fields as the form does (`title`, `attachments.0.attachmentId`): show them there.
  const autosave = useAutosave(async (value: F) => {
    try {
      await saveRef.current(value)
    } catch (e) {
      const fields = toApiError(e).fields
      if (fields.length > 0) setErrors((prev) => ({ ...prev, ...errorsByPath(fields) }))
      throw e
    }
  })
  useDidHide(() => void autosave.flush())
  useUnload(() => void autosave.flush())

  const allErrors = useMemo(() => validate(form), [form, validate])
  const errorsOfStep = useCallback(
    (key: K) => Object.fromEntries(Object.entries(allErrors).filter(([path]) => stepOf(path) === key)),
    [allErrors, stepOf],
  )
  // A step is marked red while it shows errors (from 下一步, a refused submit or save); editing a field clears its own.
  const invalid = useMemo(() => {
    const marked = new Set<K>()
    for (const path of Object.keys(errors)) {
      const key = stepOf(path)
      if (key) marked.add(key)
    }
    return marked
  }, [errors, stepOf])
  const problemsOf = useCallback(
    (key: K) => new Set([...Object.keys(errorsOfStep(key)), ...Object.keys(errors).filter((path) => stepOf(path) === key)]).size,
    [errors, errorsOfStep, stepOf],
  )
  const complete = useMemo(
    () => new Set(steps.filter((key) => !summarySteps.includes(key) && Object.keys(errorsOfStep(key)).length === 0)),
    [steps, summarySteps, errorsOfStep],
  )

  const update = (patch: Partial<F>, path: string) => {
    if (!editable) return
    const changed = { ...formRef.current, ...patch }
    formRef.current = changed
    setForm(changed)
    autosave.schedule(changed)
    setErrors((prev) => clearWithParents(prev, path))
  }

  const goTo = (index: number) => {
    void autosave.flush()
    setStep(Math.max(0, Math.min(steps.length - 1, index)))
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  }

  const next = () => {
    const mine = errorsOfStep(steps[step]!)
    if (Object.keys(mine).length > 0 && editable) {
      // The steps can still be opened from the progress bar; 下一步 wants this one complete.
      setErrors((prev) => ({ ...prev, ...mine }))
      return false
    }
    goTo(step + 1)
    return true
  }

  return { form, update, errors, setErrors, allErrors, step, key: steps[step]!, goTo, next, invalid, complete, errorsOfStep, problemsOf, autosave }
}
