import { View } from '@tarojs/components'
import { ComingSoon } from '../../components/ComingSoon'

/** 活动 (第二十条): exchange events, sign-up and check-in for listed organizations. Not built yet. */
export default function EventsPage() {
  return (
    <View className="page">
      <ComingSoon section="events" />
    </View>
  )
}
