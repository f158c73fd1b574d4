import mongoose from 'mongoose'
import { MAX_TEMPLATES_PER_PROMPT, MESSAGE_TEMPLATE_LABELS, MESSAGE_TEMPLATES } from '@zlbg/shared'
import { loginKey } from '../../server/src/models/user'
import { notify, type Notice } from '../../server/src/outbox/enqueue'
import { MAX_CREDITS_PER_TEMPLATE } from '../../server/src/outbox/subscriptions'
import { STANDIN_TEMPLATES } from '../../server/src/wechat/templates'
import { browserUser, call, wechatUser } from '../support/api'
import { deliveryWorkerFor, testClock } from '../support/notifications'
import { startTestServer, type TestServer } from '../support/server'

/** 我的 → 消息 and the WeChat subscription credits behind subscription messages. */
let t: TestServer
beforeAll(async () => {
  t = await startTestServer('messages')
})
afterAll(() => t.close())
beforeEach(() => t.db.models.Counter.deleteMany({}))

const clock = testClock()
let seq = 0
/** Queues notices (each its own occasion) and runs one delivery pass, as the outbox.deliver job does. */
async function tell(notices: Notice[]) {
  for (const n of notices) await notify(t.db.models, [n], { keyPrefix: `msg-test:${++seq}`, cause: { type: 'test' }, now: clock.now() })
  return deliveryWorkerFor(t, { instanceId: `worker-${seq}`, clock }).deliverDue()
}
const openidOf = async (id: string) => (await t.db.models.User.findById(id).lean())!.wechatOpenid!
const progress = STANDIN_TEMPLATES.application_progress.id
const reminder = STANDIN_TEMPLATES.event_reminder.id

describe('GET /api/me/messages: my messages, newest first, with the unread count', () => {
  let me: Awaited<ReturnType<typeof wechatUser>>
  beforeAll(async () => {
    me = await wechatUser(t)
  })

  test('a new user has none', async () => {
    const res = await call(t, 'GET', '/api/me/messages', { token: me.token })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ items: [], page: 1, pageSize: 10, total: 0, unread: 0 })
  })

  test('delivered notices appear newest first, paginated, with what each says', async () => {
    for (let i = 1; i <= 3; i++) {
      clock.advance(60_000)
      await tell([{ recipientUserId: me.id, kind: 'application.supplementRequested', content: { title: `第 ${i} 条`, body: `请补正材料 ${i}`, link: `/pages/x?i=${i}` } }])
    }
    const page1 = await call(t, 'GET', '/api/me/messages?pageSize=2', { token: me.token })
    expect(page1.body).toMatchObject({ page: 1, pageSize: 2, total: 3, unread: 3 })
    expect(page1.body.items).toEqual([
      { id: expect.any(String), kind: 'application.supplementRequested', title: '第 3 条', body: '请补正材料 3', link: '/pages/x?i=3', createdAt: clock.now().toISOString() },
      expect.objectContaining({ title: '第 2 条' }),
    ])
    const page2 = await call(t, 'GET', '/api/me/messages?page=2&pageSize=2', { token: me.token })
    expect(page2.body.items.map((m: { title: string }) => m.title)).toEqual(['第 1 条'])
  })

  test('POST /api/me/messages/:id/read marks one read (204, again is fine); the unread count and filter follow', async () => {
    const list = await call(t, 'GET', '/api/me/messages', { token: me.token })
    const newest = list.body.items[0]
    const read = await call(t, 'POST', `/api/me/messages/${newest.id}/read`, { token: me.token })
    expect([read.status, read.body]).toEqual([204, undefined])
    expect((await call(t, 'POST', `/api/me/messages/${newest.id}/read`, { token: me.token })).status).toBe(204)

    const after = await call(t, 'GET', '/api/me/messages', { token: me.token })
    expect(after.body.unread).toBe(2)
    expect(after.body.items[0]).toEqual({ ...newest, readAt: expect.any(String) })
    const unread = await call(t, 'GET', '/api/me/messages?unreadOnly=true', { token: me.token })
    expect(unread.body).toMatchObject({ total: 2, unread: 2 })
    expect(unread.body.items.map((m: { title: string }) => m.title)).toEqual(['第 2 条', '第 1 条'])
  })

  test('someone else’s message is not found, for reading or marking; an unknown id too', async () => {
    const other = await wechatUser(t)
    const mine = (await call(t, 'GET', '/api/me/messages', { token: me.token })).body.items[1]
    expect((await call(t, 'GET', '/api/me/messages', { token: other.token })).body.total).toBe(0)
    const res = await call(t, 'POST', `/api/me/messages/${mine.id}/read`, { token: other.token })
    expect([res.status, res.body.error.code, res.body.error.message]).toEqual([404, 'MESSAGE_NOT_FOUND', '消息不存在'])
    expect((await call(t, 'GET', '/api/me/messages?unreadOnly=true', { token: me.token })).body.unread).toBe(2)
    const unknown = await call(t, 'POST', `/api/me/messages/${new mongoose.Types.ObjectId()}/read`, { token: me.token })
    expect(unknown.status).toBe(404)
    const bad = await call(t, 'POST', '/api/me/messages/nope/read', { token: me.token })
    expect([bad.status, bad.body.error.fields]).toEqual([400, [{ path: 'params.id', message: '消息编号格式不正确' }]])
  })

  test('a browser account has a message center too; signed out there is none', async () => {
    const clerk = await browserUser(t, ['office'])
    await tell([{ recipientUserId: clerk.id, kind: 'test.office', content: { title: '给办公室', body: '有新的异议' } }])
    expect((await call(t, 'GET', '/api/me/messages', { token: clerk.token })).body).toMatchObject({ total: 1, unread: 1 })
    expect((await call(t, 'GET', '/api/me/messages')).status).toBe(401)
  })

  test('messages of a WeChat account bound into a browser account show in the browser account', async () => {
    const wx = await wechatUser(t)
    await tell([{ recipientUserId: wx.id, kind: 'test.merge', content: { title: '绑定前', body: '发给微信账号' } }])
    const browser = await browserUser(t, ['expert'])
    // As the bind step does: the WeChat-only user is merged into the browser account.
    await t.db.models.User.updateOne({ _id: wx.id }, { $set: { mergedInto: new mongoose.Types.ObjectId(browser.id), logins: [loginKey.merged(new mongoose.Types.ObjectId(wx.id))] } })
    clock.advance(1000)
    await tell([{ recipientUserId: wx.id, kind: 'test.merge', content: { title: '绑定后', body: '仍发给旧编号' } }])
    const list = await call(t, 'GET', '/api/me/messages', { token: browser.token })
    expect(list.body.items.map((m: { title: string }) => m.title)).toEqual(['绑定后', '绑定前'])
  })
})

