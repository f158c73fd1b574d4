import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CONFLICT_KIND_LABELS, SECTOR_LABELS, formatDateTime } from '@zlbg/shared'
import { Button, Input, Tag } from '../../../ui/nutui'
import { OfficeHeader } from '../components/OfficeHeader'
import { openPage, PAGES } from '../../../navigation'
import { CallPage } from '../components/CallPage'
import { Chips } from './Chips'
import { addReviewer, dismissConflict, fetchConflicts, fetchPlan, placeApplication, runAssignment, withdrawReviewer, type Conflicts, type Plan } from './api'
import '../components/office.css'
import './experts.css'

type PlanApp = Plan['applications'][number]

/** One application's group and reviewers, with the office's hand adjustments (each with a reason). */
function ApplicationRow({ app, plan, onPlan }: { app: PlanApp; plan: Plan; onPlan: (p: Plan) => void }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [groupId, setGroupId] = useState(app.groupId ?? '')
  const [expertId, setExpertId] = useState('')
  const group = plan.groups.find((g) => g.id === app.groupId)
  const needReason = () => {
    if (reason.trim().length >= 2) return false
    void Taro.showToast({ title: '请填写调整原因', icon: 'none' })
    return true
  }
  const act = async (f: () => Promise<Plan>) => {
    if (needReason()) return
    onPlan(await f())
    setReason('')
  }
  return (
    <View className="xp-row plan-app" data-application-id={app.applicationId}>
      <Text className="xp-row-main">{`${app.receiptNumber ?? ''} ${app.title}`}</Text>
      <Text className="xp-row-sub">{`${app.organizationName}${app.sector ? ` · ${SECTOR_LABELS[app.sector]}` : ''} · ${group ? group.name : '未分组'}${app.placedBy === 'office' ? `（办公室调整：${app.placementReason}）` : ''}`}</Text>
      <Text className="xp-row-sub plan-reviewers">
        {app.reviewers.length ? `评审专家：${app.reviewers.map((r) => `${r.name}${r.coversField ? '（领域匹配）' : ''}${r.source === 'manual' ? '（手工）' : ''}`).join('、')}` : '尚未分配评审专家'}
      </Text>
      {app.proposed.length ? <Text className="xp-row-sub plan-proposed">{`建议增补：${app.proposed.map((p) => p.name).join('、')}（运行自动分配即采纳）`}</Text> : null}
      {app.gap ? <Text className="xp-gap plan-gap">{app.gap}</Text> : null}
      <View className="xp-actions">
        <Button size="small" className="plan-adjust" onClick={() => setOpen(!open)}>
          {open ? '收起' : '手工调整'}
        </Button>
      </View>
      {open ? (
        <View className="xp-group plan-adjust-panel">
          <Text className="xp-label">调整原因（必填，记入审计日志）</Text>
          <Input className="xp-input plan-reason" value={reason} onChange={setReason} />
          <Text className="xp-label">改分到专业组</Text>
          <Chips prefix="plan-group" options={plan.groups.map((g) => ({ value: g.id, label: g.name }))} value={groupId ? [groupId] : []} onChange={(v) => setGroupId(v[0] ?? '')} />
          <Button size="small" className="plan-move" disabled={!groupId || groupId === app.groupId} onClick={() => void act(() => placeApplication(plan.callId, app.applicationId, groupId, reason))}>
            调整分组
          </Button>
          {group ? (
            <>
              <Text className="xp-label">增加本组专家</Text>
              <Chips prefix="plan-add-expert" options={group.loads.filter((l) => !app.reviewers.some((r) => r.expertId === l.expertId)).map((l) => ({ value: l.expertId, label: `${l.name}（${l.count}）` }))} value={expertId ? [expertId] : []} onChange={(v) => setExpertId(v[0] ?? '')} />
              <Button size="small" className="plan-add" disabled={!expertId} onClick={() => void act(() => addReviewer(plan.callId, app.applicationId, expertId, reason))}>
                增加专家
              </Button>
            </>
          ) : null}
          {app.reviewers.map((r) => (
            <View key={r.assignmentId} className="xp-actions">
              <Text className="xp-hint">{r.name}</Text>
              <Button size="small" className="plan-withdraw" onClick={() => void act(() => withdrawReviewer(r.assignmentId, reason))}>
                撤回
              </Button>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

function ConflictRow({ c, onChange }: { c: Conflicts['items'][number]; onChange: () => void }) {
  const [reason, setReason] = useState('')
  const dismissable = c.state === 'active' && c.kind !== 'declared'
  return (
    <View className="xp-row conflict-row">
      <Text className="xp-row-main">{`${c.expertName} ↔ ${c.organizationName}《${c.applicationTitle}》`}</Text>
      <Text className="xp-row-sub">
        <Tag type={c.state === 'active' ? 'danger' : 'default'}>{c.state === 'active' ? '回避' : '已排除'}</Tag> {`${CONFLICT_KIND_LABELS[c.kind]}：${c.detail}`}
      </Text>
      {c.state === 'dismissed' ? <Text className="xp-row-sub">{`排除理由：${c.dismissReason ?? ''}（${c.dismissedAt ? formatDateTime(c.dismissedAt) : ''}）`}</Text> : null}
      {dismissable ? (
        <View className="xp-actions">
          <Input className="xp-input conflict-reason" value={reason} placeholder="误判理由（必填）" onChange={setReason} />
          <Button size="small" className="conflict-dismiss" disabled={reason.trim().length < 2} onClick={() => void dismissConflict(c.id, reason).then(onChange)}>
            排除误判
          </Button>
        </View>
      ) : null}
    </View>
  )
}

/** 回避与分配 (第十二条, 第十三条): run the deterministic assignment, read its gaps, adjust by hand. */
function AssignmentBoard({ callId }: { callId: string }) {
  const [plan, setPlan] = useState<Plan | null>(null)
  const [conflicts, setConflicts] = useState<Conflicts | null>(null)
  const [missing, setMissing] = useState(false)
  const [busy, setBusy] = useState(false)
  const reloadConflicts = () => fetchConflicts(callId).then(setConflicts, () => undefined)
  useEffect(() => {
    fetchPlan(callId).then(setPlan, (e) => setMissing(e?.code === 'COMMITTEE_NOT_FOUND'))
    void reloadConflicts()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [callId])
  const run = async () => {
    setBusy(true)
    try {
      setPlan(await runAssignment(callId))
      await reloadConflicts()
    } finally {
      setBusy(false)
    }
  }
  if (missing) return <Text className="xp-hint plan-no-committee">该征集尚未组建评审委员会</Text>
  const assigned = plan?.applications.filter((a) => a.reviewers.length > 0).length ?? 0
  return (
    <View className="page office office-assignments">
      <OfficeHeader title="回避与分配">
        <Text className="office-total plan-summary">{plan ? `${plan.applications.length} 件申报，已分配 ${assigned} 件；每件 ${plan.reviewersPerApplication || '全组'} 名专家，每人最多 ${plan.maxPerExpert} 件` : ''}</Text>
      </OfficeHeader>
      <View className="xp-card">
        <Text className="xp-hint">自动分配：按行业门类将通过资格审查的申报分入专业组，组内为每件申报选定无回避冲突、工作量最少的专家，同等条件下优先领域匹配；结果确定，可重复运行，只补缺不重排。</Text>
        <View className="xp-actions">
          <Button type="primary" className="plan-run" loading={busy} onClick={() => void run()}>
            运行自动分配
          </Button>
          <Button className="plan-to-review" onClick={() => openPage(`${PAGES.officeReview}?callId=${callId}`)}>
            评审设置与评分进度
          </Button>
        </View>
      </View>
      {plan?.gaps.length ? (
        <View className="xp-card plan-gaps">
          <Text className="xp-card-title">{`缺口 ${plan.gaps.length} 处`}</Text>
          {plan.gaps.map((g, i) => (
            <Text key={i} className="xp-gap">{g}</Text>
          ))}
        </View>
      ) : null}
      <View className="xp-card plan-loads">
        <Text className="xp-card-title">各专业组工作量</Text>
        {plan?.groups.map((g) => (
          <View key={g.id} className="xp-row plan-group">
            <Text className="xp-row-main">{`${g.name}（${g.applications} 件）`}</Text>
            <Text className="xp-row-sub">{g.loads.map((l) => `${l.name} ${l.count}`).join(' · ')}</Text>
          </View>
        ))}
      </View>
      <View className="xp-card plan-apps">
        <Text className="xp-card-title">申报与评审专家</Text>
        {plan && plan.applications.length === 0 ? <Text className="xp-hint">暂无通过资格审查的申报</Text> : null}
        {plan?.applications.map((a) => <ApplicationRow key={`${a.applicationId}:${a.reviewers.length}:${a.groupId}`} app={a} plan={plan} onPlan={setPlan} />)}
      </View>
      <View className="xp-card plan-conflicts">
        <Text className="xp-card-title">{`回避登记（${conflicts?.items.length ?? 0}）`}</Text>
        {conflicts?.items.length === 0 ? <Text className="xp-hint">暂无回避记录；运行自动分配时按任职、曾任职（三年内）和组织成员关系自动发现</Text> : null}
        {conflicts?.items.map((c) => <ConflictRow key={c.id} c={c} onChange={() => void reloadConflicts().then(() => fetchPlan(callId).then(setPlan))} />)}
      </View>
    </View>
  )
}

export default function OfficeAssignmentsPage() {
  return (
    <CallPage area="assignments" path={PAGES.officeAssignments}>
      {(callId) => (
        <AssignmentBoard callId={callId} />
      )}
    </CallPage>
  )
}
