import { ROUTES } from '@zlbg/shared'
import { browserUser, call, PASSWORD, wechatUser, failure } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

/**
 * Account management by the office (第四条: the 质量标杆工作办公室 runs the work): create staff,
 * expert and approver accounts with an invite, assign roles, disable, enable, reset passwords.
 */
let t: TestServer
let office: Awaited<ReturnType<typeof browserUser>>
let admin: Awaited<ReturnType<typeof browserUser>>
beforeAll(async () => {
  t = await startTestServer('users')
  office = await browserUser(t, ['office'], { displayName: '办公室张' })
  admin = await browserUser(t, ['office', 'admin'], { displayName: '管理员王' })
})
afterAll(() => t.close())
// All requests come from 127.0.0.1: keep the per-IP invite limit (10 in 10 minutes) per test.
beforeEach(() => t.db.models.Counter.deleteMany({}))

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const NO_SUCH_USER = '0123456789abcdef01234567'

let seq = 0
const uniq = (prefix: string) => `${prefix}${++seq}x${Date.now() % 100000}`

async function createUser(token: string, body: Record<string, unknown>) {
  return call(t, 'POST', '/api/users', { token, body })
}
/** An account made by the office, with its invite code. */
async function newAccount(roles: string[] = ['expert'], extra: Record<string, unknown> = {}, token = office.token) {
  const username = uniq('acct')
  const res = await createUser(token, { username, displayName: '测试账号', roles, ...extra })
  expect(res.status).toBe(201)
  return { id: res.body.user.id as string, username, code: res.body.invite.code as string }
}
const accept = (code: string, password = PASSWORD) => call(t, 'POST', '/api/auth/invite', { body: { code, password } })
const signIn = (login: string, password = PASSWORD) => call(t, 'POST', '/api/auth/password', { body: { login, password } })

describe('POST /api/users — the office creates an account with a one-time invite', () => {
  test('answers the account (invite pending) and an invite code valid for 7 days; names are normalized', async () => {
    const before = Date.now()
    const res = await createUser(office.token, {
      username: '  Zhang.San  ',
      displayName: '  张三  ',
      email: 'Zhang.San@Example.CN',
      roles: ['expert', 'approver', 'expert'],
    })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      user: {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        username: 'zhang.san',
        displayName: '张三',
        email: 'zhang.san@example.cn',
        roles: ['expert', 'approver'],
        disabled: false,
        wechatBound: false,
        invitePending: true,
        createdAt: expect.stringMatching(ISO),
      },
      invite: { code: expect.stringMatching(/^[A-HJ-NP-Z2-9]{10}$/), expiresAt: expect.stringMatching(ISO) },
    })
    const ttl = Date.parse(res.body.invite.expiresAt) - before
    expect(ttl).toBeGreaterThanOrEqual(7 * 24 * 3600_000)
    expect(ttl).toBeLessThan(7 * 24 * 3600_000 + 60_000)
    expect(ROUTES.createUser.response.safeParse(res.body).success).toBe(true)
  })

  test('the invite code is shown once (no read answers it again) and works once', async () => {
    const account = await newAccount(['expert'])
    const list = await call(t, 'GET', `/api/users?q=${account.username}`, { token: office.token })
    expect(list.body.items).toEqual([expect.objectContaining({ id: account.id, invitePending: true })])
    expect(JSON.stringify(list.body)).not.toContain(account.code)
    const roles = await call(t, 'PUT', `/api/users/${account.id}/roles`, { token: office.token, body: { roles: ['expert'] } })
    expect(JSON.stringify(roles.body)).not.toContain(account.code)

    const accepted = await accept(account.code)
    expect(accepted.status).toBe(200)
    expect(accepted.body.me).toMatchObject({ id: account.id, username: account.username, hasPassword: true, roles: ['expert'] })
    expect((await accept(account.code)).body).toEqual(failure('INVITE_INVALID'))
    const after = await call(t, 'GET', `/api/users?q=${account.username}`, { token: office.token })
    expect(after.body.items[0]).toMatchObject({ invitePending: false })
    expect((await signIn(account.username)).status).toBe(200)
  })

  test('a taken username is 409 USERNAME_TAKEN, whatever its case', async () => {
    const account = await newAccount()
    const res = await createUser(office.token, { username: account.username.toUpperCase(), displayName: '重名', roles: ['expert'] })
    expect(res.status).toBe(409)
    expect(res.body).toEqual(failure('USERNAME_TAKEN'))
  })

  test('a taken e-mail is 409 EMAIL_TAKEN, whatever its case', async () => {
    const email = `${uniq('mail')}@example.cn`
    await newAccount(['expert'], { email })
    const res = await createUser(office.token, { username: uniq('other'), displayName: '重邮箱', email: email.toUpperCase(), roles: ['expert'] })
    expect(res.status).toBe(409)
    expect(res.body).toEqual(failure('EMAIL_TAKEN'))
  })

  test.each<[string, Record<string, unknown>, { path: string; message: string }[]]>([
    ['a bad username', { username: '1abc', displayName: '张三', roles: ['expert'] }, [
      { path: 'body.username', message: '用户名为 3–32 位小写字母、数字或 _ . -，以字母开头' },
    ]],
    ['a one-character name', { username: 'zhangsan', displayName: '张', roles: ['expert'] }, [
      { path: 'body.displayName', message: '姓名至少 2 个字' },
    ]],
    ['a bad e-mail', { username: 'zhangsan', displayName: '张三', email: 'not-mail', roles: ['expert'] }, [
      { path: 'body.email', message: '邮箱格式不正确' },
    ]],
    ['no role', { username: 'zhangsan', displayName: '张三', roles: [] }, [{ path: 'body.roles', message: '至少选择一个角色' }]],
    ['an unknown key', { username: 'zhangsan', displayName: '张三', roles: ['expert'], password: 'x' }, [
      { path: 'body.password', message: '不允许的字段「password」' },
    ]],
  ])('%s is 400 VALIDATION_FAILED with a Chinese field message', async (_label, body, fields) => {
    const res = await createUser(office.token, body)
    expect(res.status).toBe(400)
    expect(res.body).toEqual(failure('VALIDATION_FAILED', { fields }))
  })

  test('a role outside the grantable ones is refused with a Chinese message at its path', async () => {
    const res = await createUser(office.token, { username: 'zhangsan', displayName: '张三', roles: ['org_member'] })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(res.body.error.fields).toEqual([{ path: 'body.roles.0', message: expect.stringMatching(/[\u4e00-\u9fa5]/) }])
  })
})

