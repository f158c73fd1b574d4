import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CRITERION_SCORE_LABELS, CRITERIA, formatDateTime, REVIEW_ROUND_LABELS, SCORE_STATE_LABELS, ScoreIdParamsSchema, type Me } from '@zlbg/shared'
import { LoadStates } from '../../../components/LoadStates'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { useLoaded, validId } from '../../../hooks/useLoaded'
import { PAGES } from '../../../navigation'
import { OfficeHeader } from '../components/OfficeHeader'
import { StaffOnly } from '../components/StaffOnly'
import { fetchScore, type ScoreDetail } from './api'
import '../components/office.css'
import '../experts/experts.css'
import './review.css'

const pointsLine = (points: ScoreDetail['points']) => CRITERIA.map((c) => `${CRITERION_SCORE_LABELS[c]} ${points[c] ?? '—'}`).join(' · ')

/** 评分记录: the current working copy and every submitted version, with who reopened it and why (no silent edits). */
function ScoreHistory({ id }: { id: string | undefined }) {
  const loaded = useLoaded(fetchScore, id)
  const s = loaded.data
  if (!s) {
    return (
      <LoadStates
        status={loaded.status}
        error={loaded.error}
        onRetry={() => void loaded.reload()}
        loading={{ className: 'page office', rows: [3, 6] }}
        classes={{ notFound: 'rv-not-found', back: 'rv-back', error: 'rv-error', retry: 'rv-retry' }}
        strings={{ notFoundTitle: '评分记录不存在', notFoundDescription: '', errorTitle: '评分记录' }}
      />
    )
  }
  return (
    <View className="page office office-score">
      <OfficeHeader title="评分记录">
        <Text className="office-total">{`${s.title} · ${s.organizationName}`}</Text>
      </OfficeHeader>
      <View className="xp-card rv-current">
        <Text className="xp-card-title">{`${REVIEW_ROUND_LABELS[s.round]} · ${s.expertName} · ${SCORE_STATE_LABELS[s.state]}${s.version ? ` · 第 ${s.version} 版` : ''}`}</Text>
        {s.submittedAt ? <Text className="xp-hint">{`提交于 ${formatDateTime(s.submittedAt)}${s.state === 'submitted' && s.total !== undefined ? `，合计 ${s.total} 分` : ''}`}</Text> : null}
        <Text className="rv-points-line">{pointsLine(s.points)}</Text>
        <Text className="rv-comment">{s.comment || '（尚无评语）'}</Text>
      </View>
      <View className="xp-card rv-history">
        <Text className="xp-card-title">{`历次提交（${s.history.length}）`}</Text>
        {s.history.length === 0 ? <Text className="xp-hint">未被退回过：当前即唯一版本</Text> : null}
        {[...s.history].reverse().map((h) => (
          <View key={h.version} className="rv-version">
            <Text className="xp-row-main">{`第 ${h.version} 版 · 合计 ${h.total} 分 · 提交于 ${formatDateTime(h.submittedAt)}`}</Text>
            {h.reopenedAt ? <Text className="rv-locked">{`${formatDateTime(h.reopenedAt)} 由 ${h.reopenedByName ?? '—'} 退回：${h.reopenReason ?? ''}`}</Text> : null}
            <Text className="rv-points-line">{pointsLine(h.points)}</Text>
            <Text className="rv-comment">{h.comment}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

export default function OfficeScorePage() {
  const { params } = useRouter()
  const id = validId(ScoreIdParamsSchema, params.id)
  return (
    <StaffOnly>
      {(me: Me) => (
        <WorkbenchShell me={me} area="review" context={{ key: 'review', url: `${PAGES.officeScore}?id=${params.id ?? ''}` }}>
          <ScoreHistory id={id} />
        </WorkbenchShell>
      )}
    </StaffOnly>
  )
}
