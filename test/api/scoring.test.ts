import { CRITERIA, DEFAULT_REVIEW_PLAN, MIN_COMMENT_LENGTH, inShanghai, type ReviewPlanInput } from '@zlbg/shared'
import { scoreReminderKey } from '../../server/src/jobs/scoreReminders'
import { browserUser, call, failure, wechatUser } from '../support/api'
import { buildApplication, buildCall } from '../support/factories'
import { jobRunnerFor, testClock } from '../support/notifications'
import { buildExpert, committeeBody, type BuiltExpert } from '../support/reviewFactories'
import { startTestServer, type TestServer } from '../support/server'

/**
 * Scoring (第六条 rubric, 第十六条 material round, 第十七条 defense round), against a real server on
 * the embedded engine: two groups, two applications in the first (two reviewers each), one in the
 * second; a qualified application nobody reviews; an applicant who must never see any of it (第十三条).
 */
let t: TestServer
let office: string
let callId = ''
let groupA = ''
const people: Record<'chair' | 'vice' | 'leaderA' | 'memberA' | 'leaderB' | 'memberB' | 'outsider', BuiltExpert> = {} as never
const apps: Record<'x' | 'y' | 'z' | 'unassigned', string> = {} as never
let applicant = ''
/** assignment ids by `${expert}:${app}` */
const assignment = new Map<string, string>()

const COMMENT = '该经验方法运用系统完整，成效数据可信，具有较强的行业示范意义，建议进入答辩评审。'
const full = (n = 10) => Object.fromEntries(CRITERIA.map((c) => [c, n])) as Record<(typeof CRITERIA)[number], number>

beforeAll(async () => {
  t = await startTestServer('scoring')
  const models = t.db.models
  office = (await browserUser(t, ['office'], { displayName: '办公室王老师' })).token
  const callDoc = await buildCall(models)
  callId = callDoc._id.toHexString()
  const member = await wechatUser(t)
  applicant = member.token
  for (const key of ['x', 'y', 'z', 'unassigned'] as const) {
    apps[key] = (await buildApplication(models, { call: callDoc, state: 'qualified', ...(key === 'x' ? { memberIds: [member.id] } : {}) }))._id.toHexString()
  }
  for (const key of ['chair', 'vice', 'leaderA', 'memberA', 'leaderB', 'memberB', 'outsider'] as const) {
    people[key] = await buildExpert(t, { name: `专家${key}`, competent: key === 'chair' || key === 'vice' })
  }
  const body = committeeBody(people.chair.id, [people.vice.id], [
    { name: '第一专业组', leaderId: people.leaderA.id, memberIds: [people.memberA.id] },
    { name: '第二专业组', leaderId: people.leaderB.id, memberIds: [people.memberB.id] },
  ])
  const committee = await call(t, 'PUT', `/api/office/calls/${callId}/committee`, { token: office, body })
  expect(committee.status).toBe(200)
  groupA = committee.body.groups[0].id
  const groupB = committee.body.groups[1].id
  const place = async (app: string, groupId: string, experts: BuiltExpert[]) => {
    expect((await call(t, 'PUT', `/api/office/calls/${callId}/placements/${app}`, { token: office, body: { groupId, reason: '按领域分组' } })).status).toBe(200)
    for (const e of experts) {
      const plan = await call(t, 'POST', `/api/office/calls/${callId}/assignments`, { token: office, body: { applicationId: app, expertId: e.id, reason: '测试分配' } })
      expect(plan.status).toBe(201)
      const row = plan.body.applications.find((a: { applicationId: string }) => a.applicationId === app)
      const mine = row.reviewers.find((r: { expertId: string }) => r.expertId === e.id)
      assignment.set(`${Object.entries(people).find(([, p]) => p === e)![0]}:${app}`, mine.assignmentId)
    }
  }
  await place(apps.x, groupA, [people.leaderA, people.memberA])
  await place(apps.y, groupA, [people.leaderA, people.memberA])
  await place(apps.z, groupB, [people.leaderB, people.memberB])
})
afterAll(() => t.close())

const a = (who: string, app: keyof typeof apps) => assignment.get(`${who}:${apps[app]}`)!
const tok = (who: keyof typeof people) => people[who].token!

