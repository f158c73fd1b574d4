import { Text, View } from '@tarojs/components'
import { formatDateTime } from '@zlbg/shared'
import type { OfficeApplicationDetail } from '../../../api/officeApplications'
import { logActionLabel, officeStateLabel } from './labels'
import { APPLICATIONS_STRINGS } from './strings'

const S = APPLICATIONS_STRINGS.review

/**
 * Who did what, when and why (the office's record; the applicant sees dates only, 第十三条).
 * Hooks: `.review-log`, each `.review-log-entry` (`-action`, `-actor`, `-time`, `-transition`, `-reason`).
 */
export function ReviewLog({ log }: { log: OfficeApplicationDetail['log'] }) {
  if (log.length === 0) return <Text className="review-empty-note review-log-empty">{S.logEmpty}</Text>
  const entries = [...log].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  return (
    <View className="review-log">
      {entries.map((entry, i) => (
        <View key={`${entry.at}-${i}`} className="review-log-entry">
          <View className="review-log-dot" />
          <View className="review-log-body">
            <View className="review-log-head">
              <Text className="review-log-action">{logActionLabel(entry.action)}</Text>
              <Text className="review-log-time">{formatDateTime(entry.at)}</Text>
            </View>
            <Text className="review-log-actor">{entry.actor}</Text>
            {entry.from && entry.to ? (
              <Text className="review-log-transition">{S.logTransition(officeStateLabel(entry.from), officeStateLabel(entry.to))}</Text>
            ) : null}
            {entry.reason ? <Text className="review-log-reason">{S.logReason(entry.reason)}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  )
}
