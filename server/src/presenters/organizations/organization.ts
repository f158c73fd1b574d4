import type { AttachedFile, OrganizationProfileView, OrganizationView, VerificationView } from '@zlbg/shared'
import type { OrganizationRecord } from '../../models/organization'

/** The review state of the name; the office's reason is shown only while the name stands rejected. */
export function presentNameReview(org: Pick<OrganizationRecord, 'nameReview' | 'nameReviewReason'>) {
  return {
    nameReview: org.nameReview ?? 'passed',
    ...(org.nameReview === 'rejected' && org.nameReviewReason ? { nameReviewReason: org.nameReviewReason } : {}),
  }
}

export function presentOrganization(org: OrganizationRecord): OrganizationView {
  return {
    id: org._id.toHexString(),
    name: org.name,
    listed: org.listed,
    memberCount: org.members.length,
    ...presentNameReview(org),
    createdAt: org.createdAt.toISOString(),
  }
}

/** The office's verification of the organization; the reason only while refused. */
export function presentVerification(org: Pick<OrganizationRecord, 'verification'>): VerificationView {
  const v = org.verification
  if (!v) return { state: 'unverified' }
  return {
    state: v.state,
    ...(v.state === 'rejected' && v.reason ? { reason: v.reason } : {}),
    ...(v.decidedAt ? { decidedAt: v.decidedAt.toISOString() } : {}),
  }
}

/** The profile page: the name (edited and reviewed on its own routes), the profile as saved, the scans' files. */
export function presentOrganizationProfile(
  org: OrganizationRecord,
  { iso9001Scan, businessLicenceScan }: { iso9001Scan?: AttachedFile; businessLicenceScan?: AttachedFile },
): OrganizationProfileView {
  return {
    organizationId: org._id.toHexString(),
    name: org.name,
    nameReview: org.nameReview ?? 'passed',
    ...(org.profile ? { profile: org.profile } : {}),
    ...(iso9001Scan ? { iso9001Scan } : {}),
    ...(businessLicenceScan ? { businessLicenceScan } : {}),
    verification: presentVerification(org),
    ...(org.profileUpdatedAt ? { updatedAt: org.profileUpdatedAt.toISOString() } : {}),
  }
}
