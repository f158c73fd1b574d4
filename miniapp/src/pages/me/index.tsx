import { View } from '@tarojs/components'
import { ComingSoon } from '../../components/ComingSoon'

/** 我的: login, organization profile, applications and review tasks. Not built yet. */
export default function MePage() {
  return (
    <View className="page">
      <ComingSoon section="me" />
    </View>
  )
}
