import { seedDemoApplications } from '../../server/src/seed/demoApplications'
import { seedDemoDeliberation } from '../../server/src/seed/demoDeliberation'
import { DEMO_EXPERT_PASSWORD, seedDemoReview } from '../../server/src/seed/demoReview'
import { seedDemoData } from '../../server/src/seed/seed'
import { STANDIN_APP_ID } from '../../server/src/wechat/config'
import { browserUser, call } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

// The demo seeds run the whole `npm start` data set; on a loaded CI machine that takes well over the default 30 s.
jest.setTimeout(120_000)

let t: TestServer
// The real clock, as `npm start` seeds: the dates are relative to whatever day this runs.
const now = new Date()

beforeAll(async () => {
  t = await startTestServer('demo-deliberation')
  await seedDemoData(t.db.models, { now })
  await seedDemoApplications(t.db.models, { wechatAppId: STANDIN_APP_ID, now })
  await seedDemoReview(t.db.models, { wechatAppId: STANDIN_APP_ID, now })
})
afterAll(() => t.close())

test('npm start seeds a second batch with a signed material deliberation, defense slots (one confirmed), a site visit with findings (第十六条, 第十七条)', async () => {
  expect(await seedDemoDeliberation(t.db.models, { now })).toBe(5)
  const office = (await browserUser(t, ['office'])).token
  const callDoc = (await t.db.models.Call.findOne({ title: /第二批/ }).lean())!
  const list = await call(t, 'GET', `/api/office/calls/${callDoc._id}/deliberations`, { token: office })
  expect(list.status).toBe(200)
  const material = list.body.items.find((d: { round: string }) => d.round === 'material')
  expect(material).toMatchObject({ state: 'signed', signedAs: 'chair' })
  expect(material.items.map((i: { decision: string; applied: boolean }) => [i.decision, i.applied])).toEqual([
    ['shortlisted', true],
    ['shortlisted', true],
    ['shortlisted', true],
    ['not_shortlisted', true],
    ['not_shortlisted', true],
  ])
  const defense = list.body.items.find((d: { round: string }) => d.round === 'defense')
  expect(defense.state).toBe('draft')
  expect(defense.items).toHaveLength(3)
  expect(defense.items.flatMap((i: { siteVisits: { findings: string }[] }) => i.siteVisits).map((v: { findings: string }) => v.findings)).toEqual([expect.stringContaining('现场查阅')])

  const board = await call(t, 'GET', `/api/office/calls/${callDoc._id}/defense`, { token: office })
  expect(board.body.slots.map((s: { state: string }) => s.state)).toEqual(['confirmed', 'assigned', 'open'])

  // The chair's list shows both records; the defense one can be signed once decided.
  const chair = (await call(t, 'POST', '/api/auth/password', { body: { login: 'zhuren', password: DEMO_EXPERT_PASSWORD } })).body.token
  const mine = await call(t, 'GET', '/api/expert/deliberations', { token: chair })
  expect(mine.body.items.map((d: { state: string }) => d.state).sort()).toEqual(['draft', 'signed'])
  // Run again: nothing more.
  expect(await seedDemoDeliberation(t.db.models, { now })).toBe(0)
})
