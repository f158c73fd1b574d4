import { createHash } from 'node:crypto'
import { checkPassword } from '../../server/src/auth/loginThrottle'
import { hashPassword } from '../../server/src/auth/passwords'
import { loginKey } from '../../server/src/models/user'
import { STANDIN_APP_ID } from '../../server/src/wechat/config'
import { standInOpenId, WECHAT_FAILURES, type StandInFailure } from '../../server/src/wechat/standin'
import { browserUser, call, PASSWORD, wechatUser, failure } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer('auth')
})
afterAll(() => t.close())
// Every request comes from 127.0.0.1, so the per-IP limits (30 WeChat sign-ins a minute, 20 failed
// sign-ins in 15 minutes, 10 invites in 10 minutes) would carry over from one test to the next.
beforeEach(() => t.db.models.Counter.deleteMany({}))

/** The one error shape, with the contract's Chinese message. */
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
const NEW_PASSWORD = 'Quality2026new'

let seq = 0
const uniq = (prefix: string) => `${prefix}${++seq}${Date.now() % 100000}`

/** The raw answer of a password sign-in, to compare bodies byte for byte. */
async function rawPasswordLogin(login: string, password: string, base = t.base) {
  const res = await fetch(`${base}/api/auth/password`, {
    method: 'POST',
    // One caller-chosen request id for every probe, so the error bodies (which echo it) can be compared byte for byte.
    headers: { 'content-type': 'application/json', 'x-request-id': 'enumeration-probe' },
    body: JSON.stringify({ login, password }),
  })
  return { status: res.status, headers: res.headers, text: await res.text() }
}
const passwordLogin = (login: string, password: string) => call(t, 'POST', '/api/auth/password', { body: { login, password } })
const me = (token: string | undefined, on: TestServer = t) => call(on, 'GET', '/api/me', { token })

/** An account the office created, with its invite accepted (the real way a browser user gets a password). */
async function invitedUser(officeToken: string, roles: string[] = ['expert']) {
  const username = uniq('inv')
  const created = await call(t, 'POST', '/api/users', { token: officeToken, body: { username, displayName: '受邀专家', roles } })
  expect(created.status).toBe(201)
  const accepted = await call(t, 'POST', '/api/auth/invite', { body: { code: created.body.invite.code, password: PASSWORD } })
  expect(accepted.status).toBe(200)
  return { id: created.body.user.id as string, username, token: accepted.body.token as string }
}

