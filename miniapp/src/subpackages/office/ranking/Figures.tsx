import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { RANK_BY_LABELS, type RankBy, type ReviewRound } from '@zlbg/shared'
import { fetchRanking, type Ranking, type RankingRow } from './api'
import './ranking.css'

export const FIGURES: { key: RankBy | 'stdDev'; label: string }[] = [
  { key: 'mean', label: '平均分' },
  { key: 'trimmedMean', label: '去高低平均' },
  { key: 'stdDev', label: '标准差' },
  { key: 'normalized', label: '标准化分' },
]
export const fixed = (x: number | null) => (x === null ? '—' : x.toFixed(2))

/** Every figure of one application (the ranking figure marked) and the disagreement flag. */
export function FigureGrid({ row, rankBy }: { row: RankingRow; rankBy: RankBy }) {
  return (
    <>
      {row.count > 0 ? (
        <View className="rk-figures">
          {FIGURES.map((f) => (
            <View key={f.key} className={`rk-figure${f.key === rankBy ? ' rk-figure--key' : ''}`}>
              <Text>{f.label}</Text>
              <Text className="rk-figure-value">{fixed(row[f.key])}</Text>
            </View>
          ))}
        </View>
      ) : (
        <Text className="xp-hint">尚无已提交的评分</Text>
      )}
      {row.disagreement ? <Text className="rk-flag rk-disagreement">分歧较大：专家评分标准差超过阈值，请合议时关注</Text> : null}
    </>
  )
}

/**
 * The round's figures beside a deliberation's decisions (第十六条, 第十七条): rank, scores counted,
 * every figure and the flag. `row` absent: the application has no standing assignment in the round.
 */
export function DecisionFigures({ row, rankBy }: { row: RankingRow | undefined; rankBy: RankBy }) {
  if (!row) return <Text className="xp-hint rk-no-figures">本轮无评分汇总</Text>
  return (
    <View className="rk-decision-figures" data-application-id={row.applicationId}>
      <Text className="rk-sub rk-decision-rank">
        {`${row.rank === null ? '未排名' : `总排名第 ${row.rank} 名${row.groupRank === null ? '' : `，组内第 ${row.groupRank} 名`}`} · 有效评分 ${row.count} / ${row.assigned}`}
      </Text>
      <FigureGrid row={row} rankBy={rankBy} />
    </View>
  )
}

export interface RoundFigures {
  ranking: Ranking
  byApplication: Map<string, RankingRow>
}

/**
 * The round's ranking keyed by application, for pages that show figures beside something else:
 * null while loading, 'failed' when it could not be read (the page says so rather than show nothing).
 */
export function useRoundFigures(callId: string | undefined, round: ReviewRound): RoundFigures | 'failed' | null {
  const [state, setState] = useState<RoundFigures | 'failed' | null>(null)
  useEffect(() => {
    if (!callId) return
    let live = true
    setState(null)
    fetchRanking(callId, round).then(
      (ranking) => live && setState({ ranking, byApplication: new Map(ranking.rows.map((r) => [r.applicationId, r])) }),
      () => live && setState('failed'),
    )
    return () => {
      live = false
    }
  }, [callId, round])
  return state
}

/** The ranking rule in one line (or why the figures are missing), stated wherever figures are shown outside the ranking page. */
export function RankingRule({ figures, className }: { figures: RoundFigures | 'failed' | null; className: string }) {
  if (figures === null) return null
  if (figures === 'failed') return <Text className={`${className} rk-figures-failed`}>评分汇总加载失败，请刷新后再看各件的评分情况</Text>
  const { ranking } = figures
  return <Text className={className}>{`排名依据：${RANK_BY_LABELS[ranking.rankBy]}（满分 ${ranking.rubricTotal} 分）；分歧提示：专家总分标准差超过 ${ranking.disagreementThreshold} 分。只计已提交的评分。`}</Text>
}

/** One application's figures from the round's ranking, once loaded. */
export function ItemFigures({ figures, applicationId }: { figures: RoundFigures | 'failed' | null; applicationId: string }) {
  if (figures === null || figures === 'failed') return null
  return <DecisionFigures row={figures.byApplication.get(applicationId)} rankBy={figures.ranking.rankBy} />
}
