/**
 * Issue 12, item 1: a bind code must not hand over an account. The probe: a new WeChat user made a
 * bind code, a signed-in expert entered it, and from then on the attacker's WeChat session acted as
 * the expert. Now the person entering a code sees who is on the other side first and confirms; an
 * office, admin or approver account binds only from its own browser with its password; codes are
 * rate-limited, look unlike invite codes, and the binding is audited on both sides and announced.
 */
import { browserUser, call, failure, PASSWORD, wechatUser } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer('account-binding')
})
afterAll(() => t.close())
beforeEach(() => t.db.models.Counter.deleteMany({}))

const bindCode = async (token: string) => {
  const res = await call(t, 'POST', '/api/me/bind-code', { token })
  expect(res.status).toBe(201)
  return res.body.code as string
}
const me = (token: string) => call(t, 'GET', '/api/me', { token })

describe('bind codes are told apart from invite codes', () => {
  test('a bind code starts with BD- and is refused where an invite code is expected, and the other way round', async () => {
    const expert = await browserUser(t, ['expert'])
    const code = await bindCode(expert.token)
    expect(code).toMatch(/^BD-[A-HJ-NP-Z2-9]{10}$/)
    const phone = await wechatUser(t)
    const asInvite = await call(t, 'POST', '/api/organizations/join', { token: phone.token, body: { code } })
    expect(asInvite.status).toBe(400)
    expect(asInvite.body.error.code).toBe('VALIDATION_FAILED')
    const org = await call(t, 'POST', '/api/organizations', { token: phone.token, body: { name: '邀请码测试公司' } })
    const invite = await call(t, 'POST', `/api/organizations/${org.body.id}/invites`, { token: phone.token })
    const asBind = await call(t, 'POST', '/api/me/bind/preview', { token: expert.token, body: { code: invite.body.code } })
    expect(asBind.status).toBe(400)
    expect(asBind.body.error.fields).toEqual([{ path: 'body.code', message: expect.stringContaining('BD-') }])
  })

  test('the dash may be left out or typed in lower case', async () => {
    const expert = await browserUser(t, ['expert'], { displayName: '李专家' })
    const code = await bindCode(expert.token)
    const phone = await wechatUser(t)
    const res = await call(t, 'POST', '/api/me/bind/preview', { token: phone.token, body: { code: code.replace('-', '').toLowerCase() } })
    expect(res.status).toBe(200)
  })
})

describe('the person entering a code sees who is on the other side first', () => {
  test('preview names the other side masked, with the time the code was made, and uses nothing up', async () => {
    const expert = await browserUser(t, ['expert'], { displayName: '李质量专家', username: `lizhiliang${Date.now() % 1000}` })
    const before = Date.now()
    const code = await bindCode(expert.token)
    const phone = await wechatUser(t)
    const preview = await call(t, 'POST', '/api/me/bind/preview', { token: phone.token, body: { code } })
    expect(preview.status).toBe(200)
    expect(preview.body).toEqual({
      otherSide: { kind: 'browser', name: '李***家', username: expect.stringMatching(/^l\*+\d$/) },
      codeCreatedAt: expect.any(String),
      passwordRequired: false,
    })
    expect(Date.parse(preview.body.codeCreatedAt)).toBeGreaterThanOrEqual(before - 1000)
    // A WeChat side is shown by its masked nickname.
    const other = await wechatUser(t)
    const wechatCode = await bindCode(other.token)
    const fromBrowser = await call(t, 'POST', '/api/me/bind/preview', { token: (await browserUser(t, ['expert'])).token, body: { code: wechatCode } })
    expect(fromBrowser.body.otherSide).toEqual({ kind: 'wechat', name: expect.stringMatching(/^微\*+.$/) })
    expect(fromBrowser.body.otherSide.name).not.toBe(other.session.me.displayName)
    // Nothing was bound or used up.
    expect((await me(phone.token)).body.id).toBe(phone.id)
    expect((await call(t, 'POST', '/api/me/bind', { token: phone.token, body: { code, confirm: true } })).status).toBe(200)
  })

  test('binding without the explicit confirmation is refused and binds nothing', async () => {
    const expert = await browserUser(t, ['expert'])
    const code = await bindCode(expert.token)
    const phone = await wechatUser(t)
    for (const body of [{ code }, { code, confirm: false }]) {
      const res = await call(t, 'POST', '/api/me/bind', { token: phone.token, body })
      expect(res.status).toBe(400)
      expect(res.body.error.fields).toEqual([{ path: 'body.confirm', message: '请先核对绑定对象并确认' }])
    }
    expect((await me(phone.token)).body.id).toBe(phone.id)
    expect((await me(expert.token)).body.wechatBound).toBe(false)
  })
})