describe('POST /api/auth/wechat — WeChat sign-in through code2session', () => {
  test('the first sign-in creates a WeChat user and answers a session with it', async () => {
    const code = 'alice01.1'
    const openid = standInOpenId(STANDIN_APP_ID, code)
    const before = Date.now()
    const res = await call(t, 'POST', '/api/auth/wechat', { body: { code } })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
      me: {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        displayName: `微信用户${openid.slice(-4)}`,
        hasPassword: false,
        wechatBound: true,
        roles: ['wechat_user'],
        organizations: [],
      },
    })
    // The test server's sessions last 24 hours.
    const ttl = Date.parse(res.body.expiresAt) - before
    expect(ttl).toBeGreaterThanOrEqual(24 * 3600_000)
    expect(ttl).toBeLessThan(24 * 3600_000 + 60_000)
    const stored = await t.db.models.User.find({ logins: loginKey.wechat(openid) }).lean()
    expect(stored.map((u) => u._id.toHexString())).toEqual([res.body.me.id])
    expect((await me(res.body.token)).body.id).toBe(res.body.me.id)
  })

  test('the same person signing in again (a new code) is the same user, not a second one', async () => {
    const first = await wechatUser(t, 'bob0001')
    const users = await t.db.models.User.countDocuments()
    const second = await wechatUser(t, 'bob0001')
    expect(second.id).toBe(first.id)
    expect(second.token).not.toBe(first.token)
    expect(await t.db.models.User.countDocuments()).toBe(users)
    // Both sessions are live: signing in on a second phone does not sign out the first.
    expect((await me(first.token)).status).toBe(200)
  })

  test('a reused code is refused: 422 WECHAT_CODE_INVALID (the document cannot know which codes WeChat issued)', async () => {
    expect((await call(t, 'POST', '/api/auth/wechat', { body: { code: 'carol01.1' } })).status).toBe(200)
    const again = await call(t, 'POST', '/api/auth/wechat', { body: { code: 'carol01.1' } })
    expect(again.status).toBe(422)
    expect(again.body).toEqual(failure('WECHAT_CODE_INVALID'))
  })

  test('a code WeChat calls malformed is refused: 422 WECHAT_CODE_INVALID', async () => {
    const res = await call(t, 'POST', '/api/auth/wechat', { body: { code: 'a!b' } })
    expect(res.status).toBe(422)
    expect(res.body).toEqual(failure('WECHAT_CODE_INVALID'))
  })

  test('an empty code fails validation with a Chinese message', async () => {
    const res = await call(t, 'POST', '/api/auth/wechat', { body: { code: '' } })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(res.body.error.fields).toEqual([{ path: 'body.code', message: expect.stringMatching(/[\u4e00-\u9fa5]/) }])
  })

  test.each<[string, StandInFailure]>([
    ['errcode -1 (system busy)', WECHAT_FAILURES.system_busy],
    ['errcode 45011 (quota reached)', WECHAT_FAILURES.rate_limited],
    ['HTTP 502 from a gateway', { status: 502 }],
    ['no answer before the client gives up (timeout)', 'timeout'],
  ])('WeChat failing with %s is 503 WECHAT_UNAVAILABLE, and the code still works on retry', async (_label, injected) => {
    const code = `dave${++seq}.1`
    const users = await t.db.models.User.countDocuments()
    t.wechat.failNext(injected, { path: '/sns/jscode2session' })
    const res = await call(t, 'POST', '/api/auth/wechat', { body: { code } })
    expect(res.status).toBe(503)
    expect(res.body).toEqual(failure('WECHAT_UNAVAILABLE'))
    expect(await t.db.models.User.countDocuments()).toBe(users)
    const retry = await call(t, 'POST', '/api/auth/wechat', { body: { code } })
    expect(retry.status).toBe(200)
  })

  test('a disabled WeChat user cannot sign in: 403 ACCOUNT_DISABLED', async () => {
    const office = await browserUser(t, ['office'])
    const person = await wechatUser(t)
    const disabled = await call(t, 'POST', `/api/users/${person.id}/disable`, { token: office.token, body: { reason: '违规使用' } })
    expect(disabled.status).toBe(200)
    const res = await call(t, 'POST', '/api/auth/wechat', { body: { code: `${person.person}.999` } })
    expect(res.status).toBe(403)
    expect(res.body).toEqual(failure('ACCOUNT_DISABLED'))
  })
})

