import { createHash } from 'node:crypto'
import { ROUTES } from '@zlbg/shared'
import { browserUser, call, wechatUser, failure } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

/** Applicant organizations (申报组织) and their members: create, invite, join, leave, see members. */
let t: TestServer
let office: Awaited<ReturnType<typeof browserUser>>
beforeAll(async () => {
  t = await startTestServer('organizations')
  office = await browserUser(t, ['office'])
})
afterAll(() => t.close())
// Every request comes from 127.0.0.1: keep the per-IP limits (WeChat sign-ins, creations) per test.
beforeEach(() => t.db.models.Counter.deleteMany({}))

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const NO_SUCH_ORG = '0123456789abcdef01234567'

type Person = Awaited<ReturnType<typeof wechatUser>>
const create = (who: { token: string }, name: string, on: TestServer = t) =>
  call(on, 'POST', '/api/organizations', { token: who.token, body: { name } })
async function newOrg(name = '示范制造有限公司') {
  const founder = await wechatUser(t)
  const res = await create(founder, name)
  expect(res.status).toBe(201)
  return { founder, id: res.body.id as string }
}
async function invite(who: { token: string }, orgId: string) {
  const res = await call(t, 'POST', `/api/organizations/${orgId}/invites`, { token: who.token })
  expect(res.status).toBe(201)
  return res.body.code as string
}
const join = (who: { token: string }, code: string) => call(t, 'POST', '/api/organizations/join', { token: who.token, body: { code } })
const leave = (who: { token: string }, orgId: string) => call(t, 'POST', `/api/organizations/${orgId}/leave`, { token: who.token })
const members = (who: { token?: string }, orgId: string) => call(t, 'GET', `/api/organizations/${orgId}/members`, { token: who.token })
const me = (who: { token: string }) => call(t, 'GET', '/api/me', { token: who.token })

/** Waits out the last seconds of a fixed window, so "N within the window" cannot straddle two. */
async function awayFromWindowEdge(windowSeconds: number, margin = 15_000) {
  const left = windowSeconds * 1000 - (Date.now() % (windowSeconds * 1000))
  if (left < margin) await new Promise((resolve) => setTimeout(resolve, left + 200))
}

describe('POST /api/organizations — create', () => {
  test('the creator is the founding member and has the org_member role on the next request', async () => {
    const founder = await wechatUser(t)
    expect((await me(founder)).body.roles).toEqual(['wechat_user'])
    const res = await create(founder, '  华东精密制造股份有限公司  ')
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: '华东精密制造股份有限公司',
      listed: false,
      memberCount: 1,
      nameReview: 'passed',
      createdAt: expect.stringMatching(ISO),
    })
    const mine = await me(founder)
    expect(mine.body.roles).toEqual(['wechat_user', 'org_member'])
    expect(mine.body.organizations).toEqual([{ id: res.body.id, name: '华东精密制造股份有限公司', listed: false, nameReview: 'passed' }])
    const list = await members(founder, res.body.id)
    expect(list.status).toBe(200)
    expect(list.body).toEqual({
      items: [{ userId: founder.id, displayName: founder.session.me.displayName, founder: true, joinedAt: expect.stringMatching(ISO) }],
    })
  })

  test.each([
    [{ name: '厂' }, [{ path: 'body.name', message: '组织名称至少 2 个字' }]],
    [{ name: '某公司', creditCode: 'x' }, [{ path: 'body.creditCode', message: '不允许的字段「creditCode」' }]],
  ])('a bad body (%j) is 400 with Chinese field messages', async (body, fields) => {
    const founder = await wechatUser(t)
    const res = await call(t, 'POST', '/api/organizations', { token: founder.token, body })
    expect(res.status).toBe(400)
    expect(res.body).toEqual(failure('VALIDATION_FAILED', { fields }))
  })

  test('anonymous is 401 UNAUTHENTICATED', async () => {
    const res = await call(t, 'POST', '/api/organizations', { body: { name: '匿名公司' } })
    expect(res.status).toBe(401)
    expect(res.body).toEqual(failure('UNAUTHENTICATED'))
  })
})

