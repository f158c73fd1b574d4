import { ATTENDANCE_SKIP_LABELS, type AttendanceReminderResult, type AttendanceRow } from '@zlbg/shared'
import type { AttendanceViewRow } from '../../commands/attendance/attendanceView'
import type { AttendanceReminderRecord } from '../../models/attendance'

/** A listed organization in the office's obligation view (第二十条): counts and dates, never its members. */
export function presentAttendanceRow(row: AttendanceViewRow): AttendanceRow {
  return {
    listedOrganizationId: row.listedOrganizationId.toHexString(),
    name: row.name,
    years: row.years,
    reachable: row.memberIds.length > 0,
    offered: row.offered,
    registered: row.registered,
    attended: row.attended,
    ...(row.lastAttendedAt ? { lastAttendedAt: row.lastAttendedAt.toISOString() } : {}),
    ...(row.lastRemindedAt ? { lastRemindedAt: row.lastRemindedAt.toISOString() } : {}),
  }
}

/** What a reminder reached and what it skipped, and why. */
export function presentAttendanceReminder(doc: AttendanceReminderRecord): AttendanceReminderResult {
  return {
    id: doc._id.toHexString(),
    createdAt: doc.createdAt.toISOString(),
    months: doc.months,
    reminded: doc.reminded.map((r) => ({ listedOrganizationId: r.listedOrganizationId.toHexString(), name: r.name, recipients: r.recipients })),
    skipped: doc.skipped.map((s) => ({ listedOrganizationId: s.listedOrganizationId.toHexString(), name: s.name, reason: s.reason, reasonLabel: ATTENDANCE_SKIP_LABELS[s.reason] })),
  }
}
