import mongoose from 'mongoose'
import { applicationMachine, inShanghai, PAGES, publicityWindow, type Publicity } from '@zlbg/shared'
import { libraryArrangements, workCalendar } from '../../server/src/commands/calendar/calendarData'
import { yearConfirmer } from '../../server/src/commands/calendar/yearConfirmer'
import { moveListedApplications, openPublicity } from '../../server/src/commands/publicity/publicityStarter'
import { publicChange } from '../../server/src/db/publicVersion'
import { closePublicities } from '../../server/src/jobs/publicityClose'
import type { CallRecord } from '../../server/src/models/call'
import type { Actor } from '../../server/src/policies'
import { seedDemoPublicity, windowNear } from '../../server/src/seed/demoPublicity'
import { seedDemoData } from '../../server/src/seed/seed'
import { browserUser, call, failure, wechatUser } from '../support/api'
import { buildApplication, buildCall } from '../support/factories'
import { startTestServer, type TestServer } from '../support/server'

/**
 * Publicity (公示, 第十八条): the office publishes a call's recommended list for 5 working days, the
 * public reads it (cached, ETag) and its feeds, and the closing job passes the entries no open
 * objection holds. Start days come from the calendar relative to today — never fixed dates — so the
 * suite passes on any day and a year from now; a year the library does not carry is confirmed here
 * with a plainly fictitious arrangement (the office's role in production).
 */
let t: TestServer
let office: Awaited<ReturnType<typeof browserUser>>
let approver: Awaited<ReturnType<typeof browserUser>>
// As stored: text others read is NFKC-normalised (shared/src/text.ts), full-width punctuation included.
const CONTACT = '对公示名单有异议的,请在公示期内实名提出。联系人:王老师,电话 010-68419999。'
const DAY = 86_400_000

beforeAll(async () => {
  t = await startTestServer('publicity')
  office = await browserUser(t, ['office'], { displayName: '钱办公室' })
  approver = await browserUser(t, ['approver'], { displayName: '孙审批' })
  await confirmYearsFor(t.db.models, new Date())
})

/** This year and the next as the office would confirm them when the library lacks them (a fictitious arrangement, plainly labelled). */
async function confirmYearsFor(models: TestServer['db']['models'], now: Date) {
  const thisYear = inShanghai(now).year()
  const fixture: Actor = { displayName: '测试', roles: ['office'], organizationIds: [] }
  for (const year of [thisYear, thisYear + 1]) {
    if (libraryArrangements().has(year)) continue
    await yearConfirmer({ models, actor: fixture, year, input: { holidays: [{ date: `${year}-01-01`, name: '元旦' }], workdays: [], basis: '测试用安排（非国务院通知）' } })
  }
}
afterAll(() => t.close())

const today = () => inShanghai(new Date()).format('YYYY-MM-DD')
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)
/** The first working day on or after today: a start day the office may pick. */
async function startDay(): Promise<string> {
  return windowNear(await workCalendar(t.db.models), today(), 1)!.startDay
}

/** A published call with `n` applications the committee recommended (第十七条), for organizations whose members are given. */
async function callWithRecommended(n: number, memberIds: string[][] = []): Promise<{ call: CallRecord; appIds: string[] }> {
  const c = await buildCall(t.db.models)
  const appIds: string[] = []
  for (let i = 0; i < n; i++) {
    const app = await buildApplication(t.db.models, { call: c, state: 'qualified', ...(memberIds[i] ? { memberIds: memberIds[i] } : {}) })
    // Fixture: the review rounds happened (their own tests cover them); the machine's path to 'recommended'.
    await t.db.models.Application.updateOne(
      { _id: app._id },
      { $set: { state: 'recommended', history: applicationMachine.pathTo('recommended')!.map((state) => ({ state, at: new Date() })) } },
    )
    appIds.push(app._id.toHexString())
  }
  return { call: c, appIds }
}

const start = (callId: string, body: unknown, token = office.token) => call(t, 'POST', `/api/office/calls/${callId}/publicity`, { token, body })
const statesOf = async (ids: string[]) => (await t.db.models.Application.find({ _id: { $in: ids } }, { state: 1 }).lean()).map((a) => a.state)