describe('invites, joining and leaving', () => {
  test('a member’s invite code lets another WeChat user join, once', async () => {
    const { founder, id } = await newOrg('邀请测试公司')
    const before = Date.now()
    const res = await call(t, 'POST', `/api/organizations/${id}/invites`, { token: founder.token })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ code: expect.stringMatching(/^[A-HJ-NP-Z2-9]{10}$/), expiresAt: expect.stringMatching(ISO) })
    expect(Date.parse(res.body.expiresAt) - before).toBeGreaterThanOrEqual(7 * 24 * 3600_000)

    const colleague = await wechatUser(t)
    const joined = await join(colleague, res.body.code)
    expect(joined.status).toBe(200)
    expect(joined.body).toMatchObject({ id, name: '邀请测试公司', memberCount: 2 })
    expect((await me(colleague)).body).toMatchObject({
      roles: ['wechat_user', 'org_member'],
      organizations: [{ id, name: '邀请测试公司', listed: false, nameReview: 'passed' }],
    })
    const list = await members(colleague, id)
    expect(list.body.items.map((m: { userId: string; founder: boolean }) => [m.userId, m.founder])).toEqual([
      [founder.id, true],
      [colleague.id, false],
    ])
    // Any member may invite, not only the founder.
    expect(await invite(colleague, id)).toMatch(/^[A-HJ-NP-Z2-9]{10}$/)

    const third = await wechatUser(t)
    const reused = await join(third, res.body.code)
    expect(reused.status).toBe(422)
    expect(reused.body).toEqual(failure('INVITE_INVALID'))
  })

  test('joining an organization one already belongs to is 409 ALREADY_MEMBER and does not use up the code', async () => {
    const { founder, id } = await newOrg()
    const code = await invite(founder, id)
    const own = await join(founder, code)
    expect(own.status).toBe(409)
    expect(own.body).toEqual(failure('ALREADY_MEMBER'))

    const colleague = await wechatUser(t)
    expect((await join(colleague, code)).status).toBe(200)
    const second = await invite(founder, id)
    const twice = await join(colleague, second)
    expect(twice.status).toBe(409)
    expect(twice.body).toEqual(failure('ALREADY_MEMBER'))
    const newcomer = await wechatUser(t)
    expect((await join(newcomer, second)).body).toMatchObject({ id, memberCount: 3 })
  })

  test('an expired code is 422 INVITE_INVALID, and so is an unknown one; a bind code is 400 (its shape is not an invite code’s)', async () => {
    const { founder, id } = await newOrg()
    const expired = await invite(founder, id)
    await t.db.models.OneTimeCode.updateOne({ codeHash: sha256(expired) }, { $set: { expiresAt: new Date(Date.now() - 1000) } })
    const bindCode = (await call(t, 'POST', '/api/me/bind-code', { token: founder.token })).body.code
    const joiner = await wechatUser(t)
    for (const code of [expired, 'ABCDEFGHJK']) {
      const res = await join(joiner, code)
      expect([code, res.status, res.body]).toEqual([code, 422, failure('INVITE_INVALID')])
    }
    // Issue 12: a bind code looks different and is told apart before anything is looked up.
    const asInvite = await join(joiner, bindCode)
    expect(asInvite.body).toEqual(
      failure('VALIDATION_FAILED', { fields: [{ path: 'body.code', message: '这是账号绑定码，不是邀请码：请在“我的 → 账号绑定”中输入' }] }),
    )
    expect((await me(joiner)).body.organizations).toEqual([])
  })

  test('only a member of that organization can invite (403 otherwise); an unknown organization is 404', async () => {
    const { id } = await newOrg()
    const { founder: otherMember } = await newOrg('另一家公司')
    for (const outsider of [otherMember, await wechatUser(t), office]) {
      const res = await call(t, 'POST', `/api/organizations/${id}/invites`, { token: outsider.token })
      expect(res.status).toBe(403)
      expect(res.body).toEqual(failure('FORBIDDEN'))
    }
    const missing = await call(t, 'POST', `/api/organizations/${NO_SUCH_ORG}/invites`, { token: otherMember.token })
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual(failure('ORGANIZATION_NOT_FOUND'))
  })

  test('a member leaves: gone from the members and from me; leaving again is 409 NOT_A_MEMBER', async () => {
    const { founder, id } = await newOrg('退出测试公司')
    const colleague = await wechatUser(t)
    expect((await join(colleague, await invite(founder, id))).status).toBe(200)
    // Still a member elsewhere, so the person keeps the org_member role.
    const own = await create(colleague, '自己的公司')

    const res = await leave(colleague, id)
    expect(res.status).toBe(204)
    expect(res.body).toBeUndefined()
    expect((await me(colleague)).body.organizations).toEqual([{ id: own.body.id, name: '自己的公司', listed: false, nameReview: 'passed' }])
    expect((await members(founder, id)).body.items.map((m: { userId: string }) => m.userId)).toEqual([founder.id])

    const again = await leave(colleague, id)
    expect(again.status).toBe(409)
    expect(again.body).toEqual(failure('NOT_A_MEMBER'))
    // And having left, the person no longer sees the members.
    expect((await members(colleague, id)).body).toEqual(failure('FORBIDDEN'))
  })

  test('leaving one’s only organization drops the org_member role; leaving again is refused by the policy (403)', async () => {
    const { founder, id } = await newOrg()
    const colleague = await wechatUser(t)
    await join(colleague, await invite(founder, id))
    expect((await leave(colleague, id)).status).toBe(204)
    expect((await me(colleague)).body.roles).toEqual(['wechat_user'])
    const again = await leave(colleague, id)
    expect(again.status).toBe(403)
    expect(again.body).toEqual(failure('FORBIDDEN'))
  })

  test('leaving an unknown organization is 404 ORGANIZATION_NOT_FOUND', async () => {
    const { founder } = await newOrg()
    const res = await leave(founder, NO_SUCH_ORG)
    expect(res.status).toBe(404)
    expect(res.body).toEqual(failure('ORGANIZATION_NOT_FOUND'))
  })
})

