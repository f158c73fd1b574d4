import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { LoadStates } from '../../components/LoadStates'
import type { LoadedState } from '../../hooks/useLoaded'
import { openPage, PAGES } from '../../navigation'
import type { ListedEntry } from './api'
import { LISTED_STRINGS } from './strings'

const S = LISTED_STRINGS.removal

/** The removal announcement (公告, 第二十一条): its page is the announcements subpackage's. */
function AnnouncementLink({ id }: { id: string }) {
  return (
    <Text
      className="listed-removal-link"
      onClick={(e) => {
        // Inside an entry row: open the announcement, not the experience.
        e.stopPropagation()
        openPage(`${PAGES.announcement}?id=${encodeURIComponent(id)}`)
      }}
    >
      {S.announcement}
    </Text>
  )
}

/** A removed entry's notice (第二十一条): when and why, and the announcement once it is published. */
export function RemovalNotice({ entry }: { entry: ListedEntry }) {
  if (!entry.removal) return null
  const { announcementId } = entry.removal
  return (
    <View className="listed-removal">
      <Text className="listed-removal-title">{S.removed}</Text>
      <Text className="listed-removal-line">{S.line(entry.removal.removedAt, entry.removal.reasonLabel)}</Text>
      {announcementId ? (
        <AnnouncementLink id={announcementId} />
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
      {entry.removal?.announcementId ? <AnnouncementLink id={entry.removal.announcementId} /> : null}
    </View>
  )
}

/** A listed page: its object once loaded, else loading, not found (with a way back) or failed (with retry). */
export function ListedLoaded<T>({
  loaded,
  strings,
  children,
}: {
  loaded: LoadedState<T>
  strings: { notFoundTitle: string; notFoundDescription: string; errorTitle: string }
  children: (data: T) => ReactNode
}) {
  return (
    <View className="page listed">
      {loaded.data ? (
        children(loaded.data)
      ) : (
        <LoadStates
          status={loaded.status}
          error={loaded.error}
          onRetry={() => void loaded.reload()}
          loading={{ className: 'listed-loading', rows: [3, 4], boxClassName: 'listed-card' }}
          classes={{ notFound: 'listed-not-found', back: 'listed-back', error: 'listed-error', retry: 'listed-retry' }}
          strings={strings}
        />
      )}
    </View>
  )
}
