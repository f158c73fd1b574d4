import mongoose from 'mongoose'
import {
  AUDIT_ACTION_LABELS,
  AUDIT_EXPORT_MAX_ROWS,
  AUDIT_RESOURCE_LABELS,
  formatDateTime,
  type AuditRecordView,
} from '@zlbg/shared'
import { findPage, mapPage } from '../db/paged'
import type { Handlers } from '../http/bind'
import { xlsxDownload } from '../http/xlsx'
import type { Models } from '../models'
import type { AuditRecord } from '../models/audit'

interface Filter {
  actorId?: string
  action?: string
  resourceType?: string
  resourceId?: string
  from?: string
  to?: string
}

function toQuery(f: Filter): mongoose.FilterQuery<AuditRecord> {
  const q: mongoose.FilterQuery<AuditRecord> = {}
  if (f.actorId) q['actor.userId'] = new mongoose.Types.ObjectId(f.actorId)
  if (f.action) q.action = f.action
  if (f.resourceType) q['resource.type'] = f.resourceType
  if (f.resourceId) q['resource.id'] = f.resourceId
  if (f.from || f.to) q.at = { ...(f.from ? { $gte: new Date(f.from) } : {}), ...(f.to ? { $lt: new Date(f.to) } : {}) }
  return q
}

function present(r: AuditRecord): AuditRecordView {
  return {
    id: r._id.toHexString(),
    at: r.at.toISOString(),
    actor: {
      ...(r.actor.userId ? { userId: r.actor.userId.toHexString() } : {}),
      ...(r.actor.displayName ? { displayName: r.actor.displayName } : {}),
      roles: r.actor.roles ?? [],
      ...(r.actor.ip ? { ip: r.actor.ip } : {}),
    },
    action: r.action,
    resource: { type: r.resource.type, ...(r.resource.id ? { id: r.resource.id } : {}) },
    ...(r.from ? { from: r.from } : {}),
    ...(r.to ? { to: r.to } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
  }
}

export function auditHandlers(models: Models): Pick<Handlers, 'listAudit' | 'exportAudit'> {
  const { Audit } = models
  return {
    async listAudit(_ctx, { query }) {
      const found = await findPage<AuditRecord>(Audit, toQuery(query), query, { sort: { at: -1, _id: -1 } })
      return mapPage(found, (items) => items.map(present))
    },

    async exportAudit(_ctx, { query, actor }) {
      const rows = await Audit.find(toQuery(query)).sort({ at: -1, _id: -1 }).limit(AUDIT_EXPORT_MAX_ROWS).lean()
      // Exporting is a sensitive read: xlsxDownload records it.
      return xlsxDownload(models, actor, {
        sheet: '审计日志',
        columns: [
          { header: '时间（北京时间）', key: 'at', width: 20 },
          { header: '操作人', key: 'who', width: 16 },
          { header: '操作人编号', key: 'userId', width: 26 },
          { header: '角色', key: 'roles', width: 20 },
          { header: 'IP', key: 'ip', width: 16 },
          { header: '操作', key: 'action', width: 22 },
          { header: '对象类型', key: 'type', width: 14 },
          { header: '对象编号', key: 'id', width: 26 },
          { header: '原状态', key: 'from', width: 16 },
          { header: '新状态', key: 'to', width: 16 },
          { header: '原因', key: 'reason', width: 40 },
        ],
        rows: rows.map(present).map((r) => ({
          at: formatDateTime(r.at),
          who: r.actor.displayName ?? '',
          userId: r.actor.userId ?? '',
          roles: r.actor.roles.join(','),
          ip: r.actor.ip ?? '',
          action: AUDIT_ACTION_LABELS[r.action] ?? r.action,
          type: AUDIT_RESOURCE_LABELS[r.resource.type] ?? r.resource.type,
          id: r.resource.id ?? '',
          from: r.from ?? '',
          to: r.to ?? '',
          reason: r.reason ?? '',
        })),
        filename: `audit-${new Date().toISOString().slice(0, 10)}.xlsx`,
        audit: { action: 'audit.export', resource: { type: 'audit' } },
      })
    },
  }
}
