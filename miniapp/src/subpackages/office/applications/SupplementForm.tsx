import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { SUPPLEMENT_SECTIONS, SUPPLEMENT_SECTION_LABELS, type SupplementSection } from '@zlbg/shared'
import { FormError, FormField } from '../../../components/FormField'
import { dayLabel, dayString, shanghaiToday } from '../../../format'
import { addDays, pickerDate } from '../dates'
import { Button } from '../../../ui/nutui'
import { Checkbox, DatePicker } from '../../../ui/nutui-office'
import { ReasonField } from '../components/ReasonField'
import { APPLICATIONS_STRINGS } from './strings'

const S = APPLICATIONS_STRINGS.review

export interface SupplementValues {
  sections: SupplementSection[]
  message: string
  /** The last day, YYYY-MM-DD in Asia/Shanghai; '' until picked. */
  deadline: string
}

export type SupplementErrors = Partial<Record<keyof SupplementValues, string>>


/** The picker opens on two weeks from today, a usual time to gather a document. */
const DEFAULT_DAYS = 14
const LATEST_DAYS = 180

/** `profile.iso9001` → `profile-iso9001`, for class names. */
export function sectionClass(section: SupplementSection): string {
  return section.replace(/\./g, '-')
}

/**
 * 要求补正 (第十五条): which parts to reopen, a message for the applicant and the last day.
 * Hooks: `.review-supplement-form`, `.review-supplement-sections` with `.review-supplement-section-<section>`,
 * `.review-supplement-message`, `.review-supplement-deadline` (`.review-supplement-deadline-value` opens
 * the picker), `.review-supplement-submit`, `.review-supplement-cancel`.
 */
export function SupplementForm({
  values,
  errors,
  formError,
  submitting,
  onChange,
  onSubmit,
  onCancel,
}: {
  values: SupplementValues
  errors: SupplementErrors
  formError: string | null
  submitting: boolean
  onChange: (values: SupplementValues) => void
  onSubmit: () => void
  onCancel: () => void
}) {
  const [picking, setPicking] = useState(false)
  const today = shanghaiToday()
  const initial = values.deadline || addDays(today, DEFAULT_DAYS)
  return (
    <View className="review-supplement-form">
      <Text className="review-supplement-form-title">{S.supplementFormTitle}</Text>
      <FormField className="review-supplement-sections" label={S.sectionsLabel} error={errors.sections}>
        <Checkbox.Group
          className="review-supplement-checks"
          value={values.sections}
          onChange={(next) => onChange({ ...values, sections: SUPPLEMENT_SECTIONS.filter((s) => next.includes(s)) })}
        >
          {SUPPLEMENT_SECTIONS.map((section) => (
            <Checkbox
              key={section}
              className={`review-supplement-section review-supplement-section-${sectionClass(section)}`}
              value={section}
              label={SUPPLEMENT_SECTION_LABELS[section]}
            />
          ))}
        </Checkbox.Group>
      </FormField>
      <ReasonField
        className="review-supplement-message"
        inputClassName="review-supplement-message-input"
        label={S.messageLabel}
        placeholder={S.messagePlaceholder}
        maxLength={500}
        value={values.message}
        error={errors.message}
        onChange={(message) => onChange({ ...values, message })}
        onClearError={() => undefined}
      />
      <FormField className="review-supplement-deadline" label={S.deadlineLabel} error={errors.deadline} hint={S.deadlineHint}>
        <View className="review-date-row" onClick={() => setPicking(true)}>
          <Text className={`review-supplement-deadline-value${values.deadline ? '' : ' review-date-value--empty'}`}>
            {values.deadline ? dayLabel(values.deadline) : S.pickDate}
          </Text>
          <Text className="review-date-caret">▾</Text>
        </View>
        <DatePicker
          className="review-supplement-deadline-picker"
          title={S.deadlineLabel}
          type="date"
          visible={picking}
          showChinese
          value={pickerDate(initial)}
          startDate={pickerDate(addDays(today, 1))}
          endDate={pickerDate(addDays(today, LATEST_DAYS))}
          onClose={() => setPicking(false)}
          onConfirm={(_options, picked) =>
            onChange({ ...values, deadline: dayString(Number(picked[0]), Number(picked[1]), Number(picked[2])) })
          }
        />
      </FormField>
      <FormError className="review-supplement-error" message={formError} />
      <View className="review-actions">
        <Button className="review-supplement-cancel" size="small" onClick={onCancel}>
          {S.cancel}
        </Button>
        <Button
          className="review-supplement-submit"
          size="small"
          type="primary"
          loading={submitting}
          disabled={submitting}
          onClick={onSubmit}
        >
          {S.supplementSubmit}
        </Button>
      </View>
    </View>
  )
}
