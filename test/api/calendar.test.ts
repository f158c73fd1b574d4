import { inShanghai } from '@zlbg/shared'
import { seedDemoCalendar } from '../../server/src/seed/demoCalendar'
import { browserUser, call, failure, wechatUser } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

/**
 * The working-day calendar (第十八条 counts the publicity window in working days): the library's
 * years, the office's confirmed years over them (audited), and the window preview the office sees
 * before starting publicity. Fixed dates are past years the library carries, or 2099 — a year no
 * one has confirmed whatever day the suite runs on.
 */
let t: TestServer
let office: Awaited<ReturnType<typeof browserUser>>
beforeAll(async () => {
  t = await startTestServer('calendar')
  office = await browserUser(t, ['office'], { displayName: '钱办公室' })
})
afterAll(() => t.close())

const preview = (start: string, token = office.token) => call(t, 'GET', `/api/office/calendar/publicity-window?start=${start}`, { token })
const confirm = (year: number, body: unknown, token = office.token) => call(t, 'PUT', `/api/office/calendar/${year}`, { token, body })
const ARRANGEMENT_2099 = {
  holidays: [
    { date: '2099-01-01', name: '元旦' },
    { date: '2099-01-02', name: '元旦' },
  ],
  workdays: [{ date: '2099-01-10', name: '元旦' }],
  basis: '测试用安排（非国务院通知）',
}

test('the overview lists the library years, this year and the next, with their source', async () => {
  const res = await call(t, 'GET', '/api/office/calendar', { token: office.token })
  expect(res.status).toBe(200)
  expect(res.body.library).toEqual({ name: 'chinese-days', version: '1.5.7' })
  const years = new Map(res.body.years.map((y: { year: number }) => [y.year, y]))
  expect(years.get(2025)).toEqual({ year: 2025, source: 'library', libraryCovers: true, holidayCount: expect.any(Number), workdayCount: 5 })
  const thisYear = inShanghai(new Date()).year()
  expect(years.has(thisYear)).toBe(true)
  expect(years.has(thisYear + 1)).toBe(true)
  // Newest first.
  expect(res.body.years[0].year).toBeGreaterThanOrEqual(thisYear + 1)
})

test('a library year shows its holidays and make-up working days', async () => {
  const res = await call(t, 'GET', '/api/office/calendar/2025', { token: office.token })
  expect(res.status).toBe(200)
  expect(res.body).toMatchObject({ year: 2025, source: 'library', libraryCovers: true })
  expect(res.body.workdays).toContainEqual({ date: '2025-10-11', name: '国庆节' })
  expect(res.body.holidays).toContainEqual({ date: '2025-10-01', name: '国庆节' })
  // Every year the library carries is served as it is, 2015's 70th-anniversary day (a long name) included.
  const overview = (await call(t, 'GET', '/api/office/calendar', { token: office.token })).body
  for (const { year } of overview.years.filter((y: { source: string }) => y.source === 'library')) {
    expect((await call(t, 'GET', `/api/office/calendar/${year}`, { token: office.token })).status).toBe(200)
  }
  const y2015 = (await call(t, 'GET', '/api/office/calendar/2015', { token: office.token })).body
  expect(y2015.holidays).toContainEqual({ date: '2015-09-03', name: '中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日' })
  const none = await call(t, 'GET', '/api/office/calendar/2099', { token: office.token })
  expect(none.body).toEqual({ year: 2099, source: 'none', libraryCovers: false, holidayCount: 0, workdayCount: 0, holidays: [], workdays: [] })
})

describe('第十八条 the publicity window preview', () => {
  test('国庆 2025: the 调休 Sunday counts, the end closes at 23:59:59.999 Beijing time', async () => {
    const res = await preview('2025-09-26')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      startDay: '2025-09-26',
      endDay: '2025-10-09',
      closesAt: '2025-10-09T15:59:59.999Z',
      workingDays: ['2025-09-26', '2025-09-28', '2025-09-29', '2025-09-30', '2025-10-09'],
    })
  })
  test('a holiday start is refused (422) with the next working day named', async () => {
    const res = await preview('2025-10-01')
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('PUBLICITY_START_NOT_WORKDAY')
    expect(res.body.error.message).toContain('2025年10月9日')
  })
  test('a year nobody confirmed is refused (409) naming the year', async () => {
    const res = await preview('2099-03-02')
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('WORKDAY_YEAR_UNCONFIRMED')
    expect(res.body.error.message).toContain('2099年')
  })
  test('an impossible date is a validation failure', async () => {
    expect((await preview('2025-02-30')).status).toBe(400)
    expect((await preview('tomorrow')).status).toBe(400)
  })
})

