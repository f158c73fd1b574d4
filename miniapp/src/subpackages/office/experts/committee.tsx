import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { COMMITTEE_STATE_LABELS, DEFAULT_PLEDGE_TEXT, SECTOR_LABELS, SECTORS, formatDateTime, type Sector } from '@zlbg/shared'
import { toApiError } from '../../../api/errors'
import { useConfirm } from '../../../components/ConfirmDialog'
import { openPage, PAGES } from '../../../navigation'
import { Button, Input } from '../../../ui/nutui'
import { TextArea } from '../../../ui/nutui-office'
import { OfficeHeader } from '../components/OfficeHeader'
import { CallPage } from '../components/CallPage'
import { Chips } from './Chips'
import { fetchActivePool, fetchCommittee, saveCommittee, startReview, type Committee, type ExpertPage } from './api'
import '../components/office.css'
import './experts.css'

interface GroupDraft {
  id?: string
  name: string
  sectors: string[]
  leaderId: string
  memberIds: string[]
}

const fromCommittee = (c: Committee) => ({
  chairId: c.chair.expertId,
  viceChairIds: c.viceChairs.map((v) => v.expertId),
  groups: c.groups.map((g) => ({ id: g.id, name: g.name, sectors: g.sectors as string[], leaderId: g.leader.expertId, memberIds: g.members.map((m) => m.expertId) })),
  pledgeText: c.pledgeText,
  k: String(c.reviewersPerApplication),
  max: String(c.maxPerExpert),
  deadline: c.reviewDeadline ?? '',
})