describe('review settings (第六条)', () => {
  test('the defaults until saved: six items in the order of 第六条, 100 points', async () => {
    const res = await call(t, 'GET', `/api/office/calls/${callId}/review-plan`, { token: office })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ saved: false, rankBy: 'mean', quorum: 3, material: { total: 100 }, defense: { total: 100 } })
    expect(res.body.material.rubric.map((i: { criterion: string }) => i.criterion)).toEqual([...CRITERIA])
  })

  test('saved, with a different defense rubric and deadlines; unknown keys and a broken rubric are refused', async () => {
    const input: ReviewPlanInput = {
      ...DEFAULT_REVIEW_PLAN,
      rankBy: 'trimmedMean',
      disagreementThreshold: 8,
      material: { ...DEFAULT_REVIEW_PLAN.material, deadline: inShanghai(new Date()).add(20, 'day').format('YYYY-MM-DD') },
      defense: { rubric: DEFAULT_REVIEW_PLAN.defense.rubric.map((i) => ({ ...i, maxPoints: 10 })) },
    }
    const saved = await call(t, 'PUT', `/api/office/calls/${callId}/review-plan`, { token: office, body: input })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ saved: true, rankBy: 'trimmedMean', defense: { total: 60 }, material: { deadline: input.material.deadline } })
    const extra = await call(t, 'PUT', `/api/office/calls/${callId}/review-plan`, { token: office, body: { ...input, weights: [] } })
    expect(extra.status).toBe(400)
    const reordered = await call(t, 'PUT', `/api/office/calls/${callId}/review-plan`, { token: office, body: { ...input, material: { rubric: [...input.material.rubric].reverse() } } })
    expect(reordered.status).toBe(422)
    // 第十三条: an expert, even the chair, does not edit the settings.
    expect((await call(t, 'GET', `/api/office/calls/${callId}/review-plan`, { token: tok('chair') })).status).toBe(403)
  })
})

describe('starting the material round (第十六条)', () => {
  test('refused before the committee started review; an expert cannot score before the round', async () => {
    const res = await call(t, 'POST', `/api/office/calls/${callId}/rounds/material/start`, { token: office })
    expect(res.body).toEqual(failure('REVIEW_NOT_STARTED'))
    expect(res.status).toBe(409)
    expect((await call(t, 'POST', `/api/office/calls/${callId}/committee/start-review`, { token: office })).status).toBe(200)
    for (const who of ['leaderA', 'memberA', 'leaderB', 'memberB', 'chair', 'vice'] as const) {
      expect((await call(t, 'POST', `/api/expert/calls/${callId}/pledge`, { token: tok(who) })).status).toBe(200)
    }
    const early = await call(t, 'PUT', `/api/expert/assignments/${a('memberA', 'x')}/score`, { token: tok('memberA'), body: { round: 'material', points: {} } })
    expect(early.body.error.code).toBe('REVIEW_ROUND_NOT_OPEN')
  })

  test('moves each qualified application with reviewers, leaves the one without; run again it moves nothing', async () => {
    const first = await call(t, 'POST', `/api/office/calls/${callId}/rounds/material/start`, { token: office })
    expect(first.body).toEqual({ round: 'material', started: 3, alreadyInRound: 0, withoutReviewers: 1, failed: [] })
    const again = await call(t, 'POST', `/api/office/calls/${callId}/rounds/material/start`, { token: office })
    expect(again.body).toEqual({ round: 'material', started: 0, alreadyInRound: 3, withoutReviewers: 1, failed: [] })
    const states = await t.db.models.Application.find({ callId }, { state: 1 }).lean()
    expect(states.filter((s) => s.state === 'material_review')).toHaveLength(3)
    expect((await t.db.models.Application.findById(apps.unassigned).lean())!.state).toBe('qualified')
  })
})

