import mongoose from 'mongoose'
import { nameKey } from '@zlbg/shared'
import { isDuplicateKey } from '../../db/duplicateKey'
import type { Models } from '../../models'
import type { ListedOrganizationRecord } from '../../models/listing'

/**
 * The records behind the public 名单 and listed status (第十九条、第二十条、第二十一条), shared by
 * publication, the import of earlier years and removal. Callers run these inside
 * publicChange(connection, 'listing', …): what they change is public.
 */

/** A listed experience's key: one per application, or one per (year, organization, title) of an imported row. */
export const experienceKey = {
  publication: (applicationId: string | mongoose.Types.ObjectId) => `app:${String(applicationId)}`,
  import: (year: number, organization: { creditCode?: string; name: string }, title: string) =>
    `import:${year}:${organizationKey(organization)}:${nameKey(title)}`,
}

/** The credit code when known (upper case), else the name's key. */
export function organizationKey({ creditCode, name }: { creditCode?: string; name: string }): string {
  return creditCode ? creditCode.trim().toUpperCase() : `name:${nameKey(name)}`
}

export interface ListedOrganizationInput {
  name: string
  creditCode?: string
  organizationId?: mongoose.Types.ObjectId
  provinceCode?: string
}

/**
 * Finds or creates the listed organization for these details. One with a credit code also takes over
 * a record of the same name that had none (an earlier year imported without the code), so an
 * organization is one record across years; links the account-side organization when given.
 */
export async function ensureListedOrganization(models: Models, input: ListedOrganizationInput): Promise<ListedOrganizationRecord> {
  const { ListedOrganization } = models
  const key = organizationKey(input)
  const nk = nameKey(input.name)
  const link = { ...(input.organizationId ? { organizationId: input.organizationId } : {}), ...(input.provinceCode ? { provinceCode: input.provinceCode } : {}) }
  for (let attempt = 0; attempt < 3; attempt++) {
    const found =
      (await ListedOrganization.findOne({ key }).lean<ListedOrganizationRecord>()) ??
      // A code-less record of the same name: the same organization, now known by its code.
      (input.creditCode ? await ListedOrganization.findOne({ nameKey: nk, creditCode: { $exists: false } }).lean<ListedOrganizationRecord>() : null)
    if (found) {
      const set: Record<string, unknown> = { ...link }
      if (input.creditCode && !found.creditCode) Object.assign(set, { key, creditCode: input.creditCode.trim().toUpperCase() })
      if (found.organizationId && input.organizationId && !found.organizationId.equals(input.organizationId)) delete set.organizationId
      if (Object.keys(set).length === 0) return found
      try {
        return (await ListedOrganization.findOneAndUpdate({ _id: found._id }, { $set: set }, { new: true }).lean<ListedOrganizationRecord>())!
      } catch (err) {
        // Another record already holds the code: keep the two apart rather than merge on a guess.
        if (!isDuplicateKey(err)) throw err
        return found
      }
    }
    try {
      const created = await ListedOrganization.create({
        key,
        name: input.name,
        nameKey: nk,
        ...(input.creditCode ? { creditCode: input.creditCode.trim().toUpperCase() } : {}),
        ...link,
        years: [],
        listedCount: 0,
        removedCount: 0,
      })
      return created.toObject()
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      // Created by a concurrent request meanwhile: read it.
    }
  }
  throw new Error(`listed organization ${key}: could not be found or created`)
}

/**
 * Recounts a listed organization from its experiences (years, listed, removed) and sets the linked
 * account-side organization's `listed` flag: true while any of its experiences is still listed. Safe
 * to run again at any time: it only reads what is there.
 */
export async function refreshListedOrganization(models: Models, listedOrganizationId: mongoose.Types.ObjectId): Promise<void> {
  const { ListedExperience, ListedOrganization, Organization } = models
  const experiences = await ListedExperience.find({ listedOrganizationId }, { year: 1, state: 1, organizationId: 1 }).lean()
  const years = [...new Set(experiences.map((e) => e.year))].sort((a, b) => b - a)
  const listedCount = experiences.filter((e) => e.state === 'listed').length
  const org = await ListedOrganization.findOneAndUpdate(
    { _id: listedOrganizationId },
    { $set: { years, listedCount, removedCount: experiences.length - listedCount } },
    { new: true },
  ).lean<ListedOrganizationRecord>()
  const accountIds = new Set([...(org?.organizationId ? [org.organizationId.toHexString()] : []), ...experiences.flatMap((e) => (e.organizationId ? [e.organizationId.toHexString()] : []))])
  for (const id of accountIds) {
    const _id = new mongoose.Types.ObjectId(id)
    // Its experiences may sit under more than one listed organization (a record kept apart on a code clash).
    const linked = await ListedOrganization.find({ organizationId: _id }, { _id: 1 }).lean()
    const listed =
      (await ListedExperience.exists({ state: 'listed', $or: [{ organizationId: _id }, { listedOrganizationId: { $in: linked.map((l) => l._id) } }] })) !== null
    await Organization.updateOne({ _id, listed: !listed }, { $set: { listed } })
  }
}
