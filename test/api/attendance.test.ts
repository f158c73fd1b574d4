import ExcelJS from 'exceljs'
import type { AttendancePage, AttendanceReminderResult, AttendanceRow } from '@zlbg/shared'
import { attendanceOf } from '../../server/src/commands/attendance/attendanceOf'
import { browserUser, call, wechatUser } from '../support/api'
import { buildEvent, buildListedOrganization, buildRegistration } from '../support/checkinFactories'
import { thisYear } from '../support/factories'
import { startTestServer, type TestServer } from '../support/server'

/**
 * 第二十条: 质量标杆典型经验所在组织有义务参加中国质量协会举办的经验交流活动. Four listed organizations
 * and a handful of events around the period's edges; the counts each should get are worked out by hand
 * in the comments.
 */
let t: TestServer
let office: { id: string; token: string }
const Y = thisYear()
const DAY = 24
const orgs: Record<'attends' | 'noShow' | 'silent' | 'imported', Awaited<ReturnType<typeof buildListedOrganization>>> = {} as never
const members: Record<'attends' | 'noShow' | 'silent', { id: string; token: string }[]> = {} as never

beforeAll(async () => {
  t = await startTestServer('attendance')
  office = await browserUser(t, ['office'])
  const m = t.db.models
  members.attends = [await wechatUser(t)]
  members.noShow = [await wechatUser(t)]
  members.silent = [await wechatUser(t), await wechatUser(t)]
  orgs.attends = await buildListedOrganization(m, { years: [Y - 1], memberIds: members.attends.map((u) => u.id), name: '甲·按时参会有限公司' })
  orgs.noShow = await buildListedOrganization(m, { years: [Y - 1], memberIds: members.noShow.map((u) => u.id), name: '乙·报名未到有限公司' })
  orgs.silent = await buildListedOrganization(m, { years: [Y - 2], memberIds: members.silent.map((u) => u.id), name: '丙·从未报名有限公司' })
  orgs.imported = await buildListedOrganization(m, { years: [Y - 2], memberIds: null, name: '丁·早年导入有限公司' })

  // 60 days ago, for last year's listees only: offered to 甲 and 乙; 甲 attended, 乙 a no-show.
  const forLastYear = await buildEvent(m, { state: 'held', startsInHours: -60 * DAY, listedYears: [Y - 1] })
  await buildRegistration(m, { event: forLastYear, listed: orgs.attends, state: 'attended' })
  await buildRegistration(m, { event: forLastYear, listed: orgs.attends, state: 'attended' })
  await buildRegistration(m, { event: forLastYear, listed: orgs.noShow, state: 'no_show' })
  // 30 days ago, for every listed organization: offered to all four; 乙 registered then cancelled.
  const forAll = await buildEvent(m, { state: 'held', startsInHours: -30 * DAY })
  await buildRegistration(m, { event: forAll, listed: orgs.noShow, state: 'cancelled' })
  // 15 months ago, outside a 12-month period: 丙 attended it (its registration through the account-side organization only).
  const longAgo = await buildEvent(m, { state: 'held', startsInHours: -456 * DAY, listedYears: [Y - 2] })
  await buildRegistration(m, { event: longAgo, listed: orgs.silent, accountOnly: true, state: 'attended' })
  // Never counted: a draft, a cancelled event.
  await buildEvent(m, { state: 'draft', startsInHours: -10 * DAY })
  const called = await buildEvent(m, { state: 'cancelled', startsInHours: -10 * DAY })
  await buildRegistration(m, { event: called, listed: orgs.silent, state: 'cancelled' })
})
afterAll(() => t.close())

const ids = () => Object.values(orgs).map((o) => o.listed._id.toHexString())
const rowOf = (page: AttendancePage, key: keyof typeof orgs) => page.items.find((r: AttendanceRow) => r.listedOrganizationId === orgs[key].listed._id.toHexString())

