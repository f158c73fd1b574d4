import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { OBJECTION_STATE_LABELS, ObjectionIdParamsSchema, formatDateTime } from '@zlbg/shared'
import { LoadStates } from '../../../components/LoadStates'
import { SignInPrompt } from '../../../components/SignInPrompt'
import { useLoaded, validId } from '../../../hooks/useLoaded'
import { useMe } from '../../../hooks/useMe'
import { fetchMyObjection, type MyObjection } from '../api'
import { OBJECTION_STRINGS } from '../strings'
import '../objection.css'

const S = OBJECTION_STRINGS.detail

function Detail({ o }: { o: MyObjection }) {
  return (
    <>
      <View className="objection-card">
        <Text className="objection-card-title">{o.entry.organizationName}</Text>
        <Text className="objection-meta">{`《${o.entry.title}》 · ${o.entry.callTitle}`}</Text>
        <Text className="objection-meta">受理编号</Text>
        <Text className="objection-receipt objection-detail-receipt">{o.receiptNumber}</Text>
        <Text className="objection-state objection-detail-state">{OBJECTION_STATE_LABELS[o.state]}</Text>
      </View>
      {o.reply ? (
        <View className="objection-card objection-detail-reply">
          <Text className="objection-card-title">{S.reply}</Text>
          <Text className="objection-text">{o.reply.text}</Text>
          <Text className="objection-meta">{formatDateTime(o.reply.at)}</Text>
        </View>
      ) : null}
      {o.outcome ? (
        <View className="objection-card objection-detail-outcome">
          <Text className="objection-card-title">{`${S.outcome}：${OBJECTION_STATE_LABELS[o.outcome.outcome]}`}</Text>
          <Text className="objection-text">{`${S.reasons}：${o.outcome.reasons}`}</Text>
        </View>
      ) : null}
      <View className="objection-card objection-detail-history">
        <Text className="objection-card-title">{S.history}</Text>
        {o.history.map((h, i) => (
          <View key={i} className="objection-step">
            <Text>{OBJECTION_STATE_LABELS[h.state]}</Text>
            <Text>{formatDateTime(h.at)}</Text>
          </View>
        ))}
      </View>
      <View className="objection-card">
        <Text className="objection-card-title">{S.grounds}</Text>
        <Text className="objection-text objection-detail-grounds">{o.grounds}</Text>
        {o.evidence.length ? <Text className="objection-meta">{`${S.evidence}：${o.evidence.map((f) => f.filename).join('、')}`}</Text> : null}
      </View>
    </>
  )
}

/** One of my objections: its states with dates, the committee's decision and the reply (the filer's alone; anyone else's is "not found"). */
export default function MyObjectionDetail() {
  const { params } = useRouter()
  const { status } = useMe()
  const loaded = useLoaded(fetchMyObjection, validId(ObjectionIdParamsSchema, params.id))
  useDidShow(() => void loaded.refresh())
  if (status === 'signedOut') return <SignInPrompt />
  return (
    <View className="page objection objection-detail">
      {loaded.data ? (
        <Detail o={loaded.data} />
      ) : (
        <LoadStates
          status={loaded.status}
          error={loaded.error}
          onRetry={() => void loaded.reload()}
          loading={{ className: 'objection-loading', rows: [3, 4], boxClassName: 'objection-card' }}
          classes={{ notFound: 'objection-not-found', back: 'objection-back', error: 'objection-error', retry: 'objection-retry' }}
          strings={{ notFoundTitle: S.notFound, notFoundDescription: S.notFoundHint, errorTitle: S.errorTitle }}
        />
      )}
    </View>
  )
}
