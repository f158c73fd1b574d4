import { formatDate, formatDateTime, type Milestone } from '@zlbg/shared'
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
