import { View } from '@tarojs/components'
import { Skeleton } from '../ui/nutui'
import './CallCard.css'

/** Placeholder cards while the first page loads. */
export function CallListSkeleton({ count = 3 }: { count?: number }) {
  return (
    <View className="call-list-loading">
      {Array.from({ length: count }, (_, i) => (
        <View key={i} className="call-card-skeleton">
          <Skeleton rows={3} size="small" animated />
        </View>
      ))}
    </View>
  )
}