describe('the office publishes a recommended list (第十八条)', () => {
  test('preview: the recommended entries, and the window a start day gives — refused for a past or non-working day', async () => {
    const { call: c } = await callWithRecommended(2)
    const id = c._id.toHexString()
    const bare = await call(t, 'GET', `/api/office/calls/${id}/publicity`, { token: office.token })
    expect(bare.status).toBe(200)
    expect(bare.body).toMatchObject({ callId: id, callTitle: c.title, today: today() })
    expect(bare.body.window).toBeUndefined()
    // 异议方式与联系人 starts from how to object (by real name) and the call's own contact.
    expect(bare.body.suggestedContact).toContain('匿名异议不予受理')
    expect(bare.body.suggestedContact).toContain('010-68419999')
    expect(bare.body.entries).toHaveLength(2)
    expect(Object.keys(bare.body.entries[0]).sort()).toEqual(['applicationId', 'organizationName', 'region', 'sector', 'title'])

    const day = await startDay()
    const withDay = await call(t, 'GET', `/api/office/calls/${id}/publicity?start=${day}`, { token: office.token })
    expect(withDay.status).toBe(200)
    expect(withDay.body.window).toMatchObject({ startDay: day, opensAt: new Date(`${day}T00:00:00+08:00`).toISOString() })
    expect(withDay.body.window.workingDays).toHaveLength(5)
    expect(withDay.body.window.closesAt).toBe(new Date(`${withDay.body.window.endDay}T23:59:59.999+08:00`).toISOString())
    expect(withDay.body.window.display).toContain('23:59:59（北京时间）')

    const yesterday = plusDays(today(), -1)
    const past = await call(t, 'GET', `/api/office/calls/${id}/publicity?start=${yesterday}`, { token: office.token })
    expect(past.status).toBe(422)
    expect(past.body.error).toMatchObject({ code: 'PUBLICITY_START_PAST' })
    expect(past.body.error.message).toContain('不能早于今天')

    // The next day after today that the calendar says is not a working day (a weekend or holiday).
    const calendar = await workCalendar(t.db.models)
    let off = plusDays(today(), 1)
    while (publicityWindow(calendar, off).ok) off = plusDays(off, 1)
    const refused = await call(t, 'GET', `/api/office/calls/${id}/publicity?start=${off}`, { token: office.token })
    expect(refused.status).toBe(422)
    expect(refused.body.error.code).toBe('PUBLICITY_START_NOT_WORKDAY')
    expect(refused.body.error.message).toContain('下一个工作日')
  })

  test('starting: one list, every recommended application in publicity, audited, applicants told; a second start is 409', async () => {
    const member = await wechatUser(t)
    const { call: c, appIds } = await callWithRecommended(3, [[member.id]])
    const id = c._id.toHexString()
    const day = await startDay()
    const res = await start(id, { startDay: day, contact: CONTACT })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ callId: id, callTitle: c.title, state: 'open', stateLabel: '公示中', contact: CONTACT })
    expect(res.body.window.startDay).toBe(day)
    expect(res.body.entries).toHaveLength(3)
    expect(res.body.entries.every((e: { status: string; statusLabel: string }) => e.status === 'listed' && e.statusLabel === '公示中')).toBe(true)
    expect(await statesOf(appIds)).toEqual(['in_publicity', 'in_publicity', 'in_publicity'])

    const audit = await t.db.models.Audit.find({ 'resource.id': res.body.id, action: 'publicity.start' }).lean()
    expect(audit).toHaveLength(1)
    expect(String(audit[0]!.actor.userId)).toBe(office.id)
    expect(await t.db.models.Audit.countDocuments({ 'resource.id': { $in: appIds }, action: 'application.startPublicity' })).toBe(3)
    const notices = await t.db.models.Outbox.find({ recipientUserId: member.id, kind: 'application.publicityStarted' }).lean()
    expect(notices.map((n) => n.channel).sort()).toEqual(['inapp', 'wechat_subscribe'])
    expect(notices[0]!.content.body).toContain('公示期')

    const again = await start(id, { startDay: day, contact: CONTACT })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('PUBLICITY_EXISTS')
    expect(again.body.error.message).toContain('每个征集只发布一次')
    expect(await t.db.models.Publicity.countDocuments({ callId: c._id })).toBe(1)
  })

  test('refusals: a call with nothing recommended, a past start, bad input, not the office', async () => {
    const empty = await buildCall(t.db.models)
    const day = await startDay()
    expect(await start(empty._id.toHexString(), { startDay: day, contact: CONTACT })).toMatchObject({ status: 409, body: failure('PUBLICITY_NOTHING_RECOMMENDED') })
    const { call: c, appIds } = await callWithRecommended(1)
    const id = c._id.toHexString()
    expect((await start(id, { startDay: plusDays(today(), -1), contact: CONTACT })).body.error.code).toBe('PUBLICITY_START_PAST')
    expect((await start(id, { startDay: day, contact: '短' })).status).toBe(400)
    expect((await start(id, { startDay: day, contact: CONTACT, extra: 1 })).status).toBe(400)
    expect((await start('0123456789abcdef01234567', { startDay: day, contact: CONTACT })).body.error.code).toBe('CALL_NOT_FOUND')
    const member = await wechatUser(t)
    expect((await start(id, { startDay: day, contact: CONTACT }, member.token)).status).toBe(403)
    expect((await start(id, { startDay: day, contact: CONTACT }, '')).status).toBe(401)
    // Nothing half-written by any of these.
    expect(await t.db.models.Publicity.countDocuments({ callId: c._id })).toBe(0)
    expect(await statesOf(appIds)).toEqual(['recommended'])
  })

  test('a start cut short after the list was written is completed by the retry, never a second list', async () => {
    const { call: c, appIds } = await callWithRecommended(2)
    const window = windowNear(await workCalendar(t.db.models), today(), 1)!
    const actor: Actor = { userId: office.id, displayName: '钱办公室', roles: ['office'], organizationIds: [] }
    // The list exists, no application was moved yet (a crash between the two steps).
    await openPublicity(t.db.models, { callId: c._id, window, contact: CONTACT, actor, now: new Date() })
    expect(await statesOf(appIds)).toEqual(['recommended', 'recommended'])
    const retry = await start(c._id.toHexString(), { startDay: window.startDay, contact: CONTACT })
    expect(retry.status).toBe(201)
    expect(await statesOf(appIds)).toEqual(['in_publicity', 'in_publicity'])
    expect(await t.db.models.Publicity.countDocuments({ callId: c._id })).toBe(1)
  })

  test('two offices starting at once make one list and move each application once', async () => {
    const { call: c, appIds } = await callWithRecommended(3)
    const day = await startDay()
    const replies = await Promise.all([start(c._id.toHexString(), { startDay: day, contact: CONTACT }), start(c._id.toHexString(), { startDay: day, contact: CONTACT })])
    expect(replies.map((r) => r.status)).toContain(201)
    for (const r of replies) expect([201, 409]).toContain(r.status)
    expect(await t.db.models.Publicity.countDocuments({ callId: c._id })).toBe(1)
    expect(await statesOf(appIds)).toEqual(['in_publicity', 'in_publicity', 'in_publicity'])
    expect(await t.db.models.Audit.countDocuments({ 'resource.id': { $in: appIds }, action: 'application.startPublicity' })).toBe(3)
  })
})