describe('roles, disabling, enabling', () => {
  test('PUT /api/users/:id/roles sets the roles; the person has them on the next request', async () => {
    const expert = await browserUser(t, ['expert'])
    const res = await call(t, 'PUT', `/api/users/${expert.id}/roles`, { token: office.token, body: { roles: ['approver', 'expert', 'approver'] } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: expert.id, roles: ['approver', 'expert'], disabled: false })
    expect((await call(t, 'GET', '/api/me', { token: expert.token })).body.roles).toEqual(['approver', 'expert'])
    const cleared = await call(t, 'PUT', `/api/users/${expert.id}/roles`, { token: office.token, body: { roles: [] } })
    expect(cleared.status).toBe(400)
    expect(cleared.body).toEqual(failure('VALIDATION_FAILED', { fields: [{ path: 'body.roles', message: '至少选择一个角色' }] }))
  })

  test('granting the office role lets the person manage accounts on the next request', async () => {
    const expert = await browserUser(t, ['expert'])
    expect((await call(t, 'GET', '/api/users', { token: expert.token })).status).toBe(403)
    await call(t, 'PUT', `/api/users/${expert.id}/roles`, { token: office.token, body: { roles: ['expert', 'office'] } })
    expect((await call(t, 'GET', '/api/users', { token: expert.token })).status).toBe(200)
  })

  test('disable needs a reason, cuts the sessions, and enable brings the account back (the person signs in again)', async () => {
    const expert = await browserUser(t, ['expert'])
    const noReason = await call(t, 'POST', `/api/users/${expert.id}/disable`, { token: office.token, body: { reason: ' ' } })
    expect(noReason.status).toBe(400)
    expect(noReason.body).toEqual(failure('VALIDATION_FAILED', { fields: [{ path: 'body.reason', message: '请填写原因' }] }))

    const disabled = await call(t, 'POST', `/api/users/${expert.id}/disable`, { token: office.token, body: { reason: '已离开专家库' } })
    expect(disabled.status).toBe(200)
    expect(disabled.body).toMatchObject({ id: expert.id, disabled: true })
    expect((await call(t, 'GET', '/api/me', { token: expert.token })).body).toEqual(failure('SESSION_REVOKED'))
    expect((await signIn(expert.username)).body).toEqual(failure('ACCOUNT_DISABLED'))
    // Disabling again changes nothing.
    const again = await call(t, 'POST', `/api/users/${expert.id}/disable`, { token: office.token, body: { reason: '再次停用' } })
    expect(again.status).toBe(200)
    expect(again.body.disabled).toBe(true)

    const enabled = await call(t, 'POST', `/api/users/${expert.id}/enable`, { token: office.token })
    expect(enabled.status).toBe(200)
    expect(enabled.body).toMatchObject({ id: expert.id, disabled: false })
    expect((await call(t, 'GET', '/api/me', { token: expert.token })).body).toEqual(failure('SESSION_REVOKED'))
    expect((await signIn(expert.username)).status).toBe(200)
  })

  test('the office cannot disable its own account: 403 with its own message', async () => {
    const res = await call(t, 'POST', `/api/users/${office.id}/disable`, { token: office.token, body: { reason: '测试自我停用' } })
    expect(res.status).toBe(403)
    expect(res.body).toEqual({ error: { code: 'FORBIDDEN', message: '不能停用自己的账号', requestId: expect.any(String) } })
    expect((await call(t, 'GET', '/api/me', { token: office.token })).status).toBe(200)
  })

  test.each<[string, string, string, unknown]>([
    ['set roles', 'PUT', 'roles', { roles: ['expert'] }],
    ['disable', 'POST', 'disable', { reason: '核对' }],
    ['enable', 'POST', 'enable', undefined],
    ['reset the password of', 'POST', 'reset-password', undefined],
  ])('an unknown account to %s is 404 USER_NOT_FOUND; a malformed id is 400', async (_label, method, action, body) => {
    const missing = await call(t, method, `/api/users/${NO_SUCH_USER}/${action}`, { token: office.token, body })
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual(failure('USER_NOT_FOUND'))
    const bad = await call(t, method, `/api/users/xyz/${action}`, { token: office.token, body })
    expect(bad.status).toBe(400)
    expect(bad.body).toEqual(failure('VALIDATION_FAILED', { fields: [{ path: 'params.id', message: '用户编号格式不正确' }] }))
  })
})

