import { Text, View } from '@tarojs/components'
import { FormField, TextField } from '../../../../components/FormField'
import { errorAt } from '../../../../hooks/pathErrors'
import { Button, Input } from '../../../../ui/nutui'
import { Card } from '../../components'
import { ORG_STRINGS } from '../../strings'
import { comparisonYears, emptyRow, type ComparisonForm } from '../content'
import type { StepProps } from './types'

const S = ORG_STRINGS.edit

/** 对标数据: up to 30 indicators, the organization's own values by year against a competitor and a benchmark. */
export function ComparisonStep({ form, errors, update, readOnly, callYear }: StepProps & { callYear: number }) {
  const years = comparisonYears(callYear, form.comparison)
  return (
    <Card className="edit-comparison" title={S.steps[2]} hint={S.comparisonIntro}>
      {form.comparison.map((row, index) => (
        <ComparisonRowFields
          key={index}
          index={index}
          row={row}
          years={years}
          errors={errors}
          disabled={readOnly('comparison')}
          onChange={(nextRow, path) => update({ comparison: form.comparison.map((r, i) => (i === index ? nextRow : r)) }, path)}
          onRemove={() => update({ comparison: form.comparison.filter((_, i) => i !== index) }, 'comparison')}
        />
      ))}
      {errors.comparison ? <Text className="form-field-error application-comparison-error">{errors.comparison}</Text> : null}
      {readOnly('comparison') || form.comparison.length >= 30 ? null : (
        <Button
          className="comparison-add"
          size="small"
          type="primary"
          fill="outline"
          onClick={() => update({ comparison: [...form.comparison, emptyRow()] }, 'comparison')}
        >
          {S.addRow}
        </Button>
      )}
    </Card>
  )
}

function ComparisonRowFields({
  index,
  row,
  years,
  errors,
  disabled,
  onChange,
  onRemove,
}: {
  index: number
  row: ComparisonForm
  years: readonly number[]
  errors: Record<string, string>
  disabled: boolean
  onChange: (row: ComparisonForm, path: string) => void
  onRemove: () => void
}) {
  const p = `comparison.${index}`
  const peer = (side: 'competitor' | 'benchmark', label: string) => (
    <FormField className={`comparison-peer comparison-${side}`} label={label} error={errorAt(errors, `${p}.${side}`)}>
      <View className="comparison-pair">
        <Input
          className={`comparison-${side}-name`}
          value={row[side].name}
          placeholder={S.peerName}
          maxLength={60}
          disabled={disabled}
          onChange={(v) => onChange({ ...row, [side]: { ...row[side], name: v } }, `${p}.${side}`)}
        />
        <Input
          className={`comparison-${side}-value`}
          type="digit"
          value={row[side].value}
          placeholder={S.peerValue}
          maxLength={16}
          disabled={disabled}
          onChange={(v) => onChange({ ...row, [side]: { ...row[side], value: v } }, `${p}.${side}`)}
        />
      </View>
    </FormField>
  )
  return (
    <View className={`comparison-row comparison-row-${index}`}>
      <View className="comparison-row-head">
        <Text className="comparison-row-title">{S.row(index + 1)}</Text>
        {disabled ? null : (
          <Button className="comparison-row-remove" size="small" fill="none" onClick={onRemove}>
            {S.removeRow}
          </Button>
        )}
      </View>
      <View className="comparison-pair">
        <TextField
          className="comparison-indicator"
          label={S.indicator}
          placeholder={S.indicatorPlaceholder}
          maxLength={60}
          disabled={disabled}
          value={row.indicator}
          error={errorAt(errors, `${p}.indicator`)}
          onChange={(v) => onChange({ ...row, indicator: v }, `${p}.indicator`)}
        />
      </View>
      <TextField
        className="comparison-unit"
        label={S.unit}
        placeholder={S.unitPlaceholder}
        maxLength={20}
        disabled={disabled}
        value={row.unit}
        error={errorAt(errors, `${p}.unit`)}
        onChange={(v) => onChange({ ...row, unit: v }, `${p}.unit`)}
      />
      <FormField className="comparison-own" label={S.own} error={errorAt(errors, `${p}.own`)}>
        <View className="comparison-years">
          {years.map((year) => (
            <View key={year} className={`comparison-year comparison-own-${year}`}>
              <Text className="comparison-year-label">{S.ownYear(year)}</Text>
              <Input
                type="digit"
                value={row.own[year] ?? ''}
                maxLength={16}
                disabled={disabled}
                onChange={(v) => onChange({ ...row, own: { ...row.own, [year]: v } }, `${p}.own`)}
              />
            </View>
          ))}
        </View>
      </FormField>
      {peer('competitor', S.competitor)}
      {peer('benchmark', S.benchmark)}
      <TextField
        className="comparison-source"
        label={S.source}
        placeholder={S.sourcePlaceholder}
        maxLength={200}
        disabled={disabled}
        value={row.source}
        error={errorAt(errors, `${p}.source`)}
        onChange={(v) => onChange({ ...row, source: v }, `${p}.source`)}
      />
    </View>
  )
}