describe('GET /api/organizations/:id/members — members and the office only (第十三条)', () => {
  let org: { founder: Person; id: string }
  beforeAll(async () => {
    org = await newOrg('成员可见性公司')
  })

  test.each([
    ['a member', () => org.founder],
    ['the office', () => office],
  ])('%s sees the members', async (_label, who) => {
    const res = await members(who(), org.id)
    expect(res.status).toBe(200)
    expect(res.body.items.map((m: { userId: string }) => m.userId)).toEqual([org.founder.id])
    expect(ROUTES.listMembers.response.safeParse(res.body).success).toBe(true)
  })

  test('a member of another organization is 403 FORBIDDEN', async () => {
    const { founder: other } = await newOrg('别家公司')
    const res = await members(other, org.id)
    expect(res.status).toBe(403)
    expect(res.body).toEqual(failure('FORBIDDEN'))
  })

  test.each([
    ['a WeChat user in no organization', () => wechatUser(t), 403, 'FORBIDDEN'],
    ['an expert', () => browserUser(t, ['expert']), 403, 'FORBIDDEN'],
    ['an approver', () => browserUser(t, ['approver']), 403, 'FORBIDDEN'],
    ['anonymous', async () => ({ token: undefined }), 401, 'UNAUTHENTICATED'],
  ] as const)('%s is refused', async (_label, who, status, code) => {
    const res = await members(await who(), org.id)
    expect(res.status).toBe(status)
    expect(res.body).toEqual(failure(code))
  })

  test('an unknown organization is 404 for the office', async () => {
    const res = await members(office, NO_SUCH_ORG)
    expect(res.status).toBe(404)
    expect(res.body).toEqual(failure('ORGANIZATION_NOT_FOUND'))
  })
})

