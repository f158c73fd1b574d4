import { browserUser, call, wechatUser, failure } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'
import { jobRunnerFor, testClock } from '../support/notifications'
import { RELAY_GRACE_MS } from '../../server/src/outbox/relay'

/**
 * Organization names are free text the public writes and others read (the office now; the publicity
 * and published lists of 第十八条–第十九条 later): WeChat's content check runs before a name is kept.
 * The stand-in answers `risky` for 违禁测试词 and `review` for 待人工审核测试词.
 */
let t: TestServer
let office: Awaited<ReturnType<typeof browserUser>>
beforeAll(async () => {
  t = await startTestServer('orgnames')
  office = await browserUser(t, ['office'])
})
afterAll(() => t.close())
beforeEach(async () => {
  await t.db.models.Counter.deleteMany({})
  t.wechat.setFailure(null)
})

const create = (token: string, name: string) => call(t, 'POST', '/api/organizations', { token, body: { name } })

describe('creating an organization checks its name', () => {
  test.each([
    ['a clean name is accepted as passed', '杭州精益制造有限公司', 201, 'passed'],
    ['a name WeChat wants reviewed waits for the office', '待人工审核测试词科技有限公司', 201, 'pending'],
  ])('%s', async (_label, name, status, review) => {
    const member = await wechatUser(t)
    const res = await create(member.token, name)
    expect(res.status).toBe(status)
    expect(res.body.nameReview).toBe(review)
    const me = await call(t, 'GET', '/api/me', { token: member.token })
    expect(me.body.organizations).toEqual([{ id: res.body.id, name, listed: false, nameReview: review }])
  })

  test('a risky name is refused with 422 CONTENT_RISKY and nothing is created', async () => {
    const member = await wechatUser(t)
    const res = await create(member.token, '违禁测试词贸易公司')
    expect(res.status).toBe(422)
    expect(res.body).toEqual(failure('CONTENT_RISKY'))
    expect(await t.db.models.Organization.countDocuments({ name: '违禁测试词贸易公司' })).toBe(0)
    expect((await call(t, 'GET', '/api/me', { token: member.token })).body.organizations).toEqual([])
  })

  test('when WeChat is down the name is kept, pending the office (the text is never lost)', async () => {
    const member = await wechatUser(t)
    t.wechat.setFailure({ errcode: -1, errmsg: 'system error' }, { path: '/wxa/msg_sec_check' })
    const res = await create(member.token, '宁波质量服务有限公司')
    expect(res.status).toBe(201)
    expect(res.body.nameReview).toBe('pending')
  })

  test('a browser account has no openid to check with: its name waits for the office', async () => {
    const staff = await browserUser(t, ['expert'])
    const res = await create(staff.token, '上海建筑质量研究院')
    expect(res.status).toBe(201)
    expect(res.body.nameReview).toBe('pending')
  })
})

