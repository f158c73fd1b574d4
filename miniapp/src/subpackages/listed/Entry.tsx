import { Text, View } from '@tarojs/components'
import { openPage, PAGES } from '../../navigation'
import type { ListedEntry } from './api'
import { LISTED_STRINGS } from './strings'

const S = LISTED_STRINGS.removal

/** A removed entry's notice (第二十一条): when and why, and the announcement once it is published. */
export function RemovalNotice({ entry }: { entry: ListedEntry }) {
  if (!entry.removal) return null
  const { announcementId } = entry.removal
  return (
    <View className="listed-removal">
      <Text className="listed-removal-title">{S.removed}</Text>
      <Text className="listed-removal-line">{S.line(entry.removal.removedAt, entry.removal.reasonLabel)}</Text>
      {announcementId ? (
        <Text className="listed-removal-link" onClick={() => openPage(`${PAGES.announcement}?id=${encodeURIComponent(announcementId)}`)}>
          {S.announcement}
        </Text>
      ) : (
        <Text className="listed-removal-line">{S.announcementPending}</Text>
      )}
    </View>
  )
}

/** One experience in a list on these pages: title, year, sector, region; removed ones marked. */
export function EntryRow({ entry }: { entry: ListedEntry }) {
  const meta = [`${entry.year}年`, entry.sector, entry.region].filter(Boolean).join(' · ')
  return (
    <View className={`listed-entry listed-entry--${entry.state}`} onClick={() => openPage(`${PAGES.listedExperience}?id=${encodeURIComponent(entry.id)}`)}>
      <View className="listed-entry-head">
        <Text className="listed-entry-title">{entry.title}</Text>
        {entry.state === 'removed' ? <Text className="listed-badge">{entry.stateLabel}</Text> : null}
      </View>
      <Text className="listed-entry-meta">{meta}</Text>
    </View>
  )
}
