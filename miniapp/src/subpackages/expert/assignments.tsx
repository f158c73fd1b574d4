import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { REVIEW_ROUND_LABELS, SECTOR_LABELS } from '@zlbg/shared'
import { EmptyState } from '../../components/EmptyState'
import { Section } from '../../components/Section'
import { useLoaded } from '../../hooks/useLoaded'
import { openPage, PAGES } from '../../navigation'
import { Button, Input } from '../../ui/nutui'
import { declareConflict, fetchDeclarable, fetchMyAssignments, fetchMyScoreStates, type Declarable } from './api'
import { EXPERT_STRINGS as S, SCORE_STRINGS as T } from './strings'
import './expert.css'

function DeclareRow({ callId, item, onDone }: { callId: string; item: Declarable['items'][number]; onDone: () => void }) {
  const [reason, setReason] = useState('')
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    setBusy(true)
    try {
      await declareConflict(callId, item.applicationId, reason)
      void Taro.showToast({ title: S.declareDone, icon: 'none' })
      onDone()
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="expert-row expert-declare-row">
      <Text className="expert-row-title">{item.title}</Text>
      <View className="expert-meta">
        <Text>{item.organizationName}</Text>
        {item.declared ? <Text className="expert-declared">{S.declared}</Text> : null}
      </View>
      {item.declared ? null : open ? (
        <View>
          <Input className="expert-reason" value={reason} onChange={setReason} placeholder={S.reasonPlaceholder} maxLength={500} />
          <View className="expert-actions">
            <Button size="small" type="danger" className="expert-declare-submit" loading={busy} disabled={reason.trim().length < 2} onClick={() => void submit()}>
              {S.declare}
            </Button>
          </View>
        </View>
      ) : (
        <View className="expert-actions">
          <Button size="small" className="expert-declare" onClick={() => setOpen(true)}>
            {S.declare}
          </Button>
        </View>
      )}
    </View>
  )
}

/** 分配给我的申报 (第十三条): exactly the expert's own assignments, and conflicts to declare. */
export default function ExpertAssignments() {
  const { params } = useRouter()
  const callId = params.callId
  const list = useLoaded(fetchMyAssignments, callId)
  const declarable = useLoaded(fetchDeclarable, callId)
  const scores = useLoaded(fetchMyScoreStates, callId)
  useDidShow(() => {
    void list.refresh()
    void scores.refresh()
    void declarable.refresh()
  })
  if (list.error?.code === 'PLEDGE_REQUIRED') {
    return <EmptyState kind="forbidden" className="expert-pledge-required" title={S.pledgeFirst} action={{ text: S.title, className: 'expert-to-home', onClick: () => openPage(PAGES.expertHome) }} />
  }
  const items = list.data?.items ?? []
  return (
    <View className="page expert expert-assignments">
      <Section title={S.assignmentsTitle} className="expert-list" article="第十三条">
        <Text className="expert-hint expert-count">{list.data ? S.assignmentsCount(items.length) : ''}</Text>
        {list.data && items.length === 0 ? <Text className="expert-hint">{S.noAssignments}</Text> : null}
        {items.map((a) => {
          // 第十六条, 第十七条: the round open for it now, and how far this expert's score of it is.
          const score = scores.data?.items.find((s) => s.assignmentId === a.id)
          return (
            <View key={a.id} className="expert-row expert-assignment" onClick={() => openPage(`${PAGES.expertAssignment}?id=${a.id}`)}>
              <Text className="expert-row-title">{a.title}</Text>
              <View className="expert-meta">
                <Text>{a.organizationName}</Text>
                {a.sector ? <Text>{SECTOR_LABELS[a.sector]}</Text> : null}
                <Text>{a.groupName}</Text>
                {a.deadline ? <Text className="expert-deadline">{`${S.deadline}：${a.deadline}`}</Text> : null}
              </View>
              {score?.round ? (
                <View className="expert-actions">
                  <Text className={`expert-tag expert-tag--${score.state ?? 'not_started'} expert-score-state`}>{`${REVIEW_ROUND_LABELS[score.round]}：${T.stateLabels[score.state ?? 'not_started']}`}</Text>
                  <Button
                    size="small"
                    type={score.state === 'submitted' ? 'default' : 'primary'}
                    className="expert-to-score"
                    onClick={(e) => {
                      e.stopPropagation()
                      openPage(`${PAGES.expertScore}?id=${a.id}&round=${score.round}`)
                    }}
                  >
                    {T.score}
                  </Button>
                </View>
              ) : null}
            </View>
          )
        })}
      </Section>
      <Section title={S.declareTitle} className="expert-declare-section">
        <Text className="expert-hint">{S.declareHint}</Text>
        {(declarable.data?.items ?? []).map((item) => (
          <DeclareRow key={item.applicationId} callId={callId!} item={item} onDone={() => {
            void declarable.refresh()
            void list.refresh()
          }} />
        ))}
      </Section>
    </View>
  )
}