describe('the expert scores (第十六条)', () => {
  test('the form: the rubric with guidance, nothing saved yet, editable', async () => {
    const res = await call(t, 'GET', `/api/expert/assignments/${a('memberA', 'x')}/scores/material`, { token: tok('memberA') })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ roundOpen: true, editable: true, version: 0, rubricTotal: 100, points: {}, comment: '' })
    expect(res.body.state).toBeUndefined()
    expect(res.body.rubric[0]).toMatchObject({ criterion: 'scientific', maxPoints: 17, guidance: expect.any(String) })
    // The defense round is not open for it yet (第十七条).
    const defense = await call(t, 'GET', `/api/expert/assignments/${a('memberA', 'x')}/scores/defense`, { token: tok('memberA') })
    expect(defense.body).toMatchObject({ roundOpen: false, editable: false, rubricTotal: 60 })
    const draftDefense = await call(t, 'PUT', `/api/expert/assignments/${a('memberA', 'x')}/score`, { token: tok('memberA'), body: { round: 'defense', points: { scientific: 5 } } })
    expect(draftDefense.body.error.code).toBe('REVIEW_ROUND_NOT_OPEN')
  })

  test('a draft may be incomplete; a point above the item’s maximum is 422 naming the item', async () => {
    const draft = await call(t, 'PUT', `/api/expert/assignments/${a('memberA', 'x')}/score`, { token: tok('memberA'), body: { round: 'material', points: { scientific: 15 }, comment: '初步意见' } })
    expect(draft.status).toBe(200)
    expect(draft.body).toMatchObject({ state: 'draft', points: { scientific: 15 }, comment: '初步意见', editable: true })
    const over = await call(t, 'PUT', `/api/expert/assignments/${a('memberA', 'x')}/score`, { token: tok('memberA'), body: { round: 'material', points: { effective: 17 } } })
    expect(over.status).toBe(422)
    expect(over.body.error).toMatchObject({ code: 'SCORE_OUT_OF_RANGE', fields: [{ path: 'points.effective', message: '显效性满分 16 分' }] })
    const negative = await call(t, 'PUT', `/api/expert/assignments/${a('memberA', 'x')}/score`, { token: tok('memberA'), body: { round: 'material', points: { effective: -1 } } })
    expect(negative.status).toBe(400)
  })

  test('submitting needs every item and a comment of the minimum length; then it is locked', async () => {
    const url = `/api/expert/assignments/${a('memberA', 'x')}/score/submit`
    const partial = await call(t, 'POST', url, { token: tok('memberA'), body: { round: 'material', points: { scientific: 15 }, comment: COMMENT } })
    expect(partial.status).toBe(400)
    const short = await call(t, 'POST', url, { token: tok('memberA'), body: { round: 'material', points: full(), comment: '很好'.padEnd(MIN_COMMENT_LENGTH - 1, '。') } })
    expect(short.status).toBe(400)
    const done = await call(t, 'POST', url, { token: tok('memberA'), body: { round: 'material', points: full(12), comment: COMMENT } })
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ state: 'submitted', total: 72, version: 1, editable: false, submittedAt: expect.any(String) })
    expect((await call(t, 'POST', url, { token: tok('memberA'), body: { round: 'material', points: full(13), comment: COMMENT } })).body.error).toMatchObject({ code: 'STATE_CONFLICT', currentState: 'submitted' })
    const edit = await call(t, 'PUT', `/api/expert/assignments/${a('memberA', 'x')}/score`, { token: tok('memberA'), body: { round: 'material', points: full(1) } })
    expect(edit.body.error).toMatchObject({ code: 'STATE_CONFLICT', currentState: 'submitted' })
    const states = await call(t, 'GET', `/api/expert/calls/${callId}/scores`, { token: tok('memberA') })
    expect(states.body.items).toEqual(expect.arrayContaining([{ assignmentId: a('memberA', 'x'), round: 'material', state: 'submitted' }, { assignmentId: a('memberA', 'y'), round: 'material' }]))
    expect(states.body.items).toHaveLength(2)
  })

  test('第十三条: an expert cannot read or score what is not assigned to them, and needs the pledge', async () => {
    // memberB's assignment, tried by memberA (another group) and the outsider; the leader of the same group neither.
    for (const who of ['memberA', 'leaderA', 'outsider', 'chair'] as const) {
      const res = await call(t, 'PUT', `/api/expert/assignments/${a('memberB', 'z')}/score`, { token: tok(who), body: { round: 'material', points: full() } })
      expect({ who, status: res.status }).toEqual({ who, status: 403 })
      expect((await call(t, 'GET', `/api/expert/assignments/${a('memberB', 'z')}/scores/material`, { token: tok(who) })).status).toBe(403)
    }
    expect((await call(t, 'PUT', `/api/expert/assignments/${a('memberB', 'z')}/score`, { token: office, body: { round: 'material', points: full() } })).status).toBe(403)
    // Without the current pledge (the text changed, version 2), no score form.
    await t.db.models.Committee.updateOne({ callId }, { $inc: { pledgeVersion: 1 } })
    const gated = await call(t, 'GET', `/api/expert/assignments/${a('memberB', 'z')}/scores/material`, { token: tok('memberB') })
    expect(gated.body).toEqual(failure('PLEDGE_REQUIRED'))
    await t.db.models.Committee.updateOne({ callId }, { $inc: { pledgeVersion: -1 } })
  })

  test('the round’s rubric is locked by its first submitted score; the deadline and the other round still change', async () => {
    const current = (await call(t, 'GET', `/api/office/calls/${callId}/review-plan`, { token: office })).body
    expect(current.material.lockedAt).toEqual(expect.any(String))
    const { callId: _c, saved: _s, updatedAt: _u, ...rest } = current
    const input = { ...rest, material: { rubric: current.material.rubric, deadline: current.material.deadline }, defense: { rubric: current.defense.rubric } }
    const changed = await call(t, 'PUT', `/api/office/calls/${callId}/review-plan`, {
      token: office,
      body: { ...input, material: { ...input.material, rubric: input.material.rubric.map((i: { maxPoints: number }, n: number) => ({ ...i, maxPoints: n === 0 ? 20 : i.maxPoints })) } },
    })
    expect(changed.status).toBe(409)
    expect(changed.body.error.code).toBe('RUBRIC_LOCKED')
    const later = inShanghai(new Date()).add(25, 'day').format('YYYY-MM-DD')
    const moved = await call(t, 'PUT', `/api/office/calls/${callId}/review-plan`, { token: office, body: { ...input, material: { ...input.material, deadline: later }, defense: { rubric: DEFAULT_REVIEW_PLAN.defense.rubric } } })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ material: { deadline: later, lockedAt: current.material.lockedAt }, defense: { total: 100 } })
  })
})

