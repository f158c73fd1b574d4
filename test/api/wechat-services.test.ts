import { ERRORS } from '@zlbg/shared'
import { AppError } from '../../server/src/http/errors'
import { createAccessTokenStore } from '../../server/src/wechat/accessToken'
import { createWeChatClient, WeChatError, type WeChatClient } from '../../server/src/wechat/client'
import { STANDIN_APP_ID, STANDIN_SECRET } from '../../server/src/wechat/config'
import { createContentSecurity, requireAcceptableText, SECURITY_SCENES } from '../../server/src/wechat/contentSecurity'
import { standInOpenId, startWeChatStandIn, STANDIN_RISKY_WORDS, WECHAT_FAILURES, type WeChatStandIn } from '../../server/src/wechat/standin'
import { silent, testClock, type TestClock } from '../support/notifications'
import { startTestServer, type TestServer } from '../support/server'

/**
 * The WeChat services beyond login — access_token, msgSecCheck, subscribeMessage.send — against the
 * stand-in, with its clock and the server's moved by hand. Two server instances share one database
 * and one WeChat, as in production.
 */
let a: TestServer
let b: TestServer
let standin: WeChatStandIn
let clock: TestClock
const TOKEN_LIFETIME_S = 600

beforeAll(async () => {
  a = await startTestServer('wechat-services')
  b = await startTestServer('wechat-services-b', { databaseUri: a.databaseUri })
  clock = testClock()
  standin = await startWeChatStandIn({
    appId: STANDIN_APP_ID,
    secret: STANDIN_SECRET,
    tokenLifetimeSeconds: TOKEN_LIFETIME_S,
    now: () => clock.now().getTime(),
  })
})
afterAll(async () => {
  await standin.close()
  await b.close()
  await a.close()
})
afterEach(() => standin.setFailure(null))

const client = (timeoutMs = 2000): WeChatClient =>
  createWeChatClient({ baseUrl: standin.baseUrl, appId: STANDIN_APP_ID, secret: STANDIN_SECRET, timeoutMs })
const storeOn = (t: TestServer, instanceId: string, wx = client()) =>
  createAccessTokenStore({ models: t.db.models, client: wx, instanceId, now: clock.now, refreshMarginMs: 300_000, pollMs: 10 })
const cached = () => a.db.models.WeChatToken.findById(STANDIN_APP_ID).lean()
const tokenRequests = () => standin.requests().filter((r) => r.path === '/cgi-bin/token')

async function failure(p: Promise<unknown>): Promise<WeChatError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(WeChatError)
  return err as WeChatError
}

