import { getDayDetail, getHolidaysInRange, getWorkdaysInRange } from 'chinese-days'
import {
  buildWorkCalendar,
  inShanghai,
  publicityWindow,
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  sortDays,
  weekdayOf,
  type CalendarDay,
  type CalendarYear,
  type CalendarYearSummary,
  type PublicityWindow,
  type WorkCalendar,
} from '@zlbg/shared'
import { AppError } from '../../http/errors'
import type { Models } from '../../models'
import type { WorkdayYearRecord } from '../../models/workdays'

// The package has no exports map, so its manifest is readable; the office sees which release "library" means.
const { version } = require('chinese-days/package.json') as { version: string }
export const WORKDAY_LIBRARY = { name: 'chinese-days', version } as const

interface Arrangement {
  year: number
  holidays: CalendarDay[]
  workdays: CalendarDay[]
}

/** "Spring Festival,春节,4" → 春节 */
const chineseName = (detail: string) => detail.split(',')[1] ?? detail

let libraryYears: Map<number, Arrangement> | undefined
/**
 * The arrangements the installed chinese-days carries, by year. A year is covered when the library
 * lists any statutory holiday in it (every year has 元旦); for any other year its answers are plain
 * weekdays, which is exactly the guess 第十八条's window must not rest on.
 */
export function libraryArrangements(): ReadonlyMap<number, Arrangement> {
  if (libraryYears) return libraryYears
  libraryYears = new Map()
  for (let year = CALENDAR_MIN_YEAR; year <= CALENDAR_MAX_YEAR; year++) {
    const from = `${year}-01-01`
    const to = `${year}-12-31`
    const holidays = getHolidaysInRange(from, to, false).map((date) => ({ date, name: chineseName(getDayDetail(date).name) }))
    if (holidays.length === 0) continue
    const workdays = getWorkdaysInRange(from, to, true)
      .filter((date) => weekdayOf(date) === 0 || weekdayOf(date) === 6)
      .map((date) => ({ date, name: chineseName(getDayDetail(date).name) }))
    libraryYears.set(year, { year, holidays, workdays })
  }
  return libraryYears
}

/** The library's years only (what tests and a server without office overrides use). */
export const libraryCalendar = (): WorkCalendar => buildWorkCalendar([...libraryArrangements().values()])

const officeYears = (models: Models) => models.WorkdayYear.find({}, { pendingEffects: 0 }).sort({ _id: 1 }).lean<WorkdayYearRecord[]>()

/** The calendar 第十八条's window is computed on: the office's confirmed years over the library's. */
export async function workCalendar(models: Models): Promise<WorkCalendar> {
  const years = new Map(libraryArrangements())
  for (const doc of await officeYears(models)) years.set(doc.year, doc)
  return buildWorkCalendar([...years.values()])
}

function summary(year: number, library: Arrangement | undefined, office: WorkdayYearRecord | undefined): CalendarYearSummary {
  const used = office ?? library
  return {
    year,
    source: office ? 'office' : library ? 'library' : 'none',
    libraryCovers: !!library,
    ...(office ? { confirmation: { by: office.confirmedBy.displayName, at: office.confirmedAt.toISOString(), basis: office.basis } } : {}),
    holidayCount: used?.holidays.length ?? 0,
    workdayCount: used?.workdays.length ?? 0,
  }
}

/**
 * Every year the office may care about: those the library or the office has, and — so a missing
 * year shows before a window needs it — this year and the next (Asia/Shanghai).
 */
export async function calendarSummaries(models: Models, now: Date): Promise<CalendarYearSummary[]> {
  const library = libraryArrangements()
  const office = new Map((await officeYears(models)).map((d) => [d.year, d]))
  const thisYear = inShanghai(now).year()
  const years = [...new Set([...library.keys(), ...office.keys(), thisYear, thisYear + 1])].sort((a, b) => b - a)
  return years.map((y) => summary(y, library.get(y), office.get(y)))
}

export async function calendarYear(models: Models, year: number): Promise<CalendarYear> {
  const library = libraryArrangements().get(year)
  const office = (await models.WorkdayYear.findById(String(year), { pendingEffects: 0 }).lean<WorkdayYearRecord>()) ?? undefined
  const used = office ?? library
  return {
    ...summary(year, library, office),
    holidays: sortDays(used?.holidays ?? []),
    workdays: sortDays(used?.workdays ?? []),
    ...(office && library ? { library: { holidays: library.holidays, workdays: library.workdays } } : {}),
  }
}

/**
 * 第十八条: the publicity window starting on `startDay`, on the calendar as it stands — what the
 * office's preview shows and what starting publicity records. Refuses (409 WORKDAY_YEAR_UNCONFIRMED,
 * 422 PUBLICITY_START_NOT_WORKDAY) with the message naming the year or the next working day.
 */
export async function publicityWindowFrom(models: Models, startDay: string): Promise<PublicityWindow> {
  const result = publicityWindow(await workCalendar(models), startDay)
  if (!result.ok) throw new AppError(result.code, { message: result.message })
  const { ok: _ok, ...window } = result
  return window
}
