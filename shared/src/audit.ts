import { z } from 'zod'
import { pageOf, PageQuerySchema } from './pagination'
import { rfc3339Instant } from './time'

const Instant = z.iso.datetime({ offset: true })

/** One entry of the append-only audit log: who, when, what, from → to, why. */
export const AuditRecordSchema = z
  .strictObject({
    id: z.string(),
    at: Instant,
    actor: z.strictObject({
      userId: z.string().optional(),
      displayName: z.string().optional(),
      roles: z.array(z.string()),
      ip: z.string().optional(),
    }),
    action: z.string(),
    resource: z.strictObject({ type: z.string(), id: z.string().optional() }),
    from: z.string().optional(),
    to: z.string().optional(),
    reason: z.string().optional(),
  })
  .meta({ id: 'AuditRecord' })
export type AuditRecordView = z.infer<typeof AuditRecordSchema>

const FilterInstant = rfc3339Instant()

export const AuditFilterSchema = z.strictObject({
  actorId: z.string().regex(/^[0-9a-f]{24}$/, '用户编号格式不正确').optional(),
  action: z.string().trim().max(60).optional(),
  resourceType: z.string().trim().max(40).optional(),
  resourceId: z.string().trim().max(40).optional(),
  from: FilterInstant.optional().meta({ description: '起始时间（含）' }),
  to: FilterInstant.optional().meta({ description: '截止时间（不含）' }),
})
export const AuditQuerySchema = PageQuerySchema.extend(AuditFilterSchema.shape)
export const AuditPageSchema = pageOf(AuditRecordSchema).meta({ id: 'AuditPage' })

/** Chinese names of the actions the server records; one not listed here is shown as it is. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'session.start': '登录',
  'session.end': '退出登录',
  'user.create': '创建账号',
  'user.setRoles': '设置角色',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'user.resetPassword': '重置密码',
  'user.setPassword': '设置密码',
  'user.changePassword': '修改密码',
  'user.bindCode': '生成绑定码',
  'user.bindWeChat': '绑定微信',
  'organization.create': '创建组织',
  'organization.invite': '生成组织邀请码',
  'organization.join': '加入组织',
  'organization.leave': '退出组织',
  'organization.rename': '修改组织名称',
  'organization.reviewName': '审核组织名称',
  'organization.updateProfile': '保存组织信息',
  'audit.export': '导出审计日志',
  'listed.import': '导入往年名单',
  'listed.importReport.export': '下载往年名单导入报告',
  'calendar.confirmYear': '确认年度节假日安排',
  'publicity.start': '发布公示名单',
  'publicity.close': '公示结束',
  'application.startPublicity': '进入公示',
  'application.passPublicity': '通过公示',
  'call.create': '新建征集通知',
  'call.update': '修改征集通知草稿',
  'call.correct': '更正已发布的征集通知',
  'call.delete': '删除征集通知草稿',
  'call.publish': '发布征集通知',
  'call.close': '结束征集',
  'application.create': '新建申报',
  'application.delete': '删除申报草稿',
  'application.submit': '提交申报',
  'application.withdraw': '撤回申报',
  'application.export': '导出申报列表',
  'application.startQualification': '开始资格审查',
  'application.qualify': '资格审查通过',
  'application.disqualify': '资格审查不通过',
  'application.requestSupplement': '要求补正',
  'application.resubmitSupplement': '提交补正材料',
  'application.supplementDeadlinePassed': '补正逾期',
  // 第二十条: check-in and the attendance obligation.
  'registration.checkIn': '活动签到',
  'registration.markNoShow': '标记未到场',
  'event.exportAttendance': '导出参会名单',
  'attendance.export': '导出参会义务统计',
  'attendanceReminder.create': '发送参会提醒',
}

export const AUDIT_RESOURCE_LABELS: Record<string, string> = {
  user: '账号',
  organization: '组织',
  audit: '审计日志',
  listedImport: '往年名单导入',
  calendarYear: '工作日历年度',
  call: '征集通知',
  application: '申报',
  attendance: '参会义务',
  attendanceReminder: '参会提醒',
}

/** The export is capped so one request cannot pull the whole log at once. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000