describe('POST /api/auth/password — browser sign-in', () => {
  test('signs in by username or by e-mail, case-insensitively, and records the time', async () => {
    const username = uniq('erin')
    await t.db.models.User.create({
      logins: [loginKey.username(username), loginKey.email(`${username}@example.cn`)],
      username,
      email: `${username}@example.cn`,
      displayName: '王专家',
      passwordHash: await hashPassword(PASSWORD),
      roles: ['expert'],
    })
    for (const login of [username, username.toUpperCase(), `${username}@EXAMPLE.cn`, `  ${username}  `]) {
      const res = await passwordLogin(login, PASSWORD)
      expect(res.status).toBe(200)
      expect(res.body.me).toEqual({
        id: expect.any(String),
        displayName: '王专家',
        username,
        email: `${username}@example.cn`,
        hasPassword: true,
        wechatBound: false,
        roles: ['expert'],
        organizations: [],
      })
    }
    const stored = await t.db.models.User.findOne({ username }).lean()
    expect(stored!.lastLoginAt).toBeInstanceOf(Date)
  })

  test('an unknown user and a wrong password get byte-identical 401 INVALID_CREDENTIALS answers (no enumeration)', async () => {
    const known = await browserUser(t, ['expert'])
    const unknown = await rawPasswordLogin('nobody-here', 'Whatever2026')
    const wrong = await rawPasswordLogin(known.username, 'Whatever2026')
    expect(unknown.status).toBe(401)
    expect(wrong.status).toBe(401)
    expect(wrong.text).toBe(unknown.text)
    expect(JSON.parse(wrong.text)).toEqual(failure('INVALID_CREDENTIALS'))
  })

  test('an account without a password yet (invite pending) answers like a wrong password', async () => {
    const office = await browserUser(t, ['office'])
    const username = uniq('pending')
    await call(t, 'POST', '/api/users', { token: office.token, body: { username, displayName: '待激活', roles: ['expert'] } })
    const pending = await rawPasswordLogin(username, 'Whatever2026')
    const unknown = await rawPasswordLogin('nobody-else', 'Whatever2026')
    expect(pending.status).toBe(401)
    expect(pending.text).toBe(unknown.text)
  })

  test.each([
    ['a known account', true],
    ['an unknown login (locked just the same: no enumeration)', false],
  ])('after 4 free failures, %s is locked: 429 LOGIN_LOCKED with Retry-After, even for the right password', async (_label, exists) => {
    const login = exists ? (await browserUser(t, ['expert'])).username : uniq('ghost')
    for (let i = 1; i <= 4; i++) {
      const res = await rawPasswordLogin(login, `Wrong${i}password`)
      expect([i, res.status, JSON.parse(res.text)]).toEqual([i, 401, failure('INVALID_CREDENTIALS')])
    }
    for (const password of ['Wrong5password', PASSWORD]) {
      const locked = await rawPasswordLogin(login, password)
      expect(locked.status).toBe(429)
      const body = JSON.parse(locked.text)
      expect(body).toEqual(failure('LOGIN_LOCKED', { retryAfterSeconds: expect.any(Number) }))
      expect(body.error.retryAfterSeconds).toBeGreaterThan(0)
      expect(body.error.retryAfterSeconds).toBeLessThanOrEqual(60)
      expect(locked.headers.get('retry-after')).toBe(String(body.error.retryAfterSeconds))
    }
  })

  test('failures by username and by e-mail count against the one account', async () => {
    const office = await browserUser(t, ['office', 'admin'])
    const username = uniq('both')
    const email = `${username}@example.cn`
    const created = await call(t, 'POST', '/api/users', {
      token: office.token,
      body: { username, displayName: '双登录', email, roles: ['expert'] },
    })
    await call(t, 'POST', '/api/auth/invite', { body: { code: created.body.invite.code, password: PASSWORD } })
    for (const login of [username, email, username, email]) expect((await rawPasswordLogin(login, 'Wrong0password')).status).toBe(401)
    expect((await rawPasswordLogin(email, PASSWORD)).status).toBe(429)
    expect((await rawPasswordLogin(username, PASSWORD)).status).toBe(429)
  })

  test('the lock is lifted when it runs out, and the right password then works', async () => {
    const user = await browserUser(t, ['expert'])
    for (let i = 1; i <= 4; i++) await rawPasswordLogin(user.username, `Wrong${i}password`)
    expect((await passwordLogin(user.username, PASSWORD)).status).toBe(429)
    // Time passes: the lock ends.
    await t.db.models.Counter.updateMany({}, { $set: { lockedUntil: new Date(Date.now() - 1000) } })
    expect((await passwordLogin(user.username, PASSWORD)).status).toBe(200)
  })

  test('a successful sign-in clears the account’s failures', async () => {
    const user = await browserUser(t, ['expert'])
    for (let i = 1; i <= 3; i++) expect((await passwordLogin(user.username, `Wrong${i}password`)).status).toBe(401)
    expect((await passwordLogin(user.username, PASSWORD)).status).toBe(200)
    for (let i = 1; i <= 3; i++) expect((await passwordLogin(user.username, `Wrong${i}password`)).status).toBe(401)
    expect((await passwordLogin(user.username, PASSWORD)).status).toBe(200)
  })

  test('concurrent wrong passwords for one account are checked one at a time: never more guesses than the free failures', async () => {
    const user = await browserUser(t, ['expert'])
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => passwordLogin(user.username, `Wrong${i}password`)))
    const checked = answers.filter((a) => a.status === 401)
    expect(checked.length).toBeGreaterThanOrEqual(1)
    expect(checked.length).toBeLessThanOrEqual(4)
    // The rest are refused before their password is looked at: another attempt runs, or the lock it
    // left, or the address has 4 checks in line already.
    const refused = answers.filter((a) => a.status !== 401)
    for (const r of refused) {
      expect(r.status).toBe(429)
      expect(['LOGIN_BUSY', 'LOGIN_LOCKED', 'RATE_LIMITED']).toContain(r.body.error.code)
      expect(r.body.error.retryAfterSeconds).toBeGreaterThan(0)
    }
    expect(refused.some((r) => r.body.error.code === 'LOGIN_BUSY')).toBe(true)
    const counter = await t.db.models.Counter.findOne({ key: `login:account:user:${user.id}` }).lean()
    expect(counter?.count).toBe(checked.length)
    expect(counter?.attempt).toBeUndefined()
  })

  test('guesses sent at once from one address at many accounts: 4 are checked, the rest refused at once (429 RATE_LIMITED)', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => passwordLogin(uniq(`spray${i}x`), 'Wrong0password')))
    const checked = answers.filter((a) => a.status === 401)
    expect(checked.length).toBeLessThanOrEqual(4)
    for (const r of answers.filter((a) => a.status !== 401)) expect(r.body).toEqual(failure('RATE_LIMITED', { retryAfterSeconds: expect.any(Number) }))
    expect((await t.db.models.Counter.findOne({ key: 'login:ip:127.0.0.1' }).lean())?.count).toBe(checked.length)
  })

  test('an attempt whose server stopped midway holds its account for 10 s at most: 429 LOGIN_BUSY until then', async () => {
    const user = await browserUser(t, ['expert'])
    const key = `login:account:user:${user.id}`
    const now = new Date()
    await t.db.models.Counter.create({ key, windowStart: new Date(0), count: 0, attempt: 'stopped', attemptUntil: new Date(now.getTime() + 10_000), updatedAt: now })
    const busy = await passwordLogin(user.username, PASSWORD)
    expect(busy.status).toBe(429)
    expect(busy.body).toEqual(failure('LOGIN_BUSY', { retryAfterSeconds: 1 }))
    await t.db.models.Counter.updateOne({ key }, { $set: { attemptUntil: new Date(now.getTime() - 1) } })
    expect((await passwordLogin(user.username, PASSWORD)).status).toBe(200)
  })

  describe('a check slower than its claim (10 s), which another attempt took over meanwhile', () => {
    const takenOver = (key: string, right: boolean) => async () => {
      await t.db.models.Counter.updateOne({ key }, { $set: { attempt: 'the next one', attemptUntil: new Date(Date.now() + 10_000) } })
      return right
    }
    test('a wrong password is not told (429 LOGIN_BUSY), yet counts and locks; the claim stays with the attempt that holds it', async () => {
      const key = 'login:account:user:slow-failure'
      const now = new Date()
      await t.db.models.Counter.create({ key, windowStart: now, count: 3, updatedAt: now })
      await expect(checkPassword(t.db.models, 'user:slow-failure', '10.0.0.1', takenOver(key, false))).rejects.toMatchObject({ code: 'LOGIN_BUSY' })
      const counter = await t.db.models.Counter.findOne({ key }).lean()
      expect(counter).toMatchObject({ count: 4, attempt: 'the next one' })
      // A minute from the end of the check, not from its start.
      expect(counter!.lockedUntil!.getTime()).toBeGreaterThanOrEqual(now.getTime() + 60_000)
    })
    test('a right password is not told either (429 LOGIN_BUSY), and leaves the other attempt’s claim and the failures alone', async () => {
      const key = 'login:account:user:slow-success'
      const now = new Date()
      await t.db.models.Counter.create({ key, windowStart: now, count: 2, updatedAt: now })
      await expect(checkPassword(t.db.models, 'user:slow-success', '10.0.0.2', takenOver(key, true))).rejects.toMatchObject({ code: 'LOGIN_BUSY' })
      expect(await t.db.models.Counter.findOne({ key }).lean()).toMatchObject({ count: 2, attempt: 'the next one' })
    })
  })

  test('20 failures from one address lock that address for every login, even with 4 or fewer per account', async () => {
    const victim = await browserUser(t, ['expert'])
    for (let i = 0; i < 20; i++) {
      const res = await passwordLogin(`guess${Math.floor(i / 4)}x`, `Wrong${i}password`)
      expect([i, res.status]).toEqual([i, 401])
    }
    const res = await passwordLogin(victim.username, PASSWORD)
    expect(res.status).toBe(429)
    expect(res.body).toEqual(failure('LOGIN_LOCKED', { retryAfterSeconds: expect.any(Number) }))
  })

  test('a disabled account with the right password is refused: 403 ACCOUNT_DISABLED (a wrong one stays 401)', async () => {
    const office = await browserUser(t, ['office'])
    const user = await browserUser(t, ['expert'])
    await call(t, 'POST', `/api/users/${user.id}/disable`, { token: office.token, body: { reason: '离职' } })
    const right = await passwordLogin(user.username, PASSWORD)
    expect(right.status).toBe(403)
    expect(right.body).toEqual(failure('ACCOUNT_DISABLED'))
    const wrong = await passwordLogin(user.username, 'Wrong1password')
    expect(wrong.status).toBe(401)
    expect(wrong.body).toEqual(failure('INVALID_CREDENTIALS'))
  })

  test.each([
    [{ login: '', password: 'x' }, [{ path: 'body.login', message: '请输入用户名或邮箱' }]],
    [{ login: 'someone', password: '' }, [{ path: 'body.password', message: '请输入密码' }]],
    [{ login: 'someone', password: 'x', remember: true }, [{ path: 'body.remember', message: '不允许的字段「remember」' }]],
  ])('a malformed sign-in (%j) is 400 with Chinese field messages', async (body, fields) => {
    const res = await call(t, 'POST', '/api/auth/password', { body })
    expect(res.status).toBe(400)
    expect(res.body).toEqual(failure('VALIDATION_FAILED', { fields }))
  })
})