describe('progress and reopening', () => {
  test('progress: the office and the chair see every group, a group leader their own, a member nothing', async () => {
    const all = await call(t, 'GET', `/api/review/calls/${callId}/rounds/material/progress`, { token: office })
    expect(all.status).toBe(200)
    expect(all.body).toMatchObject({ applicationsInRound: 3, waitingToStart: 1 })
    expect(all.body.groups.map((g: { name: string }) => g.name)).toEqual(['第一专业组', '第二专业组'])
    expect(all.body.groups[0]).toMatchObject({ assigned: 4, submitted: 1, draft: 0, notStarted: 3 })
    const memberA = all.body.groups[0].experts.find((e: { name: string }) => e.name === '专家memberA')
    expect(memberA.items.map((i: { state: string }) => i.state).sort()).toEqual(['not_started', 'submitted'])
    // Never the points or the comment in progress.
    expect(JSON.stringify(all.body)).not.toContain(COMMENT)
    const chair = await call(t, 'GET', `/api/review/calls/${callId}/rounds/material/progress`, { token: tok('chair') })
    expect(chair.body.groups).toHaveLength(2)
    expect(chair.body.canReopenGroups).toEqual([])
    const leader = await call(t, 'GET', `/api/review/calls/${callId}/rounds/material/progress`, { token: tok('leaderB') })
    expect(leader.body.groups.map((g: { name: string }) => g.name)).toEqual(['第二专业组'])
    expect(leader.body.canReopenGroups).toEqual([leader.body.groups[0].id])
    expect((await call(t, 'GET', `/api/review/calls/${callId}/rounds/material/progress`, { token: tok('memberA') })).status).toBe(403)
    expect((await call(t, 'GET', `/api/review/calls/${callId}/rounds/material/progress`, { token: tok('outsider') })).status).toBe(403)
  })

  test('reopened with a reason by the own group’s leader only; resubmitted, every version stays with the office', async () => {
    const scoreId = (await t.db.models.Score.findOne({ assignmentId: a('memberA', 'x'), round: 'material' }).lean())!._id.toHexString()
    const url = `/api/review/scores/${scoreId}/reopen`
    expect((await call(t, 'POST', url, { token: tok('leaderB'), body: { reason: '评语与分数不一致，请核实' } })).status).toBe(403)
    expect((await call(t, 'POST', url, { token: tok('memberA'), body: { reason: '评语与分数不一致，请核实' } })).status).toBe(403)
    expect((await call(t, 'POST', url, { token: tok('chair'), body: { reason: '评语与分数不一致，请核实' } })).status).toBe(403)
    expect((await call(t, 'POST', url, { token: tok('leaderA'), body: {} })).status).toBe(400)
    const reopened = await call(t, 'POST', url, { token: tok('leaderA'), body: { reason: '评语与分数不一致，请核实' } })
    expect(reopened.status).toBe(200)
    expect(reopened.body).toMatchObject({ state: 'reopened', version: 1, history: [{ version: 1, total: 72, comment: COMMENT, reopenReason: '评语与分数不一致，请核实', reopenedByName: '专家leaderA' }] })
    expect((await call(t, 'POST', url, { token: office, body: { reason: '重复退回测试' } })).body.error).toMatchObject({ code: 'STATE_CONFLICT', currentState: 'reopened' })

    // The expert sees why, edits and submits again.
    const form = await call(t, 'GET', `/api/expert/assignments/${a('memberA', 'x')}/scores/material`, { token: tok('memberA') })
    expect(form.body).toMatchObject({ state: 'reopened', editable: true, reopenReason: '评语与分数不一致，请核实', points: full(12) })
    // Told through the outbox, in the same step as the reopening.
    const told = await t.db.models.Outbox.find({ kind: 'score.reopened', recipientUserId: people.memberA.userId }).lean()
    expect(told.map((o) => o.content.body)).toEqual([expect.stringContaining('评语与分数不一致')])
    const again = await call(t, 'POST', `/api/expert/assignments/${a('memberA', 'x')}/score/submit`, { token: tok('memberA'), body: { round: 'material', points: { ...full(14), developmental: 16 }, comment: COMMENT + '经核实调整。' } })
    expect(again.body).toMatchObject({ state: 'submitted', version: 2, total: 86 })

    const detail = await call(t, 'GET', `/api/office/scores/${scoreId}`, { token: office })
    expect(detail.body).toMatchObject({ state: 'submitted', version: 2, total: 86, expertName: '专家memberA', history: [{ version: 1, total: 72 }] })
    // The office reopens too; an expert never reads the history.
    expect((await call(t, 'GET', `/api/office/scores/${scoreId}`, { token: tok('leaderA') })).status).toBe(403)
    expect((await call(t, 'POST', url, { token: office, body: { reason: '办公室复核：请补充评语' } })).body).toMatchObject({ state: 'reopened', history: [{ version: 1 }, { version: 2, reopenedByName: '办公室王老师' }] })
    // Once the application has left the round, a submitted score is no longer sent back.
    expect((await call(t, 'POST', `/api/expert/assignments/${a('leaderB', 'z')}/score/submit`, { token: tok('leaderB'), body: { round: 'material', points: full(), comment: COMMENT } })).status).toBe(200)
    const zScore = (await t.db.models.Score.findOne({ assignmentId: a('leaderB', 'z') }).lean())!
    await t.db.models.Application.updateOne({ _id: apps.z }, { $set: { state: 'shortlisted' } })
    const closed = await call(t, 'POST', `/api/review/scores/${zScore._id}/reopen`, { token: office, body: { reason: '入围后复核测试' } })
    expect(closed.body.error.code).toBe('REVIEW_ROUND_NOT_OPEN')
    await t.db.models.Application.updateOne({ _id: apps.z }, { $set: { state: 'material_review' } })
    const audit = await t.db.models.Audit.find({ 'resource.type': 'score', 'resource.id': scoreId }).lean()
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['score.create', 'score.edit', 'score.submit', 'score.reopen']))
  })

  test('第十三条: the applicant’s responses carry no scores, comments or reviewer names', async () => {
    const mine = await call(t, 'GET', '/api/applications', { token: applicant })
    const one = await call(t, 'GET', `/api/applications/${apps.x}`, { token: applicant })
    expect(one.status).toBe(200)
    for (const body of [mine.body, one.body]) {
      const text = JSON.stringify(body)
      for (const secret of [COMMENT, '专家memberA', '专家leaderA', '评语与分数不一致', '"total"', '"points"', 'score']) expect(text).not.toContain(secret)
    }
    const messages = JSON.stringify((await call(t, 'GET', '/api/me/messages', { token: applicant })).body)
    expect(messages).not.toContain('专家')
    const scoreId = (await t.db.models.Score.findOne({ assignmentId: a('memberA', 'x') }).lean())!._id.toHexString()
    expect((await call(t, 'GET', `/api/office/scores/${scoreId}`, { token: applicant })).status).toBe(403)
    expect((await call(t, 'GET', `/api/review/calls/${callId}/rounds/material/progress`, { token: applicant })).status).toBe(403)
  })
})

