import ExcelJS from 'exceljs'
import mongoose from 'mongoose'
import type { CheckInResult, Ticket } from '@zlbg/shared'
import { browserUser, call, failure, wechatUser } from '../support/api'
import { buildEvent, buildListedOrganization, buildRegistration } from '../support/checkinFactories'
import { startTestServer, type TestServer } from '../support/server'

let t: TestServer
let office: { id: string; token: string }
let member: { id: string; token: string }
let colleague: { id: string; token: string }
let stranger: { id: string; token: string }
let listed: Awaited<ReturnType<typeof buildListedOrganization>>

beforeAll(async () => {
  t = await startTestServer('checkin')
  office = await browserUser(t, ['office'], { displayName: '王签到' })
  member = await wechatUser(t)
  colleague = await wechatUser(t)
  stranger = await wechatUser(t)
  listed = await buildListedOrganization(t.db.models, { memberIds: [member.id, colleague.id] })
})
afterAll(() => t.close())

const checkIn = (eventId: unknown, credential: string, token = office.token) =>
  call<CheckInResult & { error: { code: string; message: string } }>(t, 'POST', `/api/office/events/${String(eventId)}/check-in`, { token, body: { credential } })

describe('第二十条 the attendee ticket: a signed, expiring QR code and the short code', () => {
  test("any member of the registration's organization gets it; nobody else", async () => {
    const event = await buildEvent(t.db.models, { startsInHours: 48 })
    const reg = await buildRegistration(t.db.models, { event, listed, registeredBy: member.id, name: '李参会' })
    for (const who of [member, colleague]) {
      const res = await call<Ticket>(t, 'GET', `/api/registrations/${reg._id}/ticket`, { token: who.token })
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ eventTitle: event.title, attendee: { name: '李参会' }, organizationName: listed.listed.name, state: 'confirmed', stateLabel: '已确认' })
      expect(res.body.pass).toMatchObject({ checkInCode: reg.checkInCode, qrDataUrl: expect.stringMatching(/^data:image\/png;base64,/) })
      expect(res.body.pass!.token.split('.')).toHaveLength(3)
      // Expires a day after it is issued at the latest (the event is two days away).
      const expires = Date.parse(res.body.pass!.expiresAt)
      expect(expires - Date.now()).toBeLessThanOrEqual(24 * 3600_000 + 1000)
      expect(expires).toBeGreaterThan(Date.now())
    }
    expect(await call(t, 'GET', `/api/registrations/${reg._id}/ticket`, { token: stranger.token })).toMatchObject({ status: 403, body: failure('FORBIDDEN') })
    expect(await call(t, 'GET', `/api/registrations/${reg._id}/ticket`, { token: office.token })).toMatchObject({ status: 403 })
    expect(await call(t, 'GET', `/api/registrations/${new mongoose.Types.ObjectId()}/ticket`, { token: member.token })).toMatchObject({ status: 404, body: failure('REGISTRATION_NOT_FOUND') })
    expect((await call(t, 'GET', `/api/registrations/${reg._id}/ticket`)).status).toBe(401)
  })

  test('on the public quota the registrant alone holds it', async () => {
    const event = await buildEvent(t.db.models)
    const reg = await buildRegistration(t.db.models, { event, registeredBy: stranger.id })
    const own = await call<Ticket>(t, 'GET', `/api/registrations/${reg._id}/ticket`, { token: stranger.token })
    expect(own.status).toBe(200)
    expect(own.body.organizationName).toBeUndefined()
    expect(own.body.pass).toBeDefined()
    expect((await call(t, 'GET', `/api/registrations/${reg._id}/ticket`, { token: member.token })).status).toBe(403)
  })

  test('no QR code for a waitlisted, cancelled or checked-in registration, or a cancelled event; the page says why', async () => {
    const event = await buildEvent(t.db.models)
    const cases = [
      ['waitlisted', /候补中/],
      ['cancelled', /已取消/],
      ['attended', /签到/],
    ] as const
    for (const [state, note] of cases) {
      const reg = await buildRegistration(t.db.models, { event, listed, state })
      const res = await call<Ticket>(t, 'GET', `/api/registrations/${reg._id}/ticket`, { token: member.token })
      expect(res.status).toBe(200)
      expect(res.body.pass).toBeUndefined()
      expect(res.body.note).toMatch(note)
    }
    const called = await buildEvent(t.db.models, { state: 'cancelled' })
    const reg = await buildRegistration(t.db.models, { event: called, listed })
    const res = await call<Ticket>(t, 'GET', `/api/registrations/${reg._id}/ticket`, { token: member.token })
    expect(res.body).toMatchObject({ note: '活动已取消' })
    expect(res.body.pass).toBeUndefined()
  })
})

