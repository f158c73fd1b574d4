import { shanghaiDayEnd, shanghaiDayStart } from '../../../format'

/** The audit filter form, pure (no Taro), so plain Jest can test it. */

export const EMPTY_AUDIT_FORM = { actorId: '', action: '', resourceType: '', resourceId: '', from: '', to: '' }
export type AuditFilterForm = typeof EMPTY_AUDIT_FORM

/** Form values → the contract's filter: blanks left out, days as Shanghai day boundaries (+08:00). */
export function toAuditFilter(values: AuditFilterForm): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key of ['actorId', 'action', 'resourceType', 'resourceId'] as const) {
    const value = values[key].trim()
    if (value) out[key] = value
  }
  if (values.from) out.from = shanghaiDayStart(values.from)
  // 截止日期 is inclusive for the reader; the contract's `to` is exclusive: the next day's start.
  if (values.to) out.to = shanghaiDayEnd(values.to)
  return out
}