describe('access_token: fetched once, cached in the database, shared by every instance', () => {
  test('the stand-in issues tokens like WeChat: client_credential with the app id and secret, the secret hidden in its log', async () => {
    const token = await client().getAccessToken()
    expect(token).toEqual({ accessToken: expect.stringMatching(/^[A-Za-z0-9_-]{64}$/), expiresInSeconds: TOKEN_LIFETIME_S })
    expect(tokenRequests().at(-1)).toEqual({
      method: 'GET',
      path: '/cgi-bin/token',
      query: { grant_type: 'client_credential', appid: STANDIN_APP_ID, secret: '***' },
      status: 200,
      errcode: 0,
    })
    const wrong = createWeChatClient({ baseUrl: standin.baseUrl, appId: STANDIN_APP_ID, secret: 'nope', timeoutMs: 2000 })
    expect((await failure(wrong.getAccessToken())).errcode).toBe(40125)
  })

  test('an unknown token is 40001, a missing one 41001, an expired one 42001 (kind token_invalid)', async () => {
    const openid = standInOpenId(STANDIN_APP_ID, 'token-check')
    const check = (token: string) => client().msgSecCheck(token, { content: '你好', openid, scene: 2 })
    const unknown = await failure(check('not-a-token'))
    expect([unknown.errcode, unknown.kind]).toEqual([40001, 'token_invalid'])
    expect((await failure(check(''))).errcode).toBe(41001)

    const shortLived = await startWeChatStandIn({ appId: STANDIN_APP_ID, secret: STANDIN_SECRET, tokenLifetimeSeconds: 5, now: () => clock.now().getTime() })
    try {
      const wx = createWeChatClient({ baseUrl: shortLived.baseUrl, appId: STANDIN_APP_ID, secret: STANDIN_SECRET, timeoutMs: 2000 })
      const { accessToken } = await wx.getAccessToken()
      await expect(wx.msgSecCheck(accessToken, { content: '你好', openid, scene: 2 })).resolves.toMatchObject({ suggest: 'pass' })
      clock.advance(5000)
      const expired = await failure(wx.msgSecCheck(accessToken, { content: '你好', openid, scene: 2 }))
      expect([expired.errcode, expired.kind]).toEqual([42001, 'token_invalid'])
      // The token never appears in the error or the stand-in's log.
      expect(`${expired.message} ${JSON.stringify(shortLived.requests())}`).not.toContain(accessToken)
    } finally {
      await shortLived.close()
    }
  })

  test('two instances asking at once: one token is fetched, and both use it', async () => {
    const before = standin.tokensIssued()
    const sa = storeOn(a, 'instance-a')
    const sb = storeOn(b, 'instance-b')
    const tokens = await Promise.all([sa.get(), sb.get(), sa.get(), sb.get(), sb.get(), sa.get()])
    expect(standin.tokensIssued() - before).toBe(1)
    expect(new Set(tokens).size).toBe(1)
    expect(await cached()).toMatchObject({
      accessToken: tokens[0],
      expiresAt: new Date(clock.now().getTime() + TOKEN_LIFETIME_S * 1000),
      fetchedBy: expect.stringMatching(/^instance-[ab]$/),
    })
    // Later calls read the cache.
    await Promise.all([sa.get(), sb.get()])
    expect(standin.tokensIssued() - before).toBe(1)
  })

  test('refreshed before it expires by exactly one instance (the job); the other reads the new one', async () => {
    const sa = storeOn(a, 'instance-a')
    const sb = storeOn(b, 'instance-b')
    const old = (await cached())!.accessToken
    expect(await sa.refreshIfDue()).toBe('fresh')
    // Five minutes before expiry it is due for refresh.
    clock.advance((TOKEN_LIFETIME_S - 300) * 1000)
    const before = standin.tokensIssued()
    const outcomes = await Promise.all([sa.refreshIfDue(), sb.refreshIfDue()])
    expect(outcomes.filter((o) => o === 'refreshed')).toHaveLength(1)
    expect(standin.tokensIssued() - before).toBe(1)
    const fresh = (await cached())!.accessToken
    expect(fresh).not.toBe(old)
    expect(await sb.get()).toBe(fresh)
    expect(await sa.get()).toBe(fresh)
    expect(standin.tokensIssued() - before).toBe(1)
  })

  test('WeChat down at refresh time: the old token is used while it works; once expired, the failure is unavailable', async () => {
    const sa = storeOn(a, 'instance-a')
    const current = (await cached())!.accessToken
    clock.advance((TOKEN_LIFETIME_S - 60) * 1000)
    standin.setFailure('timeout', { path: '/cgi-bin/token' })
    const quick = storeOn(a, 'instance-a', client(200))
    expect(await quick.get()).toBe(current)
    clock.advance(61_000)
    expect((await failure(quick.get())).kind).toBe('unavailable')
    standin.setFailure(null)
    expect(await sa.get()).not.toBe(current)
  })

  test('a token WeChat has retired (40001/42001) is replaced and the call made again, once', async () => {
    const sa = storeOn(a, 'instance-a')
    const openid = standInOpenId(STANDIN_APP_ID, 'retired-token')
    const first = await sa.get()
    standin.expireTokens()
    const before = standin.tokensIssued()
    const result = await sa.withToken((token) => client().msgSecCheck(token, { content: '正常内容', openid, scene: 2 }))
    expect(result.suggest).toBe('pass')
    expect(standin.tokensIssued() - before).toBe(1)
    expect(await sa.get()).not.toBe(first)
  })
})