describe('the office reviews pending names', () => {
  async function pendingOrg() {
    const member = await wechatUser(t)
    const res = await create(member.token, `待人工审核测试词${Date.now() % 100000}公司`)
    expect(res.body.nameReview).toBe('pending')
    return { member, id: res.body.id as string }
  }
  const review = (id: string, body: unknown, token = office.token) =>
    call(t, 'POST', `/api/organizations/${id}/name-review`, { token, body })

  test('the pending list shows it; approving passes it, audits it and tells the members', async () => {
    const { member, id } = await pendingOrg()
    const list = await call(t, 'GET', '/api/organizations?nameReview=pending', { token: office.token })
    expect(list.body.items.map((o: { id: string }) => o.id)).toContain(id)
    expect(list.body.items.every((o: { nameReview: string }) => o.nameReview === 'pending')).toBe(true)

    const res = await review(id, { decision: 'approve' })
    expect(res.status).toBe(200)
    expect(res.body.nameReview).toBe('passed')
    const audit = await call(t, 'GET', `/api/audit?resourceId=${id}&action=organization.reviewName`, { token: office.token })
    expect(audit.body.items[0]).toMatchObject({ from: 'pending', to: 'passed', actor: { userId: office.id } })
    const queued = await t.db.models.Outbox.find({ 'cause.id': id }).lean()
    expect(queued.map((o) => [String(o.recipientUserId), o.channel, o.kind])).toEqual([[member.id, 'inapp', 'organization.name.passed']])
  })

  test('rejecting needs a reason; the members see it and renaming re-checks the new name', async () => {
    const { member, id } = await pendingOrg()
    const noReason = await review(id, { decision: 'reject' })
    expect(noReason.status).toBe(400)
    expect(noReason.body.error.fields).toEqual([{ path: 'body.reason', message: '驳回时请填写原因' }])

    const rejected = await review(id, { decision: 'reject', reason: '名称与营业执照不符' })
    expect(rejected.body).toMatchObject({ nameReview: 'rejected', nameReviewReason: '名称与营业执照不符' })
    const me = await call(t, 'GET', '/api/me', { token: member.token })
    expect(me.body.organizations[0]).toMatchObject({ id, nameReview: 'rejected', nameReviewReason: '名称与营业执照不符' })

    const risky = await call(t, 'PUT', `/api/organizations/${id}/name`, { token: member.token, body: { name: '违禁测试词集团' } })
    expect(risky.body).toEqual(failure('CONTENT_RISKY'))
    const renamed = await call(t, 'PUT', `/api/organizations/${id}/name`, { token: member.token, body: { name: '苏州卓越质量有限公司' } })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({ name: '苏州卓越质量有限公司', nameReview: 'passed' })
    expect(renamed.body.nameReviewReason).toBeUndefined()
  })

  test('a name already decided is 409 with its current state (two reviewers: one wins)', async () => {
    const { id } = await pendingOrg()
    const [a, b] = await Promise.all([review(id, { decision: 'approve' }), review(id, { decision: 'reject', reason: '重复' })])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const loser = a.status === 409 ? a : b
    expect(loser.body.error).toMatchObject({ code: 'STATE_CONFLICT', currentState: expect.stringMatching(/^(passed|rejected)$/) })
  })

  test('the decision carries its audit record and notices: a crash before they are relayed loses nothing', async () => {
    const { member, id } = await pendingOrg()
    const failOnce = jest.spyOn(t.db.models.Outbox, 'insertMany').mockRejectedValueOnce(new Error('connection reset'))
    try {
      // The decision stands and is answered; what could not be relayed waits in the document.
      expect((await review(id, { decision: 'approve' })).status).toBe(200)
    } finally {
      failOnce.mockRestore()
    }
    const stored = await t.db.models.Organization.findById(id).lean<{ nameReview: string; pendingEffects: unknown[] }>()
    expect(stored!.nameReview).toBe('passed')
    expect(stored!.pendingEffects).toHaveLength(2)

    const clock = testClock()
    clock.advance(RELAY_GRACE_MS)
    const runner = jobRunnerFor(t, { instanceId: 'relay', clock })
    expect(await runner.runOnce('outbox.relay')).toMatchObject({ ran: true, outcome: 'relayed 2' })
    const queued = await t.db.models.Outbox.find({ 'cause.id': id }).lean()
    expect(queued.map((o) => String(o.recipientUserId))).toEqual([member.id])
    const audit = await call(t, 'GET', `/api/audit?resourceId=${id}&action=organization.reviewName`, { token: office.token })
    expect(audit.body.items).toHaveLength(1)
  })

  test('a rename carries its audit record (old name → new name) in the same update: a crash before the relay loses nothing', async () => {
    const { member, id } = await pendingOrg()
    const before = (await t.db.models.Organization.findById(id).lean())!.name
    const failOnce = jest.spyOn(t.db.models.Audit, 'updateOne').mockRejectedValueOnce(new Error('connection reset'))
    try {
      const renamed = await call(t, 'PUT', `/api/organizations/${id}/name`, { token: member.token, body: { name: '常州精益质量有限公司' } })
      expect(renamed.status).toBe(200)
    } finally {
      failOnce.mockRestore()
    }
    const stored = await t.db.models.Organization.findById(id).lean<{ name: string; pendingEffects: { audit?: { entry: unknown } }[] }>()
    expect(stored!.name).toBe('常州精益质量有限公司')
    expect(stored!.pendingEffects.map((p) => p.audit?.entry)).toEqual([
      expect.objectContaining({ action: 'organization.rename', from: before, to: '常州精益质量有限公司' }),
    ])
    const clock = testClock()
    clock.advance(RELAY_GRACE_MS)
    expect(await jobRunnerFor(t, { instanceId: 'relay-rename', clock }).runOnce('outbox.relay')).toMatchObject({ outcome: 'relayed 1' })
    const audit = await call(t, 'GET', `/api/audit?resourceId=${id}&action=organization.rename`, { token: office.token })
    expect(audit.body.items).toEqual([expect.objectContaining({ from: before, to: '常州精益质量有限公司' })])
  })

  test('only members rename, only the office reviews', async () => {
    const { member, id } = await pendingOrg()
    const stranger = await wechatUser(t)
    await create(stranger.token, '另一家组织')
    const rename = await call(t, 'PUT', `/api/organizations/${id}/name`, { token: stranger.token, body: { name: '冒名组织' } })
    expect(rename.status).toBe(403)
    expect((await review(id, { decision: 'approve' }, member.token)).status).toBe(403)
  })
})

