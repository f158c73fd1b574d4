import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { RANK_BY_LABELS, REVIEW_ROUND_ARTICLES, REVIEW_ROUND_LABELS, REVIEW_ROUNDS, type RankBy, type ReviewRound } from '@zlbg/shared'
import { useDesktop } from '../../../hooks/useDesktop'
import { useLoaded } from '../../../hooks/useLoaded'
import { PAGES } from '../../../navigation'
import { Button, Skeleton } from '../../../ui/nutui'
import { ExportButton } from '../components/ExportButton'
import { OfficeHeader } from '../components/OfficeHeader'
import { CallPage } from '../components/CallPage'
import { Chips } from '../experts/Chips'
import { downloadRoundExport, fetchRanking, type ExportKind, type Ranking, type RankingRow } from './api'
import { FIGURES, FigureGrid, fixed } from './Figures'
import '../components/office.css'
import '../experts/experts.css'
import './ranking.css'

/** Rows drawn at a time: a call of thousands stays quick on a phone; the exports hold every row. */
const PAGE_ROWS = 100
const ALL = 'all'

function rankOf(row: RankingRow, inGroup: boolean): number | null {
  return inGroup ? row.groupRank : row.rank
}

/** A phone's card: rank, application, group, every figure, the disagreement flag. */
function RankingCard({ row, rankBy, inGroup }: { row: RankingRow; rankBy: RankBy; inGroup: boolean }) {
  const rank = rankOf(row, inGroup)
  return (
    <View className="rk-card rk-row" data-application-id={row.applicationId}>
      <View className="rk-card-head">
        <Text className={`rk-rank${rank === null ? ' rk-rank--none' : ''}`}>{rank === null ? '未排名' : String(rank)}</Text>
        <Text className="rk-title">{row.title || '（无标题）'}</Text>
      </View>
      <Text className="rk-sub">{`${row.receiptNumber ?? ''} ${row.organizationName}`}</Text>
      <Text className="rk-sub">{`${row.groupName ?? '未分组'}${rank === null ? '' : inGroup ? ` · 组内排名（总排名第 ${row.rank} 名）` : ` · 组内第 ${row.groupRank} 名`} · 有效评分 ${row.count} / ${row.assigned}`}</Text>
      <FigureGrid row={row} rankBy={rankBy} />
    </View>
  )
}

/** The desk's table: one row per application, the ranking figure's column marked. */
function RankingTable({ rows, rankBy, inGroup }: { rows: RankingRow[]; rankBy: RankBy; inGroup: boolean }) {
  const key = (f: string) => (f === rankBy ? ' rk-td--key' : '')
  return (
    <View className="rk-table">
      <View className="rk-tr rk-tr--head">
        <Text className="rk-td--num">{inGroup ? '组内排名' : '总排名'}</Text>
        <Text className="rk-td--num">{inGroup ? '总排名' : '组内排名'}</Text>
        <Text>受理编号</Text>
        <Text>申报</Text>
        <Text>专业组</Text>
        <Text className="rk-td--num">评分/分配</Text>
        {FIGURES.map((f) => (
          <Text key={f.key} className={`rk-td--num${key(f.key)}`}>
            {f.label}
          </Text>
        ))}
        <Text>分歧</Text>
      </View>
      {rows.map((r) => (
        <View key={r.applicationId} className={`rk-tr rk-row${r.disagreement ? ' rk-tr--flagged' : ''}`} data-application-id={r.applicationId}>
          <Text className="rk-td--num rk-td-rank">{rankOf(r, inGroup) ?? '—'}</Text>
          <Text className="rk-td--num">{rankOf(r, !inGroup) ?? '—'}</Text>
          <Text>{r.receiptNumber ?? ''}</Text>
          <View className="rk-td-title">
            <Text>{r.title || '（无标题）'}</Text>
            <Text className="rk-td-org">{r.organizationName}</Text>
          </View>
          <Text>{r.groupName ?? '未分组'}</Text>
          <Text className="rk-td--num">{`${r.count}/${r.assigned}`}</Text>
          {FIGURES.map((f) => (
            <Text key={f.key} className={`rk-td--num${key(f.key)}`}>
              {fixed(r[f.key])}
            </Text>
          ))}
          <Text className={r.disagreement ? 'rk-disagreement' : ''}>{r.disagreement ? '分歧较大' : ''}</Text>
        </View>
      ))}
    </View>
  )
}

