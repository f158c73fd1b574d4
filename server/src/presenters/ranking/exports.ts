import mongoose from 'mongoose'
import { CRITERIA, CRITERION_SCORE_LABELS, RANK_BY_LABELS, REVIEW_ROUND_LABELS, type Criterion, type RoundRanking } from '@zlbg/shared'
import type { XlsxColumn, XlsxSheet } from '../../http/xlsx'
import type { Models } from '../../models'
import type { ScoreRecord } from '../../models/review'
import { countedScores, withdrawnAssignments } from '../../review/aggregate'

/**
 * The office's exports of a round (第十六条, 第十七条): the ranking with every figure, the score
 * sheets (one sheet per group, one row per submitted score) and the comments. They name reviewers,
 * so they are the office's alone (第十三条, rule 'ranking.export'). Rows follow the ranking's order.
 */

type Row = RoundRanking['rows'][number]
const fixed = (x: number | null) => (x === null ? '' : x.toFixed(2))

const RANKING_COLUMNS = [
  { header: '总排名', key: 'rank', width: 8 },
  { header: '组内排名', key: 'groupRank', width: 9 },
  { header: '专业组', key: 'group', width: 16 },
  { header: '受理编号', key: 'receipt', width: 16 },
  { header: '申报标题', key: 'title', width: 40 },
  { header: '申报组织', key: 'organization', width: 28 },
  { header: '分配专家', key: 'assigned', width: 9 },
  { header: '有效评分', key: 'count', width: 9 },
  { header: '平均分', key: 'mean', width: 9 },
  { header: '去掉最高最低分后的平均分', key: 'trimmedMean', width: 12 },
  { header: '标准差', key: 'stdDev', width: 9 },
  { header: '标准化分', key: 'normalized', width: 9 },
  { header: '分歧提示', key: 'disagreement', width: 9 },
] as const satisfies readonly XlsxColumn<string>[]

/** The ranking sheet, and a second sheet stating how it was ranked. */
export function rankingSheets(ranking: RoundRanking): XlsxSheet[] {
  const rows = ranking.rows.map((r) => ({
    rank: r.rank ?? '',
    groupRank: r.groupRank ?? '',
    group: r.groupName ?? '',
    receipt: r.receiptNumber ?? '',
    title: r.title,
    organization: r.organizationName,
    assigned: r.assigned,
    count: r.count,
    mean: fixed(r.mean),
    trimmedMean: fixed(r.trimmedMean),
    stdDev: fixed(r.stdDev),
    normalized: fixed(r.normalized),
    disagreement: r.disagreement ? '分歧较大' : '',
  }))
  const rules = [
    { item: '评审轮次', value: REVIEW_ROUND_LABELS[ranking.round] },
    { item: '排名依据', value: RANK_BY_LABELS[ranking.rankBy] },
    { item: '并列规则', value: ranking.tieRule },
    { item: '分歧阈值（标准差，分）', value: String(ranking.disagreementThreshold) },
    { item: '评分表满分', value: String(ranking.rubricTotal) },
  ]
  return [
    { name: '汇总排名', columns: RANKING_COLUMNS, rows },
    { name: '排名规则', columns: [{ header: '项目', key: 'item', width: 20 }, { header: '说明', key: 'value', width: 80 }], rows: rules },
  ]
}

/** Excel refuses sheet names over 31 characters, with []:*?/\ in them, or twice the same. */
function sheetNames(names: string[]): string[] {
  const used = new Set<string>()
  return names.map((raw) => {
    const base = (raw.replace(/[[\]:*?/\\]/g, ' ').trim() || '未分组').slice(0, 28)
    let name = base
    for (let i = 2; used.has(name); i++) name = `${base}(${i})`
    used.add(name)
    return name
  })
}

interface ScoreLine {
  row: Row
  score: Pick<ScoreRecord, 'expertId' | 'points' | 'total' | 'comment' | 'version' | 'submittedAt'>
}

