import mongoose from 'mongoose'
import { OBJECTION_STATES, inShanghai } from '@zlbg/shared'
import { FILING_PER_CALLER, OBJECTION_LIMITS, objectionFiler } from '../../server/src/commands/objections/objectionFiler'
import { counterOf } from '../../server/src/http/rateLimit'
import type { PublicityRecord } from '../../server/src/models/publicity'
import type { ContentSecurity } from '../../server/src/wechat/contentSecurity'
import { browserUser, call, failure, wechatUser } from '../support/api'
import { buildApplication, buildCall } from '../support/factories'
import { deliveryWorkerFor, testClock } from '../support/notifications'
import { buildPublicity, closingInstant, filing } from '../support/objections'
import { buildExpert, committeeBody, type BuiltExpert } from '../support/reviewFactories'
import { startTestServer, type TestServer } from '../support/server'
import { loadConfig } from '../../server/src/config'
import { createLogger } from '../../server/src/logger'
import { runServer } from '../../server/src/server'

/**
 * Objections (异议, 第十八条): filing during the window (its edges on the server's clock), a retried
 * tap filing once, limits, the content check, the filer alone following it; handling by the office,
 * the decision by the call's chair or a vice chair, withdrawal or passing of the entry; the
 * applicant's explanation; and who never sees the objector (第十三条, 第十八条).
 */
const DAY = 86_400_000
let t: TestServer
let office: string
let callId: string
let list: PublicityRecord
const people: Record<'chair' | 'vice' | 'member' | 'otherChair', BuiltExpert> = {} as never
const applicants: Awaited<ReturnType<typeof wechatUser>>[] = []
const appIds: string[] = []

let deliveries = 0
/** Delivers what the outbox holds (the in-app message center), as the outbox job would. */
const deliver = () => deliveryWorkerFor(t, { instanceId: `objections-${++deliveries}`, clock: testClock() }).deliverDue()
const file = (who: { token: string }, body: unknown) => call(t, 'POST', '/api/objections', { token: who.token, body })
const RECEIPT = /^YY\d{4}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/

