import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CallCard } from '../../components/CallCard'
import { PagedListBody, SkeletonList } from '../../components/PagedListBody'
import { useCallList } from '../../hooks/useCallList'
import { STRINGS } from '../../strings'
import './index.css'

/** 首页: the published calls (征集通知), newest first. */
export default function IndexPage() {
  const list = useCallList()

  usePullDownRefresh(() => {
    void list.refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void list.loadMore()
  })

  return (
    <View className="page home">
      <View className="home-header">
        <Text className="home-title">{STRINGS.callList.heading}</Text>
        <Text className="home-intro">{STRINGS.callList.intro}</Text>
      </View>
      <PagedListBody
        list={list}
        prefix="call-list"
        className="call-list"
        strings={STRINGS.callList}
        loading={<SkeletonList className="call-list-loading" itemClassName="call-card-skeleton" rows={3} />}
        footer={{ className: 'call-list-footer' }}
      >
        {(call) => <CallCard key={call.id} call={call} />}
      </PagedListBody>
    </View>
  )
}
