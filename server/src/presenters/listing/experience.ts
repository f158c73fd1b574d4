import { LISTED_STATE_LABELS, REMOVAL_REASON_LABELS, type ListedExperience } from '@zlbg/shared'
import type { ListedExperienceRecord } from '../../models/listing'
import { publicEntryFields } from '../publicity/publicity'

/**
 * A listed experience as anyone may see it (第十九条): organization, title, summary, sector, region and
 * year — nothing else of the application it came from (no credit code, no application id). A removed
 * one is marked, with the announcement once it is published (第二十一条).
 */
export function presentListedExperience(doc: ListedExperienceRecord): ListedExperience {
  const announced = doc.removal?.announcementPublishedAt
  return {
    id: doc._id.toHexString(),
    year: doc.year,
    listedOrganizationId: doc.listedOrganizationId.toHexString(),
    ...publicEntryFields(doc),
    ...(doc.summary ? { summary: doc.summary } : {}),
    state: doc.state,
    stateLabel: LISTED_STATE_LABELS[doc.state],
    source: doc.source,
    ...(doc.publishedAt ? { publishedAt: doc.publishedAt.toISOString() } : {}),
    ...(doc.removal
      ? {
          removal: {
            removedAt: doc.removal.at.toISOString(),
            reasonLabel: REMOVAL_REASON_LABELS[doc.removal.reasonType],
            ...(announced ? { announcementId: doc.removal.removalId.toHexString() } : {}),
          },
        }
      : {}),
  }
}

/** What the public never reads of a listed experience: the projection for public queries. */
export const PUBLIC_EXPERIENCE_FIELDS = { creditCode: 0, applicationId: 0, organizationId: 0, importId: 0, listingId: 0, key: 0 } as const
