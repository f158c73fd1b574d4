import { View } from '@tarojs/components'
import { ComingSoon } from '../../components/ComingSoon'

/** 名单 (第十九条、第二十一条): the published list and removal announcements. Not built yet. */
export default function ListingPage() {
  return (
    <View className="page">
      <ComingSoon section="listing" />
    </View>
  )
}
