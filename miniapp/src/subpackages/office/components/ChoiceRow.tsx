import { Text, View } from '@tarojs/components'
import { Radio } from '../../../ui/nutui-office'

export interface Choice<T extends string> {
  value: T
  label: string
}

/**
 * A filter with a handful of values (角色, 状态) as NutUI button-shaped radios; '' is 全部.
 * Hooks: `.<prefix>` for the row, `.<prefix>-<value || all>` for each choice.
 */
export function ChoiceRow<T extends string>({
  prefix,
  label,
  choices,
  value,
  onChange,
}: {
  prefix: string
  label: string
  choices: readonly Choice<T>[]
  value: T
  onChange: (value: T) => void
}) {
  return (
    <View className={`choice-row ${prefix}`}>
      <Text className="choice-row-label">{label}</Text>
      <Radio.Group
        className="choice-row-group"
        direction="horizontal"
        shape="button"
        value={value || 'all'}
        onChange={(next) => onChange((next === 'all' ? '' : String(next)) as T)}
      >
        {choices.map((choice) => (
          <Radio key={choice.value || 'all'} className={`choice-chip ${prefix}-${choice.value || 'all'}`} shape="button" value={choice.value || 'all'}>
            {choice.label}
          </Radio>
        ))}
      </Radio.Group>
    </View>
  )
}