describe('content security (msgSecCheck v2)', () => {
  const openid = standInOpenId(STANDIN_APP_ID, 'writer')
  const security = () => createContentSecurity({ client: client(300), tokens: storeOn(a, 'instance-a', client(300)), logger: silent })

  test('the request is the real API shape: POST with the token in the query and content, version 2, scene, openid in the body', async () => {
    await security().checkText({ text: '我们对公示名单有一点意见', openid, scene: SECURITY_SCENES.comment })
    expect(standin.requests().at(-1)).toEqual({
      method: 'POST',
      path: '/wxa/msg_sec_check',
      query: { access_token: '***' },
      body: { content: '我们对公示名单有一点意见', version: 2, scene: 2, openid },
      status: 200,
      errcode: 0,
    })
  })

  test.each([
    ['ordinary text passes', '该组织近三年确有安全事故，请核实。', 'pass'],
    ['a risky word is refused', `联系我可以${STANDIN_RISKY_WORDS[1]}`, 'risky'],
    ['WeChat unsure (review) is pending: a person in the office looks at it', '这是待人工审核测试词', 'pending'],
    ['empty text needs no check', '   ', 'pass'],
  ])('%s', async (_, text, verdict) => {
    expect(await security().checkText({ text, openid, scene: 2 })).toBe(verdict)
  })

  test('the list of risky words is the stand-in’s configuration', async () => {
    standin.setContentRules({ risky: ['质量标杆'] })
    try {
      expect(await security().checkText({ text: '质量标杆很好', openid, scene: 2 })).toBe('risky')
      expect(await security().checkText({ text: `联系我可以${STANDIN_RISKY_WORDS[1]}`, openid, scene: 2 })).toBe('pass')
    } finally {
      standin.setContentRules({ risky: STANDIN_RISKY_WORDS })
    }
  })

  test('text longer than WeChat checks at once is checked in parts: a risky word in the last part is found', async () => {
    const long = `${'甲'.repeat(2600)}${STANDIN_RISKY_WORDS[0]}`
    const before = standin.requests().filter((r) => r.path === '/wxa/msg_sec_check').length
    expect(await security().checkText({ text: long, openid, scene: 1 })).toBe('risky')
    expect(standin.requests().filter((r) => r.path === '/wxa/msg_sec_check').length - before).toBe(2)
  })

  test.each([
    ['WeChat busy', WECHAT_FAILURES.system_busy],
    ['no answer in time', 'timeout' as const],
    ['a gateway error', { status: 502 }],
  ])('an outage (%s) does not lose the text: pending, for human moderation', async (_, fault) => {
    standin.setFailure(fault, { path: '/wxa/msg_sec_check' })
    expect(await security().checkText({ text: `联系我可以${STANDIN_RISKY_WORDS[1]}`, openid, scene: 2 })).toBe('pending')
  })

  test('no openid (a browser account) cannot be checked: pending', async () => {
    const before = standin.requests().length
    expect(await security().checkText({ text: '浏览器用户的意见', scene: 2 })).toBe('pending')
    expect(standin.requests().length).toBe(before)
  })

  test('an openid WeChat does not know (40003) is pending too', async () => {
    expect(await security().checkText({ text: '正常内容', openid: 'not-an-openid', scene: 2 })).toBe('pending')
  })

  test('requireAcceptableText: risky is 422 CONTENT_RISKY with a Chinese message; pass and pending are accepted', async () => {
    const err = await requireAcceptableText(security(), { text: STANDIN_RISKY_WORDS[2], openid, scene: 2 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect([(err as AppError).code, (err as AppError).status, (err as AppError).message]).toEqual(['CONTENT_RISKY', 422, ERRORS.CONTENT_RISKY.message])
    expect(await requireAcceptableText(security(), { text: '正常内容', openid, scene: 2 })).toBe('pass')
    expect(await requireAcceptableText(security(), { text: '正常内容', scene: 2 })).toBe('pending')
  })
})

describe('subscribeMessage.send', () => {
  const openid = standInOpenId(STANDIN_APP_ID, 'subscriber')
  const message = { touser: openid, templateId: 'T-progress', page: 'pages/me/messages', data: { thing1: { value: '申报材料' } } }

  test('the stand-in records what it was sent, in the real API shape', async () => {
    const store = storeOn(a, 'instance-a')
    const before = standin.sentMessages().length
    await store.withToken((token) => client().sendSubscribeMessage(token, message))
    expect(standin.sentMessages().slice(before)).toEqual([{ touser: openid, templateId: 'T-progress', page: 'pages/me/messages', data: { thing1: { value: '申报材料' } }, at: clock.now() }])
    expect(standin.requests().at(-1)).toMatchObject({
      path: '/cgi-bin/message/subscribe/send',
      query: { access_token: '***' },
      body: { touser: openid, template_id: 'T-progress', page: 'pages/me/messages', data: { thing1: { value: '申报材料' } }, lang: 'zh_CN' },
    })
  })

  test('with subscriptions required: 43101 without one, one message per granted subscription', async () => {
    const store = storeOn(a, 'instance-a')
    const send = () => store.withToken((token) => client().sendSubscribeMessage(token, message))
    standin.setRequireSubscription(true)
    try {
      const refused = await failure(send())
      expect([refused.errcode, refused.kind]).toEqual([43101, 'no_subscription'])
      standin.grantSubscription(openid, 'T-progress')
      await send()
      expect((await failure(send())).errcode).toBe(43101)
    } finally {
      standin.setRequireSubscription(false)
    }
  })

  test.each([
    ['a bad openid', { touser: 'nobody' }, 40003],
    ['no template id', { templateId: '' }, 40037],
    ['an empty value', { data: { thing1: { value: '' } } }, 47003],
  ])('%s is refused with WeChat’s errcode (kind rejected: never retried)', async (_, patch, errcode) => {
    const store = storeOn(a, 'instance-a')
    const e = await failure(store.withToken((token) => client().sendSubscribeMessage(token, { ...message, ...patch })))
    expect([e.errcode, e.kind]).toEqual([errcode, 'rejected'])
  })
})