/** 评审汇总排名 (第十六条, 第十七条): every figure shown, the ranking rule stated, per group or overall, and the exports. */
function RankingBoard({ callId }: { callId: string }) {
  const desktop = useDesktop()
  const [round, setRound] = useState<ReviewRound>('material')
  const [group, setGroup] = useState(ALL)
  const [shown, setShown] = useState(PAGE_ROWS)
  const loaded = useLoaded((key) => fetchRanking(key.split('|')[0]!, key.split('|')[1] as ReviewRound), `${callId}|${round}`)
  const ranking: Ranking | null = loaded.data
  const groups = useMemo(() => {
    const seen = new Map<string, string>()
    for (const r of ranking?.rows ?? []) if (r.groupId) seen.set(r.groupId, r.groupName ?? '')
    return [...seen].map(([value, label]) => ({ value, label }))
  }, [ranking])
  const inGroup = group !== ALL
  const rows = useMemo(() => {
    const all = ranking?.rows ?? []
    // The overall order is each group's order too: filtering keeps it.
    return inGroup ? all.filter((r) => r.groupId === group) : all
  }, [ranking, group, inGroup])
  const scored = rows.filter((r) => r.count > 0).length
  const flagged = rows.filter((r) => r.disagreement).length
  const label = REVIEW_ROUND_LABELS[round]
  const exportButton = (kind: ExportKind, text: string) => (
    <ExportButton key={kind} className={`rk-export-${kind}`} label={`导出${text}`} busyLabel="正在导出…" onExport={() => downloadRoundExport(kind, callId, round, label)} />
  )

  return (
    <View className="page office office-ranking">
      <OfficeHeader title="评审汇总排名">
        <Text className="office-total rk-summary">
          {ranking ? `${rows.length} 件申报，已有评分 ${scored} 件${flagged ? `，分歧提示 ${flagged} 件` : ''}` : ''}
        </Text>
      </OfficeHeader>
      <View className="xp-card">
        <Chips
          prefix="rk-round"
          options={REVIEW_ROUNDS.map((r) => ({ value: r, label: `${REVIEW_ROUND_LABELS[r]}（${REVIEW_ROUND_ARTICLES[r]}）` }))}
          value={[round]}
          onChange={(v) => {
            setRound((v[0] as ReviewRound) ?? 'material')
            setGroup(ALL)
            setShown(PAGE_ROWS)
          }}
        />
        {ranking ? (
          <View className="rk-rules">
            <Text className="rk-rule">
              <Text className="rk-rule-strong">排名依据：</Text>
              {`${RANK_BY_LABELS[ranking.rankBy]}（评分表满分 ${ranking.rubricTotal} 分）`}
            </Text>
            <Text className="rk-rule rk-tie-rule">
              <Text className="rk-rule-strong">并列规则：</Text>
              {ranking.tieRule}
            </Text>
            <Text className="rk-rule">
              <Text className="rk-rule-strong">分歧提示：</Text>
              {`专家总分的标准差超过 ${ranking.disagreementThreshold} 分`}
            </Text>
            <Text className="rk-rule">只计已提交的评分；退回修改中的评分和已撤回分配的评分不计入。标准化分：每位专家本轮所评总分先换算为标准分，再按全部评分的平均分和标准差还原到满分尺度后取平均。</Text>
          </View>
        ) : null}
        <View className="rk-exports">
          {exportButton('ranking', '汇总排名')}
          {exportButton('scores', '评分表')}
          {exportButton('comments', '专家评语')}
        </View>
      </View>
      <View className={`xp-card rk-list${desktop ? ' xp-list--table' : ''}`}>
        {groups.length > 1 ? (
          <Chips
            prefix="rk-groups"
            options={[{ value: ALL, label: '全部专业组' }, ...groups]}
            value={[group]}
            onChange={(v) => {
              setGroup(v[0] ?? ALL)
              setShown(PAGE_ROWS)
            }}
          />
        ) : null}
        {loaded.status === 'loading' ? <Skeleton rows={6} animated /> : null}
        {loaded.status === 'notFound' ? <Text className="xp-hint rk-no-committee">该征集尚未组建评审委员会，没有可汇总的评分。</Text> : null}
        {loaded.status === 'error' ? (
          <View className="rk-error">
            <Text className="xp-hint">{`汇总加载失败：${loaded.error?.message ?? ''}`}</Text>
            <Button size="small" onClick={() => void loaded.reload()}>
              重试
            </Button>
          </View>
        ) : null}
        {loaded.status === 'ready' && rows.length === 0 ? (
          <Text className="xp-hint rk-empty">{round === 'material' ? '尚无申报分配评审专家，暂无可汇总的评分。' : '尚无申报进入答辩评审。'}</Text>
        ) : null}
        {loaded.status === 'ready' && ranking && rows.length > 0 ? (
          <>
            {desktop ? (
              <RankingTable rows={rows.slice(0, shown)} rankBy={ranking.rankBy} inGroup={inGroup} />
            ) : (
              rows.slice(0, shown).map((r) => <RankingCard key={r.applicationId} row={r} rankBy={ranking.rankBy} inGroup={inGroup} />)
            )}
            {rows.length > shown ? (
              <View className="rk-more">
                <Button size="small" className="rk-show-more" onClick={() => setShown(shown + PAGE_ROWS)}>
                  {`显示更多（已显示 ${shown} / ${rows.length}）`}
                </Button>
              </View>
            ) : null}
          </>
        ) : null}
      </View>
    </View>
  )
}

export default function OfficeRankingPage() {
  return (
    <CallPage area="ranking" path={PAGES.officeRanking}>
      {(callId) => (
        <RankingBoard callId={callId} />
      )}
    </CallPage>
  )
}
