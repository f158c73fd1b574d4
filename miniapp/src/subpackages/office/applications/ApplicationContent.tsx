import { Text, View } from '@tarojs/components'
import { CRITERIA, CRITERION_LABELS, type AttachedFile } from '@zlbg/shared'
import type { OfficeApplicationDetail } from '../../../api/officeApplications'
import { fileSizeText } from '../../../api/upload'
import { THEME } from '../../../theme'
import { Tag } from '../../../ui/nutui'
import { Fact, FactText, FileLine } from './ProfileSnapshot'
import { APPLICATIONS_STRINGS } from './strings'

const S = APPLICATIONS_STRINGS.review

type Content = OfficeApplicationDetail['content']
type ComparisonRow = NonNullable<Content['comparison']>[number]

function peerText(peer: ComparisonRow['competitor']): string {
  return peer?.name !== undefined && peer.value !== undefined ? `${peer.name}：${peer.value}` : S.notFilled
}

/** 显效性 (第六条): one card per indicator — the organization's years against competitor and benchmark. */
function ComparisonTable({ rows }: { rows: readonly ComparisonRow[] }) {
  return (
    <View className="review-comparison">
      {rows.map((row, i) => (
        <View key={`${row.indicator ?? ''}-${i}`} className="review-comparison-row">
          <Text className="review-comparison-indicator">{`${row.indicator ?? S.notFilled}${row.unit ? `（${row.unit}）` : ''}`}</Text>
          <View className="review-comparison-cells">
            <View className="review-comparison-cell">
              <Text className="review-comparison-caption">{S.comparisonOwn}</Text>
              {row.own?.length ? (
                row.own.map((v) => <Text key={v.year} className="review-comparison-value">{`${v.year}：${v.value}`}</Text>)
              ) : (
                <Text className="review-comparison-value">{S.notFilled}</Text>
              )}
            </View>
            <View className="review-comparison-cell">
              <Text className="review-comparison-caption">{S.comparisonCompetitor}</Text>
              <Text className="review-comparison-value">{peerText(row.competitor)}</Text>
            </View>
            <View className="review-comparison-cell">
              <Text className="review-comparison-caption">{S.comparisonBenchmark}</Text>
              <Text className="review-comparison-value">{peerText(row.benchmark)}</Text>
            </View>
          </View>
          <Text className="review-comparison-source">{`${S.comparisonSource}：${row.source ?? S.notFilled}`}</Text>
        </View>
      ))}
    </View>
  )
}

/**
 * What the organization declared (第六条 criteria, 第八条(四) practice) with its attachments.
 * Hooks: `.review-content`, `.review-fact--<part>`, `.review-criterion--<criterion>`, each attachment
 * `.review-attachment` with `.review-attachment-download`.
 */
export function ApplicationContent({ content, onDownload }: { content: Content; onDownload: (file: AttachedFile) => void }) {
  return (
    <View className="review-content">
      <Fact name="title" label={S.title}>
        <FactText className="review-content-title">{content.title || S.notFilled}</FactText>
      </Fact>
      <Fact name="summary" label={S.summary}>
        <FactText className="review-prose">{content.summary || S.notFilled}</FactText>
      </Fact>
      <Fact name="methods" label={S.methods}>
        <View className="office-row-tags">
          {(content.methods ?? []).map((method) => (
            <Tag key={method} className="zlbg-tag review-method" plain background={THEME.primary}>
              {method}
            </Tag>
          ))}
        </View>
        {content.methodsOther ? <FactText className="review-fact-note">{`${S.methodsOther}：${content.methodsOther}`}</FactText> : null}
      </Fact>
      <Fact name="criteria" label={S.criteria}>
        {CRITERIA.map((criterion) => (
          <View key={criterion} className={`review-criterion review-criterion--${criterion}`}>
            <Text className="review-criterion-label">{CRITERION_LABELS[criterion]}</Text>
            <Text className="review-prose" userSelect>
              {content.criteria?.[criterion] || S.notFilled}
            </Text>
          </View>
        ))}
      </Fact>
      <Fact name="comparison" label={S.comparison}>
        {content.comparison?.length ? <ComparisonTable rows={content.comparison} /> : <FactText>{S.notFilled}</FactText>}
      </Fact>
      <Fact name="practice" label={`${S.practice}（${S.practiceArticle}）`}>
        {content.practice?.since ? <FactText>{S.practiceSince(content.practice.since)}</FactText> : null}
        <FactText className="review-prose">{content.practice?.scope || S.notFilled}</FactText>
      </Fact>
      <Fact name="attachments" label={S.attachments}>
        {content.attachments.length ? (
          content.attachments.map((file) => (
            <FileLine
              key={file.attachmentId}
              file={{ ...file, filename: `${file.filename} · ${fileSizeText(file.size)}` }}
              className="review-attachment"
              onDownload={() => onDownload(file)}
            />
          ))
        ) : (
          <FactText>{S.noAttachments}</FactText>
        )}
      </Fact>
    </View>
  )
}