describe('subscriptions: what the user accepted in the mini-program’s prompt', () => {
  test('GET /api/me/subscriptions lists the templates to ask for, with my credits', async () => {
    const me = await wechatUser(t)
    const res = await call(t, 'GET', '/api/me/subscriptions', { token: me.token })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      templates: MESSAGE_TEMPLATES.map((name) => ({ name, title: MESSAGE_TEMPLATE_LABELS[name], templateId: STANDIN_TEMPLATES[name].id, credits: 0 })),
    })
  })

  test('each accepted template is one credit; reporting again adds one more', async () => {
    const me = await wechatUser(t)
    const res = await call(t, 'POST', '/api/me/subscriptions', { token: me.token, body: { accepted: [progress, reminder] } })
    expect(res.status).toBe(200)
    const credits = (body: { templates: { templateId: string; credits: number }[] }) => Object.fromEntries(body.templates.map((x) => [x.templateId, x.credits]))
    expect(credits(res.body)).toMatchObject({ [progress]: 1, [reminder]: 1, [STANDIN_TEMPLATES.defense_schedule.id]: 0 })
    const again = await call(t, 'POST', '/api/me/subscriptions', { token: me.token, body: { accepted: [progress] } })
    expect(credits(again.body)).toMatchObject({ [progress]: 2, [reminder]: 1 })
    expect(await t.db.models.SubscriptionCredit.countDocuments({ openid: await openidOf(me.id), usedBy: null })).toBe(3)
  })

  test('credits are capped per template', async () => {
    const me = await wechatUser(t)
    for (let i = 0; i < MAX_CREDITS_PER_TEMPLATE + 2; i++) await call(t, 'POST', '/api/me/subscriptions', { token: me.token, body: { accepted: [reminder] } })
    const res = await call(t, 'GET', '/api/me/subscriptions', { token: me.token })
    expect(res.body.templates.find((x: { templateId: string }) => x.templateId === reminder).credits).toBe(MAX_CREDITS_PER_TEMPLATE)
  })

  test.each([
    // Which ids are ours the document cannot say (they are configured): 422, like other rules it cannot state.
    ['a template id that is not ours', 422, { accepted: [progress, 'someone-elses'] }, [{ path: 'body.accepted.1', message: '不是本小程序的订阅消息模板' }]],
    ['more than one prompt can ask', 400, { accepted: ['a', 'b', 'c', 'd'] }, [{ path: 'body.accepted', message: `一次最多 ${MAX_TEMPLATES_PER_PROMPT} 个模板` }]],
    ['the same template twice', 422, { accepted: [progress, progress] }, [{ path: 'body.accepted', message: '模板不能重复' }]],
    ['none', 400, { accepted: [] }, [{ path: 'body.accepted', message: '请至少报告一个已同意的模板' }]],
  ] as const)('%s is %d and grants nothing', async (_, status, body, fields) => {
    const me = await wechatUser(t)
    const res = await call(t, 'POST', '/api/me/subscriptions', { token: me.token, body })
    expect([res.status, res.body.error.code, res.body.error.fields]).toEqual([status, 'VALIDATION_FAILED', fields])
    expect(await t.db.models.SubscriptionCredit.countDocuments({ openid: await openidOf(me.id) })).toBe(0)
  })

  test('a browser account (no WeChat) may not report subscriptions', async () => {
    const clerk = await browserUser(t, ['office'])
    const res = await call(t, 'POST', '/api/me/subscriptions', { token: clerk.token, body: { accepted: [progress] } })
    expect([res.status, res.body.error.code]).toEqual([403, 'FORBIDDEN'])
  })
})

