/**
 * Issue 12, item 6: the office cannot lock itself out. The probe (schemathesis with the
 * administrator's token) took the admin and office roles away from the only administrator — itself.
 */
import { browserUser, call, failure } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer('office-continuity')
})
afterAll(() => t.close())
// Each test starts from nobody active, then makes exactly the accounts it counts on.
beforeEach(async () => {
  await t.db.models.Counter.deleteMany({})
  await t.db.models.User.updateMany({}, { $set: { disabled: true } })
})

const setRoles = (token: string, id: string, roles: string[]) => call(t, 'PUT', `/api/users/${id}/roles`, { token, body: { roles } })
const disable = (token: string, id: string) => call(t, 'POST', `/api/users/${id}/disable`, { token, body: { reason: '测试停用' } })
const rolesOf = async (id: string) => (await t.db.models.User.findById(id).lean())!.roles

describe('the last active administrator (第四条: the office keeps running its accounts)', () => {
  test('the probe: the only administrator taking admin and office from itself is 409 OWN_ADMIN_ROLE, nothing changes', async () => {
    const admin = await browserUser(t, ['admin', 'office'])
    const res = await setRoles(admin.token, admin.id, ['expert'])
    expect(res.status).toBe(409)
    expect(res.body).toEqual(failure('OWN_ADMIN_ROLE'))
    expect(await rolesOf(admin.id)).toEqual(['admin', 'office'])
    // Keeping admin while dropping office is its own business — unless it is the last office account.
    const office = await browserUser(t, ['office'])
    expect((await setRoles(admin.token, admin.id, ['admin'])).status).toBe(200)
    expect(await rolesOf(office.id)).toEqual(['office'])
  })

  test('nobody removes their own admin role even when other administrators remain', async () => {
    const a = await browserUser(t, ['admin'])
    await browserUser(t, ['admin'])
    const res = await setRoles(a.token, a.id, ['office'])
    expect(res.status).toBe(409)
    expect(res.body).toEqual(failure('OWN_ADMIN_ROLE'))
  })

  test('another administrator may remove it, and disabling oneself stays refused', async () => {
    const a = await browserUser(t, ['admin', 'office'])
    const b = await browserUser(t, ['admin'])
    expect((await setRoles(a.token, b.id, ['expert'])).status).toBe(200)
    expect(await rolesOf(b.id)).toEqual(['expert'])
    const self = await disable(a.token, a.id)
    expect(self.status).toBe(403)
  })

  test('two administrators demoting each other at once: at least one administrator remains', async () => {
    for (let round = 0; round < 3; round++) {
      await t.db.models.User.updateMany({}, { $set: { disabled: true } })
      const a = await browserUser(t, ['admin'])
      const b = await browserUser(t, ['admin'])
      const answers = await Promise.all([setRoles(a.token, b.id, ['office']), setRoles(b.token, a.id, ['office'])])
      const admins = await t.db.models.User.countDocuments({ roles: 'admin', disabled: false })
      expect(admins).toBeGreaterThanOrEqual(1)
      for (const res of answers) {
        // 403: this request was authorized after the other demotion had committed — its caller was no
        // longer an administrator by then (the requests are concurrent, not simultaneous).
        expect([200, 403, 409]).toContain(res.status)
        if (res.status === 403) expect(res.body.error.code).toBe('FORBIDDEN')
        if (res.status === 409) expect(['LAST_ADMINISTRATOR', 'STATE_CONFLICT']).toContain(res.body.error.code)
      }
    }
  })
})

describe('the last active office account', () => {
  test('an administrator cannot take the office role from the last office account: 409 LAST_OFFICE_ACCOUNT', async () => {
    const admin = await browserUser(t, ['admin'])
    const office = await browserUser(t, ['office'])
    const res = await setRoles(admin.token, office.id, ['expert'])
    expect(res.status).toBe(409)
    expect(res.body).toEqual(failure('LAST_OFFICE_ACCOUNT'))
    expect(await rolesOf(office.id)).toEqual(['office'])
    // With a second office account the change is fine.
    await browserUser(t, ['office'])
    expect((await setRoles(admin.token, office.id, ['expert'])).status).toBe(200)
  })

  test('disabling the last active office account is 409 LAST_OFFICE_ACCOUNT and keeps its session', async () => {
    const admin = await browserUser(t, ['admin'])
    const office = await browserUser(t, ['office'])
    const res = await disable(admin.token, office.id)
    expect(res.status).toBe(409)
    expect(res.body).toEqual(failure('LAST_OFFICE_ACCOUNT'))
    expect((await call(t, 'GET', '/api/me', { token: office.token })).status).toBe(200)
    // A disabled office account does not count as the office.
    const second = await browserUser(t, ['office'])
    expect((await disable(admin.token, second.id)).status).toBe(200)
    expect((await disable(admin.token, office.id)).body).toEqual(failure('LAST_OFFICE_ACCOUNT'))
  })
})