test('reminders before the deadline: once per expert and round, only to those with scores outstanding', async () => {
  const models = t.db.models
  // Every one of group B's scores submitted: its experts are not reminded.
  for (const who of ['leaderB', 'memberB'] as const) {
    if (await models.Score.exists({ assignmentId: a(who, 'z'), state: 'submitted' })) continue
    expect((await call(t, 'POST', `/api/expert/assignments/${a(who, 'z')}/score/submit`, { token: tok(who), body: { round: 'material', points: full(), comment: COMMENT } })).status).toBe(200)
  }
  const plan = (await models.ReviewPlan.findOne({ callId }).lean())!
  const clock = testClock(new Date())
  const runner = jobRunnerFor(t, { instanceId: 'reminders', clock })
  // Three weeks before the deadline: nothing yet.
  expect(await runner.runOnce('review.scoreReminders')).toMatchObject({ ran: true, outcome: 'reminders 0' })
  // Two days before it (Asia/Shanghai).
  clock.advance(inShanghai(`${plan.material.deadline}T09:00:00+08:00`).subtract(2, 'day').valueOf() - clock.now().getTime())
  expect(await runner.runOnce('review.scoreReminders')).toMatchObject({ ran: true, outcome: 'reminders 2' })
  expect(await runner.runOnce('review.scoreReminders')).toMatchObject({ ran: true, outcome: 'reminders 0' })
  const queued = await models.Outbox.find({ key: new RegExp(`^${scoreReminderKey(callId, 'material')}:`) }).lean()
  const userIds = queued.map((q) => q.recipientUserId.toHexString()).sort()
  expect(userIds).toEqual([people.leaderA.userId!, people.memberA.userId!].sort())
  expect(queued[0]!.content.body).toContain(plan.material.deadline!)
})