describe('only an administrator grants, removes or acts on the administrator role', () => {
  test('the office (not admin) cannot create an admin: 403; an admin can', async () => {
    const denied = await createUser(office.token, { username: uniq('adm'), displayName: '新管理员', roles: ['office', 'admin'] })
    expect(denied.status).toBe(403)
    expect(denied.body).toEqual(failure('FORBIDDEN'))
    const allowed = await createUser(admin.token, { username: uniq('adm'), displayName: '新管理员', roles: ['office', 'admin'] })
    expect(allowed.status).toBe(201)
    expect(allowed.body.user.roles).toEqual(['office', 'admin'])
  })

  test('the office cannot grant admin to an account: 403; an admin can', async () => {
    const expert = await browserUser(t, ['expert'])
    const denied = await call(t, 'PUT', `/api/users/${expert.id}/roles`, { token: office.token, body: { roles: ['expert', 'admin'] } })
    expect(denied.status).toBe(403)
    expect(denied.body).toEqual(failure('FORBIDDEN'))
    expect((await call(t, 'GET', '/api/me', { token: expert.token })).body.roles).toEqual(['expert'])
    const allowed = await call(t, 'PUT', `/api/users/${expert.id}/roles`, { token: admin.token, body: { roles: ['expert', 'admin'] } })
    expect(allowed.status).toBe(200)
    expect(allowed.body.roles).toEqual(['expert', 'admin'])
  })

  test.each<[string, string, string, unknown]>([
    ['change the roles of', 'PUT', 'roles', { roles: ['office'] }],
    ['disable', 'POST', 'disable', { reason: '越权测试' }],
    ['reset the password of', 'POST', 'reset-password', undefined],
  ])('the office cannot %s an admin (403, nothing changes); an admin can', async (_label, method, action, body) => {
    const target = await browserUser(t, ['office', 'admin'])
    const denied = await call(t, method, `/api/users/${target.id}/${action}`, { token: office.token, body })
    expect(denied.status).toBe(403)
    expect(denied.body).toEqual(failure('FORBIDDEN'))
    const untouched = await call(t, 'GET', '/api/me', { token: target.token })
    expect(untouched.status).toBe(200)
    expect(untouched.body.roles).toEqual(['office', 'admin'])

    const allowed = await call(t, method, `/api/users/${target.id}/${action}`, { token: admin.token, body })
    expect(allowed.status).toBe(200)
  })

  test.each<[string, string, string, unknown]>([
    ['reset the password of', 'POST', 'reset-password', undefined],
    ['disable', 'POST', 'disable', { reason: '越权测试' }],
    ['change the roles of', 'PUT', 'roles', { roles: ['expert'] }],
  ])('an office member cannot %s a fellow office account (it would hand over that account); an admin can', async (_l, method, action, body) => {
    const colleague = await browserUser(t, ['office'])
    const denied = await call(t, method, `/api/users/${colleague.id}/${action}`, { token: office.token, body })
    expect(denied.status).toBe(403)
    expect(denied.body).toEqual(failure('FORBIDDEN'))
    expect((await call(t, 'GET', '/api/me', { token: colleague.token })).status).toBe(200)
    const allowed = await call(t, method, `/api/users/${colleague.id}/${action}`, { token: admin.token, body })
    expect(allowed.status).toBe(200)
  })

  test('the office cannot enable a disabled admin: 403; an admin can', async () => {
    const target = await browserUser(t, ['office', 'admin'])
    await call(t, 'POST', `/api/users/${target.id}/disable`, { token: admin.token, body: { reason: '暂停' } })
    const denied = await call(t, 'POST', `/api/users/${target.id}/enable`, { token: office.token })
    expect(denied.status).toBe(403)
    expect(denied.body).toEqual(failure('FORBIDDEN'))
    const allowed = await call(t, 'POST', `/api/users/${target.id}/enable`, { token: admin.token })
    expect(allowed.status).toBe(200)
    expect(allowed.body.disabled).toBe(false)
  })
})