describe('GET /api/organizations — the office’s list', () => {
  const tag = `检索${Date.now() % 100000}`
  beforeAll(async () => {
    for (const name of [`${tag}甲制造公司`, `${tag}乙建筑公司`, `${tag}丙服务公司`]) await newOrg(name)
  })
  const list = (qs: string, token = office.token) => call(t, 'GET', `/api/organizations?${qs}`, { token })
  const names = (body: { items: { name: string }[] }) => body.items.map((o) => o.name.replace(tag, ''))

  test('q finds by name; newest first; paginated', async () => {
    const all = await list(`q=${encodeURIComponent(tag)}`)
    expect(all.status).toBe(200)
    expect(all.body).toMatchObject({ page: 1, pageSize: 10, total: 3 })
    expect(names(all.body)).toEqual(['丙服务公司', '乙建筑公司', '甲制造公司'])
    expect(all.body.items[0]).toEqual({ id: expect.any(String), name: `${tag}丙服务公司`, listed: false, memberCount: 1, nameReview: 'passed', createdAt: expect.stringMatching(ISO) })
    expect(names((await list(`q=${encodeURIComponent(`${tag}乙`)}`)).body)).toEqual(['乙建筑公司'])
    const second = await list(`q=${encodeURIComponent(tag)}&page=2&pageSize=2`)
    expect(second.body).toMatchObject({ page: 2, pageSize: 2, total: 3 })
    expect(names(second.body)).toEqual(['甲制造公司'])
    expect((await list('q=(.*)')).body.total).toBe(0)
  })

  test.each([
    ['an organization member', () => newOrg().then((o) => o.founder)],
    ['an expert', () => browserUser(t, ['expert'])],
  ])('%s gets 403 FORBIDDEN', async (_label, who) => {
    const res = await list('', (await who()).token)
    expect(res.status).toBe(403)
    expect(res.body).toEqual(failure('FORBIDDEN'))
  })
})

describe('rate limit on creating organizations (a public write), counted in the database', () => {
  const HOUR = 3600

  test('the 6th creation within the hour by one person is 429 RATE_LIMITED with Retry-After; nothing is created', async () => {
    await awayFromWindowEdge(HOUR)
    const founder = await wechatUser(t)
    for (let i = 1; i <= 5; i++) expect((await create(founder, `限流测试${i}号公司`)).status).toBe(201)
    const sixth = await create(founder, '限流测试6号公司')
    const secondsToWindowEnd = Math.ceil((HOUR * 1000 - (Date.now() % (HOUR * 1000))) / 1000)
    expect(sixth.status).toBe(429)
    expect(sixth.body).toEqual(failure('RATE_LIMITED', { retryAfterSeconds: expect.any(Number) }))
    expect(Math.abs(sixth.body.error.retryAfterSeconds - secondsToWindowEnd)).toBeLessThanOrEqual(2)
    expect(sixth.headers.get('retry-after')).toBe(String(sixth.body.error.retryAfterSeconds))
    expect(await t.db.models.Organization.countDocuments({ name: '限流测试6号公司' })).toBe(0)
    // Another person is not held back by it.
    expect((await create(await wechatUser(t), '他人的公司')).status).toBe(201)
  })

  test('per address too: the 21st creation from one IP within the hour is 429, whoever signs in', async () => {
    await awayFromWindowEdge(HOUR)
    for (let person = 0; person < 4; person++) {
      const founder = await wechatUser(t)
      for (let i = 1; i <= 5; i++) expect((await create(founder, `地址限流${person}-${i}`)).status).toBe(201)
    }
    const res = await create(await wechatUser(t), '地址限流第21家')
    expect(res.status).toBe(429)
    expect(res.body).toEqual(failure('RATE_LIMITED', { retryAfterSeconds: expect.any(Number) }))
  })

  describe('across server instances', () => {
    let t2: TestServer
    beforeAll(async () => {
      t2 = await startTestServer('organizations_second', { databaseUri: t.databaseUri })
    })
    afterAll(() => t2.close())

    test('creations on two instances sharing the database count together: the 6th is refused on either', async () => {
      await awayFromWindowEdge(HOUR)
      const founder = await wechatUser(t)
      for (let i = 1; i <= 3; i++) expect((await create(founder, `甲实例${i}`, t)).status).toBe(201)
      for (let i = 1; i <= 2; i++) expect((await create(founder, `乙实例${i}`, t2)).status).toBe(201)
      const onSecond = await create(founder, '乙实例3', t2)
      expect(onSecond.status).toBe(429)
      expect(onSecond.body).toEqual(failure('RATE_LIMITED', { retryAfterSeconds: expect.any(Number) }))
      expect(onSecond.headers.get('retry-after')).toBe(String(onSecond.body.error.retryAfterSeconds))
      expect((await create(founder, '甲实例4', t)).status).toBe(429)
    })
  })
})
