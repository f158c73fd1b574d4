import { DEFAULT_MAX_APPLICATIONS, DEFAULT_QUALITY_METHODS, FREE_OF_CHARGE_STATEMENT, ROUTES, type CallDetail, type CallPage } from '@zlbg/shared'
import { seedDemoData } from '../../server/src/seed/seed'
import { startTestServer, type TestServer } from '../support/server'

let t: TestServer
const get = async (path: string) => {
  const res = await fetch(t.base + path)
  return { status: res.status, body: await res.json() }
}

beforeAll(async () => {
  t = await startTestServer('calls')
  // An injected clock: the demo calls as loaded on 2026-11-28, whatever day the suite runs.
  await seedDemoData(t.db.models, { now: new Date('2026-11-28T02:00:00Z') })
})
afterAll(() => t.close())

describe('GET /api/calls — the public list of calls', () => {
  test('lists published and closed calls, newest first, never drafts (第十三条)', async () => {
    const { status, body } = await get('/api/calls')
    expect(status).toBe(200)
    const page = ROUTES.listCalls.response.parse(body) as CallPage
    expect(page.items.map((c) => c.year)).toEqual([2026, 2025])
    expect(page.items.map((c) => c.state)).toEqual(['published', 'closed'])
    expect(page).toMatchObject({ page: 1, pageSize: 10, total: 2 })
  })

  test('paginates', async () => {
    const second = await get('/api/calls?page=2&pageSize=1')
    expect(second.body).toMatchObject({ page: 2, pageSize: 1, total: 2 })
    expect(second.body.items.map((c: { year: number }) => c.year)).toEqual([2025])
    const beyond = await get('/api/calls?page=3&pageSize=1')
    expect(beyond.body.items).toEqual([])
  })

  test('the application window is the call schedule\'s application milestone, in UTC', async () => {
    const { body } = await get('/api/calls')
    expect(body.items[0].applicationWindow).toEqual({
      opensAt: '2026-11-03T01:00:00.000Z',
      closesAt: '2027-01-15T09:00:00.000Z',
    })
  })

  test.each([
    ['page=0', 'query.page'],
    ['pageSize=51', 'query.pageSize'],
    ['page=abc', 'query.page'],
    ['sort=title', 'query.sort'],
  ])('a bad query (%s) is refused naming the field', async (qs, field) => {
    const { status, body } = await get(`/api/calls?${qs}`)
    expect(status).toBe(400)
    expect(body.error.code).toBe('VALIDATION_FAILED')
    expect(body.error.fields.map((f: { path: string }) => f.path)).toContain(field)
    expect(body.error.fields.every((f: { message: string }) => /[\u4e00-\u9fa5]/.test(f.message))).toBe(true)
  })
})

describe('GET /api/calls/:id — one call', () => {
  test('shows key fields (第五条), sectors (第七条), schedule and the free-of-charge notice (第三条)', async () => {
    const list = await get('/api/calls')
    const { status, body } = await get(`/api/calls/${list.body.items[0].id}`)
    expect(status).toBe(200)
    const call = ROUTES.getCall.response.parse(body) as CallDetail
    expect(call.freeOfChargeStatement).toBe(FREE_OF_CHARGE_STATEMENT)
    expect(call.keyFields.length).toBeGreaterThan(0)
    expect(call.sectors).toEqual(['manufacturing', 'construction', 'services'])
    expect(call.schedule.map((m) => m.kind)).toContain('publicity')
    expect(call.contact.department).toContain('质量标杆工作办公室')
  })

  test('carries the per-organization limit, the quality methods, templates and corrections; the seed falls back to the defaults', async () => {
    const list = await get('/api/calls')
    const { body } = await get(`/api/calls/${list.body.items[0].id}`)
    expect(body).toMatchObject({
      maxApplicationsPerOrganization: DEFAULT_MAX_APPLICATIONS,
      qualityMethods: [...DEFAULT_QUALITY_METHODS],
      templates: [],
      corrections: [],
    })
  })

  test('a draft is not found by the public (第十三条)', async () => {
    const draft = await t.db.models.Call.findOne({ state: 'draft' }).lean()
    const { status, body } = await get(`/api/calls/${draft!._id.toHexString()}`)
    expect(status).toBe(404)
    expect(body).toEqual({ error: { code: 'CALL_NOT_FOUND', message: '征集通知不存在', requestId: expect.any(String) } })
  })

  test('an unknown id is 404 and a malformed one is 400', async () => {
    expect((await get('/api/calls/0123456789abcdef01234567')).status).toBe(404)
    const bad = await get('/api/calls/not-an-id')
    expect(bad.status).toBe(400)
    expect(bad.body.error.fields).toEqual([{ path: 'params.id', message: '征集通知编号格式不正确' }])
  })
})
