import { useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  CRITERION_SCORE_LABELS,
  formatDateTime,
  RANK_BY,
  RANK_BY_LABELS,
  REVIEW_ROUND_ARTICLES,
  REVIEW_ROUND_LABELS,
  REVIEW_ROUNDS,
  ReviewPlanInputSchema,
  rubricTotal,
  type ReviewRound,
} from '@zlbg/shared'
import { useConfirm } from '../../../components/ConfirmDialog'
import { openPage, PAGES } from '../../../navigation'
import { Button, Input } from '../../../ui/nutui'
import { OfficeHeader } from '../components/OfficeHeader'
import { CallPage } from '../components/CallPage'
import { Chips } from '../experts/Chips'
import { fetchProgress, fetchReviewPlan, reopenScore, saveReviewPlan, startMaterialRound, type ReviewPlan, type ReviewPlanInput, type RoundProgress, type RoundStart } from './api'
import '../components/office.css'
import '../experts/experts.css'
import './review.css'

const STATE_LABELS: Record<string, string> = { not_started: '未开始', draft: '草稿', submitted: '已提交', reopened: '已退回修改' }

/** The editable copy of the plan: numbers as typed, checked by the shared schema on save. */
interface Form {
  rankBy: ReviewPlanInput['rankBy']
  threshold: string
  quorum: string
  rounds: Record<ReviewRound, { deadline: string; rubric: { criterion: ReviewPlan['material']['rubric'][number]['criterion']; maxPoints: string; guidance: string }[] }>
}
const toForm = (p: ReviewPlan): Form => ({
  rankBy: p.rankBy,
  threshold: String(p.disagreementThreshold),
  quorum: String(p.quorum),
  rounds: Object.fromEntries(
    REVIEW_ROUNDS.map((r) => [r, { deadline: p[r].deadline ?? '', rubric: p[r].rubric.map((i) => ({ criterion: i.criterion, maxPoints: String(i.maxPoints), guidance: i.guidance })) }]),
  ) as Form['rounds'],
})
const toInput = (f: Form) => ({
  rankBy: f.rankBy,
  disagreementThreshold: Number(f.threshold),
  quorum: Number(f.quorum),
  ...Object.fromEntries(
    REVIEW_ROUNDS.map((r) => [r, { rubric: f.rounds[r].rubric.map((i) => ({ ...i, maxPoints: Number(i.maxPoints) })), ...(f.rounds[r].deadline.trim() ? { deadline: f.rounds[r].deadline.trim() } : {}) }]),
  ),
})

