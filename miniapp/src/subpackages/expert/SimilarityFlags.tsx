import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { formatDateTime, SIMILARITY_FLAG_STATE_LABELS } from '@zlbg/shared'
import { EmptyState } from '../../components/EmptyState'
import { Section } from '../../components/Section'
import { percent, SharedPassages } from '../../components/similarity/SharedPassages'
import { useLoaded } from '../../hooks/useLoaded'
import { Button } from '../../ui/nutui'
import { fetchAssignmentSimilarity, fetchGroupSimilarity, type ReviewerFlagView, type ReviewerSimilarityView } from './api'
import { FLAG_STRINGS as F } from './strings'

/** Who the other side is: its organization and title when the call allows it, else only what it is. */
function otherName(other: ReviewerFlagView['other']): { name: string; detail?: string } {
  if (!other.organizationName) return { name: other.kind === 'published' ? F.hiddenPublished : F.hiddenApplication }
  const kind = other.year ? (other.kind === 'published' ? F.kindPublished(other.year) : F.kindApplication(other.year)) : undefined
  return { name: other.organizationName, detail: [other.title, kind].filter(Boolean).join(' · ') }
}

/**
 * One flag: the other side, the share of this application's text found there, the office's conclusion,
 * and the passages — folded until asked for, so the scoring form below stays within reach on a phone.
 */
function FlagCard({ flag }: { flag: ReviewerFlagView }) {
  const other = otherName(flag.other)
  const [open, setOpen] = useState(false)
  return (
    <View className={`expert-flag expert-flag--${flag.state}`}>
      <View className="expert-flag-head">
        <View className="expert-flag-other">
          <Text className="expert-flag-name">{other.name}</Text>
          {other.detail ? <Text className="expert-hint expert-flag-detail">{other.detail}</Text> : null}
        </View>
        <Text className="expert-flag-share">{percent(flag.share)}</Text>
      </View>
      <Text className="expert-flag-line">{F.share(percent(flag.share))}</Text>
      <Text className="expert-flag-line">{F.sharedChars(flag.sharedChars)}</Text>
      <View className="expert-flag-conclusion">
        <Text className={`expert-tag expert-flag-state expert-flag-state--${flag.state}`}>{SIMILARITY_FLAG_STATE_LABELS[flag.state]}</Text>
        <Text className="expert-hint">{flag.concludedAt ? F.concluded(formatDateTime(flag.concludedAt)) : F.pending}</Text>
        {flag.reason ? <Text className="expert-flag-reason">{flag.reason}</Text> : null}
      </View>
      <View className="expert-actions expert-flag-actions">
        <Button size="small" className="expert-flag-toggle" onClick={() => setOpen(!open)}>
          {open ? F.hidePassages : F.showPassages(flag.passages.length)}
        </Button>
      </View>
      {open ? <SharedPassages passages={flag.passages} otherLabel={other.name} /> : null}
    </View>
  )
}

function FlagList({ view }: { view: ReviewerSimilarityView }) {
  return (
    <View className="expert-flags">
      {view.flags.map((flag) => (
        <FlagCard key={flag.id} flag={flag} />
      ))}
    </View>
  )
}

/**
 * The scoring form's flags (第十六条, 第二十一条): shown only when the application has any; nothing
 * when it has none or they cannot be read (the form itself says why it failed).
 */
export function AssignmentFlags({ assignmentId }: { assignmentId: string }) {
  const { data } = useLoaded(fetchAssignmentSimilarity, assignmentId)
  if (!data?.flags.length) return null
  return (
    <Section title={F.title(data.flags.length)} article="第二十一条" className="expert-score-flags">
      <Text className="expert-hint expert-flags-hint">{`${F.hint}${data.identityHidden ? F.hiddenHint : F.shownHint}`}</Text>
      <FlagList view={data} />
    </Section>
  )
}

/** The group leader's flags of their group's applications, on the progress page; nothing for others. */
export function GroupFlags({ callId }: { callId: string }) {
  const { data } = useLoaded(fetchGroupSimilarity, callId)
  if (!data) return null
  return (
    <Section title={F.groupTitle} article="第二十一条" className="expert-group-flags">
      <Text className="expert-hint expert-flags-hint">{`${F.groupHint}${data.identityHidden ? F.hiddenHint : F.shownHint}`}</Text>
      {data.items.length === 0 ? <EmptyState kind="empty" className="expert-group-flags-empty" title={F.groupEmpty} /> : null}
      {data.items.map((item) => (
        <View key={item.applicationId} className="expert-row expert-group-flags-item">
          <Text className="expert-row-title">{item.title}</Text>
          <FlagList view={item} />
        </View>
      ))}
    </Section>
  )
}