/** 评审委员会 (第十一条, 第十二条): chair, vice chairs, groups with leaders, the pledge, k and the load cap. */
function CommitteeEditor({ callId }: { callId: string }) {
  const [pool, setPool] = useState<ExpertPage['items']>([])
  const [committee, setCommittee] = useState<Committee | null>(null)
  const [chairId, setChairId] = useState('')
  const [viceChairIds, setViceChairIds] = useState<string[]>([])
  const [groups, setGroups] = useState<GroupDraft[]>([])
  const [pledgeText, setPledgeText] = useState(DEFAULT_PLEDGE_TEXT)
  const [k, setK] = useState('3')
  const [max, setMax] = useState('15')
  const [deadline, setDeadline] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [dialog, confirm] = useConfirm()

  const apply = (c: Committee) => {
    setCommittee(c)
    const d = fromCommittee(c)
    setChairId(d.chairId)
    setViceChairIds(d.viceChairIds)
    setGroups(d.groups)
    setPledgeText(d.pledgeText)
    setK(d.k)
    setMax(d.max)
    setDeadline(d.deadline)
  }
  useEffect(() => {
    void fetchActivePool().then(setPool)
    fetchCommittee(callId).then(apply, () => setCommittee(null))
  }, [callId])

  const name = (id: string) => pool.find((e) => e.id === id)?.name ?? id
  const competent = pool.filter((e) => e.competent).map((e) => ({ value: e.id, label: `${e.name}（${e.employer.name}）` }))
  const everyone = pool.map((e) => ({ value: e.id, label: e.name }))
  // From the latest state, not this render's: an input's change can arrive after a later chip's click, and
  // would otherwise write back the group as it was before that click (a leader or members lost).
  const setGroup = (i: number, g: Partial<GroupDraft>) => setGroups((all) => all.map((x, j) => (j === i ? { ...x, ...g } : x)))

  const save = async () => {
    setBusy(true)
    setErrors([])
    try {
      const saved = await saveCommittee(callId, {
        chairId,
        viceChairIds,
        groups: groups.map((g) => ({ ...(g.id ? { id: g.id } : {}), name: g.name, sectors: g.sectors as Sector[], industries: [], leaderId: g.leaderId, memberIds: g.memberIds.filter((m) => m !== g.leaderId) })),
        pledgeText,
        reviewersPerApplication: Number(k),
        maxPerExpert: Number(max),
        ...(deadline ? { reviewDeadline: deadline } : {}),
        ...(reason ? { reason } : {}),
      })
      apply(saved)
      setReason('')
      void Taro.showToast({ title: '评审委员会已保存', icon: 'none' })
    } catch (e) {
      const err = toApiError(e)
      setErrors(err.fields.length ? err.fields.map((f) => f.message) : [err.message])
    } finally {
      setBusy(false)
    }
  }
  const start = () =>
    confirm({
      title: '启动评审',
      content: '启动后，评审任务送达专家；此后调整委员会须说明原因并通知相关专家。',
      confirmText: '启动评审',
      onConfirm: async () => {
        apply(await startReview(callId))
      },
    })

  return (
    <View className="page office office-committee">
      <OfficeHeader title="评审委员会">
        <Text className="office-total committee-state">{committee ? COMMITTEE_STATE_LABELS[committee.state] : '尚未组建'}</Text>
      </OfficeHeader>
      <View className="xp-card">
        <Text className="xp-card-title">主任委员（1 名，须具备综合质量管理能力，第十一条）</Text>
        <Chips prefix="committee-chair" options={competent} value={chairId ? [chairId] : []} onChange={(v) => setChairId(v[0] ?? '')} />
        <Text className="xp-card-title" style={{ marginTop: '24px' }}>副主任委员（1–2 名）</Text>
        <Chips prefix="committee-vice" multiple options={competent} value={viceChairIds} onChange={setViceChairIds} />
      </View>
      <View className="xp-card">
        <Text className="xp-card-title">专业组（每组组长 1 名、组员若干；每位专家只进一个组，第十二条）</Text>
        {groups.map((g, i) => (
          <View key={i} className={`xp-group committee-group committee-group-${i}`}>
            <Text className="xp-label">组名</Text>
            <Input className="xp-input committee-group-name" value={g.name} onChange={(v) => setGroup(i, { name: v })} />
            <Text className="xp-label">负责的行业门类（分组建议依据）</Text>
            <Chips prefix="committee-group-sectors" multiple options={SECTORS.map((s) => ({ value: s, label: `${SECTOR_LABELS[s]}业` }))} value={g.sectors} onChange={(v) => setGroup(i, { sectors: v })} />
            <Text className="xp-label">组长</Text>
            <Chips prefix="committee-group-leader" options={everyone} value={g.leaderId ? [g.leaderId] : []} onChange={(v) => setGroup(i, { leaderId: v[0] ?? '' })} />
            <Text className="xp-label">组员</Text>
            <Chips prefix="committee-group-members" multiple options={everyone.filter((e) => e.value !== g.leaderId)} value={g.memberIds} onChange={(v) => setGroup(i, { memberIds: v })} />
            <View className="xp-actions">
              <Button size="small" className="committee-group-remove" onClick={() => setGroups((all) => all.filter((_, j) => j !== i))}>
                删除此组
              </Button>
            </View>
          </View>
        ))}
        <View className="xp-actions">
          <Button size="small" className="committee-group-add" onClick={() => setGroups((all) => [...all, { name: `第${all.length + 1}专业组`, sectors: [], leaderId: '', memberIds: [] }])}>
            添加专业组
          </Button>
        </View>
      </View>
      <View className="xp-card">
        <Text className="xp-card-title">评审安排</Text>
        <Text className="xp-label">每件申报的评审专家数（0 = 本组全部专家）</Text>
        <Input className="xp-input committee-k" type="number" value={k} onChange={setK} />
        <Text className="xp-label">每位专家最多评审件数</Text>
        <Input className="xp-input committee-max" type="number" value={max} onChange={setMax} />
        <Text className="xp-label">资料评审截止日（北京时间，YYYY-MM-DD）</Text>
        <Input className="xp-input committee-deadline" value={deadline} placeholder="如 2027-01-10" onChange={setDeadline} />
        <Text className="xp-label">保密与回避承诺书（第十三条）</Text>
        <TextArea className="xp-textarea committee-pledge" value={pledgeText} onChange={setPledgeText} maxLength={5000} />
        {committee?.state === 'reviewing' ? (
          <>
            <Text className="xp-label">调整原因（评审已启动，必填；将通知职务变化的专家）</Text>
            <Input className="xp-input committee-reason" value={reason} onChange={setReason} />
          </>
        ) : null}
        {errors.length ? (
          <View className="xp-errors committee-errors">
            {errors.map((m, i) => (
              <Text key={i}>{m}</Text>
            ))}
          </View>
        ) : null}
        <View className="xp-actions">
          <Button type="primary" className="committee-save" loading={busy} onClick={() => void save()}>
            保存评审委员会
          </Button>
          {committee?.state === 'formed' ? (
            <Button className="committee-start" onClick={start}>
              启动评审
            </Button>
          ) : null}
          {committee ? (
            <Button className="committee-to-assignments" onClick={() => openPage(`${PAGES.officeAssignments}?callId=${callId}`)}>
              回避与分配
            </Button>
          ) : null}
        </View>
      </View>
      {committee ? (
        <View className="xp-card committee-pledges">
          <Text className="xp-card-title">{`已签署承诺书（第 ${committee.pledgeVersion} 版）：${committee.pledges.length} 人`}</Text>
          {committee.pledges.map((p) => (
            <Text key={p.expertId} className="xp-hint">{`${p.name || name(p.expertId)} · ${formatDateTime(p.acceptedAt)}`}</Text>
          ))}
        </View>
      ) : null}
      {dialog}
    </View>
  )
}

export default function OfficeCommitteePage() {
  return (
    <CallPage area="committee" path={PAGES.officeCommittee}>
      {(callId) => (
        <CommitteeEditor callId={callId} />
      )}
    </CallPage>
  )
}
