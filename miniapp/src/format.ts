import { formatDate, formatDateTime, inShanghai, type Milestone } from '@zlbg/shared'
import { STRINGS } from './strings'

/** Dates are always shown in Asia/Shanghai (shared/src/time.ts). Pure, for plain Jest. */

/** The application window: opening day, and the closing day with the hour, which is the deadline. */
export function applicationWindowText(window: { opensAt: string; closesAt: string }): string {
  return STRINGS.callList.range(formatDate(window.opensAt), formatDateTime(window.closesAt))
}

export function milestoneText(milestone: Pick<Milestone, 'kind' | 'startsAt' | 'endsAt'>): string {
  const start = formatDate(milestone.startsAt)
  if (!milestone.endsAt) return start
  // The application close is a deadline to the minute; other stages are announced by day.
  if (milestone.kind === 'application') return applicationWindowText({ opensAt: milestone.startsAt, closesAt: milestone.endsAt })
  const end = formatDate(milestone.endsAt)
  return end === start ? start : STRINGS.callList.range(start, end)
}

/** Whether the application deadline has passed at `now`. */
export function isApplicationClosed(window: { closesAt: string }, now: Date = new Date()): boolean {
  return Date.parse(window.closesAt) < now.getTime()
}

/** How long until a retry (LOGIN_LOCKED, RATE_LIMITED, SERVER_BUSY): "45 秒", "15 分钟". */
export function waitText(seconds: number): string {
  const s = STRINGS.login
  return seconds < 60 ? s.seconds(Math.max(1, Math.ceil(seconds))) : s.minutes(Math.ceil(seconds / 60))
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** A calendar day as `YYYY-MM-DD`, from a date picker's year, month and day. */
export function dayString(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`
}

/** Today in Asia/Shanghai, `YYYY-MM-DD`. */
export function shanghaiToday(now: Date = new Date()): string {
  return inShanghai(now).format('YYYY-MM-DD')
}

/** The instant a Shanghai day starts: `2026-03-01` → `2026-03-01T00:00:00+08:00`. */
export function shanghaiDayStart(day: string): string {
  if (!DAY.test(day)) throw new Error(`not a day: ${day}`)
  return `${day}T00:00:00+08:00`
}

/** The instant a Shanghai day ends (the next day's start), for an exclusive upper bound. */
export function shanghaiDayEnd(day: string): string {
  const match = DAY.exec(day)
  if (!match) throw new Error(`not a day: ${day}`)
  const next = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1))
  return shanghaiDayStart(dayString(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()))
}

/** `2026-03-01` → `2026年3月1日`, without going through an instant. */
export function dayLabel(day: string): string {
  const match = DAY.exec(day)
  return match ? `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日` : day
}
