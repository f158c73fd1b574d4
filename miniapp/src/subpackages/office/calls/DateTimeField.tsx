import { useState } from 'react'
import { View } from '@tarojs/components'
import { inShanghai } from '@zlbg/shared'
import { FormField } from '../../../components/FormField'
import { Button, Input } from '../../../ui/nutui'
import { DatePicker } from '../../../ui/nutui-office'
import { pickedDateTime, shanghaiInstant } from './form'
import { CALL_STRINGS } from './strings'

const F = CALL_STRINGS.form

/**
 * The picker shows wall-clock columns only, so a local Date carrying Beijing's year, month, day, hour
 * and minute puts it on the right values whatever the device's own time zone.
 */
function pickerDate(text: string, fallback: string): Date {
  const instant = shanghaiInstant(text) ?? shanghaiInstant(fallback) ?? new Date().toISOString()
  const t = inShanghai(instant)
  return new Date(t.year(), t.month(), t.date(), t.hour(), t.minute())
}

const FIRST_YEAR = 2020

/**
 * A date and time in Beijing time (`2027-03-01 09:00`): typed, or chosen with NutUI's picker.
 * Hooks: `.<className>` on the field, its input, `.<className>-pick` opens the picker.
 */
export function DateTimeField({
  className,
  label,
  value,
  error,
  note,
  fallback = '',
  disabled,
  onChange,
}: {
  className: string
  label: string
  value: string
  error?: string
  note?: string
  /** Where the picker starts when the field is empty (the end of a stage starts from its start). */
  fallback?: string
  disabled?: boolean
  onChange: (value: string) => void
}) {
  const [open, setOpen] = useState(false)
  const lastYear = new Date().getFullYear() + 10
  return (
    <FormField className={`call-datetime ${className}`} label={label} note={note} error={error}>
      <View className="call-datetime-row">
        <Input
          className="form-input call-datetime-input"
          value={value}
          placeholder={F.dateTimePlaceholder}
          maxLength={16}
          disabled={disabled}
          clearable
          onChange={onChange}
        />
        {disabled ? null : (
          <Button className={`call-datetime-pick ${className}-pick`} size="small" type="primary" fill="outline" onClick={() => setOpen(true)}>
            {F.pick}
          </Button>
        )}
      </View>
      {open ? (
        <DatePicker
          className={`${className}-picker`}
          title={label}
          type="datetime"
          visible
          showChinese
          value={pickerDate(value, fallback)}
          startDate={new Date(FIRST_YEAR, 0, 1)}
          endDate={new Date(lastYear, 11, 31, 23, 59)}
          onClose={() => setOpen(false)}
          onConfirm={(_options, values) => onChange(pickedDateTime(values))}
        />
      ) : null}
    </FormField>
  )
}
