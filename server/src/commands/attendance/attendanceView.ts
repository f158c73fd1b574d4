import mongoose from 'mongoose'
import { inShanghai, nameKey } from '@zlbg/shared'
import type { Models } from '../../models'
import { attendanceOf, type Attendance } from './attendanceOf'

/** One listed organization in the office's obligation view. */
export interface AttendanceViewRow extends Attendance {
  listedOrganizationId: mongoose.Types.ObjectId
  name: string
  years: number[]
  /** The account-side organization whose members a reminder reaches, when it has any. */
  memberIds: mongoose.Types.ObjectId[]
  lastRemindedAt?: Date
}

export interface AttendanceView {
  period: { months: number; from: Date; to: Date }
  rows: AttendanceViewRow[]
  absentTotal: number
}

/** The last `months` months up to `now`, counted on the Asia/Shanghai calendar. */
export function attendancePeriod(months: number, now: Date): { months: number; from: Date; to: Date } {
  return { months, from: inShanghai(now).subtract(months, 'month').toDate(), to: now }
}

/**
 * The obligation view (第二十条): every organization still listed (at least one experience on a list
 * and not removed), with the events it was offered, registered for and attended that started within
 * the period — those that attended none first, then by name — and when the office last reminded it.
 * `ids` narrows it to these listed organizations (a reminder's); `q` to names containing it (compared
 * by nameKey, so spaces, punctuation and case do not matter). The whole list is computed at once:
 * it is the size of the published lists (hundreds, thousands over many years), not of the registrations,
 * which one aggregation counts (attendanceOf).
 */
export async function attendanceView(
  models: Models,
  { months, now, absentOnly = false, q, ids }: { months: number; now: Date; absentOnly?: boolean; q?: string; ids?: readonly string[] },
): Promise<AttendanceView> {
  const period = attendancePeriod(months, now)
  const listed = await models.ListedOrganization.find(
    { listedCount: { $gt: 0 }, ...(ids ? { _id: { $in: ids.map((id) => new mongoose.Types.ObjectId(id)) } } : {}) },
    { name: 1, nameKey: 1, years: 1, organizationId: 1 },
  )
    .sort({ nameKey: 1, _id: 1 })
    .lean()
  const listedIds = listed.map((o) => o._id)
  const accountIds = listed.flatMap((o) => (o.organizationId ? [o.organizationId] : []))
  const [attendance, accounts, reminders] = await Promise.all([
    attendanceOf(models, listedIds, period),
    accountIds.length ? models.Organization.find({ _id: { $in: accountIds } }, { 'members.userId': 1 }).lean() : [],
    listedIds.length
      ? models.AttendanceReminder.aggregate<{ _id: mongoose.Types.ObjectId; at: Date }>([
          { $match: { 'reminded.listedOrganizationId': { $in: listedIds } } },
          { $unwind: '$reminded' },
          { $match: { 'reminded.listedOrganizationId': { $in: listedIds } } },
          { $group: { _id: '$reminded.listedOrganizationId', at: { $max: '$createdAt' } } },
        ])
      : [],
  ])
  const membersOf = new Map(accounts.map((a) => [a._id.toHexString(), a.members.map((m) => m.userId)]))
  const remindedAt = new Map(reminders.map((r) => [r._id.toHexString(), r.at]))
  const rows: AttendanceViewRow[] = listed.map((o) => {
    const id = o._id.toHexString()
    const last = remindedAt.get(id)
    return {
      listedOrganizationId: o._id,
      name: o.name,
      years: o.years,
      memberIds: o.organizationId ? (membersOf.get(o.organizationId.toHexString()) ?? []) : [],
      ...(attendance.get(id) ?? { offered: 0, registered: 0, attended: 0 }),
      ...(last ? { lastRemindedAt: last } : {}),
    }
  })
  // Stable: the organizations that attended nothing first, each group in name order.
  rows.sort((a, b) => Number(a.attended > 0) - Number(b.attended > 0))
  const absentTotal = rows.filter((r) => r.attended === 0).length
  const wanted = q ? nameKey(q) : ''
  const keys = new Map(listed.map((o) => [o._id.toHexString(), o.nameKey]))
  const shown = rows.filter((r) => (!absentOnly || r.attended === 0) && (!wanted || (keys.get(r.listedOrganizationId.toHexString()) ?? '').includes(wanted)))
  return { period, rows: shown, absentTotal }
}
