import { createWeChatClient, WeChatError, type WeChatClient } from '../../server/src/wechat/client'
import { STANDIN_APP_ID, STANDIN_SECRET, wechatSettings } from '../../server/src/wechat/config'
import { startWeChatStandIn, WECHAT_FAILURES, type WeChatStandIn } from '../../server/src/wechat/standin'

const appId = 'wx-test-appid'
const secret = 'test-secret-5f3a9c'

// Computed outside this code base (Python: 'o' + urlsafe_b64(sha256(appId + ':' + user))[:27]).
const OPENID_ALICE = 'oxNLFaS9Gby4UWrOdoBFdb1mJaDc'
const OPENID_BOB = 'ozIWhDG51cVBZnJ-6yd1XKNVfVlN'

let standin: WeChatStandIn
let wx: WeChatClient
beforeAll(async () => {
  standin = await startWeChatStandIn({ port: 0, appId, secret })
  wx = createWeChatClient({ baseUrl: standin.baseUrl, appId, secret, timeoutMs: 2000 })
})
afterEach(() => standin.setFailure(null))
afterAll(() => standin.close())

/** The WeChatError a call rejects with; fails the test if it resolves or throws anything else. */
async function failure(call: Promise<unknown>): Promise<WeChatError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(WeChatError)
  const e = err as WeChatError
  // Safe to log: no secret, no query string.
  expect(`${e.message} ${e.errmsg} ${JSON.stringify(e)}`).not.toMatch(new RegExp(`${secret}|js_code|secret=`))
  return e
}

describe('code2Session against the stand-in', () => {
  test('a good code gives the openid derived from its user part, and a fresh session key', async () => {
    const first = await wx.code2Session('alice.1')
    const again = await wx.code2Session('alice.2')
    const bob = await wx.code2Session('bob-42.1')
    const plain = await wx.code2Session('bob-42')

    expect(first.openid).toBe(OPENID_ALICE)
    expect(again.openid).toBe(OPENID_ALICE)
    expect(bob.openid).toBe(OPENID_BOB)
    expect(plain.openid).toBe(OPENID_BOB)
    expect(first.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/)
    expect(first.sessionKey).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    expect(again.sessionKey).not.toBe(first.sessionKey)
    expect(Object.keys(first).sort()).toEqual(['openid', 'sessionKey'])
  })

  test('the openid depends on the app, as WeChat openids do', async () => {
    const other = await startWeChatStandIn({ appId: STANDIN_APP_ID, secret: STANDIN_SECRET })
    try {
      const client = createWeChatClient({ baseUrl: other.baseUrl, appId: STANDIN_APP_ID, secret: STANDIN_SECRET, timeoutMs: 2000 })
      expect((await client.code2Session('alice.1')).openid).toBe('okq7EfNS-Gmr8-6H2PwyMOFfKQv9')
    } finally {
      await other.close()
    }
  })

  test('the request is the real API shape, and the log hides the secret', async () => {
    const before = standin.requests().length
    await wx.code2Session('shape-check')
    expect(standin.requests().slice(before)).toEqual([
      {
        method: 'GET',
        path: '/sns/jscode2session',
        query: { appid: appId, secret: '***', js_code: 'shape-check', grant_type: 'authorization_code' },
        status: 200,
        errcode: 0,
      },
    ])
  })

  test('a code works once: the second use is code_used (40163)', async () => {
    await wx.code2Session('carol.1')
    const e = await failure(wx.code2Session('carol.1'))
    expect([e.kind, e.errcode, e.errmsg]).toEqual(['code_used', 40163, 'code been used'])
  })

  test.each([
    ['too short', 'abc12'],
    ['too long', 'x'.repeat(65)],
    ['a space', 'has space'],
    ['a slash', 'bad/code1'],
    ['non-ASCII', '登录凭证无效码'],
  ])('a malformed code (%s) is invalid_code (40029)', async (_, code) => {
    const e = await failure(wx.code2Session(code))
    expect([e.kind, e.errcode, e.errmsg]).toEqual(['invalid_code', 40029, 'invalid code'])
  })

  test.each([
    ['secret', { appId, secret: 'wrong-secret' }, 40125, 'invalid appsecret'],
    ['appid', { appId: 'wx-wrong', secret }, 40013, 'invalid appid'],
  ])('a wrong %s is refused with its errcode and spends no code', async (what, creds, errcode, errmsg) => {
    const client = createWeChatClient({ baseUrl: standin.baseUrl, ...creds, timeoutMs: 2000 })
    const code = `dave-${what}.1`
    const e = await failure(client.code2Session(code))
    expect([e.kind, e.errcode, e.errmsg]).toEqual(['other', errcode, errmsg])
    expect((await wx.code2Session(code)).openid).toMatch(/^o/)
  })
})

