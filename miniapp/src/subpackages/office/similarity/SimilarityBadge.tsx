import { Text, View } from '@tarojs/components'
import type { OfficeApplicationRow } from '../../../api/officeApplications'
import { PAGES } from '../../../pagePaths'
import { openPage } from '../../../navigation'
import { SIMILARITY_STRINGS as S } from './strings'
import './similarity.css'

export const similarityReportUrl = (applicationId: string) => `${PAGES.officeSimilarityReport}?id=${encodeURIComponent(applicationId)}`

/**
 * The qualification queue's flag (第二十一条): shown on a row whose text reaches the call's threshold
 * in another document; opens the similarity report, not the review page.
 */
export function SimilarityBadge({ applicationId, similarity }: { applicationId: string; similarity: OfficeApplicationRow['similarity'] }) {
  if (!similarity?.flags) return null
  return (
    <View
      className={`similarity-badge${similarity.open ? '' : ' similarity-badge--concluded'}`}
      onClick={(e) => {
        e.stopPropagation()
        openPage(similarityReportUrl(applicationId))
      }}
    >
      <Text className="similarity-badge-text">{S.badge(similarity.open, similarity.flags)}</Text>
      <Text className="similarity-badge-share">{S.badgeShare(`${Math.round(similarity.maxShare * 100)}%`)}</Text>
    </View>
  )
}

/** The review page's way to the report: always there, the report says when nothing was found. */
export function SimilarityReportLink({ applicationId }: { applicationId: string }) {
  return (
    <Text className="similarity-report-link" onClick={() => openPage(similarityReportUrl(applicationId))}>
      {`${S.link} ›`}
    </Text>
  )
}
