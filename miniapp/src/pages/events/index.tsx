import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { EVENT_STATE_LABELS, formatDateTime } from '@zlbg/shared'
import { fetchEventPage, type PublicEventRow } from '../../api/events'
import { PagedListBody, SkeletonList } from '../../components/PagedListBody'
import { usePagedQuery } from '../../hooks/usePagedQuery'
import { openPage, PAGES } from '../../navigation'
import { STRINGS } from '../../strings'
import './index.css'

const S = STRINGS.events

function EventCard({ e }: { e: PublicEventRow }) {
  const open = e.state === 'published'
  return (
    <View className={`event-card event-card--${e.state}`} data-id={e.id} onClick={() => openPage(`${PAGES.eventDetail}?id=${e.id}`)}>
      <View className="event-card-head">
        <Text className="event-card-title">{e.title}</Text>
        <Text className={`event-card-state event-card-state--${e.state}`}>{EVENT_STATE_LABELS[e.state]}</Text>
      </View>
      <Text className="event-card-meta">{formatDateTime(e.startsAt)}</Text>
      <Text className="event-card-meta">{e.mode === 'online' ? S.online : (e.place ?? '')}</Text>
      {open ? <Text className="event-card-seats">{S.seats(e.seatsLeft, e.capacity)}</Text> : null}
    </View>
  )
}

/** 活动 (第二十条): published exchange events, newest first; each opens its page (details, registering) in the event subpackage. */
export default function EventsPage() {
  const list = usePagedQuery<PublicEventRow>(fetchEventPage, '')
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
    <View className="page events-page">
      <View className="events-header">
        <Text className="events-heading">{S.heading}</Text>
        <Text className="events-intro">{S.intro}</Text>
        <Text className="events-mine-link" onClick={() => openPage(PAGES.eventMine)}>
          {`${S.mine} ›`}
        </Text>
      </View>
      <PagedListBody
        list={list}
        prefix="events-list"
        className="events-list"
        strings={S}
        loading={<SkeletonList className="events-list-loading" itemClassName="event-card" rows={3} count={2} />}
        footer={{ className: 'events-list-footer' }}
      >
        {(e) => <EventCard key={e.id} e={e} />}
      </PagedListBody>
    </View>
  )
}
