import type { OrganizationProfile } from '@zlbg/shared'
import { attachedFiles, claimAttachments, downloadAttachment } from '../attachments'
import { recordAudit } from '../audit/recorder'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Models } from '../models'
import type { OrganizationRecord } from '../models/organization'
import type { Actor } from '../policies'
import { loadOrganization } from '../policies/loaders'
import { presentOrganizationProfile } from '../presenters/organizations/organization'
import type { FileStorage } from '../storage'

type Names = 'getOrganizationProfile' | 'saveOrganizationProfile' | 'downloadOrganizationAttachment'

/** Two members saving at the same moment: the later one is redone on the fresh profile this many times. */
const SAVE_ATTEMPTS = 3

/**
 * The organization profile (申报组织信息, 第八条): kept on the organization, reused by every
 * application (which snapshots it on submit). Members edit it; members and the office read it.
 */
export function profileHandlers(models: Models, { storage }: { storage: FileStorage }): Pick<Handlers, Names> {
  const { Organization, CreditCodeClaim } = models

  const load = (id: string, actor: Actor, action: string) => loadOrganization(models, id, actor, action)

  return {
    async getOrganizationProfile(_ctx, { params, actor }) {
      const org = await load(params.id, actor, 'organization.readProfile')
      return presentOrganizationProfile(org, await profileScans(models, org.profile))
    },

    async saveOrganizationProfile(_ctx, { params, body, actor }) {
      let org = await load(params.id, actor, 'organization.editProfile')
      const orgId = org._id
      // The scans become the organization's, so they are read through this profile's routes only; a
      // replaced scan stays the organization's (submitted applications' snapshots still name it).
      const scans = [
        ...(body.iso9001.scan ? [{ ref: body.iso9001.scan, path: 'body.iso9001.scan.attachmentId' }] : []),
        ...(body.businessLicenceScan ? [{ ref: body.businessLicenceScan, path: 'body.businessLicenceScan.attachmentId' }] : []),
      ]
      await claimAttachments(models, actor, scans.map((s) => s.ref), { type: 'organization', id: orgId }, (i) => scans[i]!.path)
      for (let attempt = 1; ; attempt++) {
        const previous = org.profile?.creditCode
        // Saving a code no longer takes it (issue 12): the office verifies it against the licence.
        const verification = verificationAfterSave(org, body)
        const saved = await Organization.findOneAndUpdate(
          { _id: orgId, profileUpdatedAt: org.profileUpdatedAt ?? { $exists: false } },
          { $set: { profile: body, profileUpdatedAt: new Date(), verification } },
          { new: true },
        ).lean()
        if (!saved) {
          // Someone saved the profile meanwhile: redo on theirs.
          const fresh = await Organization.findById(orgId).lean()
          if (!fresh) throw new AppError('ORGANIZATION_NOT_FOUND')
          if (attempt >= SAVE_ATTEMPTS) throw new AppError('STATE_CONFLICT')
          org = fresh
          continue
        }
        // A verified organization that changes its code lets go of the old one.
        if (previous && previous !== body.creditCode) await CreditCodeClaim.deleteOne({ _id: previous, organizationId: orgId })
        await recordAudit(models, actor, {
          action: 'organization.updateProfile',
          resource: { type: 'organization', id: params.id },
          ...(previous !== body.creditCode ? { ...(previous ? { from: previous } : {}), to: body.creditCode } : {}),
        })
        return presentOrganizationProfile(saved, await profileScans(models, saved.profile))
      }
    },

    async downloadOrganizationAttachment(_ctx, { params, actor }) {
      const org = await load(params.id, actor, 'organization.readProfile')
      return downloadAttachment(models, storage, params.attachmentId, [{ type: 'organization', id: org._id }])
    },
  }
}

/**
 * The verification a save leaves (第八条(一)): unchanged while the code and the licence scan are the
 * ones the office judged; otherwise waiting for the office when a licence scan is attached, and
 * unverified without one.
 */
export function verificationAfterSave(org: OrganizationRecord, body: OrganizationProfile): NonNullable<OrganizationRecord['verification']> {
  const same =
    org.profile?.creditCode === body.creditCode &&
    org.profile?.businessLicenceScan?.attachmentId === body.businessLicenceScan?.attachmentId
  if (same && org.verification && org.verification.state !== 'unverified') return org.verification
  return { state: body.businessLicenceScan ? 'pending' : 'unverified' }
}

/** The files a profile names, with their names and sizes. */
export async function profileScans(models: Models, profile: OrganizationProfile | undefined) {
  const [iso9001Scan, businessLicenceScan] = await Promise.all(
    [profile?.iso9001.scan, profile?.businessLicenceScan].map(async (ref) => (ref ? (await attachedFiles(models, [ref]))[0] : undefined)),
  )
  return { iso9001Scan, businessLicenceScan }
}
