import type { FieldError } from '@zlbg/shared'
import { ORG_STRINGS } from '../../strings'

/** Pure (no Taro import): plain Jest tests it. */

const S = ORG_STRINGS.edit
const P = ORG_STRINGS.profile

/** The 组织信息 field a `profile.*` path of the server's PROFILE_INCOMPLETE names. */
const PROFILE_FIELD_LABELS: Record<string, string> = {
  creditCode: P.creditCode,
  region: P.region,
  sector: P.sector,
  industry: P.industry,
  independentLegalPerson: P.legalPerson,
  profits: P.profits,
  compliance: P.compliance,
  iso9001: P.iso,
  sharing: P.sharing,
  contacts: P.contacts,
}

const NEVER_FILLED = /实际接收 undefined|received undefined|无效选项：期望以下之一|Invalid option/

/**
 * One line per part of 组织信息 the server named, first message first. A part never filled comes back
 * as the schema's type or choice complaint (期望 string，实际接收 undefined; 无效选项：期望以下之一 …) —
 * the profile form only offers valid choices, so to an applicant it reads 未填写.
 */
export function profileProblemLines(fields: readonly FieldError[]): string[] {
  const lines = new Map<string, string>()
  for (const field of fields) {
    const part = field.path.replace(/^profile\.?/, '').split('.')[0] ?? ''
    const label = PROFILE_FIELD_LABELS[part]
    const message = NEVER_FILLED.test(field.message) ? S.profileFieldMissing : field.message
    if (!lines.has(label ?? field.path)) lines.set(label ?? field.path, label ? `${label}：${message}` : message)
  }
  return [...lines.values()]
}