describe('the public reads lists and feeds', () => {
  test('list and detail: only the public fields, cached with an ETag that changes when a list is published', async () => {
    const first = await call(t, 'GET', '/api/publicity?page=1&pageSize=50')
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('public, no-cache')
    const etag = first.headers.get('etag')!
    const unchanged = await fetch(`${t.base}/api/publicity?page=1&pageSize=50`, { headers: { 'if-none-match': etag } })
    expect(unchanged.status).toBe(304)

    const { call: c } = await callWithRecommended(1)
    const made = await start(c._id.toHexString(), { startDay: await startDay(), contact: CONTACT })
    const after = await call<{ items: Publicity[]; total: number }>(t, 'GET', '/api/publicity?page=1&pageSize=50')
    expect(after.headers.get('etag')).not.toBe(etag)
    expect(after.body.total).toBe(first.body.total + 1)
    // Newest first.
    expect(after.body.items[0]!.id).toBe(made.body.id)

    const detail = await call<Publicity>(t, 'GET', `/api/publicity/${made.body.id}`)
    expect(detail.status).toBe(200)
    expect(Object.keys(detail.body).sort()).toEqual(['callId', 'callTitle', 'contact', 'entries', 'id', 'publishedAt', 'state', 'stateLabel', 'window'])
    // 第十三条: the organization, title, sector and region — no application id, receipt, score or person.
    expect(Object.keys(detail.body.entries[0]!).sort()).toEqual(['id', 'organizationName', 'region', 'sector', 'status', 'statusLabel', 'title'])
    expect(detail.body.entries[0]).toMatchObject({ sector: expect.stringMatching(/制造|建筑|服务/), region: expect.any(String) })
    const text = JSON.stringify(detail.body)
    const app = (await t.db.models.Application.findOne({ callId: c._id }).lean())!
    expect(text).not.toContain(app._id.toHexString())
    expect(text).not.toContain(app.receiptNumber!)
    expect(text).not.toContain(office.id)

    // The list shows its call's title: a correction of the call (a write under the calls' stamp) is in the next answer.
    await publicChange(t.db.connection, 'calls', () => t.db.models.Call.updateOne({ _id: c._id }, { $set: { title: `${c.title}（更正）` } }))
    expect((await call<Publicity>(t, 'GET', `/api/publicity/${made.body.id}`)).body.callTitle).toBe(`${c.title}（更正）`)

    expect(await call(t, 'GET', '/api/publicity/0123456789abcdef01234567')).toMatchObject({ status: 404, body: failure('PUBLICITY_NOT_FOUND') })
    expect((await call(t, 'GET', '/api/publicity/nonsense')).status).toBe(400)
  })

  test('feeds: JSON Feed 1.1 and Atom, cached, the list in each, text escaped', async () => {
    const { call: c, appIds } = await callWithRecommended(1)
    await t.db.models.Application.updateOne({ _id: appIds[0] }, { $set: { organizationName: '示例<b>加粗</b>&有限公司' } })
    const made = await start(c._id.toHexString(), { startDay: await startDay(), contact: CONTACT })
    const json = await call(t, 'GET', '/api/feed/publicity.json')
    expect(json.status).toBe(200)
    expect(json.headers.get('etag')).toBeTruthy()
    expect(json.body.version).toBe('https://jsonfeed.org/version/1.1')
    const item = json.body.items.find((i: { id: string }) => i.id === `urn:zlbg:publicity:${made.body.id}`)
    expect(item._publicity).toEqual(made.body)
    expect(item.content_text).toContain('示例<b>加粗</b>&有限公司')

    const atom = await fetch(`${t.base}/api/feed/publicity.atom`)
    expect(atom.status).toBe(200)
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    expect(atom.headers.get('cache-control')).toBe('public, no-cache')
    const xml = await atom.text()
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"')
    expect(xml).toContain(`<id>urn:zlbg:publicity:${made.body.id}</id>`)
    expect(xml).toContain('示例&lt;b&gt;加粗&lt;/b&gt;&amp;有限公司')
    expect(xml).not.toContain('<b>加粗')
    const again = await fetch(`${t.base}/api/feed/publicity.atom`, { headers: { 'if-none-match': atom.headers.get('etag')! } })
    expect(again.status).toBe(304)
  })

  test('the office overview: calls waiting with recommended applications, and each list with its counts', async () => {
    const { call: waiting } = await callWithRecommended(2)
    const res = await call(t, 'GET', '/api/office/publicity?page=1&pageSize=50', { token: office.token })
    expect(res.status).toBe(200)
    const row = res.body.items.find((r: { callId: string }) => r.callId === waiting._id.toHexString())
    expect(row).toEqual({ callId: waiting._id.toHexString(), callTitle: waiting.title, recommendedCount: 2 })
    const listed = res.body.items.find((r: { publicity?: unknown }) => r.publicity)
    expect(listed.publicity).toMatchObject({ state: 'open', counts: { listed: expect.any(Number), withdrawn: 0, passed: 0 } })
    expect((await call(t, 'GET', '/api/office/publicity', { token: (await wechatUser(t)).token })).status).toBe(403)
  })
})

