import { arrangementProblems, buildWorkCalendar, YearArrangementInputSchema, publicityWindow, PUBLICITY_WORKING_DAYS, type PublicityWindowResult } from '@zlbg/shared'
import { libraryArrangements } from '../../server/src/commands/calendar/calendarData'

// The real statutory calendar as chinese-days carries it, cut at 2026 so that a later release of the
// library covering 2027 cannot turn the "unconfirmed year" rows into passes.
const library = [...libraryArrangements().values()].filter((y) => y.year <= 2026)
const libraryOnly = buildWorkCalendar(library)
/** A made-up 2027 for the tests (元旦 on Friday 1 January), standing for an office-confirmed year. */
const office2027 = { year: 2027, holidays: [{ date: '2027-01-01', name: '元旦（测试安排）' }], workdays: [] }
const withOffice2027 = buildWorkCalendar([...library, office2027])

type Expect = { end: string; days?: string[] } | { unconfirmed: number } | { notWorking: string }
const cases: [string, ReturnType<typeof buildWorkCalendar>, string, Expect][] = [
  ['第十八条 an ordinary week: Monday + 4 working days ends Friday', libraryOnly, '2025-11-03', { end: '2025-11-07' }],
  ['第十八条 a Thursday start skips the weekend', libraryOnly, '2025-11-06', { end: '2025-11-12', days: ['2025-11-06', '2025-11-07', '2025-11-10', '2025-11-11', '2025-11-12'] }],
  ['第十八条 国庆 2025: the Sunday make-up day (调休) counts, 1–8 October do not', libraryOnly, '2025-09-26', { end: '2025-10-09', days: ['2025-09-26', '2025-09-28', '2025-09-29', '2025-09-30', '2025-10-09'] }],
  ['第十八条 国庆 2025: the 调休 Saturday 11 October counts', libraryOnly, '2025-10-09', { end: '2025-10-14', days: ['2025-10-09', '2025-10-10', '2025-10-11', '2025-10-13', '2025-10-14'] }],
  ['第十八条 春节 2026: the 调休 Saturday before counts, the nine days off do not', libraryOnly, '2026-02-12', { end: '2026-02-25', days: ['2026-02-12', '2026-02-13', '2026-02-14', '2026-02-24', '2026-02-25'] }],
  ['第十八条 春节 2025: 26 January (Sunday, 调休) is a working day to start on', libraryOnly, '2025-01-26', { end: '2025-02-07', days: ['2025-01-26', '2025-01-27', '2025-02-05', '2025-02-06', '2025-02-07'] }],
  ['第十八条 a start on a national holiday is refused with the next working day', libraryOnly, '2025-10-01', { notWorking: '2025-10-09' }],
  ['第十八条 a start on a plain Saturday is refused; the next working day is the 调休 Sunday', libraryOnly, '2025-09-27', { notWorking: '2025-09-28' }],
  ['第十八条 a start on a Sunday before an ordinary week is refused with Monday', libraryOnly, '2025-11-09', { notWorking: '2025-11-10' }],
  ['第十八条 year end into a confirmed year: 元旦 2026 and its 调休 Sunday 4 January', libraryOnly, '2025-12-29', { end: '2026-01-05', days: ['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-04', '2026-01-05'] }],
  ['第十八条 year end into a confirmed year: 元旦 2025 (Wednesday)', libraryOnly, '2024-12-27', { end: '2025-01-03', days: ['2024-12-27', '2024-12-30', '2024-12-31', '2025-01-02', '2025-01-03'] }],
  ['第十八条 year end into an unconfirmed year is refused naming it', libraryOnly, '2026-12-28', { unconfirmed: 2027 }],
  ['第十八条 year end into a year the office confirmed', withOffice2027, '2026-12-28', { end: '2027-01-04', days: ['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-04'] }],
  ['第十八条 a window wholly inside an unconfirmed year is refused naming it', libraryOnly, '2027-03-01', { unconfirmed: 2027 }],
  ['第十八条 the office year is used inside itself', withOffice2027, '2027-03-01', { end: '2027-03-05' }],
  ['第十八条 a year beyond the office year is still refused', withOffice2027, '2028-06-05', { unconfirmed: 2028 }],
]

