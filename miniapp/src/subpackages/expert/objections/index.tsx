import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { OBJECTION_STATE_LABELS, formatDateTime } from '@zlbg/shared'
import { EmptyState } from '../../../components/EmptyState'
import { ExpertLoadStates } from '../ExpertLoadStates'
import { SignInPrompt } from '../../../components/SignInPrompt'
import { useLoaded } from '../../../hooks/useLoaded'
import { useMe } from '../../../hooks/useMe'
import { openPage, PAGES } from '../../../navigation'
import { fetchObjectionsToDecide } from './api'
import '../expert.css'

/** 异议审议: objections the office put to the committee of a call the person chairs or vice-chairs, those to decide first (第十八条). */
export default function ExpertObjections() {
  const { status: meStatus, me } = useMe()
  const loaded = useLoaded(() => fetchObjectionsToDecide(), me?.roles.includes('expert') ? 'mine' : undefined)
  useDidShow(() => void loaded.refresh())
  if (meStatus === 'signedOut') return <SignInPrompt />
  return (
    <View className="page expert expert-objections">
      {loaded.data ? (
        loaded.data.items.length ? (
          loaded.data.items.map((o) => (
            <View key={o.id} className="expert-card expert-objection-row" data-objection-id={o.id} onClick={() => openPage(`${PAGES.expertObjection}?id=${o.id}`)}>
              <Text className="expert-card-title">{`${o.entry.organizationName}《${o.entry.title}》`}</Text>
              <View className="expert-meta">
                <Text className={`expert-badge${o.canDecide ? ' expert-badge--state' : ''}`}>{o.canDecide ? '待决定' : OBJECTION_STATE_LABELS[o.state]}</Text>
                <Text>{o.entry.callTitle}</Text>
                <Text>{`收到于 ${formatDateTime(o.filedAt)}`}</Text>
              </View>
            </View>
          ))
        ) : (
          <EmptyState kind="empty" className="expert-objections-empty" title="暂无待审议的异议" description="办公室调查核实后报评审委员会审议的异议会列在这里" />
        )
      ) : (
        <ExpertLoadStates
          loaded={loaded}
          rows={[3, 3]}
          strings={{ notFoundTitle: '暂无待审议的异议', notFoundDescription: '', errorTitle: '异议加载失败' }}
        />
      )}
    </View>
  )
}