describe('office, admin and approver accounts are not handed over by a code (the probe’s attack)', () => {
  test.each([['office'], ['admin'], ['approver']] as const)(
    'an attacker’s WeChat code entered by a signed-in %s account is refused without its password',
    async (role) => {
      const staff = await browserUser(t, [role])
      const attacker = await wechatUser(t)
      const code = await bindCode(attacker.token)
      const preview = await call(t, 'POST', '/api/me/bind/preview', { token: staff.token, body: { code } })
      expect(preview.body).toMatchObject({ otherSide: { kind: 'wechat' }, passwordRequired: true })
      for (const body of [{ code, confirm: true }, { code, confirm: true, password: 'Wrong2026pass' }]) {
        const res = await call(t, 'POST', '/api/me/bind', { token: staff.token, body })
        expect(res.status).toBe(422)
        expect(res.body).toEqual(failure('WRONG_PASSWORD', { fields: [{ path: 'body.password', message: '请重新输入本账号的密码' }] }))
      }
      // The attacker's session is still only the attacker, and the code still belongs to them.
      expect((await me(attacker.token)).body.id).toBe(attacker.id)
      expect((await me(staff.token)).body.wechatBound).toBe(false)
    },
  )

  test('with the password re-entered in its own browser session, the office account binds its own WeChat', async () => {
    const staff = await browserUser(t, ['office'])
    const phone = await wechatUser(t)
    const code = await bindCode(phone.token)
    const res = await call(t, 'POST', '/api/me/bind', { token: staff.token, body: { code, confirm: true, password: PASSWORD } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: staff.id, wechatBound: true })
  })

  test('the office account’s own code entered on a WeChat phone is 403 BIND_GUARDED, even with its password', async () => {
    const staff = await browserUser(t, ['admin'])
    const code = await bindCode(staff.token)
    const phone = await wechatUser(t)
    const preview = await call(t, 'POST', '/api/me/bind/preview', { token: phone.token, body: { code } })
    expect(preview.status).toBe(403)
    expect(preview.body).toEqual(failure('BIND_GUARDED'))
    const res = await call(t, 'POST', '/api/me/bind', { token: phone.token, body: { code, confirm: true, password: PASSWORD } })
    expect(res.status).toBe(403)
    expect(res.body).toEqual(failure('BIND_GUARDED'))
    expect((await me(phone.token)).body.id).toBe(phone.id)
    expect((await me(staff.token)).body.wechatBound).toBe(false)
  })
})

describe('bind codes are rate-limited per person and per address', () => {
  test('issuing: the sixth code in an hour is 429 RATE_LIMITED', async () => {
    const expert = await browserUser(t, ['expert'])
    for (let i = 0; i < 5; i++) await bindCode(expert.token)
    const res = await call(t, 'POST', '/api/me/bind-code', { token: expert.token })
    expect(res.status).toBe(429)
    expect(res.body).toEqual(failure('RATE_LIMITED', { retryAfterSeconds: expect.any(Number) }))
  })

  test('entering: guessing codes stops at the eleventh try in ten minutes, even for a real code', async () => {
    const phone = await wechatUser(t)
    for (let i = 0; i < 10; i++) {
      const res = await call(t, 'POST', '/api/me/bind/preview', { token: phone.token, body: { code: `BD-ABCDEFGH${'JK'[i % 2]}${'MN'[i % 2]}` } })
      expect(res.body).toEqual(failure('BIND_CODE_INVALID'))
    }
    const real = await bindCode((await browserUser(t, ['expert'])).token)
    const res = await call(t, 'POST', '/api/me/bind', { token: phone.token, body: { code: real, confirm: true } })
    expect(res.status).toBe(429)
  })
})

describe('a binding is audited on both sides and announced', () => {
  test('both users’ trails hold user.bindWeChat, and the bound account gets a message', async () => {
    const admin = await browserUser(t, ['admin'])
    const expert = await browserUser(t, ['expert'], { displayName: '王专家' })
    const phone = await wechatUser(t)
    const code = await bindCode(expert.token)
    expect((await call(t, 'POST', '/api/me/bind', { token: phone.token, body: { code, confirm: true } })).status).toBe(200)
    for (const side of [expert.id, phone.id]) {
      const trail = await call(t, 'GET', `/api/audit?action=user.bindWeChat&resourceId=${side}`, { token: admin.token })
      expect(trail.body.items).toEqual([expect.objectContaining({ action: 'user.bindWeChat', from: phone.id, to: expert.id, resource: { type: 'user', id: side } })])
    }
    const outbox = await t.db.models.Outbox.find({ recipientUserId: expert.id, kind: 'account.bound' }).lean()
    expect(outbox).toHaveLength(1)
    expect(outbox[0]!.content.body).toContain('如非本人操作')
  })
})
