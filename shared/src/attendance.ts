import { z } from 'zod'
import { decimalInteger, pageOf, PageQuerySchema } from './pagination'
import { searchText } from './text'

/**
 * The attendance obligation (第二十条: 质量标杆典型经验所在组织有义务参加中国质量协会举办的经验交流活动).
 * For each listed organization: the events it was offered (published events open to one of its listed
 * years), the events it registered for and the events it attended. The office picks the period (the
 * last N months) and sees who attended none, reminds them, and exports the view.
 */

const ObjectId = (what: string) => z.string().regex(/^[0-9a-f]{24}$/, `${what}编号格式不正确`)
const Instant = z.iso.datetime({ offset: true })

export const ATTENDANCE_MONTHS_DEFAULT = 12
export const ATTENDANCE_MONTHS_MAX = 60
/** The most organizations one reminder names (a page of the view, or every absent one of a normal year). */
export const ATTENDANCE_REMINDER_MAX = 500

const Months = decimalInteger(1, ATTENDANCE_MONTHS_MAX)
  .default(ATTENDANCE_MONTHS_DEFAULT)
  .meta({ description: `统计期：最近 N 个月（按活动开始时间，1–${ATTENDANCE_MONTHS_MAX}，默认 ${ATTENDANCE_MONTHS_DEFAULT}）` })

export const AttendanceFilterSchema = z.strictObject({
  months: Months,
  absent: z.enum(['true', 'false']).optional().meta({ description: 'true：只列出统计期内未参加任何活动的组织' }),
  q: searchText().optional().meta({ description: '按组织名称查找（忽略空格、标点和大小写）' }),
})
export type AttendanceFilter = z.infer<typeof AttendanceFilterSchema>

export const AttendanceQuerySchema = PageQuerySchema.extend(AttendanceFilterSchema.shape)
export type AttendanceQuery = z.infer<typeof AttendanceQuerySchema>

/** Counts over a period: events offered, registered for, attended (each event once, however many attendees). */
export const AttendanceCountsSchema = z.strictObject({
  offered: z.number().int().meta({ description: '应邀活动数：已发布、面向其入选年度的活动' }),
  registered: z.number().int().meta({ description: '报名活动数（未取消的报名）' }),
  attended: z.number().int().meta({ description: '参加活动数（至少一人签到）' }),
  lastAttendedAt: Instant.optional().meta({ description: '最近参加的活动的开始时间' }),
})
export type AttendanceCounts = z.infer<typeof AttendanceCountsSchema>

export const AttendanceRowSchema = z.strictObject({
  listedOrganizationId: z.string(),
  name: z.string(),
  years: z.array(z.number().int()).meta({ description: '入选年度' }),
  /** Whether the organization has members in the system to remind (an imported earlier year may have none). */
  reachable: z.boolean(),
  ...AttendanceCountsSchema.shape,
  lastRemindedAt: Instant.optional(),
})
export type AttendanceRow = z.infer<typeof AttendanceRowSchema>

export const AttendancePageSchema = pageOf(AttendanceRowSchema)
  .extend({
    period: z.strictObject({ months: z.number().int(), from: Instant, to: Instant }),
    /** Listed organizations that attended no event in the period, over the whole view (not the page, not the name search). */
    absentTotal: z.number().int(),
  })
  .meta({ id: 'AttendancePage' })
export type AttendancePage = z.infer<typeof AttendancePageSchema>

/** The office's reminder: the organizations (from the view), the period it was judged over, and a key so a retried tap sends once. */
export const AttendanceReminderInputSchema = z.strictObject({
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号应为 8–64 位字母、数字、下划线或连字符'),
  // Required here: the period the office looked at when it chose whom to remind.
  months: z.int('请选择统计期').min(1, '统计期至少 1 个月').max(ATTENDANCE_MONTHS_MAX, `统计期最多 ${ATTENDANCE_MONTHS_MAX} 个月`),
  listedOrganizationIds: z
    .array(ObjectId('入选组织'))
    .min(1, '请选择要提醒的组织')
    .max(ATTENDANCE_REMINDER_MAX, `一次最多提醒 ${ATTENDANCE_REMINDER_MAX} 个组织`),
}).meta({ id: 'AttendanceReminderInput' })
export type AttendanceReminderInput = z.infer<typeof AttendanceReminderInputSchema>

export const ATTENDANCE_SKIP_REASONS = ['attended', 'unreachable', 'not_listed'] as const
export type AttendanceSkipReason = (typeof ATTENDANCE_SKIP_REASONS)[number]
export const ATTENDANCE_SKIP_LABELS: Record<AttendanceSkipReason, string> = {
  attended: '统计期内已参加活动',
  unreachable: '系统中没有该组织的成员',
  not_listed: '不是入选组织或已全部移除',
}

export const AttendanceReminderResultSchema = z
  .strictObject({
    id: z.string(),
    createdAt: Instant,
    months: z.number().int(),
    reminded: z.array(z.strictObject({ listedOrganizationId: z.string(), name: z.string(), recipients: z.number().int() })),
    skipped: z.array(z.strictObject({ listedOrganizationId: z.string(), name: z.string(), reason: z.enum(ATTENDANCE_SKIP_REASONS), reasonLabel: z.string() })),
  })
  .meta({ id: 'AttendanceReminderResult' })
export type AttendanceReminderResult = z.infer<typeof AttendanceReminderResultSchema>
