import { z } from 'zod'
import type { FieldError } from './errors'

/**
 * The PRC working-day calendar and the publicity window (第十八条: 公示期为 5 个工作日).
 *
 * Working days follow the statutory arrangement the State Council publishes late each year for the
 * next: public holidays (which may fall on weekdays or weekends) and weekend make-up working days
 * (调休上班). The server feeds these functions the arrangements it knows — from the `chinese-days`
 * library, or entered and confirmed by the office — and a computation that reaches a year neither
 * covers is refused, naming the year, never guessed from weekdays alone.
 */

/** 第十八条: the publicity lasts 5 working days. */
export const PUBLICITY_WORKING_DAYS = 5
/** The years the office may enter; the library's own range lies well inside. */
export const CALENDAR_MIN_YEAR = 2000
export const CALENDAR_MAX_YEAR = 2100

const LocalDate = z.iso.date('日期格式应为 YYYY-MM-DD')

export const CalendarDaySchema = z
  .strictObject({
    date: LocalDate,
    name: z.string().trim().min(1, '请填写名称，如「春节」').max(40, '名称不超过 40 字'),
  })
  .meta({ id: 'CalendarDay' })
export type CalendarDay = z.infer<typeof CalendarDaySchema>

/** One year's arrangement: the days off by law, and the weekend days worked in exchange. */
export const YearArrangementInputSchema = z
  .strictObject({
    holidays: z.array(CalendarDaySchema).min(1, '至少录入一天法定节假日（如元旦）').max(60, '节假日不超过 60 天'),
    workdays: z.array(CalendarDaySchema).max(20, '调休上班日不超过 20 天'),
    /** Where the arrangement comes from, e.g. the State Council notice's number. */
    basis: z.string().trim().min(1, '请填写依据，如国务院办公厅通知的文号').max(200, '依据不超过 200 字'),
  })
  .meta({ id: 'YearArrangementInput' })
export type YearArrangementInput = z.infer<typeof YearArrangementInputSchema>

export const CalendarYearParamsSchema = z.strictObject({
  year: z.coerce
    .number()
    .int('年份应为整数')
    .min(CALENDAR_MIN_YEAR, `年份不早于 ${CALENDAR_MIN_YEAR}`)
    .max(CALENDAR_MAX_YEAR, `年份不晚于 ${CALENDAR_MAX_YEAR}`),
})

export const CALENDAR_SOURCES = ['library', 'office', 'none'] as const
export type CalendarSource = (typeof CALENDAR_SOURCES)[number]
export const CALENDAR_SOURCE_LABELS: Record<CalendarSource, string> = {
  library: '节假日库',
  office: '办公室确认',
  none: '未确认',
}

const Instant = z.iso.datetime({ offset: true })
const ConfirmationSchema = z.strictObject({
  by: z.string().meta({ description: '确认人（办公室账号的显示名）' }),
  at: Instant,
  basis: z.string(),
})

export const CalendarYearSummarySchema = z
  .strictObject({
    year: z.number().int(),
    /** library: the installed chinese-days covers it; office: the office entered/confirmed it (it wins); none: unusable. */
    source: z.enum(CALENDAR_SOURCES),
    libraryCovers: z.boolean(),
    confirmation: ConfirmationSchema.optional(),
    holidayCount: z.number().int(),
    workdayCount: z.number().int(),
  })
  .meta({ id: 'CalendarYearSummary' })
export type CalendarYearSummary = z.infer<typeof CalendarYearSummarySchema>

export const CalendarOverviewSchema = z
  .strictObject({
    /** The library and its version, so the office knows what "library" means. */
    library: z.strictObject({ name: z.string(), version: z.string() }),
    years: z.array(CalendarYearSummarySchema),
  })
  .meta({ id: 'CalendarOverview' })
export type CalendarOverview = z.infer<typeof CalendarOverviewSchema>

export const CalendarYearSchema = CalendarYearSummarySchema.extend({
  holidays: z.array(CalendarDaySchema),
  workdays: z.array(CalendarDaySchema),
  /** When the office has confirmed a year the library also covers: the library's own list, to compare. */
  library: z.strictObject({ holidays: z.array(CalendarDaySchema), workdays: z.array(CalendarDaySchema) }).optional(),
}).meta({ id: 'CalendarYear' })
export type CalendarYear = z.infer<typeof CalendarYearSchema>

export const PublicityPreviewQuerySchema = z.strictObject({
  start: LocalDate.meta({ description: '公示开始日（北京时间的日期），须为工作日' }),
})

export const PublicityWindowSchema = z
  .strictObject({
    startDay: LocalDate,
    endDay: LocalDate,
    /** 23:59:59.999 Asia/Shanghai of the fifth working day, as a UTC instant. */
    closesAt: Instant,
    workingDays: z.array(LocalDate),
  })
  .meta({ id: 'PublicityWindow' })
export type PublicityWindow = z.infer<typeof PublicityWindowSchema>

// ---- the computation

/** What the computation is given: the arrangement of every year it may use (office over library). */
export interface WorkCalendar {
  years: ReadonlyMap<number, { holidays: ReadonlySet<string>; workdays: ReadonlySet<string> }>
}

export function buildWorkCalendar(years: readonly { year: number; holidays: readonly CalendarDay[]; workdays: readonly CalendarDay[] }[]): WorkCalendar {
  return {
    years: new Map(
      years.map((y) => [y.year, { holidays: new Set(y.holidays.map((d) => d.date)), workdays: new Set(y.workdays.map((d) => d.date)) }]),
    ),
  }
}