/** The submitted scores that count in the round, in ranking order, with their experts' names. */
async function scoreLines(models: Models, ranking: RoundRanking): Promise<{ lines: ScoreLine[]; expertName: (id: mongoose.Types.ObjectId) => string }> {
  const callId = new mongoose.Types.ObjectId(ranking.callId)
  const byApp = new Map<string, ScoreLine['score'][]>()
  const cursor = models.Score.find(
    countedScores(callId, ranking.round, await withdrawnAssignments(models, callId)),
    { applicationId: 1, expertId: 1, points: 1, total: 1, comment: 1, version: 1, submittedAt: 1 },
  )
    .lean<ScoreRecord[]>()
    .cursor({ batchSize: 1000 })
  for await (const s of cursor) {
    const id = s.applicationId.toHexString()
    byApp.set(id, [...(byApp.get(id) ?? []), s])
  }
  const expertIds = [...new Set([...byApp.values()].flat().map((s) => s.expertId.toHexString()))]
  const names = new Map((await models.Expert.find({ _id: { $in: expertIds } }, { name: 1 }).lean()).map((e) => [e._id.toHexString(), e.name]))
  const expertName = (id: mongoose.Types.ObjectId) => names.get(id.toHexString()) ?? '（已移出专家库）'
  const lines = ranking.rows.flatMap((row) => (byApp.get(row.applicationId) ?? []).sort((a, b) => expertName(a.expertId).localeCompare(expertName(b.expertId), 'zh')).map((score) => ({ row, score })))
  return { lines, expertName }
}

/** Score sheets per group: one sheet per group, one row per submitted score, every item of 第六条. */
export async function scoreSheets(models: Models, ranking: RoundRanking): Promise<XlsxSheet[]> {
  const { lines, expertName } = await scoreLines(models, ranking)
  const columns: XlsxColumn<string>[] = [
    { header: '组内排名', key: 'groupRank', width: 9 },
    { header: '受理编号', key: 'receipt', width: 16 },
    { header: '申报标题', key: 'title', width: 36 },
    { header: '申报组织', key: 'organization', width: 26 },
    { header: '评审专家', key: 'expert', width: 12 },
    ...CRITERIA.map((c) => ({ header: CRITERION_SCORE_LABELS[c], key: c, width: 8 })),
    { header: '总分', key: 'total', width: 8 },
    { header: '版本', key: 'version', width: 6 },
    { header: '提交时间（UTC）', key: 'submittedAt', width: 22 },
  ]
  const groups = new Map<string, { name: string; rows: Record<string, string | number>[] }>()
  for (const { row, score } of lines) {
    const key = row.groupId ?? ''
    const group = groups.get(key) ?? { name: row.groupName ?? '未分组', rows: [] }
    groups.set(key, group)
    group.rows.push({
      groupRank: row.groupRank ?? '',
      receipt: row.receiptNumber ?? '',
      title: row.title,
      organization: row.organizationName,
      expert: expertName(score.expertId),
      ...Object.fromEntries(CRITERIA.map((c: Criterion) => [c, score.points[c] ?? ''])),
      total: score.total ?? '',
      version: score.version,
      submittedAt: score.submittedAt?.toISOString() ?? '',
    })
  }
  const list = [...groups.values()]
  if (!list.length) return [{ name: '评分表', columns, rows: [] }]
  const names = sheetNames(list.map((g) => g.name))
  return list.map((g, i) => ({ name: names[i]!, columns, rows: g.rows }))
}

/** The comments (评语) of every submitted score, in ranking order. */
export async function commentSheets(models: Models, ranking: RoundRanking): Promise<XlsxSheet[]> {
  const { lines, expertName } = await scoreLines(models, ranking)
  const rows = lines.map(({ row, score }) => ({
    group: row.groupName ?? '',
    receipt: row.receiptNumber ?? '',
    title: row.title,
    organization: row.organizationName,
    expert: expertName(score.expertId),
    total: score.total ?? '',
    comment: score.comment,
  }))
  return [
    {
      name: '专家评语',
      columns: [
        { header: '专业组', key: 'group', width: 16 },
        { header: '受理编号', key: 'receipt', width: 16 },
        { header: '申报标题', key: 'title', width: 36 },
        { header: '申报组织', key: 'organization', width: 26 },
        { header: '评审专家', key: 'expert', width: 12 },
        { header: '总分', key: 'total', width: 8 },
        { header: '评语', key: 'comment', width: 80 },
      ],
      rows,
    },
  ]
}