describe('publicity.close (第十八条: an entry passes once the window closed with no open objection)', () => {
  test('entries without open objections pass; one with an open objection waits and keeps the list open until it is settled', async () => {
    const { call: c, appIds } = await callWithRecommended(2)
    const made = await start(c._id.toHexString(), { startDay: await startDay(), contact: CONTACT })
    const list = (await t.db.models.Publicity.findById(made.body.id).lean())!
    const [held, free] = list.entries.find((e) => e.applicationId.toHexString() === appIds[0]) === list.entries[0] ? list.entries : [...list.entries].reverse()
    // An objection to the first entry, still being handled (the objections' own commands file it).
    const objection = await t.db.models.Objection.create({
      receiptNumber: `T${Date.now()}`,
      publicityId: list._id,
      callId: c._id,
      entryId: held!._id,
      applicationId: held!.applicationId,
      filedBy: new mongoose.Types.ObjectId(),
      idempotencyKey: 'k1',
      filedAt: new Date(),
      objector: { kind: 'person', realName: '张三', phone: '13900000000' },
      grounds: '测试异议',
      moderation: 'passed',
      state: 'investigating',
    })

    // Other tests' lists share this database (and window): the runs below are judged by this list's own state.
    const statuses = async () => (await t.db.models.Publicity.findById(list._id).lean())!.entries.map((e) => e.status)
    // Before the window closes (its last millisecond included) nothing happens.
    await closePublicities(t.db.models, { now: new Date(list.window.closesAt.getTime()) })
    expect(await statuses()).toEqual(['listed', 'listed'])
    const after = new Date(list.window.closesAt.getTime() + 1)
    const etag = (await call(t, 'GET', `/api/publicity/${list._id}`)).headers.get('etag')
    const run = await closePublicities(t.db.models, { now: after })
    expect(run.passed).toBeGreaterThanOrEqual(1)
    expect(run.waiting).toBeGreaterThanOrEqual(1)
    const mid = await call<Publicity>(t, 'GET', `/api/publicity/${list._id}`)
    expect(mid.headers.get('etag')).not.toBe(etag)
    expect(mid.body.state).toBe('open')
    expect(mid.body.entries.find((e) => e.id === free!._id.toHexString())!.status).toBe('passed')
    expect(mid.body.entries.find((e) => e.id === held!._id.toHexString())!.status).toBe('listed')
    expect((await t.db.models.Application.findById(free!.applicationId).lean())!.state).toBe('publicity_passed')
    expect((await t.db.models.Application.findById(held!.applicationId).lean())!.state).toBe('in_publicity')

    // Run again (another instance, the next tick): nothing more, nothing twice.
    expect((await closePublicities(t.db.models, { now: after })).passed).toBe(0)
    expect((await t.db.models.Publicity.findById(list._id).lean())!.state).toBe('open')
    expect(await t.db.models.Audit.countDocuments({ 'resource.id': free!.applicationId.toHexString(), action: 'application.passPublicity' })).toBe(1)

    // The objection dismissed and replied: the next run passes the entry and closes the list.
    await t.db.models.Objection.updateOne({ _id: objection._id }, { $set: { state: 'replied' } })
    expect(await closePublicities(t.db.models, { now: after })).toMatchObject({ passed: 1, waiting: 0, closed: 1 })
    const closed = await call<Publicity>(t, 'GET', `/api/publicity/${list._id}`)
    expect(closed.body).toMatchObject({ state: 'closed', stateLabel: '公示结束', closedAt: after.toISOString() })
    expect(closed.body.entries.map((e) => e.status)).toEqual(['passed', 'passed'])
    expect(await t.db.models.Audit.countDocuments({ 'resource.id': list._id.toHexString(), action: 'publicity.close' })).toBe(1)
    // 第十九条: the approver is told the list waits for approval, once.
    const toApprove = await t.db.models.Outbox.find({ recipientUserId: approver.id, kind: 'listing.toApprove', channel: 'inapp', 'cause.id': list._id.toHexString() }).lean()
    expect(toApprove.map((o) => o.content.link)).toEqual([`${PAGES.approverListing}?callId=${list.callId.toHexString()}`])
    await closePublicities(t.db.models, { now: after })
    expect(await t.db.models.Outbox.countDocuments({ recipientUserId: approver.id, kind: 'listing.toApprove', 'cause.id': list._id.toHexString() })).toBe(1)
  })

  test('a withdrawn entry (upheld objection) does not keep the list open', async () => {
    const { call: c } = await callWithRecommended(1)
    const made = await start(c._id.toHexString(), { startDay: await startDay(), contact: CONTACT })
    await t.db.models.Publicity.updateOne({ _id: made.body.id }, { $set: { 'entries.0.status': 'withdrawn' } })
    const list = (await t.db.models.Publicity.findById(made.body.id).lean())!
    await closePublicities(t.db.models, { now: new Date(list.window.closesAt.getTime() + 1) })
    expect((await t.db.models.Publicity.findById(made.body.id).lean())!.state).toBe('closed')
  })
})

