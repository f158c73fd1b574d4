import { useEffect, useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import {
  COMMITTEE_PLACE_LABELS,
  DELIBERATION_DECISION_LABELS,
  DELIBERATION_STATE_LABELS,
  REVIEW_ROUNDS,
  REVIEW_ROUND_ARTICLES,
  REVIEW_ROUND_LABELS,
  ROUND_DECISIONS,
  formatDateTime,
  inShanghai,
  type DeliberationDecision,
  type ReviewRound,
} from '@zlbg/shared'
import { PAGES } from '../../../navigation'
import { Button, Input } from '../../../ui/nutui'
import { OfficeHeader } from '../components/OfficeHeader'
import { CallPage } from '../components/CallPage'
import { Chips } from '../experts/Chips'
import { ItemFigures, RankingRule, useRoundFigures, type RoundFigures } from '../ranking/Figures'
import { createDeliberation, fetchDeliberations, saveDeliberation, type Deliberation, type DeliberationList } from './api'
import '../components/office.css'
import '../experts/experts.css'
import './review.css'

type Member = DeliberationList['members'][number]
const memberLabel = (m: Member) => `${m.name}（${COMMITTEE_PLACE_LABELS[m.place]}）`

/** Opens the record of a meeting: round, date, place, attendees (the chair or a vice chair, at least the quorum). */
function NewRecord({ list, onCreated }: { list: DeliberationList; onCreated: () => void }) {
  const [round, setRound] = useState<ReviewRound>(list.waiting.material > 0 || list.waiting.defense === 0 ? 'material' : 'defense')
  const [date, setDate] = useState(inShanghai(new Date()).format('YYYY-MM-DD'))
  const [place, setPlace] = useState('')
  const [attendees, setAttendees] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const open = list.items.some((d) => d.round === round && d.state === 'draft')
  const create = async () => {
    setBusy(true)
    try {
      await createDeliberation(list.callId, { round, date, attendeeIds: attendees, ...(place.trim() ? { place: place.trim() } : {}) })
      setAttendees([])
      onCreated()
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="xp-card dl-new">
      <Text className="xp-card-title">记录一次合议</Text>
      <Text className="xp-hint">{`出席委员须有主任委员或副主任委员，且不少于法定人数 ${list.quorum} 人（第十一条）。与某件申报有回避关系的委员自动回避，不参与该件决定。`}</Text>
      <Text className="xp-label">评审轮次</Text>
      <Chips
        prefix="dl-round"
        options={REVIEW_ROUNDS.map((r) => ({ value: r, label: `${REVIEW_ROUND_LABELS[r]}（待合议 ${list.waiting[r]} 件）` }))}
        value={[round]}
        onChange={(v) => setRound((v[0] as ReviewRound) ?? 'material')}
      />
      <Text className="xp-label">会议日期</Text>
      <Input className="xp-input dl-date" value={date} placeholder="YYYY-MM-DD" onChange={setDate} />
      <Text className="xp-label">地点（选填）</Text>
      <Input className="xp-input dl-place" value={place} onChange={setPlace} />
      <Text className="xp-label">{`出席委员（已选 ${attendees.length} 人）`}</Text>
      <Chips prefix="dl-attendees" multiple options={list.members.map((m) => ({ value: m.expertId, label: memberLabel(m) }))} value={attendees} onChange={setAttendees} />
      {open ? <Text className="xp-gap">该轮已有一份待签署的合议记录，请在下方修改</Text> : null}
      <View className="xp-actions">
        <Button type="primary" className="dl-create" loading={busy} disabled={open || attendees.length === 0} onClick={() => void create()}>
          创建合议记录
        </Button>
      </View>
    </View>
  )
}

type Item = Deliberation['items'][number]

/** A row reports what changed, merged into the latest items: a late input event must not write back a decision chosen since. */
function ItemRow({ item, round, figures, editable, onChange }: { item: Item; round: ReviewRound; figures: RoundFigures | 'failed' | null; editable: boolean; onChange: (patch: Partial<Item>) => void }) {
  return (
    <View className="rv-item dl-item" data-application-id={item.applicationId}>
      <View>
        <Text className="xp-row-main">{`${item.receiptNumber ?? ''} ${item.title}`}</Text>
        <Text className="xp-row-sub">{`${item.organizationName}${item.groupName ? ` · ${item.groupName}` : ''}`}</Text>
        {item.recused.length ? <Text className="xp-row-sub dl-recused">{`回避：${item.recused.map((p) => p.name).join('、')}（参与决定 ${item.deciding} 人）`}</Text> : null}
        {/* 第十六条, 第十七条: the findings beside the scores. */}
        <ItemFigures figures={figures} applicationId={item.applicationId} />
        {item.siteVisits.map((v) => (
          <View key={v.id} className="rv-findings dl-site-visit">
            <Text>{`现场考察（${v.date}，${v.state === 'completed' ? '已完成' : '进行中'}）：${v.findings || '尚未填写考察发现'}${v.conclusion ? `；结论：${v.conclusion}` : ''}`}</Text>
          </View>
        ))}
      </View>
      <View>
        {editable ? (
          <Chips
            prefix="dl-decision"
            options={ROUND_DECISIONS[round].map((d) => ({ value: d, label: DELIBERATION_DECISION_LABELS[d] }))}
            value={item.decision ? [item.decision] : []}
            onChange={(v) => onChange({ decision: (v[0] as DeliberationDecision) ?? null })}
          />
        ) : (
          <Text className={`rv-tag dl-decision-label${item.applied ? ' rv-tag--done' : ''}`}>{item.decision ? DELIBERATION_DECISION_LABELS[item.decision] : '未作结论'}</Text>
        )}
        {!editable && item.decision ? <Text className="xp-row-sub">{item.applied ? `已生效 ${item.appliedAt ? formatDateTime(item.appliedAt) : ''}` : item.applyError ? `未生效：${item.applyError}` : '待签署后生效'}</Text> : null}
      </View>
      <View>
        {editable ? (
          <Input className="xp-input rv-input-wide dl-notes" value={item.notes} placeholder="合议说明（选填，不告知申报组织）" onChange={(notes) => onChange({ notes })} />
        ) : item.notes ? (
          <Text className="xp-row-sub">{item.notes}</Text>
        ) : null}
      </View>
    </View>
  )
}

/** One record: the meeting, each application's decision, recusals and findings, what still blocks signing. */
function RecordCard({ record, list, onSaved }: { record: Deliberation; list: DeliberationList; onSaved: (d: Deliberation) => void }) {
  const editable = record.actions.includes('edit')
  const [items, setItems] = useState(record.items)
  const [attendees, setAttendees] = useState(record.attendees.map((a) => a.expertId))
  const [minutes, setMinutes] = useState(record.minutes ?? '')
  const [busy, setBusy] = useState(false)
  // The decisions are taken with the round's figures in view; a draft's figures are live, a signed record's are today's.
  const figures = useRoundFigures(record.callId, record.round)
  const save = async () => {
    setBusy(true)
    try {
      const saved = await saveDeliberation(record.id, {
        date: record.date,
        ...(record.place ? { place: record.place } : {}),
        attendeeIds: attendees,
        ...(minutes.trim() ? { minutes: minutes.trim() } : {}),
        items: items.map((i) => ({ applicationId: i.applicationId, decision: i.decision, notes: i.notes })),
      })
      setItems(saved.items)
      onSaved(saved)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className={`xp-card dl-record dl-record--${record.state}`} data-deliberation-id={record.id}>
      <Text className="xp-card-title">{`${REVIEW_ROUND_LABELS[record.round]}合议（${REVIEW_ROUND_ARTICLES[record.round]}） · ${record.date}${record.place ? ` · ${record.place}` : ''}`}</Text>
      <View className="xp-actions">
        <Text className={`rv-tag dl-state${record.state === 'signed' ? ' rv-tag--done' : ''}`}>{DELIBERATION_STATE_LABELS[record.state]}</Text>
        {record.signedAt ? <Text className="xp-row-sub dl-signed">{`${record.signedBy ?? ''}${record.signedAs ? `（${COMMITTEE_PLACE_LABELS[record.signedAs]}）` : ''}签署于 ${formatDateTime(record.signedAt)}`}</Text> : null}
      </View>
      <Text className="xp-label">{`出席委员（法定人数 ${record.quorum} 人）`}</Text>
      {editable ? (
        <Chips prefix="dl-record-attendees" multiple options={list.members.map((m) => ({ value: m.expertId, label: memberLabel(m) }))} value={attendees} onChange={setAttendees} />
      ) : (
        <Text className="xp-row-sub">{record.attendees.map(memberLabel).join('、')}</Text>
      )}
      {record.blockers.length ? (
        <View className="xp-errors dl-blockers">
          <Text>签署前尚需：</Text>
          {record.blockers.map((b) => (
            <Text key={b}>{`· ${b}`}</Text>
          ))}
        </View>
      ) : record.state === 'draft' ? (
        <Text className="xp-hint dl-ready">已可签署：请主任委员（或出席的副主任委员）在评审工作台签署，签署后各申报的结论才生效。</Text>
      ) : null}
      <RankingRule figures={figures} className="xp-hint dl-ranking-rule" />
      <Text className="xp-label">{`逐件结论（${items.length} 件）`}</Text>
      {items.length === 0 ? <Text className="xp-hint">本轮暂无待合议的申报</Text> : null}
      {items.map((item) => (
        <ItemRow key={item.applicationId} item={item} round={record.round} figures={figures} editable={editable} onChange={(patch) => setItems((all) => all.map((i) => (i.applicationId === item.applicationId ? { ...i, ...patch } : i)))} />
      ))}
      <Text className="xp-label">会议纪要</Text>
      {editable ? <Textarea className="xp-textarea dl-minutes" value={minutes} maxlength={5000} onInput={(e) => setMinutes(e.detail.value)} /> : <Text className="xp-row-sub">{record.minutes || '无'}</Text>}
      {editable ? (
        <View className="xp-actions">
          <Button type="primary" className="dl-save" loading={busy} onClick={() => void save()}>
            保存合议记录
          </Button>
        </View>
      ) : null}
    </View>
  )
}

function DeliberationBoard({ callId }: { callId: string }) {
  const [list, setList] = useState<DeliberationList | null>(null)
  const [missing, setMissing] = useState(false)
  const [version, setVersion] = useState(0)
  const reload = () => fetchDeliberations(callId).then((l) => {
    setList(l)
    setVersion((v) => v + 1)
  }, (e) => setMissing(e?.code === 'COMMITTEE_NOT_FOUND'))
  useEffect(() => {
    void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [callId])
  if (missing) return <Text className="xp-hint dl-no-committee">该征集尚未组建评审委员会</Text>
  return (
    <View className="page office office-deliberations">
      <OfficeHeader title="合议与签署">
        <Text className="office-total dl-summary">{list ? `${list.items.length} 份合议记录 · 待合议：资料评审 ${list.waiting.material} 件、答辩评审 ${list.waiting.defense} 件` : ''}</Text>
      </OfficeHeader>
      {list ? <NewRecord list={list} onCreated={() => void reload()} /> : null}
      {list?.items.length === 0 ? <Text className="xp-card xp-hint dl-empty">暂无合议记录</Text> : null}
      {list?.items.map((d) => <RecordCard key={`${d.id}:${version}`} record={d} list={list} onSaved={() => void reload()} />)}
    </View>
  )
}

export default function OfficeDeliberationsPage() {
  return <CallPage area="deliberations" path={PAGES.officeDeliberations}>{(callId) => <DeliberationBoard callId={callId} />}</CallPage>
}
