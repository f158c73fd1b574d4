import { Text, View } from '@tarojs/components'

/**
 * Tappable chips for choosing people or groups: one (`multiple` false) or several. Hooks:
 * `.<prefix>` for the row, `.chip` for each (`.chip--on` when chosen) with `data-value`.
 */
export function Chips({
  prefix,
  options,
  value,
  onChange,
  multiple = false,
}: {
  prefix: string
  options: readonly { value: string; label: string }[]
  value: readonly string[]
  onChange: (value: string[]) => void
  multiple?: boolean
}) {
  const toggle = (v: string) => {
    if (!multiple) onChange([v])
    else onChange(value.includes(v) ? value.filter((x) => x !== v) : [...value, v])
  }
  return (
    <View className={`chips ${prefix}`}>
      {options.map((o) => (
        <Text key={o.value} className={`chip${value.includes(o.value) ? ' chip--on' : ''}`} data-value={o.value} onClick={() => toggle(o.value)}>
          {o.label}
        </Text>
      ))}
    </View>
  )
}