describe('issue 12, item 4: names others read are normalised and free of hidden characters', () => {
  const rename = (token: string, id: string, name: string) => call(t, 'PUT', `/api/organizations/${id}/name`, { token, body: { name } })
  const HIDDEN = {
    'a right-to-left override (U+202E)': '\u202e司公限有造制',
    'a zero-width space (U+200B)': '杭州\u200b精益制造有限公司',
    'a bidi isolate (U+2066…U+2069)': '杭州\u2066精益\u2069制造有限公司',
    'a byte-order mark (U+FEFF)': '杭州\ufeff精益制造有限公司',
    'a zero-width joiner (U+200D)': '杭州精益\u200d制造有限公司',
    'a line break': '杭州精益\n制造有限公司',
  }

  test('the probe: renaming to a reversed string with a zero-width space is 422 (a rule the document cannot state) and the name stays', async () => {
    const member = await wechatUser(t)
    const org = await create(member.token, '杭州原名制造有限公司')
    const res = await rename(member.token, org.body.id, '\u202e司公限有\u200b造制')
    expect(res.status).toBe(422)
    expect(res.body).toEqual(
      failure('VALIDATION_FAILED', { fields: [{ path: 'body.name', message: '含有不可见的控制字符（如文字方向控制符或零宽字符），请删除后重新输入' }] }),
    )
    expect((await t.db.models.Organization.findById(org.body.id).lean())!.name).toBe('杭州原名制造有限公司')
  })

  test.each(Object.entries(HIDDEN))('creating with %s is 422 and nothing is created', async (_label, name) => {
    const member = await wechatUser(t)
    const res = await create(member.token, name)
    expect(res.status).toBe(422)
    expect(res.body.error.fields).toEqual([{ path: 'body.name', message: expect.stringContaining('不可见') }])
    expect((await call(t, 'GET', '/api/me', { token: member.token })).body.organizations).toEqual([])
  })

  test('full-width letters and compatibility forms are stored in NFKC, trimmed', async () => {
    const member = await wechatUser(t)
    const res = await create(member.token, '  ＡＢＣ精密（集团）有限公司 ')
    expect(res.status).toBe(201)
    expect(res.body.name).toBe('ABC精密(集团)有限公司')
    const renamed = await rename(member.token, res.body.id, 'ＸＹＺ精密有限公司')
    expect(renamed.body.name).toBe('XYZ精密有限公司')
  })
})
