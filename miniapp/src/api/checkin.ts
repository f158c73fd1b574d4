import type { AttendanceFilter, AttendanceReminderInput, ResponseOf } from '@zlbg/shared'
import { callApi } from './client'
import { downloadRoute } from './download'

/** Check-in and the attendance obligation (第二十条): the attendee's ticket, the office at the door, the obligation view. */

export type Ticket = ResponseOf<'getTicket'>
export type CheckInBoard = ResponseOf<'getCheckInBoard'>
export type CheckInResult = ResponseOf<'checkInAttendee'>
export type AttendancePage = ResponseOf<'listAttendance'>
export type AttendanceReminderResult = ResponseOf<'remindAttendance'>

export const ATTENDANCE_PAGE_SIZE = 20

export function fetchTicket(id: string): Promise<Ticket> {
  return callApi('getTicket', { params: { id }, toast: false })
}

export function fetchCheckInBoard(id: string): Promise<CheckInBoard> {
  return callApi('getCheckInBoard', { params: { id }, toast: false })
}

/** The page shows the refusal itself (wrong event, expired, waitlisted …), next to the box. */
export function checkIn(id: string, credential: string): Promise<CheckInResult> {
  return callApi('checkInAttendee', { params: { id }, body: { credential }, toast: false })
}

export function markNoShows(id: string) {
  return callApi('markNoShows', { params: { id } })
}

export function exportEventAttendance(id: string, fallbackName: string): Promise<void> {
  return downloadRoute('exportEventAttendance', {}, fallbackName, { id })
}

export function fetchAttendancePage(filter: AttendanceFilter, page: number, pageSize = ATTENDANCE_PAGE_SIZE): Promise<AttendancePage> {
  return callApi('listAttendance', { query: { ...filter, page, pageSize } })
}

export function exportAttendance(filter: AttendanceFilter, fallbackName: string): Promise<void> {
  return downloadRoute('exportAttendance', { ...filter }, fallbackName)
}

export function remindAttendance(input: AttendanceReminderInput): Promise<AttendanceReminderResult> {
  return callApi('remindAttendance', { body: input })
}
