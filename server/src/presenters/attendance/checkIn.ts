import mongoose from 'mongoose'
import { REGISTRATION_STATE_LABELS, type CheckInAttendee, type CheckInCounts, type RegistrationState } from '@zlbg/shared'
import type { Models } from '../../models'
import type { RegistrationRecord } from '../../models/event'

export const PUBLIC_QUOTA_NAME = '公众报名'

type Named = Pick<RegistrationRecord, '_id' | 'organizationId' | 'listedOrganizationId'>

/**
 * The organization each registration is for, by the name the list knows it by (the listed
 * organization), else the account-side organization's; 公众报名 on the public quota.
 */
export async function registrationOrganizationNames(models: Models, regs: readonly Named[]): Promise<Map<string, string>> {
  const listedIds = [...new Set(regs.flatMap((r) => (r.listedOrganizationId ? [r.listedOrganizationId.toHexString()] : [])))]
  const orgIds = [...new Set(regs.flatMap((r) => (r.organizationId && !r.listedOrganizationId ? [r.organizationId.toHexString()] : [])))]
  const [listed, orgs] = await Promise.all([
    listedIds.length ? models.ListedOrganization.find({ _id: { $in: listedIds } }, { name: 1 }).lean() : [],
    orgIds.length ? models.Organization.find({ _id: { $in: orgIds } }, { name: 1 }).lean() : [],
  ])
  const names = new Map<string, string>([...listed, ...orgs].map((o) => [o._id.toHexString(), o.name]))
  return new Map(
    regs.map((r) => {
      const owner = r.listedOrganizationId ?? r.organizationId
      return [r._id.toHexString(), (owner && names.get(owner.toHexString())) || PUBLIC_QUOTA_NAME]
    }),
  )
}

/** Display names of the staff who checked people in. */
export async function staffNames(models: Models, ids: readonly (mongoose.Types.ObjectId | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.flatMap((id) => (id ? [id.toHexString()] : [])))]
  if (!unique.length) return new Map()
  const users = await models.User.find({ _id: { $in: unique } }, { displayName: 1, username: 1 }).lean()
  return new Map(users.map((u) => [u._id.toHexString(), u.displayName || u.username || '工作人员']))
}

/** Attendees as the office sees them at the door: who, for which organization, in what state, checked in when and by whom. */
export async function presentAttendees(models: Models, regs: readonly RegistrationRecord[]): Promise<CheckInAttendee[]> {
  const [orgNames, staff] = await Promise.all([registrationOrganizationNames(models, regs), staffNames(models, regs.map((r) => r.checkedInBy))])
  return regs.map((r) => ({
    registrationId: r._id.toHexString(),
    name: r.attendee.name,
    title: r.attendee.title,
    organizationName: orgNames.get(r._id.toHexString()) ?? PUBLIC_QUOTA_NAME,
    quota: r.quota,
    state: r.state,
    stateLabel: REGISTRATION_STATE_LABELS[r.state],
    ...(r.checkedInAt ? { checkedInAt: r.checkedInAt.toISOString() } : {}),
    ...(r.checkedInBy ? { checkedInBy: staff.get(r.checkedInBy.toHexString()) ?? '工作人员' } : {}),
  }))
}

/** An event's registrations counted by state, in one aggregation. */
export async function registrationCounts(models: Models, eventId: mongoose.Types.ObjectId): Promise<CheckInCounts> {
  const rows = await models.Registration.aggregate<{ _id: RegistrationState; n: number }>([{ $match: { eventId } }, { $group: { _id: '$state', n: { $sum: 1 } } }])
  const n = (state: RegistrationState) => rows.find((r) => r._id === state)?.n ?? 0
  return { confirmed: n('confirmed'), attended: n('attended'), noShow: n('no_show'), waitlisted: n('waitlisted'), cancelled: n('cancelled') }
}