test('two tabs submitting the same score at once: one version lands, the other is a 409', async () => {
  const url = `/api/expert/assignments/${a('leaderA', 'y')}/score/submit`
  const body = { round: 'material', points: full(9), comment: COMMENT }
  const [one, two] = await Promise.all([call(t, 'POST', url, { token: tok('leaderA'), body }), call(t, 'POST', url, { token: tok('leaderA'), body })])
  expect([one.status, two.status].sort()).toEqual([200, 409])
  const scores = await t.db.models.Score.find({ assignmentId: a('leaderA', 'y'), round: 'material' }).lean()
  expect(scores.map((s) => ({ state: s.state, version: s.version, total: s.total }))).toEqual([{ state: 'submitted', version: 1, total: 54 }])
})

test('第十七条: in defense review (and during a site visit) the defense round is scored on its own rubric, beside the material score', async () => {
  await t.db.models.Application.updateOne({ _id: apps.z }, { $set: { state: 'defense_review' } })
  const url = `/api/expert/assignments/${a('memberB', 'z')}`
  const form = await call(t, 'GET', `${url}/scores/defense`, { token: tok('memberB') })
  expect(form.body).toMatchObject({ round: 'defense', roundOpen: true, editable: true, version: 0 })
  // The material round is closed for it now.
  expect((await call(t, 'PUT', `${url}/score`, { token: tok('memberB'), body: { round: 'material', points: {} } })).body.error.code).toBe('REVIEW_ROUND_NOT_OPEN')
  await t.db.models.Application.updateOne({ _id: apps.z }, { $set: { state: 'site_visit' } })
  const done = await call(t, 'POST', `${url}/score/submit`, { token: tok('memberB'), body: { round: 'defense', points: full(11), comment: COMMENT } })
  expect(done.body).toMatchObject({ round: 'defense', state: 'submitted', total: 66, version: 1 })
  const both = await t.db.models.Score.find({ assignmentId: a('memberB', 'z') }).sort({ round: 1 }).lean()
  expect(both.map((s) => [s.round, s.state, s.total])).toEqual([
    ['defense', 'submitted', 66],
    ['material', 'submitted', 60],
  ])
  const progress = await call(t, 'GET', `/api/review/calls/${callId}/rounds/defense/progress`, { token: office })
  expect(progress.body).toMatchObject({ applicationsInRound: 1, waitingToStart: 0 })
  expect((await call(t, 'GET', `/api/office/calls/${callId}/review-plan`, { token: office })).body.defense.lockedAt).toEqual(expect.any(String))
})
