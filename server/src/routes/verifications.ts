import type { CreditCodeClaims } from '@zlbg/shared'
import { attachedFiles } from '../attachments'
import { organizationVerifier } from '../commands/organizations/organizationVerifier'
import type { Handlers } from '../http/bind'
import type { Logger } from '../logger'
import type { Models } from '../models'
import { presentNameReview, presentOrganizationProfile, presentVerification } from '../presenters/organizations/organization'
import { profileScans } from './profiles'

/**
 * The office's verification of organizations (第八条(一), issue 12 item 3): every claim of one
 * 统一社会信用代码 side by side, with each organization's business licence scan, and the decision.
 */
export function verificationHandlers(models: Models, { logger }: { logger: Logger }): Pick<Handlers, 'listCreditCodeClaims' | 'decideVerification'> {
  const { Organization, CreditCodeClaim } = models

  return {
    async listCreditCodeClaims(_ctx, { query }) {
      const [facet] = await Organization.aggregate<{ total: { n: number }[]; page: { _id: string }[] }>([
        { $match: { 'profile.creditCode': query.creditCode ?? { $exists: true } } },
        {
          $group: {
            _id: '$profile.creditCode',
            waiting: { $sum: { $cond: [{ $eq: ['$verification.state', 'pending'] }, 1, 0] } },
            latest: { $max: '$profileUpdatedAt' },
          },
        },
        ...(query.state === 'pending' ? [{ $match: { waiting: { $gt: 0 } } }] : []),
        { $sort: { latest: -1, _id: 1 } },
        {
          $facet: {
            total: [{ $count: 'n' }],
            page: [{ $skip: (query.page - 1) * query.pageSize }, { $limit: query.pageSize }, { $project: { _id: 1 } }],
          },
        },
      ])
      const codes = (facet?.page ?? []).map((g) => g._id)
      const [orgs, holders] = await Promise.all([
        Organization.find({ 'profile.creditCode': { $in: codes } }, { pendingEffects: 0 }).sort({ createdAt: 1, _id: 1 }).lean(),
        CreditCodeClaim.find({ _id: { $in: codes } }).lean(),
      ])
      const licences = await attachedFiles(models, orgs.flatMap((o) => (o.profile?.businessLicenceScan ? [o.profile.businessLicenceScan] : [])))
      const licenceOf = new Map(licences.map((f) => [f.attachmentId, f]))
      const items: CreditCodeClaims[] = codes.map((creditCode) => {
        const holder = holders.find((h) => h._id === creditCode)
        return {
          creditCode,
          ...(holder ? { verifiedOrganizationId: holder.organizationId.toHexString() } : {}),
          claims: orgs
            .filter((o) => o.profile?.creditCode === creditCode)
            .map((o) => {
              const licence = o.profile?.businessLicenceScan && licenceOf.get(o.profile.businessLicenceScan.attachmentId)
              return {
                organizationId: o._id.toHexString(),
                name: o.name,
                ...presentNameReview(o),
                memberCount: o.members.length,
                verification: presentVerification(o),
                ...(licence ? { businessLicenceScan: licence } : {}),
                createdAt: o.createdAt.toISOString(),
                ...(o.profileUpdatedAt ? { profileUpdatedAt: o.profileUpdatedAt.toISOString() } : {}),
              }
            }),
        }
      })
      return { items, page: query.page, pageSize: query.pageSize, total: facet?.total[0]?.n ?? 0 }
    },

    async decideVerification(_ctx, { params, body, actor }) {
      const decided = await organizationVerifier({ models, actor, id: params.id, decision: body, logger })
      return presentOrganizationProfile(decided, await profileScans(models, decided.profile))
    },
  }
}
