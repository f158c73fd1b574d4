import mongoose from 'mongoose'
import { DEMO_APPLICANTS, seedDemoApplications } from '../../server/src/seed/demoApplications'
import { DEMO_EXPERT_PASSWORD, seedDemoReview } from '../../server/src/seed/demoReview'
import { seedDemoScores } from '../../server/src/seed/demoScores'
import { seedDemoData } from '../../server/src/seed/seed'
import { STANDIN_APP_ID } from '../../server/src/wechat/config'
import { browserUser, call } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

// The demo seeds run the whole `npm start` data set; on a loaded CI machine that takes well over the default 30 s.
jest.setTimeout(120_000)

let t: TestServer
// The real clock, as `npm start` seeds: the demo call is open on whatever day this runs.
const now = new Date()

beforeAll(async () => {
  t = await startTestServer('demo-scores')
  await seedDemoData(t.db.models, { now })
  await seedDemoApplications(t.db.models, { wechatAppId: STANDIN_APP_ID, now })
  await seedDemoReview(t.db.models, { wechatAppId: STANDIN_APP_ID, now })
})
afterAll(() => t.close())

test('npm start seeds the material round (第十六条): most scores submitted, a few drafts, one reopened with its reason', async () => {
  const made = await seedDemoScores(t.db.models, { now })
  expect(made).toBeGreaterThan(5)
  const scores = await t.db.models.Score.find({}).lean()
  expect(scores).toHaveLength(made)
  const by = (state: string) => scores.filter((s) => s.state === state)
  expect(by('submitted').length).toBeGreaterThan(made / 2)
  expect(by('draft').length).toBeGreaterThan(0)
  expect(by('reopened')).toHaveLength(1)
  expect(by('reopened')[0]!.history[0]!.reopenReason).toContain('创新性')

  const office = (await browserUser(t, ['office'])).token
  const callId = scores[0]!.callId.toHexString()
  const plan = await call(t, 'GET', `/api/office/calls/${callId}/review-plan`, { token: office })
  expect(plan.body).toMatchObject({ saved: true, material: { lockedAt: expect.any(String), deadline: expect.any(String) } })
  const progress = await call(t, 'GET', `/api/review/calls/${callId}/rounds/material/progress`, { token: office })
  expect(progress.body.applicationsInRound).toBeGreaterThan(0)
  expect(progress.body.groups.reduce((n: number, g: { submitted: number }) => n + g.submitted, 0)).toBe(by('submitted').length)

  // The demo member's account is left to score: after the pledge, their form is empty and open.
  const member = (await call(t, 'POST', '/api/auth/password', { body: { login: 'zhuanjia', password: DEMO_EXPERT_PASSWORD } })).body.token
  await call(t, 'POST', `/api/expert/calls/${callId}/pledge`, { token: member })
  const mine = await call(t, 'GET', `/api/expert/calls/${callId}/scores`, { token: member })
  expect(mine.body.items.length).toBeGreaterThan(0)
  expect(mine.body.items.every((i: { round?: string; state?: string }) => i.round === 'material' && i.state === undefined)).toBe(true)
  // The chair follows every group.
  const chair = (await call(t, 'POST', '/api/auth/password', { body: { login: 'zhuren', password: DEMO_EXPERT_PASSWORD } })).body.token
  expect((await call(t, 'GET', `/api/review/calls/${callId}/rounds/material/progress`, { token: chair })).body.groups).toHaveLength(2)

  expect(await seedDemoScores(t.db.models, { now })).toBe(0)
})

test('第二十一条 during review: the demo expert and group leader see the planted copy on the application they review, the other side hidden', async () => {
  // The checks the submissions queued run right after them.
  for (let i = 0; i < 100 && (await t.db.models.Application.countDocuments({ similarityDueAt: { $exists: true } })) > 0; i++) await new Promise((r) => setTimeout(r, 100))
  const callId = (await t.db.models.Committee.findOne({ state: 'reviewing' }).lean())!.callId.toHexString()
  const signIn = async (login: string) => {
    const token = (await call(t, 'POST', '/api/auth/password', { body: { login, password: DEMO_EXPERT_PASSWORD } })).body.token as string
    await call(t, 'POST', `/api/expert/calls/${callId}/pledge`, { token })
    return token
  }
  const member = await signIn('zhuanjia')
  const assignments = (await call(t, 'GET', `/api/expert/calls/${callId}/assignments`, { token: member })).body.items as { id: string }[]
  const views = await Promise.all(assignments.map(async (a) => (await call(t, 'GET', `/api/expert/assignments/${a.id}/similarity`, { token: member })).body))
  const flagged = views.filter((v) => v.flags.length > 0)
  expect(flagged).toHaveLength(1)
  expect(flagged[0]).toMatchObject({ identityHidden: true, flags: [{ state: 'open', other: { kind: 'application' } }] })
  expect([...new Set(flagged[0].flags[0].passages.map((p: { self: { field: string } }) => p.self.field))].sort()).toEqual(['exemplary', 'scientific'])
  expect(JSON.stringify(flagged[0])).not.toContain(DEMO_APPLICANTS[0].organization)

  const leader = await signIn('zuzhang')
  const group = (await call(t, 'GET', `/api/review/calls/${callId}/similarity-flags`, { token: leader })).body
  expect(group.items.map((i: { applicationId: string }) => i.applicationId)).toEqual([flagged[0].applicationId])
  // The other applications under review are their organizations' own: none flags another.
  const inReview = (await t.db.models.Assignment.distinct('applicationId', { callId: new mongoose.Types.ObjectId(callId) })).map(String)
  const flags = await t.db.models.SimilarityFlag.find({ applicationId: { $in: inReview } }).lean()
  expect(flags.map((f) => f.applicationId.toHexString())).toEqual([flagged[0].applicationId])
})