describe('sessions', () => {
  test('tokens are stored only hashed: the raw token appears nowhere in the sessions collection', async () => {
    const user = await browserUser(t, ['expert'])
    const docs = await t.db.connection.collection('sessions').find({}).toArray()
    expect(JSON.stringify(docs)).not.toContain(user.token)
    const mine = docs.filter((d) => String(d.userId) === user.id)
    expect(mine).toHaveLength(1)
    expect(mine[0]!.tokenHash).toBe(sha256(user.token))
  })

  test('one-time codes are stored only hashed too', async () => {
    const user = await browserUser(t, ['expert'])
    const { body } = await call(t, 'POST', '/api/me/bind-code', { token: user.token })
    const docs = await t.db.connection.collection('onetimecodes').find({}).toArray()
    expect(docs.some((d) => d.codeHash === sha256(body.code))).toBe(true)
    expect(JSON.stringify(docs)).not.toContain(body.code)
  })

  test('no token is 401 UNAUTHENTICATED; a token that names no session is 401 SESSION_REVOKED', async () => {
    const none = await me(undefined)
    expect(none.status).toBe(401)
    expect(none.body).toEqual(failure('UNAUTHENTICATED'))
    const made_up = await me('A'.repeat(43))
    expect(made_up.status).toBe(401)
    expect(made_up.body).toEqual(failure('SESSION_REVOKED'))
  })

  test('an expired session is 401 SESSION_EXPIRED on /api/me, while public /api/calls still answers 200', async () => {
    const user = await wechatUser(t)
    await t.db.models.Session.updateOne({ tokenHash: sha256(user.token) }, { $set: { expiresAt: new Date(Date.now() - 1000) } })
    const res = await me(user.token)
    expect(res.status).toBe(401)
    expect(res.body).toEqual(failure('SESSION_EXPIRED'))
    const calls = await call(t, 'GET', '/api/calls', { token: user.token })
    expect(calls.status).toBe(200)
    expect(calls.body).toEqual({ items: [], page: 1, pageSize: 10, total: 0 })
  })

  test('logout ends this session only: its next request is 401 SESSION_REVOKED, another session goes on', async () => {
    const phone = await wechatUser(t)
    const otherPhone = await wechatUser(t, phone.person)
    const out = await call(t, 'POST', '/api/auth/logout', { token: phone.token })
    expect(out.status).toBe(204)
    expect(out.body).toBeUndefined()
    const after = await me(phone.token)
    expect(after.status).toBe(401)
    expect(after.body).toEqual(failure('SESSION_REVOKED'))
    expect((await call(t, 'POST', '/api/auth/logout', { token: phone.token })).body).toEqual(failure('SESSION_REVOKED'))
    expect((await me(otherPhone.token)).status).toBe(200)
  })

  test('disabling a user cuts an open session on the next request; enabling again does not revive it', async () => {
    const office = await browserUser(t, ['office'])
    const expert = await browserUser(t, ['expert'])
    const phone = await wechatUser(t)
    expect((await me(expert.token)).status).toBe(200)
    for (const victim of [expert, phone]) {
      const res = await call(t, 'POST', `/api/users/${victim.id}/disable`, { token: office.token, body: { reason: '账号停用测试' } })
      expect(res.status).toBe(200)
      const next = await me(victim.token)
      expect(next.status).toBe(401)
      expect(next.body).toEqual(failure('SESSION_REVOKED'))
    }
    expect((await call(t, 'POST', `/api/users/${expert.id}/enable`, { token: office.token })).status).toBe(200)
    expect((await me(expert.token)).body).toEqual(failure('SESSION_REVOKED'))
    const fresh = await passwordLogin(expert.username, PASSWORD)
    expect(fresh.status).toBe(200)
    expect((await me(fresh.body.token)).status).toBe(200)
  })

  describe('state lives in the database: a second server instance on the same database agrees at once', () => {
    let t2: TestServer
    beforeAll(async () => {
      t2 = await startTestServer('auth_second', { databaseUri: t.databaseUri })
    })
    afterAll(() => t2.close())

    test('a session started on one instance works on the other; logout on one is seen by the other', async () => {
      const user = await wechatUser(t)
      expect((await me(user.token, t2)).body.id).toBe(user.id)
      expect((await call(t2, 'POST', '/api/auth/logout', { token: user.token })).status).toBe(204)
      expect((await me(user.token, t)).body).toEqual(failure('SESSION_REVOKED'))
    })

    test('disabling on one instance cuts the session on the other', async () => {
      const office = await browserUser(t, ['office'])
      const user = await browserUser(t, ['expert'])
      expect((await me(user.token, t2)).status).toBe(200)
      await call(t, 'POST', `/api/users/${user.id}/disable`, { token: office.token, body: { reason: '停用' } })
      expect((await me(user.token, t2)).body).toEqual(failure('SESSION_REVOKED'))
    })

    test('failed sign-ins counted on one instance lock the account on the other', async () => {
      const user = await browserUser(t, ['expert'])
      for (let i = 1; i <= 2; i++) expect((await rawPasswordLogin(user.username, `Wrong${i}password`)).status).toBe(401)
      for (let i = 3; i <= 4; i++) expect((await rawPasswordLogin(user.username, `Wrong${i}password`, t2.base)).status).toBe(401)
      expect((await rawPasswordLogin(user.username, PASSWORD, t.base)).status).toBe(429)
      expect((await rawPasswordLogin(user.username, PASSWORD, t2.base)).status).toBe(429)
    })
  })
})