describe('POST /api/users/:id/reset-password', () => {
  test('revokes the sessions; the old password stops working; the new invite sets a new one', async () => {
    const expert = await browserUser(t, ['expert'])
    const res = await call(t, 'POST', `/api/users/${expert.id}/reset-password`, { token: office.token })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      user: expect.objectContaining({ id: expert.id, invitePending: true, disabled: false }),
      invite: { code: expect.stringMatching(/^[A-HJ-NP-Z2-9]{10}$/), expiresAt: expect.stringMatching(ISO) },
    })
    expect((await call(t, 'GET', '/api/me', { token: expert.token })).body).toEqual(failure('SESSION_REVOKED'))
    expect((await signIn(expert.username)).body).toEqual(failure('INVALID_CREDENTIALS'))
    const NEW = 'Reset2026abc'
    const accepted = await accept(res.body.invite.code, NEW)
    expect(accepted.status).toBe(200)
    expect(accepted.body.me.id).toBe(expert.id)
    expect((await signIn(expert.username, NEW)).status).toBe(200)
    expect((await signIn(expert.username)).status).toBe(401)
  })

  test('a second reset replaces the first invite', async () => {
    const account = await newAccount()
    const reset = await call(t, 'POST', `/api/users/${account.id}/reset-password`, { token: office.token })
    expect((await accept(account.code)).body).toEqual(failure('INVITE_INVALID'))
    expect((await accept(reset.body.invite.code)).status).toBe(200)
  })

  test('a WeChat-only account has no password to reset: 403 with its own message', async () => {
    const phone = await wechatUser(t)
    const res = await call(t, 'POST', `/api/users/${phone.id}/reset-password`, { token: office.token })
    expect(res.status).toBe(403)
    expect(res.body).toEqual({ error: { code: 'FORBIDDEN', message: '该账号仅使用微信登录，没有密码可重置', requestId: expect.any(String) } })
    expect((await call(t, 'GET', '/api/me', { token: phone.token })).status).toBe(200)
  })
})

