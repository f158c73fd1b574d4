import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { AssignmentRoundParamsSchema, CRITERION_SCORE_LABELS, formatDateTime, MAX_COMMENT_LENGTH, MIN_COMMENT_LENGTH, REVIEW_ROUND_ARTICLES, REVIEW_ROUND_LABELS, type Criterion } from '@zlbg/shared'
import { useConfirm } from '../../components/ConfirmDialog'
import { EmptyState } from '../../components/EmptyState'
import { ExpertLoadStates } from './ExpertLoadStates'
import { Section } from '../../components/Section'
import { useLoaded } from '../../hooks/useLoaded'
import { openPage, PAGES } from '../../navigation'
import { Button, Input } from '../../ui/nutui'
import { fetchMyScore, saveScoreDraft, submitScore, type MyScore } from './api'
import { AssignmentFlags } from './SimilarityFlags'
import { EXPERT_STRINGS as S, SCORE_STRINGS as T } from './strings'
import './expert.css'

type Entries = Partial<Record<Criterion, string>>

/** A field's points: an integer from 0 to the item's maximum, or undefined while empty; NaN when invalid. */
function parsePoints(text: string | undefined, max: number): number | undefined {
  const trimmed = (text ?? '').trim()
  if (trimmed === '') return undefined
  const n = Number(trimmed)
  return Number.isInteger(n) && n >= 0 && n <= max ? n : Number.NaN
}

/**
 * 评分 (第十六条 material round, 第十七条 defense round): the six items of 第六条 with their maximum
 * and guidance, the comment, a draft to come back to, and the submission that locks it. Phone first;
 * on a desk the items sit two by two. Reached after the pledge (第十三条, the API refuses otherwise).
 */