describe('POST /api/me/password — change password', () => {
  test('a wrong current password is 422 WRONG_PASSWORD and changes nothing', async () => {
    const user = await browserUser(t, ['expert'])
    const res = await call(t, 'POST', '/api/me/password', {
      token: user.token,
      body: { currentPassword: 'Wrong1password', newPassword: NEW_PASSWORD },
    })
    expect(res.status).toBe(422)
    expect(res.body).toEqual(failure('WRONG_PASSWORD'))
    expect((await passwordLogin(user.username, PASSWORD)).status).toBe(200)
    expect((await me(user.token)).status).toBe(200)
  })

  test.each([
    ['Short1', '密码至少 10 位'],
    ['onlyletterslong', '密码须同时包含字母和数字'],
    ['1234567890123', '密码须同时包含字母和数字'],
  ])('a weak new password (%s) is 400 VALIDATION_FAILED with the Chinese rule', async (newPassword, message) => {
    const user = await browserUser(t, ['expert'])
    const res = await call(t, 'POST', '/api/me/password', { token: user.token, body: { currentPassword: PASSWORD, newPassword } })
    expect(res.status).toBe(400)
    expect(res.body).toEqual(failure('VALIDATION_FAILED', { fields: [{ path: 'body.newPassword', message }] }))
  })

  test('success keeps this session, revokes the user’s other sessions; the new password works, the old does not', async () => {
    const user = await browserUser(t, ['expert'])
    const laptop = await passwordLogin(user.username, PASSWORD)
    const bystander = await browserUser(t, ['expert'])
    const res = await call(t, 'POST', '/api/me/password', {
      token: user.token,
      body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    })
    expect(res.status).toBe(204)
    expect((await me(user.token)).status).toBe(200)
    const other = await me(laptop.body.token)
    expect(other.status).toBe(401)
    expect(other.body).toEqual(failure('SESSION_REVOKED'))
    expect((await me(bystander.token)).status).toBe(200)
    expect((await passwordLogin(user.username, PASSWORD)).body).toEqual(failure('INVALID_CREDENTIALS'))
    const fresh = await passwordLogin(user.username, NEW_PASSWORD)
    expect(fresh.status).toBe(200)
    expect(fresh.body.me.id).toBe(user.id)
  })

  test('without a session it is 401 UNAUTHENTICATED', async () => {
    const res = await call(t, 'POST', '/api/me/password', { body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } })
    expect(res.status).toBe(401)
    expect(res.body).toEqual(failure('UNAUTHENTICATED'))
  })
})