describe('第二十条 check-in by the office', () => {
  test('typing the short code checks the attendee in once; a second time answers when and by whom, with no second record', async () => {
    const event = await buildEvent(t.db.models)
    const reg = await buildRegistration(t.db.models, { event, listed, name: '赵到场' })
    const first = await checkIn(event._id, ` ${reg.checkInCode.toLowerCase()} `)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({
      outcome: 'checked_in',
      attendee: { name: '赵到场', organizationName: listed.listed.name, state: 'attended', checkedInBy: '王签到' },
      counts: { attended: 1, confirmed: 0 },
    })
    const second = await checkIn(event._id, reg.checkInCode)
    expect(second.status).toBe(200)
    expect(second.body.outcome).toBe('already_checked_in')
    expect(second.body.message).toMatch(/已签到（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}，由 王签到 办理）/)
    expect(second.body.attendee.checkedInAt).toBe(first.body.attendee.checkedInAt)

    const stored = (await t.db.models.Registration.findById(reg._id).lean())!
    expect(stored.history.map((h) => h.state)).toEqual(['confirmed', 'attended'])
    expect(stored.checkedInBy?.toHexString()).toBe(office.id)
    expect(await t.db.models.Audit.countDocuments({ action: 'registration.checkIn', 'resource.id': reg._id.toHexString() })).toBe(1)
  })

  test('scanning the ticket checks in; ten scans at once record one check-in', async () => {
    const event = await buildEvent(t.db.models)
    const reg = await buildRegistration(t.db.models, { event, listed })
    const ticket = await call<Ticket>(t, 'GET', `/api/registrations/${reg._id}/ticket`, { token: member.token })
    const token = ticket.body.pass!.token
    const results = await Promise.all(Array.from({ length: 10 }, () => checkIn(event._id, token)))
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(results.filter((r) => r.body.outcome === 'checked_in')).toHaveLength(1)
    expect(new Set(results.map((r) => r.body.attendee.checkedInAt)).size).toBe(1)
    expect(await t.db.models.Audit.countDocuments({ action: 'registration.checkIn', 'resource.id': reg._id.toHexString() })).toBe(1)
  })

  test('a forged, altered or foreign token is refused with its own code', async () => {
    const event = await buildEvent(t.db.models)
    const other = await buildEvent(t.db.models)
    const reg = await buildRegistration(t.db.models, { event, listed })
    const foreign = await buildRegistration(t.db.models, { event: other, listed })
    const token = (await call<Ticket>(t, 'GET', `/api/registrations/${foreign._id}/ticket`, { token: member.token })).body.pass!.token
    expect(await checkIn(event._id, token)).toMatchObject({ status: 422, body: failure('CHECKIN_WRONG_EVENT') })

    const own = (await call<Ticket>(t, 'GET', `/api/registrations/${reg._id}/ticket`, { token: member.token })).body.pass!.token
    const [header, payload, signature] = own.split('.') as [string, string, string]
    // The payload swapped for another registration's, the signature kept.
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    const swapped = Buffer.from(JSON.stringify({ ...claims, sub: foreign._id.toHexString() })).toString('base64url')
    expect(await checkIn(event._id, `${header}.${swapped}.${signature}`)).toMatchObject({ status: 422, body: failure('CHECKIN_TOKEN_INVALID') })
    // alg none, no signature.
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')
    expect(await checkIn(event._id, `${none}.${payload}.x`)).toMatchObject({ status: 422, body: failure('CHECKIN_TOKEN_INVALID') })
    expect(await checkIn(event._id, `${header}.${payload}.${signature.slice(0, -2)}AA`)).toMatchObject({ status: 422, body: failure('CHECKIN_TOKEN_INVALID') })
    // None of it checked anyone in.
    expect((await t.db.models.Registration.findById(reg._id).lean())!.state).toBe('confirmed')
  })

  test('a code this event does not have is 404; a code of another event is not accepted here', async () => {
    const event = await buildEvent(t.db.models)
    const other = await buildEvent(t.db.models)
    const foreign = await buildRegistration(t.db.models, { event: other, listed })
    expect(await checkIn(event._id, 'ZZZZ9999')).toMatchObject({ status: 404, body: failure('CHECKIN_CODE_UNKNOWN') })
    expect(await checkIn(event._id, foreign.checkInCode)).toMatchObject({ status: 404, body: failure('CHECKIN_CODE_UNKNOWN') })
    expect(await checkIn(new mongoose.Types.ObjectId(), foreign.checkInCode)).toMatchObject({ status: 404, body: failure('EVENT_NOT_FOUND') })
    expect((await checkIn(event._id, '')).status).toBe(400)
  })

  test('a waitlisted, cancelled or no-show registration holds no seat and is not checked in', async () => {
    const event = await buildEvent(t.db.models)
    const messages = { waitlisted: /候补/, cancelled: /已取消/, no_show: /未到场/ } as const
    for (const [state, message] of Object.entries(messages)) {
      const reg = await buildRegistration(t.db.models, { event, listed, state: state as keyof typeof messages })
      const res = await checkIn(event._id, reg.checkInCode)
      expect(res).toMatchObject({ status: 409, body: { error: { code: 'CHECKIN_NOT_ADMITTED', currentState: state } } })
      expect(res.body.error.message).toMatch(message)
    }
  })

  test('not before the event day, not at a draft, held or cancelled event', async () => {
    const tomorrow = await buildEvent(t.db.models, { startsInHours: 48 })
    const early = await buildRegistration(t.db.models, { event: tomorrow, listed })
    const res = await checkIn(tomorrow._id, early.checkInCode)
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'CHECKIN_NOT_OPEN' } } })
    expect(res.body.error.message).toMatch(/活动当天起方可签到（\d{4}年/)
    for (const state of ['draft', 'held', 'cancelled'] as const) {
      const event = await buildEvent(t.db.models, { state })
      const reg = await buildRegistration(t.db.models, { event, listed })
      expect(await checkIn(event._id, reg.checkInCode)).toMatchObject({ status: 409, body: { error: { code: 'CHECKIN_CLOSED', currentState: state } } })
    }
  })

  test('the board shows the counts and the latest arrivals, and whether check-in and no-shows are open', async () => {
    const event = await buildEvent(t.db.models)
    const regs = await Promise.all([1, 2, 3].map((i) => buildRegistration(t.db.models, { event, listed, name: `签到${i}` })))
    await buildRegistration(t.db.models, { event, listed, state: 'waitlisted' })
    for (const reg of regs.slice(0, 2)) expect((await checkIn(event._id, reg.checkInCode)).status).toBe(200)
    const board = await call(t, 'GET', `/api/office/events/${event._id}/check-in`, { token: office.token })
    expect(board.status).toBe(200)
    expect(board.body).toMatchObject({
      event: { id: event._id.toHexString(), title: event.title, state: 'published' },
      canCheckIn: true,
      canMarkNoShows: false,
      counts: { confirmed: 1, attended: 2, waitlisted: 1, noShow: 0, cancelled: 0 },
    })
    expect(board.body.recent.map((a: { name: string }) => a.name)).toEqual(['签到2', '签到1'])
    expect((await call(t, 'GET', `/api/office/events/${event._id}/check-in`, { token: member.token })).status).toBe(403)
  })
})