export default function ExpertScore() {
  const { params } = useRouter()
  // Without a round (from the material page) the form opens on the round open for it now.
  const asked = params.round === 'defense' || params.round === 'material' ? params.round : undefined
  const key = AssignmentRoundParamsSchema.safeParse({ id: params.id, round: asked ?? 'material' }).success ? `${params.id}:${asked ?? ''}` : undefined
  const loaded = useLoaded(fetchMyScore, key)
  const [entries, setEntries] = useState<Entries>({})
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState<'' | 'draft' | 'submit'>('')
  const [confirmDialog, confirm] = useConfirm()
  const s = loaded.data
  const round = s?.round ?? asked ?? 'material'

  // The form starts from what is saved, and again after each save (the server's copy is the truth).
  const adopt = (next: MyScore) => {
    setEntries(Object.fromEntries(next.rubric.map((i) => [i.criterion, next.points[i.criterion] === undefined ? '' : String(next.points[i.criterion])])))
    setComment(next.comment)
  }
  useEffect(() => {
    if (s) adopt(s)
  }, [s])

  if (loaded.error?.code === 'PLEDGE_REQUIRED') {
    return <EmptyState kind="forbidden" className="expert-pledge-required" title={S.pledgeFirst} action={{ text: S.title, className: 'expert-to-home', onClick: () => openPage(PAGES.expertHome) }} />
  }
  if (!s) {
    return (
      <ExpertLoadStates
        loaded={loaded}
        rows={[3, 6, 6]}
        strings={{ notFoundTitle: S.notFound, notFoundDescription: '', errorTitle: T.score }}
        page
      />
    )
  }

  const values = s.rubric.map((i) => parsePoints(entries[i.criterion], i.maxPoints))
  const invalid = values.some((v) => Number.isNaN(v))
  const total = values.reduce<number>((sum, v) => sum + (v !== undefined && !Number.isNaN(v) ? v : 0), 0)
  const complete = !invalid && values.every((v) => v !== undefined) && comment.trim().length >= MIN_COMMENT_LENGTH
  const points = Object.fromEntries(s.rubric.flatMap((i, n) => (values[n] !== undefined && !Number.isNaN(values[n]) ? [[i.criterion, values[n]]] : [])))

  const saveDraft = async () => {
    setBusy('draft')
    try {
      adopt(await saveScoreDraft(s.assignmentId, { round, points, comment }))
      void Taro.showToast({ title: T.saved, icon: 'success' })
      void loaded.refresh()
    } finally {
      setBusy('')
    }
  }
  const submit = () =>
    confirm({
      title: T.submitConfirmTitle,
      content: T.submitConfirm(total, s.rubricTotal),
      confirmText: T.submit,
      onConfirm: async () => {
        setBusy('submit')
        try {
          await submitScore(s.assignmentId, { round, points: points as Required<MyScore['points']>, comment: comment.trim() })
          void Taro.showToast({ title: T.submitted, icon: 'success' })
          await loaded.refresh()
        } finally {
          setBusy('')
        }
      },
    })

  const status =
    s.state === 'submitted' && s.submittedAt
      ? T.submittedAt(s.version, formatDateTime(s.submittedAt))
      : s.state === 'reopened' && s.reopenReason
        ? T.reopened(s.reopenReason)
        : s.state === 'draft'
          ? T.draft
          : ''
  return (
    <View className="page expert expert-score">
      <View className="expert-card">
        <Text className="expert-card-title expert-app-title">{s.title}</Text>
        <View className="expert-meta">
          <Text>{s.organizationName}</Text>
          <Text className="expert-badge">{`${REVIEW_ROUND_LABELS[round]}（${REVIEW_ROUND_ARTICLES[round]}）`}</Text>
          {s.deadline ? <Text className="expert-deadline">{`${S.deadline}：${s.deadline}`}</Text> : null}
        </View>
        {status ? <Text className={`expert-score-status expert-score-status--${s.state}`}>{status}</Text> : null}
        {!s.roundOpen ? <Text className="expert-hint expert-score-closed">{T.notOpen}</Text> : null}
        <View className="expert-actions">
          <Button size="small" className="expert-open-material" onClick={() => openPage(`${PAGES.expertAssignment}?id=${s.assignmentId}`)}>
            {T.openMaterial}
          </Button>
        </View>
      </View>
      <AssignmentFlags assignmentId={s.assignmentId} />
      <Section title={T.scoreTitle(REVIEW_ROUND_LABELS[round])} className="expert-score-items" article="第六条">
        <View className="expert-score-grid">
          {s.rubric.map((item, n) => {
            const bad = Number.isNaN(values[n])
            return (
              <View key={item.criterion} className={`expert-score-item expert-score-item--${item.criterion}`}>
                <View className="expert-score-head">
                  <Text className="expert-score-label">{CRITERION_SCORE_LABELS[item.criterion]}</Text>
                  <Text className="expert-hint">{T.maxPoints(item.maxPoints)}</Text>
                </View>
                <Text className="expert-hint expert-score-guidance">{item.guidance}</Text>
                <Input
                  className={`expert-score-input${bad ? ' expert-score-input--bad' : ''}`}
                  type="number"
                  value={entries[item.criterion] ?? ''}
                  disabled={!s.editable}
                  placeholder={T.pointsPlaceholder(item.maxPoints)}
                  onChange={(v) => setEntries((e) => ({ ...e, [item.criterion]: v }))}
                />
                {bad ? <Text className="expert-score-error">{T.overMax(item.maxPoints)}</Text> : null}
              </View>
            )
          })}
        </View>
        <Text className="expert-score-total">{T.total(total, s.rubricTotal)}</Text>
      </Section>
      <Section title={T.comment} className="expert-score-comment">
        <Textarea
          className="expert-textarea"
          style={{ minHeight: '8em' }}
          value={comment}
          placeholder={T.commentPlaceholder(MIN_COMMENT_LENGTH)}
          maxlength={MAX_COMMENT_LENGTH}
          disabled={!s.editable}
          autoHeight
          onInput={(event) => setComment(event.detail.value)}
        />
        <Text className={`expert-hint expert-comment-count${comment.trim().length < MIN_COMMENT_LENGTH ? ' expert-comment-count--short' : ''}`}>
          {T.commentCount(comment.trim().length, MIN_COMMENT_LENGTH)}
        </Text>
      </Section>
      {s.editable ? (
        <View className="expert-actions expert-score-actions">
          <Button className="expert-score-save" loading={busy === 'draft'} disabled={invalid || busy !== ''} onClick={() => void saveDraft()}>
            {T.saveDraft}
          </Button>
          <Button type="primary" className="expert-score-submit" loading={busy === 'submit'} disabled={!complete || busy !== ''} onClick={submit}>
            {T.submit}
          </Button>
          {!complete ? <Text className="expert-hint">{T.incomplete}</Text> : null}
        </View>
      ) : null}
      {confirmDialog}
    </View>
  )
}
