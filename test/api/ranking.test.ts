import ExcelJS from 'exceljs'
import mongoose from 'mongoose'
import { DEFAULT_REVIEW_PLAN, type ReviewRound } from '@zlbg/shared'
import { browserUser, call, wechatUser } from '../support/api'
import { HAND_TABLE, pointsFor, seedHandTable } from '../support/rankingTable'
import { buildExpert } from '../support/reviewFactories'
import { startTestServer, type TestServer } from '../support/server'

/**
 * The ranking of a round and the office's exports (第十六条, 第十七条; issue 15 "Aggregation —
 * shown, not hidden"). The round is stored directly (test/support/rankingTable.ts: committee,
 * assignments, submitted Score documents — the scoring commands are another part of the issue);
 * the figures, the ranking and the exports are read through the API.
 */
let t: TestServer
let office: string

beforeAll(async () => {
  t = await startTestServer('ranking')
  office = (await browserUser(t, ['office'])).token
})
afterAll(() => t.close())

const handTableCall = (round: ReviewRound = 'material') =>
  seedHandTable(t.db.models, { round, makeExpert: (name, competent) => buildExpert(t, { name, competent }) })

const ranking = (callId: string, token: string | undefined, round = 'material') => call(t, 'GET', `/api/review/calls/${callId}/rounds/${round}/ranking`, { token })
const byTitle = (rows: { title: string }[]) => Object.fromEntries(rows.map((r) => [r.title.replace('申报', ''), r]))

