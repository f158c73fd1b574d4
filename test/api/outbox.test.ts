import mongoose, { Schema } from 'mongoose'
import { defineMachine, ERRORS, type Role } from '@zlbg/shared'
import { AppError } from '../../server/src/http/errors'
import type { OutboxRecord } from '../../server/src/models/outbox'
import type { RetryPolicy } from '../../server/src/outbox/backoff'
import { enqueue, notify } from '../../server/src/outbox/enqueue'
import type { OutboxItem } from '../../server/src/models/outbox'
import { withPendingEffects } from '../../server/src/models/pendingEffects'
import { RELAY_GRACE_MS } from '../../server/src/outbox/relay'
import { grantCredits } from '../../server/src/outbox/subscriptions'
import type { Actor } from '../../server/src/policies'
import { WECHAT_FAILURES } from '../../server/src/wechat/standin'
import { STANDIN_TEMPLATES } from '../../server/src/wechat/templates'
import { applyTransition, type EffectBuilder } from '../../server/src/workflow/transition'
import { browserUser, call, wechatUser } from '../support/api'
import { deliveryWorkerFor, jobRunnerFor, silent, testClock } from '../support/notifications'
import { startTestServer, type TestServer } from '../support/server'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer('outbox')
})
afterAll(() => t.close())
afterEach(() => t.wechat.setFailure(null))

// ---- A small resource with a workflow, only for these tests (no real resource has one yet) ----

type WidgetState = 'draft' | 'submitted' | 'approved' | 'rejected'
type WidgetEvent = 'submit' | 'approve' | 'reject'
interface Widget {
  _id: mongoose.Types.ObjectId
  title: string
  ownerId: mongoose.Types.ObjectId
  state: WidgetState
  decidedAt?: Date
}
const widgetMachine = defineMachine<WidgetState, WidgetEvent, Role>({
  states: ['draft', 'submitted', 'approved', 'rejected'],
  events: ['submit', 'approve', 'reject'],
  initial: 'draft',
  table: {
    draft: { submit: { to: 'submitted', roles: ['org_member'], effects: ['notifyOwner'] } },
    submitted: {
      approve: { to: 'approved', roles: ['office'], effects: ['notifyOwner'] },
      reject: { to: 'rejected', roles: ['office'], effects: ['notifyOwner'], needsReason: true },
    },
    approved: {},
    rejected: {},
  },
})
const WidgetSchema = new Schema(
  {
    title: { type: String, required: true },
    ownerId: { type: Schema.Types.ObjectId, required: true },
    state: { type: String, required: true, default: 'draft' },
    decidedAt: Date,
  },
  { strict: 'throw' },
)
withPendingEffects(WidgetSchema)
const Widget = () => (t.db.connection.models.Widget ?? t.db.connection.model('Widget', WidgetSchema)) as mongoose.Model<Widget>

const notifyOwner: EffectBuilder<WidgetState, WidgetEvent, Widget> = ({ doc, to, reason }) => [
  {
    recipientUserId: doc.ownerId,
    kind: `widget.${to}`,
    template: 'application_progress',
    content: { title: doc.title, body: reason ? `状态：${to}（${reason}）` : `状态：${to}`, link: `/pages/widget?id=${doc._id}`, status: to },
  },
]

const actor = (userId: string, roles: Role[]): Actor => ({ userId, displayName: '测试人', roles, organizationIds: [], ip: '127.0.0.1' })

async function transition(id: mongoose.Types.ObjectId, event: WidgetEvent, who: Actor, extra: { reason?: string; now?: Date; set?: Record<string, unknown> } = {}) {
  return applyTransition<WidgetState, WidgetEvent, Widget>({
    models: t.db.models,
    model: Widget(),
    id,
    machine: widgetMachine,
    event,
    actor: who,
    effects: { notifyOwner },
    logger: silent,
    ...extra,
  })
}

/** The AppError a step rejects with. */
async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

const outboxFor = (widgetId: mongoose.Types.ObjectId) => t.db.models.Outbox.find({ 'cause.id': widgetId.toHexString() }).sort({ key: 1 }).lean()
const auditFor = (widgetId: mongoose.Types.ObjectId) => t.db.models.Audit.find({ 'resource.id': widgetId.toHexString() }).sort({ at: 1 }).lean()

