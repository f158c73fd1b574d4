import type { ResponseOf } from '@zlbg/shared'
import { callApi, type BodyOf } from './client'

/** The working-day calendar (第十八条 counts the publicity window in working days): the office's side. */

export type CalendarOverviewView = ResponseOf<'getCalendar'>
export type CalendarYearView = ResponseOf<'getCalendarYear'>
export type PublicityWindowView = ResponseOf<'previewPublicityWindow'>
export type YearArrangementBody = BodyOf<'confirmCalendarYear'>

export function fetchCalendar(): Promise<CalendarOverviewView> {
  return callApi('getCalendar', {})
}

export function fetchCalendarYear(year: number): Promise<CalendarYearView> {
  return callApi('getCalendarYear', { params: { year }, toast: false })
}

/** The page shows the refusal (not a working day, a year not confirmed) where the answer would be. */
export function previewPublicityWindow(start: string): Promise<PublicityWindowView> {
  return callApi('previewPublicityWindow', { query: { start }, toast: false })
}

/** The page shows refusals (a date outside the year, a weekday make-up day) beside the lists. */
export function confirmCalendarYear(year: number, body: YearArrangementBody): Promise<CalendarYearView> {
  return callApi('confirmCalendarYear', { params: { year }, body, toast: false })
}
