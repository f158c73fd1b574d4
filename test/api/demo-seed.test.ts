import { inShanghai } from '@zlbg/shared'
import { seedDemoApplications, DEMO_APPLICANTS, DEMO_RIVAL_CLAIM } from '../../server/src/seed/demoApplications'
import { seedDemoData } from '../../server/src/seed/seed'
import { STANDIN_APP_ID } from '../../server/src/wechat/config'
import { browserUser, call, wechatUser } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

// The demo seeds run the whole `npm start` data set; on a loaded CI machine that takes well over the default 30 s.
jest.setTimeout(120_000)

let t: TestServer
// The real clock, as `npm start` seeds: the demo call is open on whatever day this runs.
const now = new Date()

beforeAll(async () => {
  t = await startTestServer('demo-seed')
  await seedDemoData(t.db.models, { now })
})
afterAll(() => t.close())

test('npm start seeds demo applicants who sign in with their simulated WeChat code and find their submitted application', async () => {
  expect(await seedDemoApplications(t.db.models, { wechatAppId: STANDIN_APP_ID, now })).toBe(DEMO_APPLICANTS.length)
  const applicant = await wechatUser(t, DEMO_APPLICANTS[0].code.split('.')[0])
  const mine = await call(t, 'GET', '/api/applications/mine', { token: applicant.token })
  expect(mine.body.items).toEqual([expect.objectContaining({ organizationName: DEMO_APPLICANTS[0].organization, state: 'submitted' })])
  expect(mine.body.items[0].receiptNumber).toMatch(new RegExp(`^ZLBG-${inShanghai(now).year()}-\\d{6}$`))
})

test('the office finds them in the queue with their pre-check: the expired certificate fails 第八条(三)', async () => {
  const office = await browserUser(t, ['office'])
  const callId = (await t.db.models.Call.findOne({ state: 'published' }).lean())!._id.toHexString()
  const list = await call(t, 'GET', `/api/office/calls/${callId}/applications`, { token: office.token })
  const rows = Object.fromEntries(list.body.items.map((r: { organizationName: string; precheck: unknown }) => [r.organizationName, r.precheck]))
  expect(rows[DEMO_APPLICANTS[0].organization]).toEqual({ pass: 5, fail: 0, judgement: 1 })
  expect(rows[DEMO_APPLICANTS[1].organization]).toEqual({ pass: 4, fail: 1, judgement: 1 })
})

test('第二十一条: the second demo organization copied the first one’s 系统性 narrative, so both reports are filled and flagged', async () => {
  const office = await browserUser(t, ['office'], { displayName: '演示办公室' })
  const apps = await t.db.models.Application.find({}, { _id: 1, organizationName: 1 }).lean()
  const idOf = (name: string) => apps.find((a) => a.organizationName === name)!._id.toHexString()
  const [first, second] = DEMO_APPLICANTS.map((d) => idOf(d.organization))
  let report
  for (let i = 0; i < 100; i++) {
    report = (await call(t, 'GET', `/api/office/applications/${second}/similarity`, { token: office.token })).body
    if (report.status === 'done' && report.matches.length) break
    await new Promise((r) => setTimeout(r, 100))
  }
  expect(report.matches).toHaveLength(1)
  expect(report.matches[0]).toMatchObject({ other: { id: first, organizationName: DEMO_APPLICANTS[0].organization }, flag: { state: 'open' } })
  expect(report.matches[0].passages[0]).toMatchObject({ self: { field: 'systematic' }, other: { field: 'systematic' } })
  const back = (await call(t, 'GET', `/api/office/applications/${first}/similarity`, { token: office.token })).body
  expect(back.matches[0]).toMatchObject({ other: { id: second }, flag: { state: 'open' } })
})

test('runs once: a database with organizations is left alone', async () => {
  expect(await seedDemoApplications(t.db.models, { wechatAppId: STANDIN_APP_ID, now })).toBe(0)
})

describe('issue 12, item 3: the office’s 组织核验 screen is filled after npm start', () => {
  test('the demo organizations are verified, and a rival claim of the first one’s code waits beside it, each with a licence scan', async () => {
    const s = await startTestServer('demo-seed-claims')
    try {
      await seedDemoData(s.db.models, { now })
      expect(await seedDemoApplications(s.db.models, { wechatAppId: STANDIN_APP_ID, now, storage: s.storage })).toBe(DEMO_APPLICANTS.length)
      const office = await browserUser(s, ['office'])
      const pending = await call(s, 'GET', '/api/credit-code-claims', { token: office.token })
      expect(pending.body.total).toBe(1)
      const [group] = pending.body.items
      expect(group.claims.map((c: { name: string; verification: { state: string } }) => [c.name, c.verification.state])).toEqual([
        [DEMO_APPLICANTS[0].organization, 'verified'],
        [DEMO_RIVAL_CLAIM.organization, 'pending'],
      ])
      expect(group.verifiedOrganizationId).toBe(group.claims[0].organizationId)
      for (const claim of group.claims) {
        const scan = await fetch(`${s.base}/api/organizations/${claim.organizationId}/attachments/${claim.businessLicenceScan.attachmentId}`, {
          headers: { authorization: `Bearer ${office.token}` },
        })
        expect(scan.status).toBe(200)
        expect(scan.headers.get('content-type')).toBe('application/pdf')
      }
    } finally {
      await s.close()
    }
  })
})
