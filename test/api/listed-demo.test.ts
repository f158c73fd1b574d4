import { inShanghai } from '@zlbg/shared'
import { DEMO_APPLICANTS, seedDemoApplications } from '../../server/src/seed/demoApplications'
import { seedDemoListedImport } from '../../server/src/seed/demoListedImport'
import { seedDemoData } from '../../server/src/seed/seed'
import { STANDIN_APP_ID } from '../../server/src/wechat/config'
import { call, wechatUser } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

// The demo seeds run the whole `npm start` data set; on a loaded CI machine that takes well over the default 30 s.
jest.setTimeout(120_000)

let t: TestServer
// The real clock, as `npm start` seeds.
const now = new Date()
const year = inShanghai(now).year()

beforeAll(async () => {
  t = await startTestServer('listed-demo')
  await seedDemoData(t.db.models, { now })
  await seedDemoApplications(t.db.models, { wechatAppId: STANDIN_APP_ID, now })
})
afterAll(() => t.close())

test('npm start imports two earlier years (第十九条) through the office\'s command: the 名单 is full, the report has its bad rows', async () => {
  const imported = await seedDemoListedImport(t.db.models, { now })
  expect(imported).toMatchObject({ state: 'done', years: [year - 2, year - 3], inserted: 11, existing: 0, failed: 2, linked: 1 })
  expect(imported!.problems.map((p) => p.reasons[0]!.column)).toEqual(['年份', '所在地区（省级名称或代码）'])
  expect(await seedDemoListedImport(t.db.models, { now })).toBeUndefined()

  const years = await call(t, 'GET', '/api/listed/years')
  expect(years.body.years).toEqual([
    { year: year - 2, count: 5, removedCount: 0 },
    { year: year - 3, count: 6, removedCount: 0 },
  ])
  // The organization listed in both years is one organization with both experiences.
  const page = await call(t, 'GET', `/api/listed?q=${encodeURIComponent('示例重工装备')}`)
  expect(page.body.items.map((e: { year: number }) => e.year)).toEqual([year - 2, year - 3])
  const org = await call(t, 'GET', `/api/listed-organizations/${page.body.items[0].listedOrganizationId}`)
  expect(org.body).toMatchObject({ name: '示例重工装备股份有限公司', region: '江苏省', years: [year - 2, year - 3], listedCount: 2 })

  // The second demo applicant's verified credit code links it: its member is listed (第二十条).
  const member = await wechatUser(t, DEMO_APPLICANTS[1].code.split('.')[0])
  expect((await call(t, 'GET', '/api/me', { token: member.token })).body.roles).toContain('listed_org_member')
})