test('demo data: a list open today, started on a working day, its applications in publicity', async () => {
  const demo = await startTestServer('publicity-demo')
  try {
    const models = demo.db.models
    const now = new Date()
    // The demo calls npm start loads first: this year's (published), last year's (closed), a draft.
    await seedDemoData(models, { now })
    const lastYear = (await models.Call.findOne({ state: 'closed' }).lean())!
    // A year nobody confirmed (2099): nothing is made rather than a guessed window.
    expect(await seedDemoPublicity(models, { now: new Date('2099-06-01T12:00:00+08:00') })).toBe(0)
    expect(await models.Call.countDocuments()).toBe(3)
    await confirmYearsFor(models, now)
    const n = await seedDemoPublicity(models, { now })
    expect(n).toBe(6)
    // Last year's list: its window long over, both entries passed, the list closed.
    const earlier = (await models.Publicity.findOne({ callId: lastYear._id }).lean())!
    expect(earlier.state).toBe('closed')
    expect(earlier.entries.map((e) => e.status)).toEqual(['passed', 'passed'])
    expect(await models.Application.countDocuments({ callId: lastYear._id, state: 'publicity_passed' })).toBe(2)
    const list = (await models.Publicity.findOne({ callId: { $ne: lastYear._id } }).lean())!
    expect(list.window.opensAt.getTime()).toBeLessThanOrEqual(now.getTime())
    expect(list.window.closesAt.getTime()).toBeGreaterThanOrEqual(now.getTime())
    expect(publicityWindow(await workCalendar(models), list.window.startDay).ok).toBe(true)
    expect(await models.Application.countDocuments({ callId: list.callId, state: 'in_publicity' })).toBe(4)
    // Loaded once: a second run adds nothing.
    expect(await seedDemoPublicity(models, { now })).toBe(0)
    const res = await call<{ items: Publicity[] }>(demo, 'GET', '/api/publicity')
    expect(res.body.items[0]!.entries.map((e) => e.organizationName)).toContain('示例建工集团有限公司')
  } finally {
    await demo.close()
  }
})

test('moving the listed applications again moves nothing', async () => {
  const { call: c } = await callWithRecommended(1)
  const made = await start(c._id.toHexString(), { startDay: await startDay(), contact: CONTACT })
  const list = (await t.db.models.Publicity.findById(made.body.id).lean())!
  const actor: Actor = { userId: office.id, displayName: '钱办公室', roles: ['office'], organizationIds: [] }
  expect(await moveListedApplications(t.db.models, list, { actor, now: new Date() })).toBe(0)
})
