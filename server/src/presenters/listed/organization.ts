import { PROVINCE_LABELS, type OfficeListedOrganization, type ProvinceCode } from '@zlbg/shared'
import type { Models } from '../../models'
import type { ListedOrganizationRecord } from '../../models/listing'
import { eventAttendance } from './events'

/** What anyone may read of a listed organization (第十九条): its name, region, years and counts — not its credit code or account. */
export function presentListedOrganizationHead(doc: ListedOrganizationRecord) {
  const region = doc.provinceCode ? PROVINCE_LABELS[doc.provinceCode as ProvinceCode] : undefined
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    ...(region ? { region } : {}),
    years: [...doc.years],
    listedCount: doc.listedCount,
    removedCount: doc.removedCount,
  }
}

/** The office's overview rows (第二十条): counts, the linked account-side organization, and event attendance. */
export async function presentOfficeListedOrganizations(models: Models, docs: ListedOrganizationRecord[]): Promise<OfficeListedOrganization[]> {
  const ids = docs.flatMap((d) => (d.organizationId ? [d.organizationId] : []))
  const accounts = ids.length ? await models.Organization.find({ _id: { $in: ids } }, { name: 1, listed: 1 }).lean() : []
  const events = await eventAttendance(models, docs)
  return docs.map((d) => {
    const account = d.organizationId ? accounts.find((a) => a._id.equals(d.organizationId)) : undefined
    return {
      ...presentListedOrganizationHead(d),
      ...(d.creditCode ? { creditCode: d.creditCode } : {}),
      ...(account ? { account: { id: account._id.toHexString(), name: account.name, listed: account.listed === true } } : {}),
      events: events.get(d._id.toHexString())!,
    }
  })
}
