import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { OBJECTION_STATE_LABELS, formatDateTime } from '@zlbg/shared'
import { PagedListBody, SkeletonList } from '../../../components/PagedListBody'
import { SignInPrompt } from '../../../components/SignInPrompt'
import { useMe } from '../../../hooks/useMe'
import { usePagedQuery } from '../../../hooks/usePagedQuery'
import { openPage, PAGES } from '../../../navigation'
import { fetchMyObjections, type MyObjectionRow } from '../api'
import { OBJECTION_STRINGS } from '../strings'
import '../objection.css'

const S = OBJECTION_STRINGS.mine

/** 我的异议: receipt numbers and states, newest first (the filer's alone). */
function List() {
  const list = usePagedQuery<MyObjectionRow>(fetchMyObjections, 'mine')
  useDidShow(() => void list.reload())
  return (
    <PagedListBody
      list={list}
      prefix="objection-mine"
      className="objection-mine-list"
      strings={{ errorTitle: S.errorTitle, empty: S.empty, emptyHint: S.emptyHint }}
      loading={<SkeletonList className="objection-mine-loading" itemClassName="objection-row" rows={2} />}
      footer={{ className: 'objection-mine-footer' }}
    >
      {(o) => (
        <View key={o.id} className="objection-row objection-mine-row" data-receipt={o.receiptNumber} onClick={() => openPage(`${PAGES.objectionDetail}?id=${o.id}`)}>
          <Text className="objection-card-title">{o.entry.organizationName}</Text>
          <Text className="objection-meta">{`《${o.entry.title}》`}</Text>
          <Text className="objection-meta objection-mine-receipt">{`受理编号 ${o.receiptNumber}`}</Text>
          <Text className="objection-meta">{S.filedAt(formatDateTime(o.filedAt))}</Text>
          <Text className="objection-state objection-mine-state">{OBJECTION_STATE_LABELS[o.state]}</Text>
        </View>
      )}
    </PagedListBody>
  )
}

export default function MyObjections() {
  const { status } = useMe()
  return <View className="page objection objection-mine">{status === 'signedOut' ? <SignInPrompt /> : <List />}</View>
}
