import type { EventAttendance } from '@zlbg/shared'
import type { Models } from '../../models'
import type { ListedOrganizationRecord } from '../../models/listing'

/**
 * 第二十条: listed organizations take part in the exchange events the office organizes. Nothing records
 * events yet (issue #18 builds them): every organization gets `recorded: false` and zeros, computed
 * here and nowhere else, so the events issue fills this one function (events offered to the listed
 * organizations, their registrations and check-ins) and the public page and the office's overview show it.
 */
export async function eventAttendance(_models: Models, organizations: readonly Pick<ListedOrganizationRecord, '_id' | 'organizationId'>[]): Promise<Map<string, EventAttendance>> {
  return new Map(organizations.map((o) => [o._id.toHexString(), { recorded: false, offered: 0, registered: 0, attended: 0 }]))
}
