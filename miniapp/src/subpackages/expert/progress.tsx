import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { REVIEW_ROUND_LABELS, RoundParamsSchema } from '@zlbg/shared'
import { EmptyState } from '../../components/EmptyState'
import { ExpertLoadStates } from './ExpertLoadStates'
import { Section } from '../../components/Section'
import { useLoaded } from '../../hooks/useLoaded'
import { Button, Input } from '../../ui/nutui'
import { fetchRoundProgress, reopenScore, type RoundProgress } from './api'
import { GroupFlags } from './SimilarityFlags'
import { SCORE_STRINGS as T } from './strings'
import './expert.css'

type Item = RoundProgress['groups'][number]['experts'][number]['items'][number]

/** A submitted score the group leader sends back, with the reason the expert will read. */
function ReopenRow({ item, onDone }: { item: Item; onDone: () => void }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const send = async () => {
    setBusy(true)
    try {
      await reopenScore(item.scoreId!, reason.trim())
      void Taro.showToast({ title: T.reopenDone, icon: 'none' })
      setOpen(false)
      onDone()
    } finally {
      setBusy(false)
    }
  }
  if (!open) {
    return (
      <Button size="small" className="expert-reopen" onClick={() => setOpen(true)}>
        {T.reopen}
      </Button>
    )
  }
  return (
    <View className="expert-reopen-form">
      <Input className="expert-reason expert-reopen-reason" value={reason} onChange={setReason} placeholder={T.reopenReason} maxLength={500} />
      <View className="expert-actions">
        <Button size="small" type="primary" className="expert-reopen-submit" loading={busy} disabled={reason.trim().length < 5} onClick={() => void send()}>
          {T.reopen}
        </Button>
      </View>
    </View>
  )
}

/**
 * 评分进度 (第十六条): the chair and vice chairs follow every group, a group leader their own and sends
 * a submitted score back with a reason. States only — never another reviewer's points or comment.
 */
export default function ExpertProgress() {
  const { params } = useRouter()
  const round = params.round === 'defense' ? 'defense' : 'material'
  const key = RoundParamsSchema.safeParse({ id: params.callId, round }).success ? `${params.callId}:${round}` : undefined
  const loaded = useLoaded(fetchRoundProgress, key)
  useDidShow(() => void loaded.refresh())
  const p = loaded.data
  if (!p) {
    return (
      <ExpertLoadStates
        loaded={loaded}
        rows={[3, 6]}
        strings={{ notFoundTitle: T.noGroups, notFoundDescription: '', errorTitle: T.progressTitle }}
        page
      />
    )
  }
  return (
    <View className="page expert expert-progress">
      <View className="expert-card">
        <Text className="expert-card-title">{`${REVIEW_ROUND_LABELS[round]} · ${T.progressTitle}`}</Text>
        <View className="expert-meta">
          <Text>{T.inRound(p.applicationsInRound)}</Text>
          {p.deadline ? <Text className="expert-deadline">{T.deadline(p.deadline)}</Text> : null}
        </View>
      </View>
      {p.groups.length === 0 ? <EmptyState kind="empty" className="expert-progress-empty" title={T.noGroups} /> : null}
      {p.groups.map((g) => (
        <Section key={g.id} title={g.name} className="expert-progress-group">
          <Text className="expert-hint">{T.progressSummary(g)}</Text>
          {g.experts.map((e) => (
            <View key={e.expertId} className="expert-row expert-progress-expert">
              <Text className="expert-row-title">{e.name}</Text>
              <Text className="expert-hint expert-progress-summary">{T.progressSummary(e)}</Text>
              {e.items.map((item) => (
                <View key={item.assignmentId} className="expert-progress-item">
                  <View className="expert-meta">
                    <Text>{item.title}</Text>
                    <Text className={`expert-tag expert-tag--${item.state}`}>{T.stateLabels[item.state]}</Text>
                  </View>
                  {item.state === 'submitted' && item.scoreId && p.canReopenGroups.includes(g.id) ? <ReopenRow item={item} onDone={() => void loaded.refresh()} /> : null}
                </View>
              ))}
            </View>
          ))}
        </Section>
      ))}
      {/* A group leader (the one group they may send scores back in) also sees the group's copied-text flags. */}
      {p.groups.length === 1 && p.canReopenGroups.includes(p.groups[0]!.id) ? <GroupFlags callId={params.callId!} /> : null}
    </View>
  )
}
