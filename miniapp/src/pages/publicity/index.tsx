import { View } from '@tarojs/components'
import { ComingSoon } from '../../components/ComingSoon'

/** 公示 (第十八条): the recommended list during its 5-working-day publicity window, with objections. Not built yet. */
export default function PublicityPage() {
  return (
    <View className="page">
      <ComingSoon section="publicity" />
    </View>
  )
}