describe('第二十条 attendanceOf: offered, registered, attended per listed organization', () => {
  test('over all time', async () => {
    const all = await attendanceOf(t.db.models, ids())
    const get = (k: keyof typeof orgs) => all.get(orgs[k].listed._id.toHexString())
    expect(get('attends')).toMatchObject({ offered: 2, registered: 1, attended: 1 })
    expect(get('noShow')).toMatchObject({ offered: 2, registered: 1, attended: 0 })
    expect(get('silent')).toMatchObject({ offered: 2, registered: 1, attended: 1 })
    expect(get('imported')).toMatchObject({ offered: 2, registered: 0, attended: 0 })
    expect(get('attends')!.lastAttendedAt!.getTime()).toBeLessThan(Date.now() - 59 * DAY * 3600_000)
  })

  test('over a period; ids that name nothing are left out', async () => {
    const from = new Date(Date.now() - 365 * DAY * 3600_000)
    const year = await attendanceOf(t.db.models, [...ids(), '0123456789abcdef01234567', 'not-an-id'], { from })
    expect(year.size).toBe(4)
    expect(year.get(orgs.silent.listed._id.toHexString())).toEqual({ offered: 1, registered: 0, attended: 0 })
  })
})

describe('第二十条 the office’s obligation view', () => {
  test('the last 12 months: who attended nothing comes first; filtered to the absent', async () => {
    const res = await call<AttendancePage>(t, 'GET', '/api/office/attendance?months=12', { token: office.token })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ total: 4, absentTotal: 3, period: { months: 12 } })
    expect(res.body.items.slice(0, 3).every((r) => r.attended === 0)).toBe(true)
    expect(res.body.items.at(-1)!.name).toBe('甲·按时参会有限公司')
    expect(rowOf(res.body, 'attends')).toMatchObject({ offered: 2, registered: 1, attended: 1, reachable: true, years: [Y - 1] })
    expect(rowOf(res.body, 'noShow')).toMatchObject({ offered: 2, registered: 1, attended: 0 })
    expect(rowOf(res.body, 'silent')).toMatchObject({ offered: 1, registered: 0, attended: 0, reachable: true })
    expect(rowOf(res.body, 'imported')).toMatchObject({ offered: 1, attended: 0, reachable: false })

    const absent = await call<AttendancePage>(t, 'GET', '/api/office/attendance?months=12&absent=true&pageSize=2', { token: office.token })
    expect(absent.body).toMatchObject({ total: 3, absentTotal: 3, pageSize: 2 })
    expect(absent.body.items).toHaveLength(2)
    expect(absent.body.items.every((r) => r.attended === 0)).toBe(true)

    // By name, ignoring spaces, punctuation and case; the absent total stays the view's.
    const found = await call<AttendancePage>(t, 'GET', `/api/office/attendance?q=${encodeURIComponent(' 丙 从未报名 ')}`, { token: office.token })
    expect(found.body).toMatchObject({ total: 1, absentTotal: 3 })
    expect(found.body.items[0]!.name).toBe('丙·从未报名有限公司')
  })

  test('a longer period counts the older event', async () => {
    const res = await call<AttendancePage>(t, 'GET', '/api/office/attendance?months=24', { token: office.token })
    expect(rowOf(res.body, 'silent')).toMatchObject({ offered: 2, attended: 1 })
    expect(res.body.absentTotal).toBe(2)
  })

  test('members of listed organizations and the public do not see it', async () => {
    expect((await call(t, 'GET', '/api/office/attendance', { token: members.attends[0]!.token })).status).toBe(403)
    expect((await call(t, 'GET', '/api/office/attendance')).status).toBe(401)
  })
})

