import { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { PagedListBody, SkeletonList } from '../../../components/PagedListBody'
import { SignInPrompt } from '../../../components/SignInPrompt'
import { useMe } from '../../../hooks/useMe'
import { usePagedQuery } from '../../../hooks/usePagedQuery'
import { fetchMyRegistrations, type MyRegistration } from '../api'
import { RegistrationCard } from '../RegistrationCard'
import { EVENT_STRINGS } from '../strings'
import '../event.css'

const S = EVENT_STRINGS.mine

function List() {
  const list = usePagedQuery<MyRegistration>(fetchMyRegistrations, 'mine')
  // Back from a ticket or a notice: states and places in line as they are now.
  useDidShow(() => void list.refresh())
  return (
    <PagedListBody
      list={list}
      prefix="event-mine"
      className="event-mine-list"
      strings={{ errorTitle: S.errorTitle, empty: S.empty, emptyHint: S.emptyHint }}
      loading={<SkeletonList className="event-mine-loading" itemClassName="event-card" rows={3} />}
      footer={{ className: 'event-mine-footer' }}
    >
      {(r) => <RegistrationCard key={r.id} r={r} showEvent onChanged={() => void list.refresh()} />}
    </PagedListBody>
  )
}

/** 我的报名 (第二十条): my registrations and my organizations', newest first: state, place in line, cancel, ticket. */
export default function MyRegistrations() {
  const { status } = useMe()
  return <View className="page event event-mine">{status === 'signedOut' ? <SignInPrompt /> : <List />}</View>
}
