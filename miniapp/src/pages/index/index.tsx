import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CallCard } from '../../components/CallCard'
import { CallListSkeleton } from '../../components/CallListSkeleton'
import { EmptyState } from '../../components/EmptyState'
import { useCallList, type CallListState } from '../../hooks/useCallList'
import { STRINGS } from '../../strings'
import { Button } from '../../ui/nutui'
import './index.css'

function ListFooter({ list }: { list: CallListState }) {
  if (list.hasMore) {
    return (
      <View className="call-list-footer">
        <Button
          className="call-list-load-more"
          fill="none"
          size="small"
          loading={list.loadingMore}
          disabled={list.loadingMore}
          onClick={() => void list.loadMore()}
        >
          {list.loadingMore ? STRINGS.callList.loadingMore : STRINGS.callList.loadMore}
        </Button>
      </View>
    )
  }
  return (
    <View className="call-list-footer">
      <Text className="call-list-end">{STRINGS.callList.noMore}</Text>
    </View>
  )
}

function CallListBody({ list }: { list: CallListState }) {
  if (list.status === 'loading') return <CallListSkeleton />
  if (list.status === 'error') {
    return (
      <EmptyState
        kind="error"
        className="call-list-error"
        title={STRINGS.callList.errorTitle}
        description={list.error?.message ?? STRINGS.network.failed}
        action={{ text: STRINGS.common.retry, className: 'call-list-retry', onClick: () => void list.reload() }}
      />
    )
  }
  if (list.items.length === 0) {
    return (
      <EmptyState
        kind="empty"
        className="call-list-empty"
        title={STRINGS.callList.empty}
        description={STRINGS.callList.emptyHint}
      />
    )
  }
  return (
    <View className="call-list">
      {list.items.map((call) => (
        <CallCard key={call.id} call={call} />
      ))}
      <ListFooter list={list} />
    </View>
  )
}

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
      <CallListBody list={list} />
    </View>
  )
}
