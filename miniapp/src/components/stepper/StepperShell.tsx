import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { inShanghai } from '@zlbg/shared'
import type { AutosaveStatus } from '../../hooks/useAutosave'
import { Button } from '../../ui/nutui'
import './stepper.css'

export interface StepperStrings {
  stepOf: (step: number, total: number) => string
  saving: string
  savedAt: (time: string) => string
  unsaved: string
  saveFailed: (message: string) => string
  retrySave: string
  prev: string
  next: string
}

function SaveStatus({ status, strings, onRetry }: { status: AutosaveStatus; strings: StepperStrings; onRetry: () => void }) {
  if (status.kind === 'saving') return <Text className="stepper-save-status stepper-save-status--saving">{strings.saving}</Text>
  if (status.kind === 'saved') {
    return <Text className="stepper-save-status stepper-save-status--saved">{strings.savedAt(inShanghai(status.at).format('HH:mm'))}</Text>
  }
  if (status.kind === 'dirty') return <Text className="stepper-save-status stepper-save-status--dirty">{strings.unsaved}</Text>
  if (status.kind === 'error') {
    return (
      <Text className="stepper-save-status stepper-save-status--error" onClick={onRetry}>
        {`${strings.saveFailed(status.message)} · ${strings.retrySave}`}
      </Text>
    )
  }
  return null
}

/**
 * A stepped form's frame: the progress bar (each step clickable: ✓ complete, red with errors), the
 * save status, the current step, the actions under it and 上一步 / 下一步.
 * Hooks: `.stepper-step-<key>`, `.stepper-step--<current|done|invalid|todo>`, `.stepper-save-status--<kind>`,
 * `.<prefix>-prev`, `.<prefix>-next`.
 */
export function StepperShell<K extends string>({
  prefix,
  steps,
  labels,
  step,
  invalid,
  complete,
  saveStatus,
  strings,
  onPick,
  onRetrySave,
  onNext,
  header,
  actions,
  children,
}: {
  prefix: string
  steps: readonly K[]
  labels: readonly string[]
  step: number
  invalid: ReadonlySet<K>
  complete: ReadonlySet<K>
  saveStatus: AutosaveStatus
  strings: StepperStrings
  onPick: (index: number) => void
  onRetrySave: () => void
  onNext: () => void
  /** Above the progress bar: the form's heading and notices. */
  header?: ReactNode
  /** Under the step: errors and the submit button. */
  actions?: ReactNode
  /** The current step. */
  children: ReactNode
}) {
  return (
    <View className={`stepper ${prefix}-stepper`}>
      {header}
      <View className="stepper-progress">
        <View className="stepper-steps">
          {steps.map((key, index) => {
            const state = index === step ? 'current' : invalid.has(key) ? 'invalid' : complete.has(key) ? 'done' : 'todo'
            return (
              <View key={key} className={`stepper-step stepper-step-${key} stepper-step--${state}`} onClick={() => onPick(index)}>
                <Text className="stepper-step-dot">{state === 'done' ? '✓' : String(index + 1)}</Text>
                <Text className="stepper-step-label">{labels[index]}</Text>
              </View>
            )
          })}
        </View>
        <View className="stepper-status-row">
          <Text className="stepper-step-of">{strings.stepOf(step + 1, steps.length)}</Text>
          <SaveStatus status={saveStatus} strings={strings} onRetry={onRetrySave} />
        </View>
      </View>
      {children}
      {actions}
      <View className="stepper-nav">
        {step > 0 ? (
          <Button className={`${prefix}-prev`} fill="outline" onClick={() => onPick(step - 1)}>
            {strings.prev}
          </Button>
        ) : null}
        {step < steps.length - 1 ? (
          <Button className={`${prefix}-next`} type="primary" fill="outline" onClick={onNext}>
            {strings.next}
          </Button>
        ) : null}
      </View>
    </View>
  )
}