export type PublicityWindowResult =
  | ({ ok: true } & PublicityWindow)
  | { ok: false; code: 'WORKDAY_YEAR_UNCONFIRMED'; year: number; message: string }
  | { ok: false; code: 'PUBLICITY_START_NOT_WORKDAY'; nextWorkingDay: string; message: string }

const DAY_MS = 86_400_000
const yearOf = (day: string) => Number(day.slice(0, 4))
const toUtcMs = (day: string) => Date.UTC(yearOf(day), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)))
const fromUtcMs = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const addDays = (day: string, n: number) => fromUtcMs(toUtcMs(day) + n * DAY_MS)
/** 0 = Sunday … 6 = Saturday, of the calendar date itself (no time zone involved). */
export const weekdayOf = (day: string) => new Date(toUtcMs(day)).getUTCDay()
const isWeekend = (day: string) => weekdayOf(day) === 0 || weekdayOf(day) === 6

/** 2026年10月1日（周四） */
export function formatDay(day: string): string {
  return `${yearOf(day)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日（周${'日一二三四五六'[weekdayOf(day)]}）`
}

export const unconfirmedYearMessage = (year: number) =>
  `${year}年的法定节假日和调休安排尚未确认，无法计算工作日。请办公室在「工作日历」中录入并确认${year}年的安排（以国务院办公厅发布的通知为准）后再试`

/** Whether `day` is a working day, or the year it lies in when that year is not confirmed. */
export function workingDay(calendar: WorkCalendar, day: string): boolean | { unconfirmedYear: number } {
  const year = calendar.years.get(yearOf(day))
  if (!year) return { unconfirmedYear: yearOf(day) }
  if (year.workdays.has(day)) return true
  if (year.holidays.has(day)) return false
  return !isWeekend(day)
}

/** No real arrangement keeps 60 days in a row off; an office typo that would is refused, not looped on. */
const MAX_SCAN_DAYS = 60

/**
 * 第十八条: the publicity window that starts on `startDay` (YYYY-MM-DD, Asia/Shanghai): 5 working
 * days with the start day as day 1, closing at 23:59:59.999 Asia/Shanghai of the fifth. A start day
 * that is not a working day is refused with the next working day; a window that touches a year the
 * calendar does not confirm is refused naming that year.
 */
export function publicityWindow(calendar: WorkCalendar, startDay: string): PublicityWindowResult {
  const unconfirmed = (year: number) => ({ ok: false as const, code: 'WORKDAY_YEAR_UNCONFIRMED' as const, year, message: unconfirmedYearMessage(year) })
  const start = workingDay(calendar, startDay)
  if (typeof start === 'object') return unconfirmed(start.unconfirmedYear)
  if (!start) {
    for (let i = 1, day = addDays(startDay, 1); i <= MAX_SCAN_DAYS; i++, day = addDays(day, 1)) {
      const w = workingDay(calendar, day)
      if (typeof w === 'object') return unconfirmed(w.unconfirmedYear)
      if (w) {
        return {
          ok: false,
          code: 'PUBLICITY_START_NOT_WORKDAY',
          nextWorkingDay: day,
          message: `${formatDay(startDay)}不是工作日，公示期须从工作日开始计算（第十八条）。下一个工作日是${formatDay(day)}`,
        }
      }
    }
    throw new Error(`no working day within ${MAX_SCAN_DAYS} days after ${startDay}: check the calendar`)
  }
  const workingDays = [startDay]
  for (let day = addDays(startDay, 1), i = 1; workingDays.length < PUBLICITY_WORKING_DAYS; day = addDays(day, 1), i++) {
    if (i > MAX_SCAN_DAYS) throw new Error(`fewer than ${PUBLICITY_WORKING_DAYS} working days within ${MAX_SCAN_DAYS} days of ${startDay}: check the calendar`)
    const w = workingDay(calendar, day)
    if (typeof w === 'object') return unconfirmed(w.unconfirmedYear)
    if (w) workingDays.push(day)
  }
  const endDay = workingDays[workingDays.length - 1]!
  return { ok: true, startDay, endDay, closesAt: new Date(`${endDay}T23:59:59.999+08:00`).toISOString(), workingDays }
}

/**
 * What is wrong with an arrangement entered for `year`, as field errors (the form shows them, the
 * server refuses with them): a date outside the year, a date listed twice or as both a holiday and a
 * working day, a make-up working day that is not a Saturday or Sunday (a weekday is a working day anyway).
 */
export function arrangementProblems(year: number, input: Pick<YearArrangementInput, 'holidays' | 'workdays'>): FieldError[] {
  const problems: FieldError[] = []
  const seen = new Map<string, string>()
  const check = (list: 'holidays' | 'workdays', days: readonly CalendarDay[]) =>
    days.forEach((d, i) => {
      const path = `${list}.${i}.date`
      if (yearOf(d.date) !== year) problems.push({ path, message: `${d.date} 不在 ${year} 年内` })
      else if (seen.has(d.date)) problems.push({ path, message: `${d.date} 已在${seen.get(d.date)}中录入` })
      else if (list === 'workdays' && !isWeekend(d.date)) problems.push({ path, message: `${formatDay(d.date)}本来就是工作日，调休上班日应为周六或周日` })
      seen.set(d.date, list === 'holidays' ? '节假日' : '调休上班日')
    })
  check('holidays', input.holidays)
  check('workdays', input.workdays)
  return problems
}

/** Sorted by date: the order the office reads and the audit compares. */
export const sortDays = (days: readonly CalendarDay[]) => [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