describe('第二十条 reminding the absent', () => {
  test('each member of each absent organization is told once; attended, unreachable and unlisted ones are skipped with the reason; a retry sends nothing more', async () => {
    const body = { idempotencyKey: 'remind-test-0001', months: 12, listedOrganizationIds: [...ids(), ids()[1]!] }
    const first = await call<AttendanceReminderResult>(t, 'POST', '/api/office/attendance/reminders', { token: office.token, body })
    expect(first.status).toBe(201)
    expect(first.body.reminded.map((r) => [r.name, r.recipients])).toEqual([
      ['乙·报名未到有限公司', 1],
      ['丙·从未报名有限公司', 2],
    ])
    expect(first.body.skipped.map((s) => [s.name, s.reason, s.reasonLabel])).toEqual([
      ['甲·按时参会有限公司', 'attended', '统计期内已参加活动'],
      ['丁·早年导入有限公司', 'unreachable', '系统中没有该组织的成员'],
    ])
    const told = [...members.noShow, ...members.silent].map((u) => u.id)
    const outbox = await t.db.models.Outbox.find({ kind: 'attendance.reminder' }).lean()
    expect(outbox.filter((o) => o.channel === 'inapp').map((o) => o.recipientUserId.toHexString()).sort()).toEqual([...told].sort())
    expect(outbox.every((o) => o.content.link === '/pages/events/index' && /第二十条/.test(o.content.body))).toBe(true)
    expect(outbox.filter((o) => o.channel === 'wechat_subscribe').every((o) => o.template === 'event_reminder')).toBe(true)

    const again = await call<AttendanceReminderResult>(t, 'POST', '/api/office/attendance/reminders', { token: office.token, body })
    expect(again.body.id).toBe(first.body.id)
    expect(await t.db.models.Outbox.countDocuments({ kind: 'attendance.reminder' })).toBe(outbox.length)
    expect(await t.db.models.Audit.countDocuments({ action: 'attendanceReminder.create', 'resource.id': first.body.id })).toBe(1)

    // The view shows when each was last reminded.
    const view = await call<AttendancePage>(t, 'GET', '/api/office/attendance?months=12', { token: office.token })
    expect(rowOf(view.body, 'silent')!.lastRemindedAt).toBe(first.body.createdAt)
    expect(rowOf(view.body, 'attends')!.lastRemindedAt).toBeUndefined()
  })

  test('two racing taps with one key make one reminder', async () => {
    const body = { idempotencyKey: 'remind-race-0001', months: 6, listedOrganizationIds: [orgs.silent.listed._id.toHexString()] }
    const before = await t.db.models.Outbox.countDocuments({ kind: 'attendance.reminder' })
    const results = await Promise.all([1, 2, 3].map(() => call<AttendanceReminderResult>(t, 'POST', '/api/office/attendance/reminders', { token: office.token, body })))
    expect(results.map((r) => r.status)).toEqual([201, 201, 201])
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1)
    // Two members, each an in-app message and a subscription message.
    expect(await t.db.models.Outbox.countDocuments({ kind: 'attendance.reminder' })).toBe(before + 4)
  })

  test('a bad request names the field', async () => {
    const res = await call(t, 'POST', '/api/office/attendance/reminders', { token: office.token, body: { idempotencyKey: 'remind-x-001', months: 12, listedOrganizationIds: [] } })
    expect(res.status).toBe(400)
    expect(res.body.error.fields[0].path).toBe('body.listedOrganizationIds')
  })
})

test('第二十条 the obligation view exports as xlsx, audited', async () => {
  const res = await fetch(`${t.base}/api/office/attendance/export?months=12&absent=true`, { headers: { authorization: `Bearer ${office.token}` } })
  expect(res.status).toBe(200)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never)
  const sheet = book.getWorksheet('参会义务')!
  const header = (sheet.getRow(1).values as unknown[]).slice(1)
  expect(header[0]).toBe('入选组织')
  expect(String(header[2])).toMatch(/^应邀活动数（\d{4}年/)
  expect(sheet.rowCount).toBe(4)
  const names = [2, 3, 4].map((i) => String((sheet.getRow(i).values as unknown[])[1]))
  expect(names.sort()).toEqual(['丁·早年导入有限公司', '丙·从未报名有限公司', '乙·报名未到有限公司'].sort())
  expect(await t.db.models.Audit.findOne({ action: 'attendance.export' }).lean()).toMatchObject({ reason: '3 条' })
})