describe('applyTransition: the state change, its audit record and its messages in one step', () => {
  let owner: { id: string }
  let office: { id: string }
  beforeAll(async () => {
    // The embedded engine can lose a first insert that races mongoose's implicit createCollection on
    // a brand-new model; connectDatabase awaits init() for the real models, this test model needs it too.
    await Widget().init()
    owner = await wechatUser(t)
    office = await browserUser(t, ['office'])
  })
  const newWidget = async (state: WidgetState = 'draft') => Widget().create({ title: '质量管理小组活动', ownerId: owner.id, state })

  test('the state moves, the audit says who, from, to and why, and the messages are queued for both channels', async () => {
    const w = await newWidget()
    const done = await transition(w._id, 'submit', actor(owner.id, ['wechat_user', 'org_member']))
    expect([done.from, done.to, done.doc.state]).toEqual(['draft', 'submitted', 'submitted'])

    const stored = await Widget().findById(w._id).lean<Widget & { pendingEffects: unknown[] }>()
    expect(stored).toMatchObject({ state: 'submitted', pendingEffects: [] })
    const prefix = `widget:${w._id}:${done.transitionId}:notifyOwner:${owner.id}`
    const records = await outboxFor(w._id)
    expect(records.map((r) => [r.key, r.channel, r.status, r.template ?? null])).toEqual([
      [`${prefix}:inapp`, 'inapp', 'pending', null],
      [`${prefix}:wechat_subscribe`, 'wechat_subscribe', 'pending', 'application_progress'],
    ])
    expect(records[0]).toMatchObject({ kind: 'widget.submitted', content: { title: '质量管理小组活动', body: '状态：submitted' }, cause: { type: 'widget', id: w._id.toHexString() } })
    expect(await auditFor(w._id)).toEqual([
      expect.objectContaining({
        action: 'widget.submit',
        from: 'draft',
        to: 'submitted',
        actor: { userId: new mongoose.Types.ObjectId(owner.id), displayName: '测试人', roles: ['wechat_user', 'org_member'], ip: '127.0.0.1' },
        key: `transition:${done.transitionId}`,
      }),
    ])
  })

  test('with a reason and further fields set in the same update', async () => {
    const w = await newWidget('submitted')
    const decidedAt = new Date('2026-04-01T02:00:00Z')
    await transition(w._id, 'reject', actor(office.id, ['office']), { reason: ' 材料不完整 ', set: { decidedAt } })
    expect(await Widget().findById(w._id).lean()).toMatchObject({ state: 'rejected', decidedAt })
    expect(await auditFor(w._id)).toEqual([expect.objectContaining({ action: 'widget.reject', from: 'submitted', to: 'rejected', reason: '材料不完整' })])
    expect((await outboxFor(w._id))[0]!.content.body).toBe('状态：rejected（材料不完整）')
  })

  test('an event the state does not accept: 409 STATE_CONFLICT with the state it is in; nothing written', async () => {
    const w = await newWidget()
    const e = await refusal(transition(w._id, 'approve', actor(office.id, ['office'])))
    expect([e.code, e.status, e.currentState, e.message]).toEqual(['STATE_CONFLICT', 409, 'draft', ERRORS.STATE_CONFLICT.message])
    expect(await outboxFor(w._id)).toEqual([])
    expect(await auditFor(w._id)).toEqual([])
  })

  test('a role the step does not allow is 403; a missing required reason is 400 at `reason`', async () => {
    const w = await newWidget('submitted')
    expect((await refusal(transition(w._id, 'approve', actor(owner.id, ['wechat_user', 'org_member'])))).code).toBe('FORBIDDEN')
    const e = await refusal(transition(w._id, 'reject', actor(office.id, ['office']), { reason: '  ' }))
    expect([e.code, e.fields]).toEqual(['VALIDATION_FAILED', [{ path: 'reason', message: '请填写原因' }]])
    expect(await Widget().findById(w._id).lean()).toMatchObject({ state: 'submitted' })
    expect(await auditFor(w._id)).toEqual([])
  })

  test('a missing resource is the not-found code given', async () => {
    const e = await refusal(
      applyTransition({ models: t.db.models, model: Widget(), id: new mongoose.Types.ObjectId(), machine: widgetMachine, event: 'submit', actor: actor(owner.id, ['org_member']), notFound: 'CALL_NOT_FOUND' }),
    )
    expect(e.code).toBe('CALL_NOT_FOUND')
  })

  test('three office clerks approve at once: one wins, the others get 409 with the state it is in now; one set of messages', async () => {
    const w = await newWidget('submitted')
    const results = await Promise.allSettled([1, 2, 3].map(() => transition(w._id, 'approve', actor(office.id, ['office']))))
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as AppError] : []))
    expect(won).toHaveLength(1)
    expect(lost.map((e) => [e.code, e.currentState])).toEqual([
      ['STATE_CONFLICT', 'approved'],
      ['STATE_CONFLICT', 'approved'],
    ])
    expect(await outboxFor(w._id)).toHaveLength(2)
    expect(await auditFor(w._id)).toHaveLength(1)
  })

  test('an effect the machine names without a builder is a programming error, and nothing is written', async () => {
    const w = await newWidget()
    await expect(
      applyTransition({ models: t.db.models, model: Widget(), id: w._id, machine: widgetMachine, event: 'submit', actor: actor(owner.id, ['org_member']), effects: {} }),
    ).rejects.toThrow('widget.submit: no builder for the effect notifyOwner')
    expect(await Widget().findById(w._id).lean()).toMatchObject({ state: 'draft' })
  })

  test('a crash after the state change: the effects wait in the document, and the relay job finishes them once', async () => {
    const clock = testClock()
    const stepAt = clock.now()
    const w = await newWidget()
    // The outbox write fails as if the process died right after the state change.
    const create = jest.spyOn(t.db.models.Outbox, 'insertMany').mockRejectedValueOnce(new Error('connection reset'))
    let done
    try {
      done = await transition(w._id, 'submit', actor(owner.id, ['org_member']), { now: clock.now() })
    } finally {
      create.mockRestore()
    }
    // The step stands (it was one update), with its audit record and messages inside the document.
    const stored = await Widget().findById(w._id).lean<Widget & { pendingEffects: { key: string }[] }>()
    expect(stored!.state).toBe('submitted')
    expect(stored!.pendingEffects.map((p) => p.key).sort()).toEqual(
      [`transition:${done.transitionId}`, ...['inapp', 'wechat_subscribe'].map((c) => `widget:${w._id}:${done.transitionId}:notifyOwner:${owner.id}:${c}`)].sort(),
    )
    expect(await outboxFor(w._id)).toEqual([])
    expect(await auditFor(w._id)).toEqual([])

    const runner = jobRunnerFor(t, { instanceId: 'relayer', clock })
    // Within the grace period the request might still be relaying: the job leaves it alone.
    clock.advance(RELAY_GRACE_MS - 1)
    expect(await runner.runOnce('outbox.relay')).toMatchObject({ ran: true, outcome: 'relayed 0' })
    clock.advance(1)
    expect(await runner.runOnce('outbox.relay')).toMatchObject({ ran: true, outcome: 'relayed 3' })
    expect((await outboxFor(w._id)).map((r) => r.channel)).toEqual(['inapp', 'wechat_subscribe'])
    const audit = await auditFor(w._id)
    expect(audit).toEqual([expect.objectContaining({ action: 'widget.submit', from: 'draft', to: 'submitted' })])
    // The audit record keeps the time of the step, not of the relay.
    expect(audit[0]!.at).toEqual(stepAt)
    expect(await Widget().findById(w._id).lean()).toMatchObject({ pendingEffects: [] })

    clock.advance(RELAY_GRACE_MS)
    expect(await runner.runOnce('outbox.relay')).toMatchObject({ outcome: 'relayed 0' })
    expect(await outboxFor(w._id)).toHaveLength(2)
    expect(await auditFor(w._id)).toHaveLength(1)
  })
})

