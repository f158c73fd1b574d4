import { Text, View } from '@tarojs/components'
import { publicityOpenAt } from '@zlbg/shared'
import type { PublicityEntry, PublicityList } from '../api/publicity'
import { openPage, PAGES } from '../navigation'
import { STRINGS } from '../strings'
import { THEME } from '../theme'
import { Button, Tag } from '../ui/nutui'
import './PublicityCard.css'

const S = STRINGS.publicity

/** Where the window stands at `now`: objections are taken only while it is open (第十八条). */
export type WindowPhase = 'upcoming' | 'open' | 'ended'
export function windowPhase(list: Pick<PublicityList, 'window'>, now: number): WindowPhase {
  if (publicityOpenAt(list.window, new Date(now))) return 'open'
  return Date.parse(list.window.opensAt) > now ? 'upcoming' : 'ended'
}

function StatusTag({ entry }: { entry: PublicityEntry }) {
  // Only a changed status is tagged: a listed entry is what the card's own state says.
  const colour = entry.status === 'passed' ? THEME.success : THEME.danger
  return (
    <Tag className={`zlbg-tag publicity-entry-status publicity-entry-status--${entry.status}`} plain background={colour}>
      {entry.statusLabel}
    </Tag>
  )
}

function Entry({ list, entry, index, phase }: { list: PublicityList; entry: PublicityEntry; index: number; phase: WindowPhase }) {
  const where = [entry.sector, entry.region].filter(Boolean).join(' · ')
  return (
    <View className={`publicity-entry publicity-entry--${entry.status}`}>
      <Text className="publicity-entry-index">{index + 1}</Text>
      <View className="publicity-entry-text">
        <Text className="publicity-entry-title">{entry.title}</Text>
        <Text className="publicity-entry-org">{entry.organizationName}</Text>
        <View className="publicity-entry-meta">
          {where ? <Text className="publicity-entry-where">{where}</Text> : null}
          {entry.status === 'listed' ? null : <StatusTag entry={entry} />}
        </View>
        {phase === 'open' && entry.status === 'listed' ? (
          <Button
            className="publicity-entry-object"
            size="small"
            fill="outline"
            type="primary"
            onClick={() => openPage(`${PAGES.objectionFile}?publicityId=${encodeURIComponent(list.id)}&entryId=${encodeURIComponent(entry.id)}`)}
          >
            {S.object}
          </Button>
        ) : null}
      </View>
    </View>
  )
}

/**
 * One publicity list (第十八条): the call, the window, each entry (organization, title, sector,
 * region, status) with 提出异议 while the window is open at `now`, and how to object. `compact`
 * (the tab) adds a link to the list's own page (one address to share).
 */
export function PublicityCard({ list, now, compact = false }: { list: PublicityList; now: number; compact?: boolean }) {
  const phase = windowPhase(list, now)
  return (
    <View className={`publicity-card publicity-card--${phase}`}>
      <View className="publicity-card-head">
        <Tag
          className={`zlbg-tag publicity-card-state publicity-card-state--${phase}`}
          {...(phase === 'open' ? { type: 'primary' as const } : { background: THEME.mutedBackground, color: THEME.textTertiary })}
        >
          {phase === 'open' ? S.open : phase === 'upcoming' ? S.notOpenYet : list.stateLabel}
        </Tag>
        <Text className="publicity-card-count">{S.entries(list.entries.length)}</Text>
      </View>
      <Text className="publicity-card-title">{list.callTitle}</Text>
      <View className="publicity-card-window">
        <Text className="publicity-card-window-label">{S.window}</Text>
        <Text className="publicity-card-window-value">{list.window.display}</Text>
      </View>
      {phase === 'ended' ? <Text className="publicity-card-ended">{S.ended}</Text> : null}
      {phase === 'open' ? <Text className="publicity-card-hint">{S.objectHint}</Text> : null}
      <View className="publicity-entries">
        {list.entries.map((entry, index) => (
          <Entry key={entry.id} list={list} entry={entry} index={index} phase={phase} />
        ))}
      </View>
      <View className="publicity-card-contact">
        <Text className="publicity-card-contact-label">{S.contact}</Text>
        <Text className="publicity-card-contact-text" userSelect>
          {list.contact}
        </Text>
      </View>
      {compact ? (
        <Text className="publicity-card-more" onClick={() => openPage(`${PAGES.publicityDetail}?id=${encodeURIComponent(list.id)}`)}>
          {S.details}
        </Text>
      ) : null}
    </View>
  )
}
