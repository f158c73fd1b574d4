import type { OrganizationView } from '@zlbg/shared'
import type { OrganizationRecord } from '../models/organization'

export function presentOrganization(org: OrganizationRecord): OrganizationView {
  return {
    id: org._id.toHexString(),
    name: org.name,
    listed: org.listed,
    memberCount: org.members.length,
    nameReview: org.nameReview ?? 'passed',
    ...(org.nameReview === 'rejected' && org.nameReviewReason ? { nameReviewReason: org.nameReviewReason } : {}),
    createdAt: org.createdAt.toISOString(),
  }
}
