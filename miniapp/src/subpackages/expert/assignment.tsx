import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { AssignmentIdParamsSchema, CRITERIA, CRITERION_LABELS, SECTOR_LABELS } from '@zlbg/shared'
import { fileSizeText } from '../../api/upload'
import { ExpertLoadStates } from './ExpertLoadStates'
import { Section } from '../../components/Section'
import { useLoaded, validId } from '../../hooks/useLoaded'
import { openPage, PAGES } from '../../navigation'
import { Button } from '../../ui/nutui'
import { downloadAssignedFile, fetchAssignment } from './api'
import { EXPERT_STRINGS as S, SCORE_STRINGS as T } from './strings'
import './expert.css'

/** One assigned application's material (each view is in the audit log, 第十三条). */
export default function ExpertAssignment() {
  const { params } = useRouter()
  const loaded = useLoaded(fetchAssignment, validId(AssignmentIdParamsSchema, params.id))
  const a = loaded.data
  if (!a) {
    return (
      <ExpertLoadStates
        loaded={loaded}
        rows={[3, 6]}
        strings={{ notFoundTitle: S.notFound, notFoundDescription: '', errorTitle: S.detailTitle }}
        page
      />
    )
  }
  const content = a.content as Record<string, unknown> & { criteria?: Partial<Record<string, string>>; summary?: string; methods?: string[] }
  return (
    <View className="page expert expert-assignment-detail">
      <View className="expert-card">
        <Text className="expert-card-title expert-app-title">{a.title}</Text>
        <View className="expert-meta">
          <Text>{a.organizationName}</Text>
          {a.receiptNumber ? <Text>{a.receiptNumber}</Text> : null}
          {a.sector ? <Text>{SECTOR_LABELS[a.sector]}</Text> : null}
          <Text>{`${S.group}：${a.groupName}`}</Text>
          {a.deadline ? <Text className="expert-deadline">{`${S.deadline}：${a.deadline}`}</Text> : null}
        </View>
        <View className="expert-actions">
          {/* 第十六条: scoring opens from the material it judges; the form says when the round is not open. */}
          <Button type="primary" size="small" className="expert-to-score" onClick={() => openPage(`${PAGES.expertScore}?id=${a.id}`)}>
            {T.score}
          </Button>
        </View>
      </View>
      <Section title={S.detailTitle} className="expert-content">
        {content.methods?.length ? (
          <>
            <Text className="expert-label">{S.methods}</Text>
            <Text className="expert-section-text">{content.methods.join('、')}</Text>
          </>
        ) : null}
        {content.summary ? (
          <>
            <Text className="expert-label">{S.summary}</Text>
            <Text className="expert-section-text">{content.summary}</Text>
          </>
        ) : null}
        {CRITERIA.map((c) =>
          content.criteria?.[c] ? (
            <View key={c}>
              <Text className="expert-label">{CRITERION_LABELS[c]}</Text>
              <Text className="expert-section-text">{content.criteria[c]}</Text>
            </View>
          ) : null,
        )}
      </Section>
      <Section title={S.files} className="expert-files">
        {a.files.length === 0 ? <Text className="expert-hint">{S.noFiles}</Text> : null}
        {a.files.map((f) => (
          <View key={f.id} className="expert-row expert-file">
            <Text className="expert-row-title">{f.filename}</Text>
            <View className="expert-actions">
              <Text className="expert-hint">{fileSizeText(f.size)}</Text>
              <Button size="small" className="expert-file-download" onClick={() => void downloadAssignedFile(a.id, f.id, f.filename)}>
                {S.download}
              </Button>
            </View>
          </View>
        ))}
      </Section>
    </View>
  )
}