describe('a subscription message is sent only with a credit, and a credit is used once', () => {
  test('one acceptance, two notices, two workers: one WeChat message; the other skipped; both in-app messages', async () => {
    const me = await wechatUser(t)
    const openid = await openidOf(me.id)
    await call(t, 'POST', '/api/me/subscriptions', { token: me.token, body: { accepted: [progress] } })
    const notice = (i: number): Notice => ({
      recipientUserId: me.id,
      kind: 'application.qualified',
      template: 'application_progress',
      content: { title: `申报 ${i}`, body: '已通过资格审查', status: '已通过', time: new Date('2026-04-01T02:00:00Z'), note: '请关注资料评审安排', link: '/subpackages/org/application?id=1' },
    })
    await notify(t.db.models, [notice(1)], { keyPrefix: 'credit:1', cause: { type: 'test' }, now: clock.now() })
    await notify(t.db.models, [notice(2)], { keyPrefix: 'credit:2', cause: { type: 'test' }, now: clock.now() })
    const before = t.wechat.sentMessages().length
    await Promise.all([
      deliveryWorkerFor(t, { instanceId: 'credit-1', clock }).deliverDue(),
      deliveryWorkerFor(t, { instanceId: 'credit-2', clock }).deliverDue(),
    ])

    const sent = t.wechat.sentMessages().slice(before)
    expect(sent).toEqual([
      {
        touser: openid,
        templateId: progress,
        page: 'subpackages/org/application?id=1',
        data: {
          thing1: { value: expect.stringMatching(/^申报 [12]$/) },
          phrase2: { value: '已通过' },
          time3: { value: '2026年4月1日 10:00' },
          thing4: { value: '请关注资料评审安排' },
        },
        at: expect.any(Date),
      },
    ])
    const wechatRecords = await t.db.models.Outbox.find({ key: /^credit:/, channel: 'wechat_subscribe' }).lean()
    expect(wechatRecords.map((r) => r.status).sort()).toEqual(['sent', 'skipped'])
    expect(wechatRecords.find((r) => r.status === 'skipped')!.lastError).toBe('no subscription credit: the user has not accepted this template')
    const used = await t.db.models.SubscriptionCredit.find({ openid }).lean()
    expect(used).toHaveLength(1)
    expect(used[0]!.usedBy).toBe(wechatRecords.find((r) => r.status === 'sent')!.key)
    const mine = await call(t, 'GET', '/api/me/messages', { token: me.token })
    expect(mine.body.total).toBe(2)
    expect((await call(t, 'GET', '/api/me/subscriptions', { token: me.token })).body.templates[0].credits).toBe(0)
  })

  test('WeChat says the user holds no subscription (43101) although we had a credit: skipped, with WeChat’s word for it', async () => {
    const me = await wechatUser(t)
    await call(t, 'POST', '/api/me/subscriptions', { token: me.token, body: { accepted: [reminder] } })
    t.wechat.setRequireSubscription(true)
    try {
      expect(await tell([{ recipientUserId: me.id, kind: 'event.reminder', template: 'event_reminder', content: { title: '交流活动', body: '明天上午', time: clock.now() } }])).toEqual({
        sent: 1,
        skipped: 1,
      })
    } finally {
      t.wechat.setRequireSubscription(false)
    }
    expect(await t.db.models.Outbox.findOne({ key: new RegExp(`:${me.id}:wechat_subscribe$`), kind: 'event.reminder' }).lean()).toMatchObject({
      status: 'skipped',
      lastError: 'WeChat answered 43101: the user holds no subscription for this template',
    })
  })
})
