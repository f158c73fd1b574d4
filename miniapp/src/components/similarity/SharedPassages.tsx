import { Text, View } from '@tarojs/components'
import { SIMILARITY_FIELD_LABELS, type SimilarityMatch } from '@zlbg/shared'
import './SharedPassages.css'

/**
 * The shared passages of two documents side by side (第二十一条): the office's similarity report and
 * the reviewers' flags (第十六条) show them the same way. Stacked on a phone, side by side on a desk.
 */
type Passage = SimilarityMatch['passages'][number]

export const percent = (share: number) => `${Math.round(share * 100)}%`

const STRINGS = {
  passagesTitle: (n: number) => `相同段落（${n} 处，按长度排列）`,
  passageLength: (n: number) => `${n} 字`,
  selfSide: '本申报',
}

/** One side of a shared passage: a little context (when given), the passage marked, a little context. */
export function PassageSide({ side, label, excerpt }: { side: 'self' | 'other'; label: string; excerpt: Passage['self'] }) {
  return (
    <View className={`similarity-passage-side similarity-passage-side--${side}`}>
      <Text className="similarity-passage-where">{`${label} · ${SIMILARITY_FIELD_LABELS[excerpt.field]}`}</Text>
      <Text className="similarity-passage-text" userSelect>
        {excerpt.start > 0 ? '…' : ''}
        {excerpt.before}
        <Text className="similarity-mark">{excerpt.text}</Text>
        {excerpt.after}…
      </Text>
    </View>
  )
}

/** The passages of one pair, longest first, each with its length; `otherLabel` names the other side. */
export function SharedPassages({ passages, otherLabel }: { passages: readonly Passage[]; otherLabel: string }) {
  return (
    <View className="similarity-passages">
      <Text className="similarity-passages-title">{STRINGS.passagesTitle(passages.length)}</Text>
      {passages.map((p, i) => (
        <View key={`${p.self.field}-${p.self.start}-${i}`} className="similarity-passage">
          <Text className="similarity-passage-length">{STRINGS.passageLength(p.length)}</Text>
          <View className="similarity-passage-sides">
            <PassageSide side="self" label={STRINGS.selfSide} excerpt={p.self} />
            <PassageSide side="other" label={otherLabel} excerpt={p.other} />
          </View>
        </View>
      ))}
    </View>
  )
}