describe('the office confirms a year', () => {
  test('a broken arrangement is refused with the fields, and nothing is stored', async () => {
    const res = await confirm(2099, { ...ARRANGEMENT_2099, workdays: [{ date: '2099-01-05', name: '元旦' }], holidays: [{ date: '2098-12-31', name: '元旦' }] })
    expect(res.status).toBe(422)
    expect(res.body).toEqual(
      failure('CALENDAR_ARRANGEMENT_INVALID', {
        fields: [
          { path: 'holidays.0.date', message: expect.stringContaining('不在 2099 年内') },
          { path: 'workdays.0.date', message: expect.stringContaining('周六或周日') },
        ],
      }),
    )
    expect(await t.db.models.WorkdayYear.countDocuments({ year: 2099 })).toBe(0)
    expect((await confirm(2099, { ...ARRANGEMENT_2099, extra: 1 })).status).toBe(400)
    expect((await confirm(2099, { ...ARRANGEMENT_2099, holidays: [] })).status).toBe(400)
  })

  test('a confirmed year is the office\'s, names who confirmed it, is audited, and windows use it', async () => {
    const res = await confirm(2099, ARRANGEMENT_2099)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      year: 2099,
      source: 'office',
      libraryCovers: false,
      confirmation: { by: '钱办公室', at: expect.any(String), basis: '测试用安排（非国务院通知）' },
      holidays: ARRANGEMENT_2099.holidays,
      workdays: ARRANGEMENT_2099.workdays,
    })
    const audit = await t.db.models.Audit.find({ action: 'calendar.confirmYear', 'resource.id': '2099' }).lean()
    expect(audit).toHaveLength(1)
    expect(audit[0]!.to).toContain('01-01元旦')
    expect(audit[0]!.actor.displayName).toBe('钱办公室')
    // 2099-01-01 is a Thursday: Thu/Fri off, the 调休 Saturday 10 January counts.
    const w = await preview('2099-01-05')
    expect(w.body).toMatchObject({ endDay: '2099-01-09' })
    const w2 = await preview('2099-01-08')
    expect(w2.body.workingDays).toEqual(['2099-01-08', '2099-01-09', '2099-01-10', '2099-01-12', '2099-01-13'])
    expect((await preview('2099-01-01')).body.error).toMatchObject({ code: 'PUBLICITY_START_NOT_WORKDAY', message: expect.stringContaining('2099年1月5日') })
  })

  test('re-confirming a library year makes the office\'s list win, shown beside the library\'s; audited from → to', async () => {
    const library = (await call(t, 'GET', '/api/office/calendar/2024', { token: office.token })).body
    // The office takes out one holiday (as if the notice differed): 2024-10-07 (Monday) becomes a working day.
    const holidays = library.holidays.filter((d: { date: string }) => d.date !== '2024-10-07')
    const res = await confirm(2024, { holidays, workdays: library.workdays, basis: '国办发明电〔2023〕7号（办公室复核）' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ source: 'office', libraryCovers: true, holidayCount: holidays.length })
    expect(res.body.library.holidays).toContainEqual({ date: '2024-10-07', name: '国庆节' })
    expect((await preview('2024-10-07')).body).toMatchObject({ startDay: '2024-10-07' })
    const again = await confirm(2024, { holidays: library.holidays, workdays: library.workdays, basis: '国办发明电〔2023〕7号' })
    expect(again.status).toBe(200)
    expect((await preview('2024-10-07')).status).toBe(422)
    const audit = await t.db.models.Audit.find({ action: 'calendar.confirmYear', 'resource.id': '2024' }).sort({ at: 1 }).lean()
    expect(audit).toHaveLength(2)
    expect(audit[1]!.from).toContain('国办发明电〔2023〕7号（办公室复核）')
    const overview = await call(t, 'GET', '/api/office/calendar', { token: office.token })
    expect(overview.body.years.find((y: { year: number }) => y.year === 2024)).toMatchObject({ source: 'office', confirmation: { by: '钱办公室' } })
  })

  test('only the office: an organization member is refused', async () => {
    const member = await wechatUser(t)
    expect((await call(t, 'GET', '/api/office/calendar', { token: member.token })).status).toBe(403)
    expect((await confirm(2099, ARRANGEMENT_2099, member.token)).status).toBe(403)
    expect((await preview('2025-09-26', member.token)).status).toBe(403)
  })
})

test('npm start: the demo confirms the latest library year again, unchanged and labelled as demo', async () => {
  const demo = await startTestServer('calendar-demo')
  try {
    const year = await seedDemoCalendar(demo.db.models)
    expect(year).toBeLessThanOrEqual(inShanghai(new Date()).year())
    const token = (await browserUser(demo, ['office'])).token
    const view = (await call(demo, 'GET', `/api/office/calendar/${year}`, { token })).body
    expect(view).toMatchObject({ source: 'office', libraryCovers: true, confirmation: { by: '演示数据', basis: expect.stringContaining('演示数据') } })
    // The library's own arrangement, not an invented one.
    expect(view.holidays).toEqual(view.library.holidays)
    expect(view.workdays).toEqual(view.library.workdays)
    expect(await seedDemoCalendar(demo.db.models)).toBeUndefined()
  } finally {
    await demo.close()
  }
})
