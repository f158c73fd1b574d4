import { z } from 'zod'
import { pageOf, PageQuerySchema } from './pagination'

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

export const AuditFilterSchema = z.strictObject({
  actorId: z.string().regex(/^[0-9a-f]{24}$/, '用户编号格式不正确').optional(),
  action: z.string().trim().max(60).optional(),
  resourceType: z.string().trim().max(40).optional(),
  resourceId: z.string().trim().max(40).optional(),
  from: Instant.optional().meta({ description: '起始时间（含）' }),
  to: Instant.optional().meta({ description: '截止时间（不含）' }),
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
  'audit.export': '导出审计日志',
}

export const AUDIT_RESOURCE_LABELS: Record<string, string> = {
  user: '账号',
  organization: '组织',
  audit: '审计日志',
  call: '征集通知',
  application: '申报',
}

/** The export is capped so one request cannot pull the whole log at once. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000
