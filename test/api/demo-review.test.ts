import { seedDemoApplications } from '../../server/src/seed/demoApplications'
import { DEMO_EXPERT_ACCOUNTS, DEMO_EXPERT_PASSWORD, seedDemoReview } from '../../server/src/seed/demoReview'
import { seedDemoData } from '../../server/src/seed/seed'
import { STANDIN_APP_ID } from '../../server/src/wechat/config'
import { browserUser, call } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

// The demo seeds run the whole `npm start` data set; on a loaded CI machine that takes well over the default 30 s.
jest.setTimeout(120_000)

let t: TestServer
// The real clock, as `npm start` seeds: the demo call (demoCalls(now)) is open on whatever day this runs.
const now = new Date()

beforeAll(async () => {
  t = await startTestServer('demo-review')
  await seedDemoData(t.db.models, { now })
  await seedDemoApplications(t.db.models, { wechatAppId: STANDIN_APP_ID, now })
})
afterAll(() => t.close())

test('npm start seeds an expert pool, a committee for the open call and its assignments, with expert accounts that sign in', async () => {
  expect(await seedDemoReview(t.db.models, { wechatAppId: STANDIN_APP_ID, now })).toBe(13)
  const office = (await browserUser(t, ['office'])).token
  const callDoc = (await t.db.models.Call.findOne({ state: 'published' }).lean())!
  const plan = await call(t, 'GET', `/api/office/calls/${callDoc._id}/assignments`, { token: office })
  expect(plan.status).toBe(200)
  expect(plan.body.committeeState).toBe('reviewing')
  expect(plan.body.applications).toHaveLength(5)
  expect(plan.body.applications.every((a: { reviewers: unknown[] }) => a.reviewers.length === 3)).toBe(true)
  const conflicts = await call(t, 'GET', `/api/office/calls/${callDoc._id}/conflicts`, { token: office })
  expect(conflicts.body.items.map((c: { kind: string }) => c.kind)).toEqual(['former_employer'])

  for (const account of DEMO_EXPERT_ACCOUNTS) {
    const session = await call(t, 'POST', '/api/auth/password', { body: { login: account.username, password: DEMO_EXPERT_PASSWORD } })
    expect(session.status).toBe(200)
    const calls = await call(t, 'GET', '/api/expert/calls', { token: session.body.token })
    expect(calls.body.items).toHaveLength(1)
  }
  const member = (await call(t, 'POST', '/api/auth/password', { body: { login: 'zhuanjia', password: DEMO_EXPERT_PASSWORD } })).body.token
  await call(t, 'POST', `/api/expert/calls/${callDoc._id}/pledge`, { token: member })
  const mine = await call(t, 'GET', `/api/expert/calls/${callDoc._id}/assignments`, { token: member })
  expect(mine.body.items.length).toBeGreaterThan(0)
  // A second run on a filled database adds nothing.
  expect(await seedDemoReview(t.db.models, { wechatAppId: STANDIN_APP_ID, now })).toBe(0)
})