describe('第十六条: the figures of a round and its ranking', () => {
  test('the figures read through the database match the hand-computed table; ranked by the call’s figure with the stated tie rule', async () => {
    const s = await handTableCall()
    const res = await ranking(s.callId, office)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ callId: s.callId, round: 'material', rankBy: 'mean', disagreementThreshold: 10, rubricTotal: 100 })
    expect(res.body.tieRule).toContain('相同时依次比较')
    const rows = byTitle(res.body.rows)
    for (const [app, expected] of Object.entries(HAND_TABLE.expected)) expect(rows[app]).toMatchObject(expected)
    expect(res.body.rows.map((r: { title: string }) => r.title)).toEqual(['申报C', '申报A', '申报B', '申报D'])
    expect(rows.C).toMatchObject({ rank: 1, groupRank: 1, groupName: '第二专业组', assigned: 2 })
    expect(rows.A).toMatchObject({ rank: 2, groupRank: 1, groupName: '第一专业组', assigned: 5 })
    expect(rows.B).toMatchObject({ rank: 3, groupRank: 2 })
    // Assigned, not yet scored: listed last, unranked, every figure empty.
    expect(rows.D).toMatchObject({ count: 0, assigned: 2, mean: null, normalized: null, rank: null, groupRank: null, disagreement: false })
  })

  test('only submitted scores count: drafts, reopened scores and a withdrawn assignment’s score change nothing', async () => {
    const s = await handTableCall()
    const before = (await ranking(s.callId, office)).body
    await s.score('D', 'X', 10, { state: 'draft', total: undefined, version: 0, submittedAt: undefined })
    const earlier = { version: 1, points: pointsFor(5), total: 5, comment: '误填', submittedAt: new Date(), reopenedAt: new Date(), reopenReason: '分数明显有误' }
    await s.score('B', 'E4', 5, { state: 'reopened', history: [earlier] })
    const withdrawn = await s.score('C', 'E5', 0)
    await t.db.models.Assignment.updateOne({ _id: withdrawn.assignmentId }, { $set: { state: 'withdrawn', slot: `withdrawn:${withdrawn.assignmentId}`, withdrawnReason: '发现回避关系' } })
    const after = (await ranking(s.callId, office)).body
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ assigned: _a, ...r }) => r)
    expect(strip(after.rows)).toEqual(strip(before.rows))
  })

  test('the call’s settings choose the ranking figure, the threshold and the scale', async () => {
    const s = await handTableCall()
    const rubric = DEFAULT_REVIEW_PLAN.material.rubric.map((i) => ({ ...i, maxPoints: 20 })) // total 120
    await t.db.models.ReviewPlan.create({ callId: s.callDoc._id, ...DEFAULT_REVIEW_PLAN, rankBy: 'normalized', disagreementThreshold: 20, material: { rubric } })
    const res = await ranking(s.callId, office)
    expect(res.body).toMatchObject({ rankBy: 'normalized', disagreementThreshold: 20, rubricTotal: 120 })
    expect(res.body.tieRule).toMatch(/^按标准化分从高到低排名/)
    const rows = byTitle(res.body.rows)
    expect(rows.C).toMatchObject({ normalized: 84.09, disagreement: false, rank: 1 })
    expect(rows.A).toMatchObject({ rank: 2 })
  })

  test('a round of equal means: ties broken by the other figures, then the number of scores', async () => {
    const s = await handTableCall()
    // D gets two scores of 82 (mean 82 like A; A's trimmed mean 81.67 is below D's 82): D before A.
    for (const expert of [s.experts.E4, s.experts.X]) {
      await t.db.models.Score.create({
        callId: s.callDoc._id,
        round: 'material',
        assignmentId: new mongoose.Types.ObjectId(),
        applicationId: s.apps.D,
        groupId: new mongoose.Types.ObjectId(s.g2),
        expertId: expert.expert._id,
        state: 'submitted',
        points: pointsFor(82),
        comment: '材料完整，方法运用得当，成效数据充分，具有一定推广价值。',
        total: 82,
        version: 1,
        submittedAt: new Date(),
      })
    }
    const rows = (await ranking(s.callId, office)).body.rows.map((r: { title: string }) => r.title)
    expect(rows).toEqual(['申报C', '申报D', '申报A', '申报B'])
  })

  test('the defense round (第十七条) ranks its own scores; applications that never reached it are not listed', async () => {
    const s = await handTableCall('material')
    const res = await ranking(s.callId, office, 'defense')
    expect(res.status).toBe(200)
    expect(res.body.rows).toEqual([])
    const d = await handTableCall('defense')
    const defense = await ranking(d.callId, office, 'defense')
    expect(defense.body.rows.map((r: { title: string }) => r.title)).toEqual(['申报C', '申报A', '申报B', '申报D'])
    expect((await ranking(d.callId, office, 'material')).body.rows.every((r: { count: number }) => r.count === 0)).toBe(true)
  })

  test('bad round or unknown call: a clear refusal', async () => {
    const s = await handTableCall()
    const bad = await ranking(s.callId, office, 'final')
    expect(bad.status).toBe(400)
    expect(bad.body.error.fields[0].message).toContain('评审轮次')
    const missing = await ranking(new mongoose.Types.ObjectId().toHexString(), office)
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('COMMITTEE_NOT_FOUND')
  })
})

describe('第十三条: who sees the ranking', () => {
  test('chair and vice chair see every group; a group leader only their own; members, other experts and applicants nothing', async () => {
    const s = await handTableCall()
    const titles = async (token: string | undefined) => {
      const res = await ranking(s.callId, token)
      return res.status === 200 ? res.body.rows.map((r: { title: string }) => r.title) : res.status
    }
    expect(await titles(s.chair.token)).toEqual(['申报C', '申报A', '申报B', '申报D'])
    expect(await titles(s.vice.token)).toEqual(['申报C', '申报A', '申报B', '申报D'])
    expect(await titles(s.experts.E1.token)).toEqual(['申报A', '申报B'])
    expect(await titles(s.experts.E4.token)).toEqual(['申报C', '申报D'])
    expect(await titles(s.experts.E2.token)).toBe(403)
    expect(await titles((await buildExpert(t)).token)).toBe(403)
    expect(await titles((await wechatUser(t)).token)).toBe(403)
    expect(await titles(undefined)).toBe(401)
  })

  test('a group leader’s rows keep the ranks of the whole round', async () => {
    const s = await handTableCall()
    const rows = (await ranking(s.callId, s.experts.E1.token)).body.rows
    expect(rows.map((r: { rank: number; groupRank: number }) => [r.rank, r.groupRank])).toEqual([[2, 1], [3, 2]])
  })
})