/** 评审设置 (第六条): the rubric of each round, ranking figure, disagreement threshold, quorum, deadlines. */
function PlanCard({ callId }: { callId: string }) {
  const [plan, setPlan] = useState<ReviewPlan | null>(null)
  const [form, setForm] = useState<Form | null>(null)
  const [errors, setErrors] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    fetchReviewPlan(callId).then((p) => {
      setPlan(p)
      setForm(toForm(p))
    }, () => setErrors(['评审设置读取失败，请刷新重试']))
  }, [callId])
  if (!plan || !form) return <View className="xp-card rv-plan"><Text className="xp-hint">{errors[0] ?? '正在读取评审设置…'}</Text></View>
  const setRound = (r: ReviewRound, next: Partial<Form['rounds'][ReviewRound]>) => setForm({ ...form, rounds: { ...form.rounds, [r]: { ...form.rounds[r], ...next } } })
  const save = async () => {
    const parsed = ReviewPlanInputSchema.safeParse(toInput(form))
    if (!parsed.success) {
      setErrors(parsed.error.issues.map((i) => i.message))
      return
    }
    setBusy(true)
    try {
      const saved = await saveReviewPlan(callId, parsed.data)
      setPlan(saved)
      setForm(toForm(saved))
      setErrors([])
      void Taro.showToast({ title: '评审设置已保存', icon: 'success' })
    } catch (e) {
      const err = e as { message?: string; fields?: { message: string }[] }
      setErrors(err.fields?.length ? err.fields.map((f) => f.message) : [err.message ?? '保存失败'])
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="xp-card rv-plan">
      <Text className="xp-card-title">评审设置（第六条）</Text>
      <Text className="xp-hint">{plan.saved ? `最近保存：${formatDateTime(plan.updatedAt!)}` : '尚未保存：以下为默认设置（六项等权，合计 100 分）'}</Text>
      <Text className="xp-label">排名依据</Text>
      <Chips prefix="rv-rank-by" options={RANK_BY.map((r) => ({ value: r, label: RANK_BY_LABELS[r] }))} value={[form.rankBy]} onChange={(v) => v[0] && setForm({ ...form, rankBy: v[0] as Form['rankBy'] })} />
      <Text className="xp-label">分歧提示阈值（标准差，分）</Text>
      <Input className="xp-input rv-threshold" type="digit" value={form.threshold} onChange={(v) => setForm({ ...form, threshold: v })} />
      <Text className="xp-label">合议法定人数（含主任委员或副主任委员）</Text>
      <Input className="xp-input rv-quorum" type="number" value={form.quorum} onChange={(v) => setForm({ ...form, quorum: v })} />
      {REVIEW_ROUNDS.map((r) => {
        const locked = !!plan[r].lockedAt
        const total = rubricTotal(form.rounds[r].rubric.map((i) => ({ ...i, maxPoints: Number(i.maxPoints) || 0 })))
        return (
          <View key={r} className={`xp-group rv-round rv-round--${r}`}>
            <Text className="xp-card-title">{`${REVIEW_ROUND_LABELS[r]}（${REVIEW_ROUND_ARTICLES[r]}）`}</Text>
            {locked ? <Text className="rv-locked">{`评分表已锁定：首份评分提交于 ${formatDateTime(plan[r].lockedAt!)}，截止日期仍可调整`}</Text> : null}
            <Text className="xp-label">评分截止日期</Text>
            <Input className={`xp-input rv-deadline rv-deadline--${r}`} value={form.rounds[r].deadline} placeholder="如 2027-01-10（截止前 2 天提醒未提交的专家）" onChange={(v) => setRound(r, { deadline: v })} />
            {form.rounds[r].rubric.map((item, n) => (
              <View key={item.criterion} className="rv-rubric-row">
                <Text className="rv-rubric-name">{CRITERION_SCORE_LABELS[item.criterion]}</Text>
                <Input
                  className={`xp-input rv-points rv-points--${r}-${item.criterion}`}
                  type="number"
                  disabled={locked}
                  value={item.maxPoints}
                  onChange={(v) => setRound(r, { rubric: form.rounds[r].rubric.map((x, m) => (m === n ? { ...x, maxPoints: v } : x)) })}
                />
                <Input
                  className="xp-input rv-guidance"
                  disabled={locked}
                  value={item.guidance}
                  placeholder="评分要点"
                  onChange={(v) => setRound(r, { rubric: form.rounds[r].rubric.map((x, m) => (m === n ? { ...x, guidance: v } : x)) })}
                />
              </View>
            ))}
            <Text className="rv-total">{`满分合计 ${total} 分`}</Text>
          </View>
        )
      })}
      {errors.length ? (
        <View className="xp-errors rv-errors">
          {errors.map((m, i) => (
            <Text key={i}>{m}</Text>
          ))}
        </View>
      ) : null}
      <View className="xp-actions">
        <Button type="primary" className="rv-save" loading={busy} onClick={() => void save()}>
          保存评审设置
        </Button>
      </View>
    </View>
  )
}

