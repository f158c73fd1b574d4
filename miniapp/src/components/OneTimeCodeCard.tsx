import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatDateTime } from '@zlbg/shared'
import { STRINGS } from '../strings'
import { Button } from '../ui/nutui'
import './OneTimeCodeCard.css'

/**
 * A one-time code (account invite, bind code, organization invite) with its expiry in Shanghai
 * time and a copy button. Hooks inside `className`: `.one-time-code`, `.one-time-code-expiry`,
 * `.one-time-code-copy`.
 */
export function OneTimeCodeCard({
  title,
  code,
  expiresAt,
  note,
  className,
}: {
  title: string
  code: string
  expiresAt: string
  note?: string
  className: string
}) {
  return (
    <View className={`one-time-code-card ${className}`}>
      <Text className="one-time-code-title">{title}</Text>
      <Text className="one-time-code" userSelect>
        {code}
      </Text>
      <Text className="one-time-code-expiry">{STRINGS.common.expiresAt(formatDateTime(expiresAt))}</Text>
      <View className="one-time-code-actions">
        <Button
          className="one-time-code-copy"
          size="small"
          type="primary"
          fill="outline"
          onClick={() => void Taro.setClipboardData({ data: code })}
        >
          {STRINGS.common.copy}
        </Button>
      </View>
      {note ? <Text className="one-time-code-note">{note}</Text> : null}
    </View>
  )
}