describe('POST /api/auth/invite — accept an invite: set the password and sign in', () => {
  let office: Awaited<ReturnType<typeof browserUser>>
  beforeAll(async () => {
    office = await browserUser(t, ['office'])
  })
  const createAccount = async () => {
    const username = uniq('newbie')
    const res = await call(t, 'POST', '/api/users', {
      token: office.token,
      body: { username, displayName: '新专家', roles: ['expert'] },
    })
    expect(res.status).toBe(201)
    return { username, id: res.body.user.id as string, code: res.body.invite.code as string }
  }

  test('an unknown code of the documented shape is 422 INVITE_INVALID', async () => {
    const res = await call(t, 'POST', '/api/auth/invite', { body: { code: 'ABCDEFGHJK', password: PASSWORD } })
    expect(res.status).toBe(422)
    expect(res.body).toEqual(failure('INVITE_INVALID'))
  })

  test('a code that is not 10 code characters fails validation with a Chinese message', async () => {
    const res = await call(t, 'POST', '/api/auth/invite', { body: { code: 'ABC', password: PASSWORD } })
    expect(res.status).toBe(400)
    expect(res.body).toEqual(failure('VALIDATION_FAILED', { fields: [{ path: 'body.code', message: '请输入 10 位邀请码' }] }))
  })

  test.each([
    ['Short1', '密码至少 10 位'],
    ['abcdefghijkl', '密码须同时包含字母和数字'],
  ])('a weak password (%s) is 400 VALIDATION_FAILED at body.password, and leaves the code usable', async (password, message) => {
    const account = await createAccount()
    const weak = await call(t, 'POST', '/api/auth/invite', { body: { code: account.code, password } })
    expect(weak.status).toBe(400)
    expect(weak.body).toEqual(failure('VALIDATION_FAILED', { fields: [{ path: 'body.password', message }] }))
    expect((await call(t, 'POST', '/api/auth/invite', { body: { code: account.code, password: PASSWORD } })).status).toBe(200)
  })

  test('the code works once: it sets the password and signs in; a second use is INVITE_INVALID', async () => {
    const account = await createAccount()
    // Typed in lower case from a phone screen: still the code.
    const res = await call(t, 'POST', '/api/auth/invite', { body: { code: account.code.toLowerCase(), password: PASSWORD } })
    expect(res.status).toBe(200)
    expect(res.body.me).toEqual({
      id: account.id,
      displayName: '新专家',
      username: account.username,
      hasPassword: true,
      wechatBound: false,
      roles: ['expert'],
      organizations: [],
    })
    expect((await me(res.body.token)).status).toBe(200)
    const again = await call(t, 'POST', '/api/auth/invite', { body: { code: account.code, password: NEW_PASSWORD } })
    expect(again.status).toBe(422)
    expect(again.body).toEqual(failure('INVITE_INVALID'))
    expect((await passwordLogin(account.username, PASSWORD)).status).toBe(200)
    expect((await passwordLogin(account.username, NEW_PASSWORD)).status).toBe(401)
  })

  test('an expired invite is INVITE_INVALID', async () => {
    const account = await createAccount()
    await t.db.models.OneTimeCode.updateOne({ codeHash: sha256(account.code) }, { $set: { expiresAt: new Date(Date.now() - 1000) } })
    const res = await call(t, 'POST', '/api/auth/invite', { body: { code: account.code, password: PASSWORD } })
    expect(res.status).toBe(422)
    expect(res.body).toEqual(failure('INVITE_INVALID'))
  })
})