describe('GET /api/users — list with filters and pages', () => {
  // Accounts of their own, found by a marker in the name so other tests' accounts do not count.
  const marker = `标记${Date.now() % 100000}`
  const made: Record<string, string> = {}
  const n = ++seq
  beforeAll(async () => {
    for (const [key, roles] of [
      ['e1', ['expert']],
      ['e2', ['expert']],
      ['a1', ['approver']],
      ['o1', ['office']],
      ['e3', ['expert', 'approver']],
    ] as const) {
      const res = await createUser(office.token, {
        username: `list${key}${n}`,
        displayName: `${marker}${key}`,
        email: `${key}.${n}@list.example.cn`,
        roles: [...roles],
      })
      made[key] = res.body.user.id
    }
    await call(t, 'POST', `/api/users/${made.e2}/disable`, { token: office.token, body: { reason: '列表测试' } })
  })
  const list = (qs: string) => call(t, 'GET', `/api/users?${qs}`, { token: office.token })
  const names = (body: { items: { displayName: string }[] }) => body.items.map((u) => u.displayName.replace(marker, ''))

  test('newest first, with the page, page size and total', async () => {
    const res = await list(`q=${encodeURIComponent(marker)}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ page: 1, pageSize: 10, total: 5 })
    expect(names(res.body)).toEqual(['e3', 'o1', 'a1', 'e2', 'e1'])
    expect(ROUTES.listUsers.response.safeParse(res.body).success).toBe(true)
  })

  test.each([
    ['page=1&pageSize=2', ['e3', 'o1']],
    ['page=2&pageSize=2', ['a1', 'e2']],
    ['page=3&pageSize=2', ['e1']],
    ['page=4&pageSize=2', []],
  ])('pages: %s', async (qs, expected) => {
    const res = await list(`q=${encodeURIComponent(marker)}&${qs}`)
    expect(res.body.total).toBe(5)
    expect(names(res.body)).toEqual(expected)
  })

  test.each([
    ['role=expert', ['e3', 'e2', 'e1']],
    ['role=approver', ['e3', 'a1']],
    ['role=office', ['o1']],
    ['role=admin', []],
    ['status=disabled', ['e2']],
    ['status=active', ['e3', 'o1', 'a1', 'e1']],
    ['role=expert&status=active', ['e3', 'e1']],
  ])('filters: %s', async (qs, expected) => {
    const res = await list(`q=${encodeURIComponent(marker)}&${qs}`)
    expect(names(res.body)).toEqual(expected)
    expect(res.body.total).toBe(expected.length)
  })

  test('q finds by username, name or e-mail, case-insensitively, and reads regex characters literally', async () => {
    expect(names((await list(`q=LISTA1${n}`)).body)).toEqual(['a1'])
    expect(names((await list(`q=${encodeURIComponent(`${marker}o1`)}`)).body)).toEqual(['o1'])
    expect(names((await list(`q=e2.${n}@LIST`)).body)).toEqual(['e2'])
    expect((await list('q=.*')).body.total).toBe(0)
  })

  test('a WeChat user bound into a browser account is not listed twice', async () => {
    const browser = await browserUser(t, ['expert'], { displayName: `${marker}绑定` })
    const phone = await wechatUser(t)
    const code = (await call(t, 'POST', '/api/me/bind-code', { token: browser.token })).body.code
    expect((await call(t, 'POST', '/api/me/bind', { token: phone.token, body: { code } })).status).toBe(200)
    const all = await call(t, 'GET', '/api/users?pageSize=50', { token: office.token })
    const ids = all.body.items.map((u: { id: string }) => u.id)
    expect(ids).toContain(browser.id)
    expect(ids).not.toContain(phone.id)
    const merged = await call(t, 'POST', `/api/users/${phone.id}/enable`, { token: office.token })
    expect(merged.status).toBe(404)
    expect(merged.body).toEqual(failure('USER_NOT_FOUND'))
  })

  test.each([
    ['status=gone', 'query.status'],
    ['role=org_member', 'query.role'],
    ['pageSize=51', 'query.pageSize'],
    ['sort=name', 'query.sort'],
  ])('a bad query (%s) is 400 naming %s in Chinese', async (qs, path) => {
    const res = await list(qs)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(res.body.error.fields).toEqual([{ path, message: expect.stringMatching(/[\u4e00-\u9fa5]/) }])
  })
})

describe('who may manage accounts (第四条: the office)', () => {
  // Every row has its body (or undefined): jest passes a `done` callback to a row shorter than the function.
  const routes: [string, string, unknown][] = [
    ['GET', '/api/users', undefined],
    ['POST', '/api/users', { username: 'intruder', displayName: '入侵者', roles: ['office'] }],
    ['PUT', `/api/users/${NO_SUCH_USER}/roles`, { roles: ['office'] }],
    ['POST', `/api/users/${NO_SUCH_USER}/disable`, { reason: '越权' }],
    ['POST', `/api/users/${NO_SUCH_USER}/enable`, undefined],
    ['POST', `/api/users/${NO_SUCH_USER}/reset-password`, undefined],
  ]

  test.each(routes)('%s %s: a signed-in expert, approver or WeChat user gets 403 FORBIDDEN', async (method, path, body) => {
    for (const who of [await browserUser(t, ['expert']), await browserUser(t, ['approver']), await wechatUser(t)]) {
      const res = await call(t, method, path, { token: who.token, body })
      expect([res.status, res.body]).toEqual([403, failure('FORBIDDEN')])
    }
  })

  test.each(routes)('%s %s: anonymous gets 401 UNAUTHENTICATED', async (method, path, body) => {
    const res = await call(t, method, path, { body })
    expect(res.status).toBe(401)
    expect(res.body).toEqual(failure('UNAUTHENTICATED'))
  })

  test('nothing was created by the refused requests', async () => {
    expect(await t.db.models.User.exists({ username: 'intruder' })).toBeNull()
  })
})