describe('failures WeChat reports, injected', () => {
  test.each([
    [-1, 'system_busy', WECHAT_FAILURES.system_busy],
    [45011, 'rate_limited', WECHAT_FAILURES.rate_limited],
    [40226, 'other', { errcode: 40226, errmsg: 'high risk user' }],
  ] as const)('errcode %i is kind %s; the code is not spent', async (errcode, kind, injected) => {
    standin.failNext(injected)
    const code = `erin-${errcode}.1`
    const e = await failure(wx.code2Session(code))
    expect([e.kind, e.errcode, e.errmsg]).toEqual([kind, errcode, injected.errmsg])
    expect(standin.requests().at(-1)).toMatchObject({ status: 200, errcode, injected })
    // failNext is one-shot: the retry with the same code goes through.
    expect((await wx.code2Session(code)).openid).toHaveLength(28)
  })

  test('setFailure holds until cleared; failNext queues one failure per call', async () => {
    standin.setFailure(WECHAT_FAILURES.system_busy)
    expect((await failure(wx.code2Session('frank.1'))).kind).toBe('system_busy')
    expect((await failure(wx.code2Session('frank.1'))).kind).toBe('system_busy')
    standin.setFailure(null)
    await wx.code2Session('frank.1')

    standin.failNext(WECHAT_FAILURES.rate_limited)
    standin.failNext(WECHAT_FAILURES.system_busy)
    expect((await failure(wx.code2Session('frank.2'))).kind).toBe('rate_limited')
    expect((await failure(wx.code2Session('frank.2'))).kind).toBe('system_busy')
    await wx.code2Session('frank.2')
  })

  test('an errmsg that echoes the secret is scrubbed', async () => {
    standin.failNext({ errcode: 40125, errmsg: `invalid appsecret ${secret}, rid: 1` })
    const e = await failure(wx.code2Session('leo.1'))
    expect(e.errmsg).toBe('invalid appsecret ***, rid: 1')
  })

  test('a failure for another path leaves login alone', async () => {
    standin.setFailure(WECHAT_FAILURES.system_busy, { path: '/cgi-bin/token' })
    await expect(wx.code2Session('grace.1')).resolves.toMatchObject({ openid: expect.stringMatching(/^o/) })
  })
})

describe('no usable answer is unavailable', () => {
  test('no answer within timeoutMs', async () => {
    const quick = createWeChatClient({ baseUrl: standin.baseUrl, appId, secret, timeoutMs: 150 })
    standin.failNext('timeout')
    const started = Date.now()
    const e = await failure(quick.code2Session('heidi.1'))
    expect([e.kind, e.errcode, e.errmsg]).toEqual(['unavailable', null, 'no answer within 150 ms'])
    expect(Date.now() - started).toBeLessThan(1500)
    expect(standin.requests().at(-1)).toMatchObject({ status: 'held', injected: 'timeout' })
  })

  test('a non-200 status', async () => {
    standin.failNext({ status: 502 })
    const e = await failure(wx.code2Session('ivan.1'))
    expect([e.kind, e.errcode, e.errmsg]).toEqual(['unavailable', null, 'HTTP 502'])
  })

  test('the stand-in is gone', async () => {
    const gone = await startWeChatStandIn({ appId, secret })
    const client = createWeChatClient({ baseUrl: gone.baseUrl, appId, secret, timeoutMs: 2000 })
    await client.code2Session('judy.1')
    await gone.close()
    const e = await failure(client.code2Session('judy.2'))
    expect(e.kind).toBe('unavailable')
    expect(e.errcode).toBeNull()
    expect(e.errmsg).toMatch(/^network error/)
  })

  test('closing the stand-in ends a request it is holding', async () => {
    const holding = await startWeChatStandIn({ appId, secret })
    const patient = createWeChatClient({ baseUrl: holding.baseUrl, appId, secret, timeoutMs: 10_000 })
    holding.setFailure('timeout')
    const pending = failure(patient.code2Session('kim.1'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    await holding.close()
    const e = await pending
    expect([e.kind, e.errcode]).toEqual(['unavailable', null])
    expect(e.errmsg).toMatch(/^network error/)
  })
})

describe('wechatSettings', () => {
  test('both WECHAT_APPID and WECHAT_SECRET: the real service', () => {
    expect(wechatSettings({ WECHAT_APPID: 'wx123', WECHAT_SECRET: 's3cret' })).toEqual({
      mode: 'real',
      appId: 'wx123',
      secret: 's3cret',
      baseUrl: 'https://api.weixin.qq.com',
      timeoutMs: 5000,
    })
  })

  test('neither: the stand-in at WECHAT_API_BASE with its own app', () => {
    expect(wechatSettings({ WECHAT_APPID: '', WECHAT_API_BASE: 'http://127.0.0.1:3100', WECHAT_TIMEOUT_MS: '800' })).toEqual({
      mode: 'standin',
      appId: 'wx-standin-appid',
      secret: 'standin-secret',
      baseUrl: 'http://127.0.0.1:3100',
      timeoutMs: 800,
    })
  })

  test.each([
    ['WECHAT_API_BASE', {}],
    ['WECHAT_SECRET', { WECHAT_APPID: 'wx123', WECHAT_API_BASE: 'http://127.0.0.1:3100' }],
    ['WECHAT_APPID', { WECHAT_SECRET: 's3cret' }],
    ['WECHAT_API_BASE', { WECHAT_API_BASE: 'ftp://127.0.0.1' }],
    ['WECHAT_TIMEOUT_MS', { WECHAT_API_BASE: 'http://127.0.0.1:3100', WECHAT_TIMEOUT_MS: 'soon' }],
  ])('refused naming %s', (name, env) => {
    expect(() => wechatSettings(env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}: `))
  })
})