// ---- Delivery ----

describe('enqueue', () => {
  test('a key queued twice is one record', async () => {
    const user = await browserUser(t, ['expert'])
    const item: OutboxItem = { key: `enqueue-twice:${user.id}`, channel: 'inapp', recipientUserId: user.id, kind: 'test', content: { title: 't', body: 'b' }, cause: { type: 'test' } }
    expect(await enqueue(t.db.models, [item, item])).toEqual({ queued: 1, already: 1 })
    expect(await enqueue(t.db.models, [item])).toEqual({ queued: 0, already: 1 })
    expect(await t.db.models.Outbox.countDocuments({ key: item.key })).toBe(1)
  })

  test('a record the schema refuses fails the whole call (its effect stays to be relayed again), the valid ones beside it are kept', async () => {
    const user = await browserUser(t, ['expert'])
    const item = (n: number, title: string): OutboxItem => ({ key: `enqueue-invalid:${user.id}:${n}`, channel: 'inapp', recipientUserId: user.id, kind: 'test', content: { title, body: 'b' }, cause: { type: 'test' } })
    await expect(enqueue(t.db.models, [item(1, 't'), item(2, '')])).rejects.toThrow()
    expect(await t.db.models.Outbox.countDocuments({ key: item(1, 't').key })).toBe(1)
    expect(await t.db.models.Outbox.countDocuments({ key: item(2, '').key })).toBe(0)
  })
})