describe('第二十条 after the event: no-shows, and the attendance list as xlsx', () => {
  test('the remaining confirmed become no-shows, once; not before the end', async () => {
    const running = await buildEvent(t.db.models)
    expect(await call(t, 'POST', `/api/office/events/${running._id}/no-shows`, { token: office.token })).toMatchObject({ status: 409, body: { error: { code: 'NO_SHOWS_TOO_EARLY' } } })

    const event = await buildEvent(t.db.models, { startsInHours: -6, hours: 3 })
    const came = await buildRegistration(t.db.models, { event, listed, name: '来了' })
    const absent = await Promise.all([1, 2].map(() => buildRegistration(t.db.models, { event, listed })))
    await buildRegistration(t.db.models, { event, listed, state: 'waitlisted' })
    expect((await checkIn(event._id, came.checkInCode)).body.outcome).toBe('checked_in')
    const marked = await call(t, 'POST', `/api/office/events/${event._id}/no-shows`, { token: office.token })
    expect(marked).toMatchObject({ status: 200, body: { marked: 2, counts: { attended: 1, noShow: 2, confirmed: 0, waitlisted: 1 } } })
    expect(await call(t, 'POST', `/api/office/events/${event._id}/no-shows`, { token: office.token })).toMatchObject({ status: 200, body: { marked: 0 } })
    for (const reg of absent) {
      const stored = (await t.db.models.Registration.findById(reg._id).lean())!
      expect(stored.state).toBe('no_show')
      expect(await t.db.models.Audit.countDocuments({ action: 'registration.markNoShow', 'resource.id': reg._id.toHexString() })).toBe(1)
    }
    // A late arrival after the marking is refused, not silently recorded.
    expect((await checkIn(event._id, absent[0]!.checkInCode)).body.error.code).toBe('CHECKIN_NOT_ADMITTED')

    const cancelled = await buildEvent(t.db.models, { state: 'cancelled', startsInHours: -6, hours: 3 })
    expect(await call(t, 'POST', `/api/office/events/${cancelled._id}/no-shows`, { token: office.token })).toMatchObject({ status: 409, body: { error: { code: 'STATE_CONFLICT' } } })
  })

  test('the attendance list exports with who, for whom, state and check-in, and the export is audited', async () => {
    const event = await buildEvent(t.db.models, { title: '导出测试交流会' })
    const reg = await buildRegistration(t.db.models, { event, listed, name: '钱导出' })
    await buildRegistration(t.db.models, { event, name: '孙公众' })
    await checkIn(event._id, reg.checkInCode)
    const res = await fetch(`${t.base}/api/office/events/${event._id}/attendance/export`, { headers: { authorization: `Bearer ${office.token}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never)
    const sheet = book.getWorksheet('参会名单')!
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['单位', '姓名', '职务', '手机', '状态', '签到时间（北京时间）', '签到工作人员', '报名时间（北京时间）'])
    const rows = [2, 3].map((i) => (sheet.getRow(i).values as unknown[]).slice(1))
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.arrayContaining([listed.listed.name, '钱导出', '质量部部长', '13800138000', '已签到', expect.stringMatching(/年/), '王签到']),
        expect.arrayContaining(['公众报名', '孙公众', '已确认', '']),
      ]),
    )
    expect(await t.db.models.Audit.findOne({ action: 'event.exportAttendance', 'resource.id': event._id.toHexString() }).lean()).toMatchObject({ reason: '2 条' })
  })
})
