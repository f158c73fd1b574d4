import type mongoose from 'mongoose'
import type { OrganizationProfile } from '@zlbg/shared'
import { attachedFiles, claimAttachments, downloadAttachment } from '../attachments'
import { recordAudit } from '../audit/recorder'
import { isDuplicateKey } from '../db/duplicateKey'
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

  async function scanOf(profile: OrganizationProfile | undefined) {
    const ref = profile?.iso9001.scan
    return ref ? (await attachedFiles(models, [ref]))[0] : undefined
  }

  /**
   * Makes `code` this organization's (第八条(一): one registration, one organization). The code is
   * the claim's `_id`, so the insert itself is the uniqueness check. Returns whether this call made
   * the claim, i.e. whether undoing the save must also let it go.
   */
  async function claimCreditCode(code: string, organizationId: mongoose.Types.ObjectId): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await CreditCodeClaim.create({ _id: code, organizationId })
        return true
      } catch (err) {
        if (!isDuplicateKey(err)) throw err
      }
      const holder = await CreditCodeClaim.findById(code).lean()
      if (holder?.organizationId.equals(organizationId)) return false
      // Held by another organization — unless it let go between our insert and this read: try once more.
      if (holder) break
    }
    throw new AppError('ORGANIZATION_EXISTS', {
      fields: [{ path: 'body.creditCode', message: '该统一社会信用代码已由另一组织登记' }],
    })
  }

  /** Frees a code this organization held, and only if it still holds it. */
  const releaseCreditCode = (code: string, organizationId: mongoose.Types.ObjectId) =>
    CreditCodeClaim.deleteOne({ _id: code, organizationId })

  return {
    async getOrganizationProfile(_ctx, { params, actor }) {
      const org = await load(params.id, actor, 'organization.readProfile')
      return presentOrganizationProfile(org, await scanOf(org.profile))
    },

    async saveOrganizationProfile(_ctx, { params, body, actor }) {
      let org = await load(params.id, actor, 'organization.editProfile')
      const orgId = org._id
      const scan = body.iso9001.scan
      for (let attempt = 1; ; attempt++) {
        const previous = org.profile?.creditCode
        // Claimed even when unchanged: a save repairs a claim that went missing, and costs one failed insert otherwise.
        const claimed = await claimCreditCode(body.creditCode, orgId)
        let saved: OrganizationRecord | null
        try {
          // The scan becomes the organization's, so it is read through this profile's routes only; a
          // replaced scan stays the organization's (submitted applications' snapshots still name it).
          if (scan) await claimAttachments(models, actor, [scan], { type: 'organization', id: orgId }, () => 'body.iso9001.scan.attachmentId')
          // Conditional on the profile being the one just read, so the code released below is really the old one.
          saved = await Organization.findOneAndUpdate(
            { _id: orgId, profileUpdatedAt: org.profileUpdatedAt ?? { $exists: false } },
            { $set: { profile: body, profileUpdatedAt: new Date() } },
            { new: true },
          ).lean()
        } catch (err) {
          // Nothing half-saved: a code claimed for a profile that was not saved goes back.
          if (claimed) await releaseCreditCode(body.creditCode, orgId)
          throw err
        }
        if (!saved) {
          // Someone saved the profile meanwhile: let go of our claim unless that save uses the same code, and redo.
          const fresh = await Organization.findById(orgId).lean()
          if (claimed && fresh?.profile?.creditCode !== body.creditCode) await releaseCreditCode(body.creditCode, orgId)
          if (!fresh) throw new AppError('ORGANIZATION_NOT_FOUND')
          if (attempt >= SAVE_ATTEMPTS) throw new AppError('STATE_CONFLICT')
          org = fresh
          continue
        }
        if (previous && previous !== body.creditCode) await releaseCreditCode(previous, orgId)
        await recordAudit(models, actor, {
          action: 'organization.updateProfile',
          resource: { type: 'organization', id: params.id },
          ...(previous !== body.creditCode ? { ...(previous ? { from: previous } : {}), to: body.creditCode } : {}),
        })
        return presentOrganizationProfile(saved, await scanOf(saved.profile))
      }
    },

    async downloadOrganizationAttachment(_ctx, { params, actor }) {
      const org = await load(params.id, actor, 'organization.readProfile')
      return downloadAttachment(models, storage, params.attachmentId, [{ type: 'organization', id: org._id }])
    },
  }
}