describe('the office’s exports (xlsx)', () => {
  async function download(callId: string, kind: string, token = office) {
    const res = await fetch(`${t.base}/api/office/calls/${callId}/rounds/material/exports/${kind}`, { headers: { authorization: `Bearer ${token}` } })
    const data = await res.arrayBuffer()
    const book = new ExcelJS.Workbook()
    if (res.ok) await book.xlsx.load(data)
    const sheet = (name: string) => {
      const ws = book.getWorksheet(name)!
      const rows: unknown[][] = []
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
      return rows
    }
    return { status: res.status, type: res.headers.get('content-type'), book, sheet }
  }

  test('the ranking: every figure and the stated rule; the export is on record', async () => {
    const s = await handTableCall()
    const res = await download(s.callId, 'ranking')
    expect(res.status).toBe(200)
    expect(res.type).toContain('spreadsheetml')
    const rows = res.sheet('汇总排名')
    expect(rows[0]).toEqual(['总排名', '组内排名', '专业组', '受理编号', '申报标题', '申报组织', '分配专家', '有效评分', '平均分', '去掉最高最低分后的平均分', '标准差', '标准化分', '分歧提示'])
    expect(rows[1]).toEqual([1, 1, '第二专业组', expect.any(String), '申报C', expect.any(String), 2, 2, '85.00', '85.00', '15.00', '84.09', '分歧较大'])
    expect(rows[2]!.slice(8, 12)).toEqual(['82.00', '81.67', '9.27', '83.61'])
    expect(res.sheet('排名规则').map((r) => r[0])).toEqual(['项目', '评审轮次', '排名依据', '并列规则', '分歧阈值（标准差，分）', '评分表满分'])
    expect(await t.db.models.Audit.countDocuments({ action: 'ranking.export.ranking', 'resource.id': s.callId })).toBe(1)
  })

  test('score sheets: one sheet per group, one row per submitted score with every item of 第六条', async () => {
    const s = await handTableCall()
    const res = await download(s.callId, 'scores')
    expect(res.book.worksheets.map((w) => w.name)).toEqual(['第二专业组', '第一专业组'])
    const first = res.sheet('第一专业组')
    expect(first[0]).toEqual(['组内排名', '受理编号', '申报标题', '申报组织', '评审专家', '科学性', '创新性', '系统性', '示范性', '显效性', '发展性', '总分', '版本', '提交时间（UTC）'])
    expect(first).toHaveLength(1 + 5 + 3)
    for (const row of first.slice(1)) {
      const items = row.slice(5, 11) as number[]
      expect(items.reduce((a, b) => a + b, 0)).toBe(row[11])
    }
    expect(first.slice(1, 6).map((r) => r[4])).toEqual(['专家E1', '专家E2', '专家E3', '专家E4', '专家E5'])
  })

  test('comments: each submitted score’s comment with its expert', async () => {
    const s = await handTableCall()
    const rows = (await download(s.callId, 'comments')).sheet('专家评语')
    expect(rows).toHaveLength(1 + 10)
    expect(rows[1]).toEqual(['第二专业组', expect.any(String), '申报C', expect.any(String), '专家E1', 70, expect.stringContaining('C 的评语')])
  })

  test.each(['scores', 'ranking', 'comments'])('%s: the office’s alone — not the chair, not an applicant', async (kind) => {
    const s = await handTableCall()
    expect((await download(s.callId, kind, s.chair.token!)).status).toBe(403)
    expect((await download(s.callId, kind, (await wechatUser(t)).token)).status).toBe(403)
  })
})
