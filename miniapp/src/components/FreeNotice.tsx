import { Text, View } from '@tarojs/components'
import { FREE_OF_CHARGE_STATEMENT } from '@zlbg/shared'
import { STRINGS } from '../strings'
import './FreeNotice.css'

/** 第三条: applying is free. Shown with every call, from the shared constant so it cannot drift. */
export function FreeNotice() {
  return (
    <View className="free-notice">
      <View className="free-notice-head">
        <Text className="free-notice-title">{STRINGS.callDetail.freeNoticeTitle}</Text>
        <Text className="free-notice-article">{STRINGS.callDetail.freeNoticeArticle}</Text>
      </View>
      <Text className="free-notice-text">{FREE_OF_CHARGE_STATEMENT}</Text>
    </View>
  )
}
