import { Text, View } from '@tarojs/components'
import { Cell } from '../../ui/nutui'

/** A tappable row with a title, an optional description and an arrow. */
export function LinkCell({
  className,
  title,
  description,
  onClick,
  isLast,
  badge,
  badgeClassName,
}: {
  className: string
  title: string
  description?: string
  onClick: () => void
  /** The last row of its group draws no divider under itself. */
  isLast?: boolean
  /** A count before the arrow (unread messages); nothing when absent. */
  badge?: string
  badgeClassName?: string
}) {
  return (
    <Cell
      className={`link-cell ${className}`}
      clickable
      isLast={isLast}
      onClick={onClick}
      title={
        <View className="link-cell-text">
          <Text className="link-cell-title">{title}</Text>
          {description ? <Text className="link-cell-description">{description}</Text> : null}
        </View>
      }
      extra={
        <View className="link-cell-extra">
          {badge ? <Text className={`link-cell-badge ${badgeClassName ?? ''}`}>{badge}</Text> : null}
          <Text className="link-cell-arrow">›</Text>
        </View>
      }
    />
  )
}