describe('the delivery worker', () => {
  const templateId = STANDIN_TEMPLATES.application_progress.id

  async function subscriber(credits: number) {
    const user = await wechatUser(t)
    const openid = (await t.db.models.User.findById(user.id).lean())!.wechatOpenid!
    if (credits) await grantCredits(t.db.models, { userId: user.id, openid, accepted: Array(credits).fill(templateId), templates: STANDIN_TEMPLATES })
    return { ...user, openid }
  }

  test('two workers, twenty records: each delivered exactly once — ten in-app messages, ten WeChat messages', async () => {
    const clock = testClock()
    // Whatever earlier tests left queued goes out first, so the count below is exactly these twenty.
    await deliveryWorkerFor(t, { instanceId: 'worker-drain', clock }).deliverDue()
    const person = await subscriber(10)
    for (let i = 0; i < 10; i++) {
      await notify(t.db.models, [{ recipientUserId: person.id, kind: 'test.race', template: 'application_progress', content: { title: `第 ${i} 条`, body: '正文' } }], {
        keyPrefix: `race-${i}`,
        cause: { type: 'test' },
        now: clock.now(),
      })
    }
    const before = t.wechat.sentMessages().length
    const one = deliveryWorkerFor(t, { instanceId: 'worker-1', clock })
    const two = deliveryWorkerFor(t, { instanceId: 'worker-2', clock })
    const [c1, c2] = await Promise.all([one.deliverDue(), two.deliverDue()])
    expect((c1.sent ?? 0) + (c2.sent ?? 0)).toBe(20)

    const records = await t.db.models.Outbox.find({ key: /^race/ }).lean()
    expect(records.map((r) => [r.status, r.attempts])).toEqual(records.map(() => ['sent', 1]))
    expect(await t.db.models.Message.countDocuments({ outboxKey: { $in: records.map((r) => r.key) } })).toBe(10)
    const sent = t.wechat.sentMessages().slice(before)
    expect(sent).toHaveLength(10)
    expect(new Set(sent.map((m) => m.data.thing1!.value)).size).toBe(10)
    expect(sent.every((m) => m.touser === person.openid && m.templateId === templateId)).toBe(true)
    expect(await t.db.models.SubscriptionCredit.countDocuments({ openid: person.openid, usedBy: null })).toBe(0)
  })

  test('a record delivered again leaves one in-app message', async () => {
    const clock = testClock()
    const person = await subscriber(0)
    await notify(t.db.models, [{ recipientUserId: person.id, kind: 'test.again', content: { title: '一次', body: '只有一条' } }], { keyPrefix: 'again', cause: { type: 'test' }, now: clock.now() })
    const worker = deliveryWorkerFor(t, { instanceId: 'worker-again', clock })
    expect(await worker.deliverDue()).toEqual({ sent: 1 })
    // As if the worker had died between writing the message and marking the record sent.
    await t.db.models.Outbox.updateOne({ key: `again:${person.id}:inapp` }, { $set: { status: 'pending' } })
    expect(await worker.deliverDue()).toEqual({ sent: 1 })
    expect(await t.db.models.Message.countDocuments({ outboxKey: `again:${person.id}:inapp` })).toBe(1)
  })

  test('a worker that died holding a claim: nobody touches the record until the claim runs out, then another worker delivers it', async () => {
    const clock = testClock()
    const person = await subscriber(0)
    await notify(t.db.models, [{ recipientUserId: person.id, kind: 'test.claim', content: { title: '认领', body: '过期后由他人发送' } }], { keyPrefix: 'claim', cause: { type: 'test' }, now: clock.now() })
    const dead = deliveryWorkerFor(t, { instanceId: 'worker-dead', clock, claimMs: 60_000 })
    const alive = deliveryWorkerFor(t, { instanceId: 'worker-alive', clock, claimMs: 60_000 })
    const claimed = (await dead.claimNext())!
    expect(claimed).toMatchObject({ status: 'sending', claimedBy: 'worker-dead', attempts: 1 })

    clock.advance(59_999)
    expect(await alive.deliverDue()).toEqual({})
    clock.advance(1)
    expect(await alive.deliverDue()).toEqual({ sent: 1 })
    expect(await t.db.models.Outbox.findById(claimed._id).lean()).toMatchObject({ status: 'sent', attempts: 2 })
    // The first worker comes back to life and finishes: its claim is gone, so it changes nothing.
    await dead.deliver(claimed)
    expect(await t.db.models.Outbox.findById(claimed._id).lean()).toMatchObject({ status: 'sent', attempts: 2 })
    expect(await t.db.models.Message.countDocuments({ outboxKey: claimed.key })).toBe(1)
  })

  describe('retries with backoff, then a dead letter the office sees and can retry', () => {
    const retry: RetryPolicy = { maxAttempts: 3, baseMs: 60_000, maxDelayMs: 3_600_000 }
    const clock = testClock()
    let office: { token: string }
    let person: Awaited<ReturnType<typeof subscriber>>
    let record: OutboxRecord
    const worker = () => deliveryWorkerFor(t, { instanceId: 'worker-retry', clock, retry, random: () => 0.5 })
    const reload = async () => (record = (await t.db.models.Outbox.findById(record._id).lean())!)

    beforeAll(async () => {
      office = await browserUser(t, ['office'])
      person = await subscriber(2)
      await notify(t.db.models, [{ recipientUserId: person.id, kind: 'test.retry', template: 'application_progress', content: { title: '重试', body: '微信繁忙' } }], {
        keyPrefix: 'retry',
        cause: { type: 'test' },
        now: clock.now(),
      })
      // The in-app copy goes out at once; only WeChat is busy.
      t.wechat.setFailure(WECHAT_FAILURES.system_busy, { path: '/cgi-bin/message/subscribe/send' })
      expect(await worker().deliverDue()).toEqual({ sent: 1, failed: 1 })
      record = (await t.db.models.Outbox.findOne({ key: `retry:${person.id}:wechat_subscribe` }).lean())!
    })

    test('attempt 1 fails: due again after 45 s (a minute, jittered), with the error', async () => {
      t.wechat.setFailure(WECHAT_FAILURES.system_busy, { path: '/cgi-bin/message/subscribe/send' })
      expect(record).toMatchObject({ status: 'failed', attempts: 1, lastError: 'WeChat /cgi-bin/message/subscribe/send: -1 system error' })
      expect(record.nextAttemptAt).toEqual(new Date(clock.now().getTime() + 45_000))
      clock.advance(44_999)
      expect(await worker().deliverDue()).toEqual({})
    })

    test('attempt 2 fails: due again after twice as long (90 s)', async () => {
      t.wechat.setFailure(WECHAT_FAILURES.system_busy, { path: '/cgi-bin/message/subscribe/send' })
      clock.advance(1)
      expect(await worker().deliverDue()).toEqual({ failed: 1 })
      await reload()
      expect(record).toMatchObject({ status: 'failed', attempts: 2 })
      expect(record.nextAttemptAt).toEqual(new Date(clock.now().getTime() + 90_000))
    })

    test('attempt 3, the last, fails: dead, with the error; the retries reused one subscription credit', async () => {
      t.wechat.setFailure(WECHAT_FAILURES.system_busy, { path: '/cgi-bin/message/subscribe/send' })
      clock.advance(90_000)
      expect(await worker().deliverDue()).toEqual({ dead: 1 })
      clock.advance(24 * 3_600_000)
      expect(await worker().deliverDue()).toEqual({})
      await reload()
      expect(record).toMatchObject({ status: 'dead', attempts: 3, lastError: 'WeChat /cgi-bin/message/subscribe/send: -1 system error' })
      expect(await t.db.models.SubscriptionCredit.countDocuments({ openid: person.openid, usedBy: record.key })).toBe(1)
      expect(await t.db.models.SubscriptionCredit.countDocuments({ openid: person.openid, usedBy: null })).toBe(1)
    })

    test('GET /api/outbox?status=dead shows it to the office, with its error', async () => {
      const res = await call(t, 'GET', `/api/outbox?status=dead&recipientUserId=${person.id}`, { token: office.token })
      expect(res.status).toBe(200)
      expect(res.body).toEqual({
        items: [
          {
            id: record._id.toHexString(),
            key: record.key,
            channel: 'wechat_subscribe',
            recipientUserId: person.id,
            recipientName: expect.any(String),
            kind: 'test.retry',
            template: 'application_progress',
            title: '重试',
            status: 'dead',
            attempts: 3,
            lastError: 'WeChat /cgi-bin/message/subscribe/send: -1 system error',
            cause: { type: 'test' },
            createdAt: record.createdAt.toISOString(),
            updatedAt: record.updatedAt.toISOString(),
          },
        ],
        page: 1,
        pageSize: 10,
        total: 1,
      })
      const all = await call(t, 'GET', `/api/outbox?recipientUserId=${person.id}`, { token: office.token })
      expect(all.body.items.map((r: { channel: string; status: string }) => [r.channel, r.status]).sort()).toEqual([
        ['inapp', 'sent'],
        ['wechat_subscribe', 'dead'],
      ])
    })

    test('the office retries it: pending again with fresh attempts, recorded in the audit log; then it is sent', async () => {
      const res = await call(t, 'POST', `/api/outbox/${record._id}/retry`, { token: office.token })
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ status: 'pending', attempts: 0, lastError: 'WeChat /cgi-bin/message/subscribe/send: -1 system error' })
      expect(await t.db.models.Audit.findOne({ action: 'outbox.retry', 'resource.id': record._id.toHexString() }).lean()).toMatchObject({
        from: 'dead',
        to: 'pending',
      })
      const before = t.wechat.sentMessages().length
      expect(await worker().deliverDue()).toEqual({ sent: 1 })
      await reload()
      expect(record).toMatchObject({ status: 'sent', attempts: 1 })
      expect(record.lastError).toBeUndefined()
      expect(t.wechat.sentMessages().slice(before)).toEqual([expect.objectContaining({ touser: person.openid, templateId })])
      // Still the one credit it took on its first attempt.
      expect(await t.db.models.SubscriptionCredit.countDocuments({ openid: person.openid, usedBy: null })).toBe(1)
    })

    test('a sent record cannot be retried (409 with its status); an unknown one is 404; only the office may', async () => {
      const again = await call(t, 'POST', `/api/outbox/${record._id}/retry`, { token: office.token })
      expect([again.status, again.body.error.code, again.body.error.currentState]).toEqual([409, 'STATE_CONFLICT', 'sent'])
      const unknown = await call(t, 'POST', `/api/outbox/${new mongoose.Types.ObjectId()}/retry`, { token: office.token })
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'OUTBOX_NOT_FOUND'])
      const mine = await call(t, 'POST', `/api/outbox/${record._id}/retry`, { token: person.token })
      expect([mine.status, mine.body.error.code]).toEqual([403, 'FORBIDDEN'])
      const list = await call(t, 'GET', '/api/outbox', { token: person.token })
      expect(list.status).toBe(403)
    })
  })

  test('a request WeChat can never accept (invalid template id) is dead at the first attempt', async () => {
    const clock = testClock()
    const person = await subscriber(1)
    await notify(t.db.models, [{ recipientUserId: person.id, kind: 'test.rejected', template: 'application_progress', content: { title: '模板', body: '无效' } }], {
      keyPrefix: 'rejected',
      cause: { type: 'test' },
      now: clock.now(),
    })
    t.wechat.failNext({ errcode: 40037, errmsg: 'invalid template_id' }, { path: '/cgi-bin/message/subscribe/send' })
    expect(await deliveryWorkerFor(t, { instanceId: 'worker-rejected', clock }).deliverDue()).toEqual({ sent: 1, dead: 1 })
    expect(await t.db.models.Outbox.findOne({ key: `rejected:${person.id}:wechat_subscribe` }).lean()).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastError: 'WeChat /cgi-bin/message/subscribe/send: 40037 invalid template_id',
    })
  })

  test('a browser account (no WeChat) gets the in-app message; its WeChat copy is skipped with the reason', async () => {
    const clock = testClock()
    const clerk = await browserUser(t, ['expert'])
    await notify(t.db.models, [{ recipientUserId: clerk.id, kind: 'test.browser', template: 'event_reminder', content: { title: '活动', body: '明天' } }], {
      keyPrefix: 'browser',
      cause: { type: 'test' },
      now: clock.now(),
    })
    expect(await deliveryWorkerFor(t, { instanceId: 'worker-browser', clock }).deliverDue()).toEqual({ sent: 1, skipped: 1 })
    expect(await t.db.models.Outbox.findOne({ key: `browser:${clerk.id}:wechat_subscribe` }).lean()).toMatchObject({
      status: 'skipped',
      lastError: 'the recipient has no WeChat account',
    })
    expect(await t.db.models.Message.countDocuments({ recipientUserId: clerk.id })).toBe(1)
  })
})
