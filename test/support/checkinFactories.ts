import { randomBytes } from 'node:crypto'
import mongoose from 'mongoose'
import type { EventState, RegistrationState } from '@zlbg/shared'
import { ensureListedOrganization, refreshListedOrganization } from '../../server/src/commands/listing/listedRecords'
import type { Models } from '../../server/src/models'
import type { EventRecord, RegistrationRecord } from '../../server/src/models/event'
import type { ListedOrganizationRecord } from '../../server/src/models/listing'
import { buildOrganization, thisYear } from './factories'

/**
 * Exchange-event records made directly in the database for the check-in and attendance tests (第二十条):
 * events in any state at any time relative to now, listed organizations of chosen years, and
 * registrations in any state — what the registering and publishing commands would have left.
 */

const HOUR = 3600_000
let n = 0

export interface EventOptions {
  state?: EventState
  /** Hours from now to the start (negative: already started); the event lasts `hours`. */
  startsInHours?: number
  hours?: number
  listedYears?: number[]
  title?: string
}

/** A published offline event that started an hour ago and ends in three, unless told otherwise. */
export async function buildEvent(models: Models, opts: EventOptions = {}): Promise<EventRecord> {
  const now = Date.now()
  const startsAt = new Date(now + (opts.startsInHours ?? -1) * HOUR)
  const endsAt = new Date(startsAt.getTime() + (opts.hours ?? 4) * HOUR)
  const doc = await models.Event.create({
    state: opts.state ?? 'published',
    title: opts.title ?? `质量标杆经验交流会${++n}`,
    description: '交流质量管理经验',
    mode: 'offline',
    place: '北京市西城区某会议中心',
    startsAt,
    endsAt,
    registrationOpensAt: new Date(startsAt.getTime() - 30 * 24 * HOUR),
    registrationClosesAt: new Date(startsAt.getTime() - 24 * HOUR),
    cancellationDeadline: new Date(startsAt.getTime() - 24 * HOUR),
    capacity: 100,
    listedYears: opts.listedYears ?? [],
    publicQuota: 10,
    createdBy: new mongoose.Types.ObjectId(),
    ...(opts.state && opts.state !== 'draft' ? { publishedAt: new Date(startsAt.getTime() - 40 * 24 * HOUR) } : {}),
  })
  return doc.toObject() as EventRecord
}

export interface ListedOrgOptions {
  /** Listed in these years (one listed experience each); this year minus one by default. */
  years?: number[]
  /** Existing user ids; one member made directly otherwise. `null`: no account-side organization at all (an imported earlier year). */
  memberIds?: string[] | null
  name?: string
}

/** A listed organization (第十九条) with an account-side organization marked listed, as publication leaves it. */
export async function buildListedOrganization(models: Models, opts: ListedOrgOptions = {}): Promise<{ listed: ListedOrganizationRecord; organizationId?: mongoose.Types.ObjectId }> {
  const name = opts.name ?? `入选质量有限公司${++n}${randomBytes(2).toString('hex')}`
  const organization = opts.memberIds === null ? undefined : await buildOrganization(models, { name, ...(opts.memberIds ? { memberIds: opts.memberIds } : {}), profile: null })
  const listed = await ensureListedOrganization(models, { name, ...(organization ? { organizationId: organization._id } : {}) })
  for (const year of opts.years ?? [thisYear() - 1]) {
    await models.ListedExperience.create({
      key: `test:${year}:${listed._id.toHexString()}`,
      year,
      source: 'import',
      state: 'listed',
      listedOrganizationId: listed._id,
      organizationName: name,
      title: `${name}的质量管理经验`,
      ...(organization ? { organizationId: organization._id } : {}),
    })
  }
  await refreshListedOrganization(models, listed._id)
  return { listed: (await models.ListedOrganization.findById(listed._id).lean<ListedOrganizationRecord>())!, ...(organization ? { organizationId: organization._id } : {}) }
}

/** A check-in code like the registering command's: upper-case letters and digits. */
export const checkInCode = () => randomBytes(4).toString('hex').toUpperCase()

export interface RegistrationOptions {
  event: Pick<EventRecord, '_id'>
  /** The listed organization it is for; none: the public quota. */
  listed?: { listed: ListedOrganizationRecord; organizationId?: mongoose.Types.ObjectId }
  /** Name only the account-side organization, not the listed one: attendance still finds it through the link. */
  accountOnly?: boolean
  registeredBy?: string
  state?: RegistrationState
  name?: string
  code?: string
}

export async function buildRegistration(models: Models, opts: RegistrationOptions): Promise<RegistrationRecord> {
  const state = opts.state ?? 'confirmed'
  const doc = await models.Registration.create({
    eventId: opts.event._id,
    quota: opts.listed ? 'listed' : 'public',
    ...(opts.listed && !opts.accountOnly ? { listedOrganizationId: opts.listed.listed._id } : {}),
    ...(opts.listed?.organizationId ? { organizationId: opts.listed.organizationId } : {}),
    registeredBy: new mongoose.Types.ObjectId(opts.registeredBy ?? new mongoose.Types.ObjectId().toHexString()),
    idempotencyKey: `test-${randomBytes(6).toString('hex')}`,
    attendee: { name: opts.name ?? `参会人${++n}`, title: '质量部部长', phone: '13800138000' },
    state,
    ...(state === 'waitlisted' ? { waitSeq: ++n } : {}),
    checkInCode: opts.code ?? checkInCode(),
    history: [{ state, at: new Date() }],
  })
  return doc.toObject() as RegistrationRecord
}