describe('publicityWindow (第十八条: 5 working days, start day is day 1)', () => {
  test.each(cases)('%s', (_name, calendar, start, expected) => {
    const result: PublicityWindowResult = publicityWindow(calendar, start)
    if ('end' in expected) {
      if (!result.ok) throw new Error(`refused: ${result.message}`)
      expect(result.startDay).toBe(start)
      expect(result.endDay).toBe(expected.end)
      expect(result.workingDays).toHaveLength(PUBLICITY_WORKING_DAYS)
      expect(result.workingDays[0]).toBe(start)
      if (expected.days) expect(result.workingDays).toEqual(expected.days)
      // Closes at 23:59:59.999 Asia/Shanghai (UTC+8) of the fifth working day, stored in UTC.
      expect(result.closesAt).toBe(new Date(Date.parse(`${expected.end}T00:00:00Z`) + 16 * 3_600_000 - 1).toISOString())
    } else if ('unconfirmed' in expected) {
      expect(result).toMatchObject({ ok: false, code: 'WORKDAY_YEAR_UNCONFIRMED', year: expected.unconfirmed })
      if (!result.ok) expect(result.message).toContain(`${expected.unconfirmed}年`)
    } else {
      expect(result).toMatchObject({ ok: false, code: 'PUBLICITY_START_NOT_WORKDAY', nextWorkingDay: expected.notWorking })
      if (!result.ok) expect(result.message).toContain(`${Number(expected.notWorking.slice(5, 7))}月${Number(expected.notWorking.slice(8))}日`)
    }
  })

  test('第十八条 the window closes at 23:59:59.999 Beijing time: 2025-11-07 ends at 15:59:59.999Z', () => {
    expect(publicityWindow(libraryOnly, '2025-11-03')).toMatchObject({ ok: true, closesAt: '2025-11-07T15:59:59.999Z' })
  })

  test('第十八条 a non-working start whose next working day lies in an unconfirmed year names that year', () => {
    const only2026 = buildWorkCalendar(library.filter((y) => y.year === 2026))
    // 2026-12-31 is a Thursday; make it a holiday in a copy so the next working day falls in 2027.
    const y2026 = library.find((y) => y.year === 2026)!
    const cal = buildWorkCalendar([{ ...y2026, holidays: [...y2026.holidays, { date: '2026-12-31', name: '测试' }] }])
    expect(publicityWindow(only2026, '2026-12-26')).toMatchObject({ ok: false, code: 'PUBLICITY_START_NOT_WORKDAY', nextWorkingDay: '2026-12-28' })
    expect(publicityWindow(cal, '2026-12-31')).toMatchObject({ ok: false, code: 'WORKDAY_YEAR_UNCONFIRMED', year: 2027 })
  })
})

describe('the library years (chinese-days)', () => {
  test('covers the years it carries an arrangement for, and not the next one', () => {
    const years = [...libraryArrangements().keys()]
    expect(years).toEqual(expect.arrayContaining([2024, 2025, 2026]))
    expect(years).not.toContain(2099)
    // Every covered year has 元旦.
    for (const y of libraryArrangements().values()) expect(y.holidays.some((d) => d.date === `${y.year}-01-01`)).toBe(true)
  })
  test('every library year can be confirmed again by the office as it is (the form starts from it)', () => {
    for (const y of libraryArrangements().values()) {
      const input = { holidays: y.holidays, workdays: y.workdays, basis: '复核' }
      expect({ year: y.year, schema: YearArrangementInputSchema.safeParse(input).success, problems: arrangementProblems(y.year, input) }).toEqual({ year: y.year, schema: true, problems: [] })
    }
  })
  test('make-up working days are weekend days with the holiday they belong to', () => {
    expect(libraryArrangements().get(2025)!.workdays).toEqual([
      { date: '2025-01-26', name: '春节' },
      { date: '2025-02-08', name: '春节' },
      { date: '2025-04-27', name: '劳动节' },
      { date: '2025-09-28', name: '国庆节' },
      { date: '2025-10-11', name: '国庆节' },
    ])
  })
})

describe('arrangementProblems (what the office enters for a year)', () => {
  const day = (date: string, name = '元旦') => ({ date, name })
  test.each([
    ['a date outside the year', { holidays: [day('2026-01-01')], workdays: [] }, 'holidays.0.date', '不在 2027 年内'],
    ['a date listed twice', { holidays: [day('2027-01-01'), day('2027-01-01')], workdays: [] }, 'holidays.1.date', '已在节假日中录入'],
    ['a day both off and worked', { holidays: [day('2027-02-06', '春节')], workdays: [day('2027-02-06', '春节')] }, 'workdays.0.date', '已在节假日中录入'],
    ['a make-up working day on a weekday', { holidays: [day('2027-01-01')], workdays: [day('2027-01-04')] }, 'workdays.0.date', '调休上班日应为周六或周日'],
  ])('refuses %s', (_name, input, path, message) => {
    const problems = arrangementProblems(2027, input)
    expect(problems).toEqual([expect.objectContaining({ path, message: expect.stringContaining(message) })])
  })
  test('accepts a sound arrangement', () => {
    expect(arrangementProblems(2027, { holidays: [day('2027-01-01'), day('2027-01-02')], workdays: [day('2027-01-09')] })).toEqual([])
  })
})