function ReopenButton({ scoreId, onDone }: { scoreId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  if (!open) {
    return (
      <Button size="small" className="rv-reopen" onClick={() => setOpen(true)}>
        退回修改
      </Button>
    )
  }
  return (
    <View className="xp-actions">
      <Input className="xp-input rv-reopen-reason" value={reason} placeholder="退回原因（必填，专家可见）" onChange={setReason} />
      <Button
        size="small"
        type="primary"
        className="rv-reopen-submit"
        disabled={reason.trim().length < 5}
        onClick={() =>
          void reopenScore(scoreId, reason.trim()).then(() => {
            void Taro.showToast({ title: '已退回，专家将收到通知', icon: 'none' })
            setOpen(false)
            onDone()
          })
        }
      >
        确认退回
      </Button>
    </View>
  )
}

/** 开始资料评审 (第十六条) and the progress of the chosen round per group and expert. */
function RoundCard({ callId }: { callId: string }) {
  const [round, setRound] = useState<ReviewRound>('material')
  const [progress, setProgress] = useState<RoundProgress | null>(null)
  const [problem, setProblem] = useState('')
  const [result, setResult] = useState<RoundStart | null>(null)
  const [busy, setBusy] = useState(false)
  const [confirmDialog, confirm] = useConfirm()
  const load = () =>
    fetchProgress(callId, round).then(
      (p) => {
        setProgress(p)
        setProblem('')
      },
      (e) => setProblem(e?.code === 'COMMITTEE_NOT_FOUND' ? '该征集尚未组建评审委员会' : '评分进度读取失败，请刷新重试'),
    )
  useEffect(() => {
    setProgress(null)
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [callId, round])
  useDidShow(() => void load())
  const start = () =>
    confirm({
      title: '开始资料评审',
      content: `已分配评审专家、通过资格审查的申报将逐件进入资料评审（第十六条），专家随即可以评分。尚未分配专家的申报保持不变，可分配后再次执行。`,
      confirmText: '开始',
      onConfirm: async () => {
        setBusy(true)
        try {
          setResult(await startMaterialRound(callId))
          await load()
        } finally {
          setBusy(false)
        }
      },
    })
  return (
    <View className="xp-card rv-progress">
      <Text className="xp-card-title">评审轮次与评分进度</Text>
      <Chips prefix="rv-round" options={REVIEW_ROUNDS.map((r) => ({ value: r, label: REVIEW_ROUND_LABELS[r] }))} value={[round]} onChange={(v) => v[0] && setRound(v[0] as ReviewRound)} />
      {problem ? <Text className="xp-hint rv-problem">{problem}</Text> : null}
      {progress ? (
        <Text className="rv-result rv-summary">
          {`本轮评审中 ${progress.applicationsInRound} 件${round === 'material' ? `；通过资格审查、待开始 ${progress.waitingToStart} 件` : ''}${progress.deadline ? `；截止 ${progress.deadline}` : ''}`}
        </Text>
      ) : null}
      {round === 'material' ? (
        <View className="xp-actions">
          <Button type="primary" className="rv-start" loading={busy} disabled={!progress} onClick={start}>
            开始资料评审
          </Button>
          <Text className="xp-hint">答辩评审在入围后由「答辩安排」开始（第十七条）</Text>
        </View>
      ) : null}
      {result ? (
        <Text className="rv-result rv-start-result">
          {`本次进入资料评审 ${result.started} 件；此前已在评审中 ${result.alreadyInRound} 件；尚未分配评审专家 ${result.withoutReviewers} 件${result.failed.length ? `；未能开始 ${result.failed.length} 件：${result.failed.map((f) => f.message).join('；')}` : ''}`}
        </Text>
      ) : null}
      {progress?.groups.map((g) => (
        <View key={g.id} className="xp-group rv-group">
          <Text className="xp-row-main">{g.name}</Text>
          <Text className="xp-row-sub">{`共 ${g.assigned} 份：已提交 ${g.submitted}，草稿 ${g.draft}，退回修改 ${g.reopened}，未开始 ${g.notStarted}`}</Text>
          {g.experts.map((e) => (
            <View key={e.expertId} className="xp-row rv-expert">
              <Text className="xp-row-main">{`${e.name}（${e.submitted}/${e.assigned}）`}</Text>
              {e.items.map((item) => (
                <View key={item.assignmentId} className="rv-score-item">
                  <View className="xp-row-sub">
                    <Text>{item.title}</Text>
                    <Text className={`rv-state rv-state--${item.state}`}>{`${STATE_LABELS[item.state]}${item.version > 0 ? ` · 第 ${item.version} 版` : ''}`}</Text>
                  </View>
                  {item.scoreId ? (
                    <View className="xp-actions">
                      <Button size="small" className="rv-open-score" onClick={() => openPage(`${PAGES.officeScore}?id=${item.scoreId}`)}>
                        评分记录
                      </Button>
                      {item.state === 'submitted' ? <ReopenButton scoreId={item.scoreId} onDone={() => void load()} /> : null}
                    </View>
                  ) : null}
                </View>
              ))}
            </View>
          ))}
        </View>
      ))}
      {progress && progress.groups.length === 0 ? <Text className="xp-hint">评审委员会没有专业组</Text> : null}
      {confirmDialog}
    </View>
  )
}

export default function OfficeReviewPage() {
  return (
    <CallPage area="review" path={PAGES.officeReview}>
      {(callId) => (
        <View className="page office office-review">
          <OfficeHeader title="评审设置与评分进度" />
          <PlanCard callId={callId} />
          <RoundCard callId={callId} />
        </View>
      )}
    </CallPage>
  )
}
