import type { EventAttendance } from '@zlbg/shared'
import { attendanceOf } from '../../commands/attendance/attendanceOf'
import type { Models } from '../../models'
import type { ListedOrganizationRecord } from '../../models/listing'

/**
 * 第二十条: listed organizations take part in the exchange events the office organizes — events offered
 * to them, registered for and attended (commands/attendance/attendanceOf.ts), for the public page of a
 * listed organization and the office's overview. `recorded` is false while nothing was ever offered to it
 * or registered by it, which the pages say in words rather than as zeros.
 */
export async function eventAttendance(models: Models, organizations: readonly Pick<ListedOrganizationRecord, '_id' | 'organizationId'>[]): Promise<Map<string, EventAttendance>> {
  const figures = await attendanceOf(models, organizations.map((o) => o._id))
  return new Map(
    organizations.map((o) => {
      const a = figures.get(o._id.toHexString()) ?? { offered: 0, registered: 0, attended: 0 }
      return [o._id.toHexString(), { recorded: a.offered > 0 || a.registered > 0, offered: a.offered, registered: a.registered, attended: a.attended }]
    }),
  )
}
