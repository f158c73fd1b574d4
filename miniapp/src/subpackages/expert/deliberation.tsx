import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { COMMITTEE_PLACE_LABELS, DELIBERATION_DECISION_LABELS, DELIBERATION_STATE_LABELS, REVIEW_ROUND_ARTICLES, REVIEW_ROUND_LABELS, formatDateTime } from '@zlbg/shared'
import { useConfirm } from '../../components/ConfirmDialog'
import { ExpertLoadStates } from './ExpertLoadStates'
import { useLoaded } from '../../hooks/useLoaded'
import { Button } from '../../ui/nutui'
import { ItemFigures, RankingRule, useRoundFigures } from '../office/ranking/Figures'
import { fetchDeliberationToSign, signDeliberation, type DeliberationToSign } from './signApi'
import './expert.css'

/**
 * 合议结果签署 (第十一条): the chair, or a vice chair who attended, reads every decision — with the
 * recusals and site-visit findings — and signs; the decisions take effect only then.
 */
function Record({ record, onSigned }: { record: DeliberationToSign; onSigned: (d: DeliberationToSign) => void }) {
  const [dialog, confirm] = useConfirm()
  const [error, setError] = useState('')
  const counts = record.items.reduce<Record<string, number>>((acc, i) => ({ ...acc, [i.decision ?? 'none']: (acc[i.decision ?? 'none'] ?? 0) + 1 }), {})
  const summary = Object.entries(counts).map(([d, n]) => `${d === 'none' ? '未作结论' : DELIBERATION_DECISION_LABELS[d as keyof typeof DELIBERATION_DECISION_LABELS]} ${n} 件`).join('，')
  const canSign = record.actions.includes('sign') && record.blockers.length === 0
  // The chair reads the round's figures beside each decision before signing (第十六条, 第十七条).
  const figures = useRoundFigures(record.callId, record.round)
  return (
    <View className="page expert expert-deliberation">
      {dialog}
      <View className="expert-card">
        <Text className="expert-card-title">{`${REVIEW_ROUND_LABELS[record.round]}合议（${REVIEW_ROUND_ARTICLES[record.round]}）`}</Text>
        <View className="expert-meta">
          <Text className={`expert-badge${record.state === 'draft' ? ' expert-badge--state' : ''} sign-state`}>{DELIBERATION_STATE_LABELS[record.state]}</Text>
          <Text>{record.callTitle}</Text>
          <Text>{`${record.date}${record.place ? ` · ${record.place}` : ''}`}</Text>
        </View>
        <Text className="expert-label">{`出席委员（法定人数 ${record.quorum} 人）`}</Text>
        <Text className="expert-hint">{record.attendees.map((a) => `${a.name}（${COMMITTEE_PLACE_LABELS[a.place]}）`).join('、')}</Text>
        <Text className="expert-label">结论汇总</Text>
        <Text className="expert-hint sign-summary">{summary || '无'}</Text>
        {record.minutes ? <Text className="expert-section-text">{record.minutes}</Text> : null}
        {record.signedAt ? <Text className="expert-hint sign-signed">{`${record.signedBy ?? ''}${record.signedAs ? `（${COMMITTEE_PLACE_LABELS[record.signedAs]}）` : ''}签署于 ${formatDateTime(record.signedAt)}`}</Text> : null}
      </View>
      {record.blockers.length ? (
        <View className="expert-card sign-blockers">
          <Text className="expert-label">尚不能签署</Text>
          {record.blockers.map((b) => (
            <Text key={b} className="expert-hint">{`· ${b}`}</Text>
          ))}
        </View>
      ) : null}
      <View className="expert-card">
        <RankingRule figures={figures} className="expert-hint sign-ranking-rule" />
        {record.items.map((i) => (
          <View key={i.applicationId} className="expert-row sign-item">
            <Text className="expert-row-title">{`${i.receiptNumber ?? ''} ${i.title}`}</Text>
            <View className="expert-meta">
              <Text>{i.organizationName}</Text>
              {i.groupName ? <Text>{i.groupName}</Text> : null}
              <Text className="expert-badge sign-decision">{i.decision ? DELIBERATION_DECISION_LABELS[i.decision] : '未作结论'}</Text>
              {record.state === 'signed' ? <Text>{i.applied ? '已生效' : i.applyError ? `未生效：${i.applyError}` : '待生效'}</Text> : null}
            </View>
            {i.notes ? <Text className="expert-hint">{`说明：${i.notes}`}</Text> : null}
            <ItemFigures figures={figures} applicationId={i.applicationId} />
            {i.recused.length ? <Text className="expert-hint">{`回避：${i.recused.map((p) => p.name).join('、')}`}</Text> : null}
            {i.siteVisits.map((v) => (
              <Text key={v.id} className="expert-hint sign-site-visit">{`现场考察（${v.date}）：${v.findings || '尚未填写'}${v.conclusion ? `；结论：${v.conclusion}` : ''}`}</Text>
            ))}
          </View>
        ))}
      </View>
      {error ? <Text className="expert-hint sign-error">{error}</Text> : null}
      {record.actions.includes('sign') ? (
        <View className="expert-actions">
          <Button
            type="primary"
            className="sign-go"
            disabled={!canSign}
            onClick={() =>
              confirm({
                title: record.state === 'draft' ? '签署合议结果' : '补完生效',
                content: record.state === 'draft' ? `签署后以下结论立即生效并通知申报组织：${summary}。签署不可撤回。` : '部分结论尚未生效，将再次逐件生效（已生效的不受影响）。',
                onConfirm: async () => {
                  try {
                    onSigned(await signDeliberation(record.id))
                  } catch (e) {
                    setError((e as { message?: string }).message ?? '签署失败')
                  }
                },
              })
            }
          >
            {record.state === 'draft' ? '签署合议结果' : '补完生效'}
          </Button>
        </View>
      ) : null}
    </View>
  )
}

export default function ExpertDeliberation() {
  const { params } = useRouter()
  const loaded = useLoaded(fetchDeliberationToSign, params.id)
  const [signed, setSigned] = useState<DeliberationToSign | null>(null)
  const record = signed ?? loaded.data
  if (record) return <Record key={record.updatedAt} record={record} onSigned={setSigned} />
  return (
    <View className="page expert">
      <ExpertLoadStates
        loaded={loaded}
        rows={[3, 5]}
        strings={{ notFoundTitle: '合议记录不存在', notFoundDescription: '', errorTitle: '合议记录加载失败' }}
      />
    </View>
  )
}