describe('binding a browser account and WeChat into one person', () => {
  const bindCode = async (token: string) => {
    const res = await call(t, 'POST', '/api/me/bind-code', { token })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ code: expect.stringMatching(/^BD-[A-HJ-NP-Z2-9]{10}$/), expiresAt: expect.any(String) })
    // A bind code is short-lived: 15 minutes.
    expect(Date.parse(res.body.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000)
    expect(Date.parse(res.body.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000)
    return res.body.code as string
  }

  test('browser code entered on WeChat: one account, wechatBound, organizations moved; the next WeChat sign-in lands there', async () => {
    const browser = await browserUser(t, ['expert'], { displayName: '李专家' })
    const phone = await wechatUser(t)
    const org = await call(t, 'POST', '/api/organizations', { token: phone.token, body: { name: '绑定测试组织' } })
    expect(org.status).toBe(201)
    const code = await bindCode(browser.token)

    const bound = await call(t, 'POST', '/api/me/bind', { token: phone.token, body: { code, confirm: true } })
    expect(bound.status).toBe(200)
    const expected = {
      id: browser.id,
      displayName: '李专家',
      username: browser.username,
      hasPassword: true,
      wechatBound: true,
      roles: ['expert', 'wechat_user', 'org_member'],
      organizations: [{ id: org.body.id, name: '绑定测试组织', listed: false, nameReview: 'passed' }],
    }
    expect(bound.body).toEqual(expected)
    expect((await me(browser.token)).body).toEqual(expected)
    // The phone's session now speaks for the one account.
    expect((await me(phone.token)).body).toEqual(expected)
    const members = await call(t, 'GET', `/api/organizations/${org.body.id}/members`, { token: browser.token })
    expect(members.body.items).toEqual([{ userId: browser.id, displayName: '李专家', founder: true, joinedAt: expect.any(String) }])

    const again = await wechatUser(t, phone.person)
    expect(again.id).toBe(browser.id)
    expect(again.session.me).toEqual(expected)
    // The WeChat-only user is kept as a merged record, unable to sign in on its own.
    const merged = await t.db.models.User.findById(phone.id).lean()
    expect(merged).toMatchObject({ disabled: true, logins: [loginKey.merged(merged!._id)] })
    expect(merged!.mergedInto!.toHexString()).toBe(browser.id)
  })

  test('WeChat code entered in the browser binds the same way', async () => {
    const browser = await browserUser(t, ['expert'])
    const phone = await wechatUser(t)
    const code = await bindCode(phone.token)
    const bound = await call(t, 'POST', '/api/me/bind', { token: browser.token, body: { code, confirm: true } })
    expect(bound.status).toBe(200)
    expect(bound.body).toMatchObject({ id: browser.id, wechatBound: true, hasPassword: true })
    expect((await wechatUser(t, phone.person)).id).toBe(browser.id)
  })

  test('a phone signed in before the browser account set its password stays signed in after binding', async () => {
    const office = await browserUser(t, ['office'])
    const phone = await wechatUser(t)
    const browser = await invitedUser(office.token)
    const code = await bindCode(browser.token)
    expect((await call(t, 'POST', '/api/me/bind', { token: phone.token, body: { code, confirm: true } })).status).toBe(200)
    const after = await me(phone.token)
    expect(after.status).toBe(200)
    expect(after.body).toMatchObject({ id: browser.id, wechatBound: true })
  })

  test('a bind code cannot be used twice: 422 BIND_CODE_INVALID', async () => {
    const browser = await browserUser(t, ['expert'])
    const code = await bindCode(browser.token)
    expect((await call(t, 'POST', '/api/me/bind', { token: (await wechatUser(t)).token, body: { code, confirm: true } })).status).toBe(200)
    const second = await call(t, 'POST', '/api/me/bind', { token: (await wechatUser(t)).token, body: { code, confirm: true } })
    expect(second.status).toBe(422)
    expect(second.body).toEqual(failure('BIND_CODE_INVALID'))
  })

  test('one’s own code, an unknown code and an expired code are 422 BIND_CODE_INVALID', async () => {
    const browser = await browserUser(t, ['expert'])
    const phone = await wechatUser(t)
    const own = await bindCode(phone.token)
    const expired = await bindCode(browser.token)
    await t.db.models.OneTimeCode.updateOne({ codeHash: sha256(expired) }, { $set: { expiresAt: new Date(Date.now() - 1000) } })
    for (const code of [own, 'BD-ABCDEFGHJK', expired]) {
      const res = await call(t, 'POST', '/api/me/bind', { token: phone.token, body: { code, confirm: true } })
      expect([code, res.status, res.body]).toEqual([code, 422, failure('BIND_CODE_INVALID')])
    }
  })

  test('a new bind code replaces the earlier one', async () => {
    const browser = await browserUser(t, ['expert'])
    const first = await bindCode(browser.token)
    await bindCode(browser.token)
    const res = await call(t, 'POST', '/api/me/bind', { token: (await wechatUser(t)).token, body: { code: first, confirm: true } })
    expect(res.body).toEqual(failure('BIND_CODE_INVALID'))
  })

  test('binding two WeChat-only users is 409 BIND_CONFLICT, and neither account changes', async () => {
    const a = await wechatUser(t)
    const b = await wechatUser(t)
    const code = await bindCode(a.token)
    const res = await call(t, 'POST', '/api/me/bind', { token: b.token, body: { code, confirm: true } })
    expect(res.status).toBe(409)
    expect(res.body).toEqual(failure('BIND_CONFLICT'))
    expect((await me(a.token)).body.id).toBe(a.id)
    expect((await me(b.token)).body.id).toBe(b.id)
  })

  test('a browser account already bound cannot take a second WeChat: 409 BIND_CONFLICT', async () => {
    const browser = await browserUser(t, ['expert'])
    await call(t, 'POST', '/api/me/bind', { token: (await wechatUser(t)).token, body: { code: await bindCode(browser.token), confirm: true } })
    const res = await call(t, 'POST', '/api/me/bind', { token: (await wechatUser(t)).token, body: { code: await bindCode(browser.token), confirm: true } })
    expect(res.status).toBe(409)
    expect(res.body).toEqual(failure('BIND_CONFLICT'))
  })
})
