import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PagedListBody, SkeletonList } from '../../components/PagedListBody'
import { PublicityCard } from '../../components/PublicityCard'
import { useNow } from '../../hooks/useNow'
import { usePublicityList } from '../../hooks/usePublicity'
import { STRINGS } from '../../strings'
import './index.css'

/** 公示 (第十八条): open and recent publicity lists, newest first; 提出异议 on each entry while its window is open. */
export default function PublicityPage() {
  const list = usePublicityList()
  const now = useNow()
  // Back on the tab (after filing an objection, or hours later): the lists as they are now.
  useDidShow(() => {
    if (list.status === 'ready') void list.refresh()
  })
  usePullDownRefresh(() => {
    void list.refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void list.loadMore()
  })

  return (
    <View className="page publicity-page">
      <View className="publicity-header">
        <Text className="publicity-heading">{STRINGS.publicity.heading}</Text>
        <Text className="publicity-intro">{STRINGS.publicity.intro}</Text>
      </View>
      <PagedListBody
        list={list}
        prefix="publicity-list"
        className="publicity-list"
        strings={STRINGS.publicity}
        loading={<SkeletonList className="publicity-list-loading" itemClassName="publicity-card-skeleton" rows={4} count={2} />}
        footer={{ className: 'publicity-list-footer' }}
      >
        {(item) => <PublicityCard key={item.id} list={item} now={now} compact />}
      </PagedListBody>
    </View>
  )
}
