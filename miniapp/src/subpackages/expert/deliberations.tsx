import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { DELIBERATION_STATE_LABELS, REVIEW_ROUND_LABELS, formatDateTime } from '@zlbg/shared'
import { EmptyState } from '../../components/EmptyState'
import { ExpertLoadStates } from './ExpertLoadStates'
import { SignInPrompt } from '../../components/SignInPrompt'
import { useLoaded } from '../../hooks/useLoaded'
import { useMe } from '../../hooks/useMe'
import { openPage, PAGES } from '../../navigation'
import { fetchMyDeliberations } from './signApi'
import './expert.css'

/** 合议签署: the records of the calls the person chairs or vice-chairs, those to sign first (第十一条). */
export default function ExpertDeliberations() {
  const { status: meStatus, me } = useMe()
  const loaded = useLoaded(() => fetchMyDeliberations(), me?.roles.includes('expert') ? 'mine' : undefined)
  useDidShow(() => void loaded.refresh())
  if (meStatus === 'signedOut') return <SignInPrompt />
  return (
    <View className="page expert expert-deliberations">
      {loaded.data ? (
        loaded.data.items.length ? (
          loaded.data.items.map((d) => (
            <View key={d.id} className="expert-card expert-deliberation-row" data-deliberation-id={d.id} onClick={() => openPage(`${PAGES.expertDeliberation}?id=${d.id}`)}>
              <Text className="expert-card-title">{`${REVIEW_ROUND_LABELS[d.round]}合议 · ${d.date}`}</Text>
              <View className="expert-meta">
                <Text className={`expert-badge${d.state === 'draft' ? ' expert-badge--state' : ''}`}>{DELIBERATION_STATE_LABELS[d.state]}</Text>
                <Text>{d.callTitle}</Text>
                <Text>{`${d.applications} 件申报`}</Text>
                {d.signedAt ? <Text>{`签署于 ${formatDateTime(d.signedAt)}`}</Text> : null}
              </View>
            </View>
          ))
        ) : (
          <EmptyState kind="empty" className="expert-deliberations-empty" title="暂无合议记录" description="办公室记录合议后，主任委员、副主任委员在这里签署" />
        )
      ) : (
        <ExpertLoadStates
          loaded={loaded}
          rows={[3, 3]}
          strings={{ notFoundTitle: '暂无合议记录', notFoundDescription: '', errorTitle: '合议记录加载失败' }}
        />
      )}
    </View>
  )
}
