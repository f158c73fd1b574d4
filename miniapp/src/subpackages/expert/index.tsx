import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CALL_ROLE_LABELS, COMMITTEE_STATE_LABELS, formatDateTime, REVIEW_ROUND_LABELS, REVIEW_ROUNDS } from '@zlbg/shared'
import { EmptyState } from '../../components/EmptyState'
import { ExpertLoadStates } from './ExpertLoadStates'
import { SignInPrompt } from '../../components/SignInPrompt'
import { useLoaded } from '../../hooks/useLoaded'
import { useMe } from '../../hooks/useMe'
import { openPage, PAGES } from '../../navigation'
import { Button } from '../../ui/nutui'
import { acceptPledge, fetchMyReviewCalls, fetchOverview, type MyReviewCalls } from './api'
import { EXPERT_STRINGS as S } from './strings'
import './expert.css'

type ReviewCall = MyReviewCalls['items'][number]

/** 评审进度: the chair and vice chairs see every group, a group leader their own (per-call roles). */
function Overview({ callId }: { callId: string }) {
  const overview = useLoaded(fetchOverview, callId)
  if (!overview.data) return null
  return (
    <View className="expert-overview">
      <Text className="expert-label">评审进度</Text>
      {overview.data.groups.map((g) => (
        <View key={g.id} className="expert-row expert-overview-group">
          <Text className="expert-row-title">{`${g.name}（组长 ${g.leader}，${g.applications} 件）`}</Text>
          <Text className="expert-hint">{g.reviewers.map((r) => `${r.name} ${r.assignments} 件`).join(' · ')}</Text>
        </View>
      ))}
      <View className="expert-actions">
        {REVIEW_ROUNDS.map((round) => (
          <Button key={round} size="small" className={`expert-to-progress expert-to-progress--${round}`} onClick={() => openPage(`${PAGES.expertProgress}?callId=${callId}&round=${round}`)}>
            {`${REVIEW_ROUND_LABELS[round]}评分进度`}
          </Button>
        ))}
      </View>
    </View>
  )
}

/** One call the expert sits in: roles, deadline, the pledge (第十三条) and the way to the assignments. */
function CallCard({ item, onSigned }: { item: ReviewCall; onSigned: () => void }) {
  const [busy, setBusy] = useState(false)
  const sign = async () => {
    setBusy(true)
    try {
      await acceptPledge(item.callId)
      onSigned()
    } finally {
      setBusy(false)
    }
  }
  const signed = !!item.pledgeAcceptedAt
  return (
    <View className="expert-card expert-call">
      <Text className="expert-card-title">{item.callTitle}</Text>
      <View className="expert-meta">
        <Text className="expert-badge expert-badge--state">{COMMITTEE_STATE_LABELS[item.committeeState]}</Text>
        {item.roles.map((r) => (
          <Text key={r} className="expert-badge expert-role">
            {CALL_ROLE_LABELS[r]}
          </Text>
        ))}
        {item.groupName ? <Text>{item.groupName}</Text> : null}
        {item.reviewDeadline ? <Text className="expert-deadline">{`${S.deadline}：${item.reviewDeadline}`}</Text> : null}
      </View>
      <Text className="expert-label">{S.pledgeTitle}</Text>
      <View className="expert-pledge-text">{item.pledgeText}</View>
      {signed ? (
        <Text className="expert-hint expert-pledge-signed">{S.pledgeSigned(formatDateTime(item.pledgeAcceptedAt!))}</Text>
      ) : (
        <Text className="expert-hint">{S.pledgeFirst}</Text>
      )}
      <View className="expert-actions">
        {signed ? null : (
          <Button type="primary" className="expert-sign" loading={busy} onClick={() => void sign()}>
            {S.pledgeSign}
          </Button>
        )}
        {signed && item.committeeState === 'reviewing' ? (
          <Button type="primary" className="expert-open" onClick={() => openPage(`${PAGES.expertAssignments}?callId=${item.callId}`)}>
            {`${S.open}（${item.assignments}）`}
          </Button>
        ) : null}
        {signed && item.committeeState !== 'reviewing' ? <Text className="expert-hint">{S.waiting}</Text> : null}
        {signed && item.roles.some((r) => r === 'committee_chair' || r === 'committee_vice_chair') ? (
          <Button className="expert-open-deliberations" onClick={() => openPage(PAGES.expertDeliberations)}>
            合议签署
          </Button>
        ) : null}
        {signed && item.roles.some((r) => r === 'committee_chair' || r === 'committee_vice_chair') ? (
          <Button className="expert-open-objections" onClick={() => openPage(PAGES.expertObjections)}>
            异议审议
          </Button>
        ) : null}
        {signed && item.roles.some((r) => r === 'committee_chair' || r === 'committee_vice_chair') ? (
          <Button className="expert-open-removals" onClick={() => openPage(PAGES.expertRemovals)}>
            移除确认
          </Button>
        ) : null}
      </View>
      {signed && item.roles.some((r) => r === 'committee_chair' || r === 'committee_vice_chair' || r === 'group_leader') ? <Overview callId={item.callId} /> : null}
    </View>
  )
}

/** 评审工作台: the calls whose committee the expert sits in. */
export default function ExpertHome() {
  const { status: meStatus, me } = useMe()
  const loaded = useLoaded(() => fetchMyReviewCalls(), me?.roles.includes('expert') ? 'mine' : undefined)
  useDidShow(() => void loaded.refresh())
  if (meStatus === 'signedOut') return <SignInPrompt />
  if (me && !me.roles.includes('expert')) return <EmptyState kind="forbidden" className="expert-forbidden" title={S.notExpert} />
  return (
    <View className="page expert expert-home">
      {loaded.data ? (
        loaded.data.items.length ? (
          loaded.data.items.map((item) => <CallCard key={item.callId} item={item} onSigned={() => void loaded.refresh()} />)
        ) : (
          <EmptyState kind="empty" className="expert-empty" title={S.none} description={S.noneHint} />
        )
      ) : (
        <ExpertLoadStates
          loaded={loaded}
          rows={[3, 3]}
          strings={{ notFoundTitle: S.none, notFoundDescription: S.noneHint, errorTitle: S.title }}
        />
      )}
    </View>
  )
}