async function uploadPdf(who: { token: string }, filename = '异议函.pdf'): Promise<string> {
  const form = new FormData()
  form.append('file', new Blob([Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n', 'latin1')], { type: 'application/pdf' }), filename)
  const res = await fetch(`${t.base}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${who.token}` }, body: form })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}

beforeAll(async () => {
  t = await startTestServer('objections', process.env.DEBUG_OBJ ? { logger: (await import('../../server/src/logger')).createLogger('error') } : {})
  office = (await browserUser(t, ['office'])).token
  const models = t.db.models
  const callDoc = await buildCall(models)
  callId = callDoc._id.toHexString()
  people.chair = await buildExpert(t, { name: '周主任', competent: true })
  people.vice = await buildExpert(t, { name: '吴副主任', competent: true })
  people.member = await buildExpert(t, { name: '冯委员' })
  const leader = await buildExpert(t, { name: '王组长' })
  const body = committeeBody(people.chair.id, [people.vice.id], [{ name: '制造业组', leaderId: leader.id, memberIds: [people.member.id] }])
  expect((await call(t, 'PUT', `/api/office/calls/${callId}/committee`, { token: office, body })).status).toBe(200)
  for (const p of [people.chair, people.vice]) expect((await call(t, 'POST', `/api/expert/calls/${callId}/pledge`, { token: p.token! })).status).toBe(200)
  // The chair of another call: no role in this one.
  const otherCall = await buildCall(models)
  people.otherChair = await buildExpert(t, { name: '郑主任', competent: true })
  const vice2 = await buildExpert(t, { name: '钱副主任', competent: true })
  const leader2 = await buildExpert(t, { name: '孙组长' })
  const member2 = await buildExpert(t, { name: '李委员' })
  const other = await call(t, 'PUT', `/api/office/calls/${otherCall._id.toHexString()}/committee`, { token: office, body: committeeBody(people.otherChair.id, [vice2.id], [{ name: '服务业组', leaderId: leader2.id, memberIds: [member2.id] }]) })
  expect(other.body).toMatchObject({ callId: otherCall._id.toHexString() })

  const apps = []
  for (let i = 0; i < 4; i++) {
    const member = await wechatUser(t)
    const app = await buildApplication(models, { call: callDoc, state: 'qualified', memberIds: [member.id] })
    applicants.push(member)
    appIds.push(app._id.toHexString())
    apps.push(app)
  }
  list = await buildPublicity(models, { callId: callDoc._id, applications: apps })
})
afterAll(() => t.close())

describe('filing (第十八条)', () => {
  test('anyone reads what can be objected to: the entry, its window as instants, how to object', async () => {
    const res = await call(t, 'GET', `/api/objections/target?publicityId=${list._id}&entryId=${list.entries[0]!._id}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ organizationName: list.entries[0]!.organizationName, entryStatus: 'listed', window: { closesAt: list.window.closesAt.toISOString() } })
    expect(res.body.contact).toContain('实名')
    expect(Object.keys(res.body)).not.toContain('applicationId')
    const missing = await call(t, 'GET', `/api/objections/target?publicityId=${list._id}&entryId=${new mongoose.Types.ObjectId()}`)
    expect(missing.body).toEqual(failure('PUBLICITY_NOT_FOUND'))
  })

  test('a signed-in WeChat user files and gets a random receipt at once; the message center says so', async () => {
    expect((await call(t, 'POST', '/api/objections', { body: filing(list) })).status).toBe(401)
    expect((await call(t, 'POST', '/api/objections', { token: office, body: filing(list) })).status).toBe(403)
    const citizen = await wechatUser(t)
    const res = await file(citizen, filing(list))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ state: 'received', receiptNumber: expect.stringMatching(RECEIPT) })
    const stored = await t.db.models.Objection.findById(res.body.id).lean()
    expect(stored).toMatchObject({ receiptNumber: res.body.receiptNumber, moderation: 'passed', objector: { kind: 'person', realName: '张三丰' } })
    expect(stored!.filedAt.toISOString()).toBe(res.body.filedAt)
    await deliver()
    const messages = await call(t, 'GET', '/api/me/messages', { token: citizen.token })
    expect(messages.body.items.map((m: { body: string }) => m.body).join()).toContain(res.body.receiptNumber)
    expect((await t.db.models.Audit.countDocuments({ action: 'objection.create', 'resource.id': res.body.id }))).toBe(1)
  })

  test('a retried tap (same key) answers the first receipt and files nothing more, also when sent at once', async () => {
    const citizen = await wechatUser(t)
    const body = filing(list, 1)
    const first = await file(citizen, body)
    const again = await file(citizen, { ...body, grounds: `${body.grounds}（重发）` })
    expect(again.body).toEqual(first.body)
    const burst = await Promise.all([0, 1, 2, 3].map(() => file(citizen, { ...body, idempotencyKey: 'burst-key-0001' })))
    expect(new Set(burst.map((r) => r.body.receiptNumber)).size).toBe(1)
    expect(await t.db.models.Objection.countDocuments({ filedBy: new mongoose.Types.ObjectId(citizen.id) })).toBe(2)
  })

  test('anonymous objections are not accepted; an organization names a contact and attaches its sealed letter', async () => {
    const citizen = await wechatUser(t)
    const { realName: _omit, ...anonymous } = filing(list)
    const res = await file(citizen, anonymous)
    expect(res.status).toBe(400)
    expect(res.body.error.fields).toEqual([{ path: 'body.realName', message: '请填写真实姓名（不受理匿名异议）' }])
    const org = await file(citizen, filing(list, 0, { kind: 'organization' }))
    expect(org.status).toBe(422)
    expect(org.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['body.organizationName', 'body.contactPerson', 'body.sealLetterId'])
    const short = await file(citizen, filing(list, 0, { grounds: '不同意' }))
    expect(short.body.error.fields[0].path).toBe('body.grounds')
    const letter = await uploadPdf(citizen)
    const evidence = await uploadPdf(citizen, '年报截图.pdf')
    const ok = await file(citizen, filing(list, 0, { kind: 'organization', organizationName: '某某质量协会', contactPerson: '李四', sealLetterId: letter, evidenceIds: [evidence] }))
    expect(ok.status).toBe(201)
    const owners = await t.db.models.Attachment.find({ _id: { $in: [letter, evidence] } }).lean()
    expect(owners.map((o) => o.owner)).toEqual([{ type: 'objection', id: new mongoose.Types.ObjectId(ok.body.id) }, { type: 'objection', id: new mongoose.Types.ObjectId(ok.body.id) }])
  })

  test("attachments must be the filer's own uploads: another's is 404 naming the field, and nothing is filed", async () => {
    const citizen = await wechatUser(t)
    const someoneElse = await uploadPdf(await wechatUser(t))
    const res = await file(citizen, filing(list, 0, { evidenceIds: [someoneElse] }))
    expect(res.status).toBe(404)
    expect(res.body.error).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND', fields: [{ path: 'evidenceIds.0' }] })
    expect(await t.db.models.Objection.countDocuments({ filedBy: new mongoose.Types.ObjectId(citizen.id) })).toBe(0)
  })

  test('the content check: risky text is refused and kept nowhere; text WeChat cannot judge is received, pending moderation', async () => {
    const citizen = await wechatUser(t)
    const risky = await file(citizen, filing(list, 0, { grounds: '该组织的材料含有违禁测试词，不应当入选质量标杆名单。' }))
    expect(risky.body).toEqual(failure('CONTENT_RISKY'))
    const pending = await file(citizen, filing(list, 0, { grounds: '该组织的材料含有待人工审核测试词，请办公室调查核实。' }))
    expect(pending.status).toBe(201)
    expect(await t.db.models.Objection.findById(pending.body.id).lean()).toMatchObject({ moderation: 'pending', state: 'received' })
    const queue = await call(t, 'GET', '/api/office/objections?moderation=pending', { token: office })
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(pending.body.id)

    // Until a person in the office passes it, nobody outside the office reads it: not the committee, not the applicant.
    const id = pending.body.id as string
    await call(t, 'POST', `/api/office/objections/${id}/investigate`, { token: office, body: {} })
    const deadline = inShanghai(new Date(Date.now() + 3 * DAY)).format('YYYY-MM-DD')
    const quoted = await call(t, 'POST', `/api/office/objections/${id}/explanations`, { token: office, body: { text: '请就异议所述情况作出说明。', deadline, quoteGrounds: true } })
    expect(quoted.status).toBe(422)
    expect(quoted.body.error.fields[0].path).toBe('quoteGrounds')
    await call(t, 'POST', `/api/office/objections/${id}/findings`, { token: office, body: { text: '已核查，情况需委员会审议。', verifiedBy: '办公室 王审核' } })
    const early = await call(t, 'POST', `/api/office/objections/${id}/submit`, { token: office, body: {} })
    expect(early.status).toBe(422)
    const passed = await call(t, 'POST', `/api/office/objections/${id}/moderation`, { token: office })
    expect(passed.body).toMatchObject({ moderation: 'passed', canPassModeration: false })
    expect((await call(t, 'POST', `/api/office/objections/${id}/moderation`, { token: office })).status).toBe(409)
    expect((await call(t, 'POST', `/api/office/objections/${id}/submit`, { token: office, body: {} })).body.state).toBe('committee_review')
    expect(await t.db.models.Audit.countDocuments({ action: 'objection.passModeration', 'resource.id': id })).toBe(1)
  })

  test('a list whose window has closed refuses with the closing time in the message', async () => {
    const models = t.db.models
    const callDoc = await buildCall(models)
    const app = await buildApplication(models, { call: callDoc, state: 'qualified' })
    const now = new Date()
    const end = inShanghai(new Date(now.getTime() - DAY)).format('YYYY-MM-DD')
    const closed = await buildPublicity(models, { callId: callDoc._id, applications: [app], startDay: inShanghai(new Date(now.getTime() - 6 * DAY)).format('YYYY-MM-DD'), endDay: end })
    const res = await file(await wechatUser(t), filing(closed))
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('OBJECTION_WINDOW_CLOSED')
    expect(res.body.error.message).toContain(`${inShanghai(closingInstant(end)).format('YYYY年M月D日')} 23:59:59`)
  })
})

describe('the window at the moment of the write (第十八条), on an injected server clock', () => {
  const pass: ContentSecurity = { checkText: async () => 'pass' }
  const actorOf = async () => {
    const who = await wechatUser(t)
    return { userId: who.id, roles: ['wechat_user'] as const, organizationIds: [], ip: '10.0.0.1' }
  }
  const input = (key: string) => ({ ...filing(list, 2), idempotencyKey: key, evidenceIds: [] }) as never

  test('23:59:59.999 Asia/Shanghai of the last day is received, with filedAt that instant', async () => {
    const at = list.window.closesAt
    expect(inShanghai(at).format('HH:mm:ss.SSS')).toBe('23:59:59.999')
    const { objection } = await objectionFiler({ models: t.db.models, contentSecurity: pass, actor: { ...(await actorOf()), roles: ['wechat_user'] }, input: input('edge-accept-01'), clock: () => at })
    expect(objection.filedAt.getTime()).toBe(at.getTime())
  })

  test('the next millisecond is refused with the closing time, and nothing is stored', async () => {
    const actor = { ...(await actorOf()), roles: ['wechat_user' as const] }
    const after = new Date(list.window.closesAt.getTime() + 1)
    await expect(objectionFiler({ models: t.db.models, contentSecurity: pass, actor, input: input('edge-refuse-01'), clock: () => after })).rejects.toMatchObject({
      code: 'OBJECTION_WINDOW_CLOSED',
      message: `公示期已于 ${inShanghai(list.window.closesAt).format('YYYY年M月D日')} 23:59:59 结束，不再受理异议`,
    })
    expect(await t.db.models.Objection.countDocuments({ idempotencyKey: 'edge-refuse-01' })).toBe(0)
  })

  test('the window is checked again at the insert: the clock passing the close during the content check refuses it', async () => {
    const actor = { ...(await actorOf()), roles: ['wechat_user' as const] }
    const ticks = [list.window.closesAt, new Date(list.window.closesAt.getTime() + 1)]
    const clock = () => ticks.shift() ?? new Date(list.window.closesAt.getTime() + 1)
    await expect(objectionFiler({ models: t.db.models, contentSecurity: pass, actor, input: input('edge-late-0001'), clock })).rejects.toMatchObject({ code: 'OBJECTION_WINDOW_CLOSED' })
    expect(await t.db.models.Objection.countDocuments({ idempotencyKey: 'edge-late-0001' })).toBe(0)
  })

  test('before 00:00 of the first day it is not open yet', async () => {
    const actor = { ...(await actorOf()), roles: ['wechat_user' as const] }
    const before = new Date(list.window.opensAt.getTime() - 1)
    await expect(objectionFiler({ models: t.db.models, contentSecurity: pass, actor, input: input('edge-early-001'), clock: () => before })).rejects.toMatchObject({ code: 'OBJECTION_WINDOW_CLOSED' })
  })
})

/** Polls until `what` holds (a request reaching a point no answer shows yet). */
async function until(what: () => Promise<boolean> | boolean) {
  for (let i = 0; !(await what()); i++) {
    if (i > 300) throw new Error('the awaited state never came')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('limits and following', () => {
  test('per person: the 11th filing within the hour is 429 with Retry-After; a retry of an earlier one is still answered', async () => {
    const citizen = await wechatUser(t)
    const bodies = Array.from({ length: 10 }, () => filing(list, 3))
    for (const b of bodies) expect((await file(citizen, b)).status).toBe(201)
    const over = await file(citizen, filing(list, 3))
    expect(over.status).toBe(429)
    expect(over.body.error.code).toBe('RATE_LIMITED')
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await file(citizen, bodies[0])).status).toBe(201)
  })

  test(`a burst waits in line: one person holds at most ${FILING_PER_CALLER} places (one more is 429 at once), and /metrics shows the line`, async () => {
    const citizen = await wechatUser(t)
    const waiting = async () => /^zlbg_admission_waiting\{route="fileObjection"\} (\d+)$/m.exec(await (await fetch(`${t.base}/metrics`)).text())?.[1]
    // WeChat's check holds the first filing (until the client's 2 s timeout: then it is received, pending moderation).
    t.wechat.failNext('timeout', { path: '/wxa/msg_sec_check' })
    const first = file(citizen, filing(list, 1))
    await until(() => t.wechat.requests().some((r) => r.path === '/wxa/msg_sec_check' && r.injected === 'timeout'))
    const more = Array.from({ length: FILING_PER_CALLER - 1 }, () => file(citizen, filing(list, 1)))
    await until(async () => (await waiting()) === String(FILING_PER_CALLER - 1))
    const refused = await file(citizen, filing(list, 1))
    expect(refused.status).toBe(429)
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) })
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    // Somebody else still takes a place in line.
    const other = file(await wechatUser(t), filing(list, 1))
    await until(async () => (await waiting()) === String(FILING_PER_CALLER))
    expect(((await first).body as { state: string }).state).toBe('received')
    expect((await Promise.all([...more, other])).map((r) => r.status)).toEqual(Array(FILING_PER_CALLER).fill(201))
    expect(await waiting()).toBe('0')
    expect(await t.db.models.Objection.countDocuments({ filedBy: new mongoose.Types.ObjectId(citizen.id) })).toBe(FILING_PER_CALLER)
  })

  test('an instance shutting down tells the filers waiting in its line to try again (503) and finishes the one it runs', async () => {
    const config = loadConfig({ MONGODB_URI: t.databaseUri, PORT: '0', LOG_LEVEL: 'silent', WECHAT_API_BASE: t.wechat.baseUrl, WECHAT_TIMEOUT_MS: '1000', JOBS_ENABLED: 'false' })
    const instance = await runServer(config, createLogger('silent'))
    const base = `http://127.0.0.1:${instance.port}`
    const citizen = await wechatUser(t)
    const post = async (body: unknown) => {
      const res = await fetch(`${base}/api/objections`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${citizen.token}` }, body: JSON.stringify(body) })
      return { status: res.status, body: (await res.json()) as { state?: string; error?: { code: string; message: string } } }
    }
    let closed: Promise<void> | undefined
    try {
      t.wechat.failNext('timeout', { path: '/wxa/msg_sec_check' })
      const running = post(filing(list, 1))
      await until(() => t.wechat.requests().some((r) => r.path === '/wxa/msg_sec_check' && r.injected === 'timeout' && r.status === 'held'))
      const waitingBody = filing(list, 1)
      const waiting = post(waitingBody)
      await until(async () => /^zlbg_admission_waiting\{route="fileObjection"\} 1$/m.test(await (await fetch(`${base}/metrics`)).text()))
      closed = instance.close()
      expect(await waiting).toEqual({ status: 503, body: { error: expect.objectContaining({ code: 'SERVER_BUSY', message: '服务正在重启，请稍后再试' }) } })
      // The one already running is received (WeChat did not answer in time: pending moderation) before the database closes.
      expect(await running).toMatchObject({ status: 201, body: { state: 'received' } })
      await closed
      // Filed again elsewhere with the same key: filed once.
      expect((await file(citizen, waitingBody)).status).toBe(201)
      expect(await t.db.models.Objection.countDocuments({ filedBy: new mongoose.Types.ObjectId(citizen.id) })).toBe(2)
    } finally {
      await (closed ?? instance.close())
    }
  })

  test('per address: once the address has used its hour, another person from it is 429 too', async () => {
    // This hour's counters of the address (as each instance here names it).
    const thisHour = { key: /^objection\.file:ip:/, windowStart: counterOf('', OBJECTION_LIMITS.perIp, Date.now()).windowStart }
    expect((await t.db.models.Counter.updateMany(thisHour, { $set: { count: OBJECTION_LIMITS.perIp.max } })).modifiedCount).toBeGreaterThan(0)
    const res = await file(await wechatUser(t), filing(list))
    expect(res.status).toBe(429)
    await t.db.models.Counter.updateMany(thisHour, { $set: { count: 0 } })
  })

  test('the filer alone follows it: another user typing its id gets 404; my list shows mine only', async () => {
    const filer = await wechatUser(t)
    const other = await wechatUser(t)
    const filed = await file(filer, filing(list))
    const mine = await call(t, 'GET', `/api/objections/mine/${filed.body.id}`, { token: filer.token })
    expect(mine.status).toBe(200)
    expect(mine.body).toMatchObject({ receiptNumber: filed.body.receiptNumber, state: 'received', history: [{ state: 'received' }] })
    expect(mine.body.findings).toBeUndefined()
    expect((await call(t, 'GET', `/api/objections/mine/${filed.body.id}`, { token: other.token })).body).toEqual(failure('OBJECTION_NOT_FOUND'))
    expect((await call(t, 'GET', `/api/office/objections/${filed.body.id}`, { token: other.token })).status).toBe(403)
    const otherList = await call(t, 'GET', '/api/objections/mine', { token: other.token })
    expect(otherList.body).toMatchObject({ items: [], total: 0 })
    const myList = await call(t, 'GET', '/api/objections/mine', { token: filer.token })
    expect(myList.body.items.map((i: { receiptNumber: string }) => i.receiptNumber)).toEqual([filed.body.receiptNumber])
  })
})

describe('handling: office, committee, reply (第十八条)', () => {
  const step = (id: string, path: string, body: unknown = {}, token = office) => call(t, 'POST', `/api/office/objections/${id}/${path}`, { token, body })
  const decide = (who: BuiltExpert, id: string, body: unknown) => call(t, 'POST', `/api/expert/objections/${id}/decision`, { token: who.token!, body })

  async function toCommittee(entryIndex: number) {
    const filer = await wechatUser(t)
    const filed = await file(filer, filing(list, entryIndex))
    const id = filed.body.id as string
    expect((await step(id, 'investigate')).body.state).toBe('investigating')
    const evidence = await uploadPdf({ token: office }, '核查记录.pdf')
    const findings = await step(id, 'findings', { text: '经调阅该组织近三年年报，数据与申报材料一致。', verifiedBy: '办公室 刘核查', evidenceIds: [evidence] })
    expect(findings.status).toBe(200)
    expect(findings.body.findings).toMatchObject({ verifiedBy: '办公室 刘核查', evidence: [{ filename: '核查记录.pdf' }] })
    expect((await step(id, 'submit')).body.state).toBe('committee_review')
    return { filer, id, receipt: filed.body.receiptNumber as string }
  }

  test('dismissed by a vice chair with reasons, then replied; the objector sees each state and the reply', async () => {
    const { filer, id } = await toCommittee(0)
    // Experts never see the objector; a group member and another call's chair may not decide.
    const view = await call(t, 'GET', `/api/expert/objections/${id}`, { token: people.vice.token! })
    expect(view.status).toBe(200)
    expect(JSON.stringify(view.body)).not.toMatch(/张三丰|13812345678/)
    expect(view.body.canDecide).toBe(true)
    expect((await decide(people.member, id, { outcome: 'dismissed', reasons: '经审议，异议所述情况与事实不符。' })).status).toBe(403)
    expect((await decide(people.otherChair, id, { outcome: 'dismissed', reasons: '经审议，异议所述情况与事实不符。' })).status).toBe(403)
    expect((await decide(people.vice, id, { outcome: 'dismissed', reasons: '短' })).status).toBe(400)
    const decided = await decide(people.vice, id, { outcome: 'dismissed', reasons: '经审议，异议所述情况与事实不符。' })
    expect(decided.body).toMatchObject({ state: 'dismissed', decision: { outcome: 'dismissed', signedByName: '吴副主任' } })
    expect((await decide(people.chair, id, { outcome: 'upheld', reasons: '经审议，异议所述情况属实，应撤销。' })).body.error.code).toBe('STATE_CONFLICT')
    // The window is still open: the entry stays listed.
    expect((await t.db.models.Publicity.findById(list._id).lean())!.entries[0]!.status).toBe('listed')
    expect((await step(id, 'reply', { text: '经调查核实并报评审委员会审议，您反映的问题不成立。' })).body.state).toBe('replied')
    const mine = await call(t, 'GET', `/api/objections/mine/${id}`, { token: filer.token })
    expect(mine.body.history.map((h: { state: string }) => h.state)).toEqual(['received', 'investigating', 'findings_recorded', 'committee_review', 'dismissed', 'replied'])
    expect(mine.body).toMatchObject({ outcome: { outcome: 'dismissed' }, reply: { text: expect.stringContaining('不成立') } })
    expect(JSON.stringify(mine.body)).not.toMatch(/吴副主任|刘核查/)
    const kinds = (await t.db.models.Outbox.find({ recipientUserId: new mongoose.Types.ObjectId(filer.id), channel: 'inapp' }).lean()).map((o) => o.kind).sort()
    expect(kinds).toEqual(['objection.committee_review', 'objection.investigating', 'objection.received', 'objection.replied'])
  })

  test('upheld by the chair: the application is withdrawn, the entry kept on the list marked withdrawn, audited', async () => {
    const { id } = await toCommittee(1)
    const before = await call(t, 'GET', `/api/expert/objections/${id}`, { token: people.chair.token! })
    expect(before.body.state).toBe('committee_review')
    const reasons = '经审议，申报材料中的成效数据与事实不符，异议成立。'
    const decided = await decide(people.chair, id, { outcome: 'upheld', reasons })
    expect(decided.body).toMatchObject({ state: 'upheld', decision: { outcome: 'upheld', signedByName: '周主任' } })
    // A retried decision completes nothing twice.
    expect((await decide(people.chair, id, { outcome: 'upheld', reasons })).status).toBe(200)
    const app = await t.db.models.Application.findById(appIds[1]).lean()
    expect(app!.state).toBe('objection_upheld')
    const entry = (await t.db.models.Publicity.findById(list._id).lean())!.entries[1]!
    expect(entry.status).toBe('withdrawn')
    expect(await t.db.models.Audit.countDocuments({ action: 'application.upholdObjection', 'resource.id': appIds[1] })).toBe(1)
    expect(await t.db.models.Audit.countDocuments({ action: 'objection.uphold', 'resource.id': id, reason: decided.body.decision.reasons })).toBe(1)
  })

  test('the committee sees nothing before the office puts it to them; the office cannot decide', async () => {
    const filed = await file(await wechatUser(t), filing(list, 2))
    expect((await call(t, 'GET', `/api/expert/objections/${filed.body.id}`, { token: people.chair.token! })).body).toEqual(failure('OBJECTION_NOT_FOUND'))
    expect((await step(filed.body.id, 'reply', { text: '尚未调查核实，不能答复的测试内容。' })).body.error.code).toBe('STATE_CONFLICT')
    expect((await call(t, 'POST', `/api/expert/objections/${filed.body.id}/decision`, { token: office, body: { outcome: 'upheld', reasons: '办公室无权作出决定的测试。' } })).status).toBe(403)
  })

  test('after the window has closed, dismissing the last open objection passes the entry (settleEntry)', async () => {
    const { id } = await toCommittee(3)
    const closedAt = new Date(Date.now() - 1000)
    await t.db.models.Publicity.updateOne({ _id: list._id }, { $set: { 'window.closesAt': closedAt } })
    try {
      // Other open objections to entry 3 (the rate-limit test's) still hold it.
      await t.db.models.Objection.updateMany({ entryId: list.entries[3]!._id, _id: { $ne: id } }, { $set: { state: 'replied' } })
      expect((await decide(people.chair, id, { outcome: 'dismissed', reasons: '经审议，异议所述情况与事实不符。' })).status).toBe(200)
      expect((await t.db.models.Publicity.findById(list._id).lean())!.entries[3]!.status).toBe('passed')
      expect((await t.db.models.Application.findById(appIds[3]).lean())!.state).toBe('publicity_passed')
    } finally {
      await t.db.models.Publicity.updateOne({ _id: list._id }, { $set: { 'window.closesAt': list.window.closesAt } })
    }
  })
})

describe("the applicant's explanation, and who never sees the objector (第十三条, 第十八条)", () => {
  test('the office asks; the applicant sees the request and deadline only, answers once with text and files', async () => {
    const filer = await wechatUser(t)
    const filed = await file(filer, filing(list, 2, { realName: '欧阳明月', phone: '13987654321' }))
    const id = filed.body.id as string
    const deadline = inShanghai(new Date(Date.now() + 5 * DAY)).format('YYYY-MM-DD')
    const tooEarly = await call(t, 'POST', `/api/office/objections/${id}/explanations`, { token: office, body: { text: '请说明申报材料中质量成效数据的来源。', deadline: '2000-01-01' } })
    expect(tooEarly.status).toBe(422) // a deadline in the past
    await call(t, 'POST', `/api/office/objections/${id}/investigate`, { token: office, body: {} })
    const requested = await call(t, 'POST', `/api/office/objections/${id}/explanations`, { token: office, body: { text: '请说明申报材料中质量成效数据的来源。', deadline } })
    expect(requested.status).toBe(200)
    expect(requested.body.explanations).toHaveLength(1)

    const applicant = applicants[2]!
    const appId = appIds[2]!
    const listed = await call(t, 'GET', `/api/applications/${appId}/explanations`, { token: applicant.token })
    expect(listed.status).toBe(200)
    expect(listed.body.items).toEqual([{ id: expect.any(String), text: '请说明申报材料中质量成效数据的来源。', deadline, requestedAt: expect.any(String) }])
    expect((await call(t, 'GET', `/api/applications/${appId}/explanations`, { token: applicants[0]!.token })).status).toBe(403)

    const file1 = await uploadPdf(applicant, '数据来源说明.pdf')
    const explanationId = listed.body.items[0].id
    const answered = await call(t, 'POST', `/api/applications/${appId}/explanations/${explanationId}`, { token: applicant.token, body: { text: '成效数据来自经审计的年度报告，附审计报告。', attachmentIds: [file1] } })
    expect(answered.status).toBe(200)
    expect(answered.body.answer).toMatchObject({ attachments: [{ filename: '数据来源说明.pdf' }] })
    const again = await call(t, 'POST', `/api/applications/${appId}/explanations/${explanationId}`, { token: applicant.token, body: { text: '再次提交的说明内容不应被接受。' } })
    expect(again.body).toEqual(failure('EXPLANATION_NOT_FOUND'))
    const officeView = await call(t, 'GET', `/api/office/objections/${id}`, { token: office })
    expect(officeView.body.objector).toMatchObject({ realName: '欧阳明月', phone: '13987654321' })
    expect(officeView.body.explanations[0].answer.text).toContain('审计')

    // Everything the applicant's members can read: no objector data anywhere.
    await deliver()
    const secrets = ['欧阳明月', '13987654321', filed.body.receiptNumber, filer.id, '张三丰', '13812345678', '某某质量协会', '李四']
    const reads = [
      await call(t, 'GET', `/api/applications/${appId}`, { token: applicant.token }),
      await call(t, 'GET', '/api/me/messages', { token: applicant.token }),
      await call(t, 'GET', `/api/applications/${appId}/explanations`, { token: applicant.token }),
      await call(t, 'GET', `/api/applications/${appIds[1]}`, { token: applicants[1]!.token }),
      await call(t, 'GET', '/api/me/messages', { token: applicants[1]!.token }),
    ]
    for (const r of reads) {
      expect(r.status).toBe(200)
      for (const s of secrets) expect(JSON.stringify(r.body)).not.toContain(s)
    }
    expect(JSON.stringify(reads[1]!.body)).toContain('请说明申报材料中质量成效数据的来源')

    // Experts: the chair's list and case views.
    await call(t, 'POST', `/api/office/objections/${id}/findings`, { token: office, body: { text: '已收到申报组织的说明，数据来源可靠。', verifiedBy: '办公室 刘核查' } })
    await call(t, 'POST', `/api/office/objections/${id}/submit`, { token: office, body: {} })
    const expertReads = [await call(t, 'GET', '/api/expert/objections', { token: people.chair.token! }), await call(t, 'GET', `/api/expert/objections/${id}`, { token: people.chair.token! })]
    for (const r of expertReads) {
      expect(r.status).toBe(200)
      for (const s of secrets) expect(JSON.stringify(r.body)).not.toContain(s)
    }
  })

  test('the states the schema names are the machine states', () => {
    expect(OBJECTION_STATES).toContain('committee_review')
  })
})
