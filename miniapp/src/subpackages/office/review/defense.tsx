import { useEffect, useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { DEFENSE_SLOT_STATE_LABELS, SITE_VISIT_STATE_LABELS, formatDateTime, inShanghai } from '@zlbg/shared'
import { AttachmentPicker, attachmentRefs, type AttachmentItem } from '../../../components/AttachmentPicker'
import { useConfirm } from '../../../components/ConfirmDialog'
import { PAGES } from '../../../navigation'
import { Button, Input } from '../../../ui/nutui'
import { OfficeHeader } from '../components/OfficeHeader'
import { CallPage } from '../components/CallPage'
import { Chips } from '../experts/Chips'
import {
  assignSlot,
  completeSiteVisit,
  createSlot,
  deleteSlot,
  downloadSiteVisitFile,
  fetchDefenseBoard,
  fetchSiteVisits,
  requestSiteVisit,
  saveSiteVisit,
  startDefense,
  type DefenseBoard,
  type SiteVisit,
} from './api'
import '../components/office.css'
import '../experts/experts.css'
import './review.css'

type Brief = DefenseBoard['unscheduled'][number]
type Slot = DefenseBoard['slots'][number]
const briefLabel = (a: Brief) => `${a.receiptNumber ?? ''} ${a.organizationName}《${a.title}》`
/** "2026-12-03 09:30" read in Asia/Shanghai, as an instant; undefined when it is not such a time. */
function shanghaiInstant(text: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/.exec(text.trim())
  return m ? `${m[1]}T${m[2]}:${m[3]}:00+08:00` : undefined
}
const splitNames = (text: string) => text.split(/[，,、\s]+/).map((s) => s.trim()).filter(Boolean)

/** 开始答辩评审: the shortlisted applications move to defense review, each told (第十七条). */
function StartCard({ board, onDone }: { board: DefenseBoard; onDone: () => void }) {
  const [dialog, confirm] = useConfirm()
  const [result, setResult] = useState('')
  return (
    <View className="xp-card df-start">
      {dialog}
      <Text className="xp-card-title">{`入围答辩评审、待开始的申报（${board.shortlisted.length}）`}</Text>
      {board.shortlisted.map((a) => (
        <Text key={a.applicationId} className="xp-row-sub">{briefLabel(a)}</Text>
      ))}
      {board.shortlisted.length === 0 ? <Text className="xp-hint">暂无：合议签署后入围的申报出现在这里</Text> : null}
      {result ? <Text className="xp-hint df-start-result">{result}</Text> : null}
      <View className="xp-actions">
        <Button
          type="primary"
          className="df-start-go"
          disabled={board.shortlisted.length === 0}
          onClick={() =>
            confirm({
              title: '开始答辩评审',
              content: `${board.shortlisted.length} 件申报将进入答辩评审，并通知申报组织。此步不可撤回。`,
              onConfirm: async () => {
                const res = await startDefense(board.callId)
                const ok = res.items.filter((r) => r.ok).length
                setResult(`已开始 ${ok} 件${res.items.length > ok ? `，${res.items.length - ok} 件未能开始：${res.items.filter((r) => !r.ok).map((r) => r.message).join('；')}` : ''}`)
                onDone()
              },
            })
          }
        >
          开始答辩评审
        </Button>
      </View>
    </View>
  )
}

function NewSlot({ board, onCreated }: { board: DefenseBoard; onCreated: () => void }) {
  const [groupId, setGroupId] = useState(board.groups[0]?.id ?? '')
  const [startsAt, setStartsAt] = useState(inShanghai(new Date(Date.now() + 7 * 86_400_000)).format('YYYY-MM-DD 09:00'))
  const [minutes, setMinutes] = useState('30')
  const [place, setPlace] = useState('')
  const [link, setLink] = useState('')
  const [busy, setBusy] = useState(false)
  const instant = shanghaiInstant(startsAt)
  const create = async () => {
    if (!instant) return
    setBusy(true)
    try {
      await createSlot(board.callId, { groupId, startsAt: instant, durationMinutes: Number(minutes) || 30, ...(place.trim() ? { place: place.trim() } : {}), ...(link.trim() ? { onlineLink: link.trim() } : {}) })
      onCreated()
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="xp-card df-new-slot">
      <Text className="xp-card-title">新增答辩时段</Text>
      <Text className="xp-label">专业组</Text>
      <Chips prefix="df-group" options={board.groups.map((g) => ({ value: g.id, label: g.name }))} value={groupId ? [groupId] : []} onChange={(v) => setGroupId(v[0] ?? '')} />
      <Text className="xp-label">开始时间（北京时间）</Text>
      <Input className="xp-input df-starts" value={startsAt} placeholder="YYYY-MM-DD HH:mm" onChange={setStartsAt} />
      {!instant ? <Text className="xp-gap">请按 YYYY-MM-DD HH:mm 填写</Text> : null}
      <Text className="xp-label">时长（分钟）</Text>
      <Input className="xp-input df-minutes" type="number" value={minutes} onChange={setMinutes} />
      <Text className="xp-label">地点</Text>
      <Input className="xp-input rv-input-wide df-place" value={place} onChange={setPlace} />
      <Text className="xp-label">线上会议链接（https://，选填）</Text>
      <Input className="xp-input rv-input-wide df-link" value={link} onChange={setLink} />
      <View className="xp-actions">
        <Button type="primary" className="df-create-slot" loading={busy} disabled={!groupId || !instant || (!place.trim() && !link.trim())} onClick={() => void create()}>
          新增时段
        </Button>
      </View>
    </View>
  )
}

function SlotRow({ slot, board, onChange }: { slot: Slot; board: DefenseBoard; onChange: () => void }) {
  const [pick, setPick] = useState('')
  const candidates = board.unscheduled.filter((a) => a.groupId === slot.groupId)
  return (
    <View className={`xp-row df-slot df-slot--${slot.state}`} data-slot-id={slot.id}>
      <Text className="xp-row-main">{`${formatDateTime(slot.startsAt)}–${inShanghai(slot.endsAt).format('HH:mm')} · ${slot.groupName}`}</Text>
      <Text className="xp-row-sub">{[slot.place, slot.onlineLink].filter(Boolean).join(' · ')}</Text>
      <View className="xp-actions">
        <Text className={`rv-tag df-slot-state${slot.state === 'confirmed' ? ' rv-tag--done' : slot.state === 'assigned' ? ' rv-tag--warn' : ''}`}>{DEFENSE_SLOT_STATE_LABELS[slot.state]}</Text>
        {slot.application ? <Text className="xp-row-sub df-slot-app">{briefLabel(slot.application)}</Text> : null}
        {slot.confirmedAt ? <Text className="xp-row-sub">{`申报组织已于 ${formatDateTime(slot.confirmedAt)} 确认`}</Text> : null}
      </View>
      {slot.state === 'open' ? (
        <>
          {candidates.length ? (
            <Chips prefix="df-slot-pick" options={candidates.map((a) => ({ value: a.applicationId, label: briefLabel(a) }))} value={pick ? [pick] : []} onChange={(v) => setPick(v[0] ?? '')} />
          ) : (
            <Text className="xp-hint">本组暂无待安排的申报</Text>
          )}
          <View className="xp-actions">
            <Button size="small" type="primary" className="df-assign" disabled={!pick} onClick={() => void assignSlot(slot.id, pick).then(onChange)}>
              安排并通知
            </Button>
            <Button size="small" className="df-delete" onClick={() => void deleteSlot(slot.id).then(onChange)}>
              删除时段
            </Button>
          </View>
        </>
      ) : (
        <View className="xp-actions">
          <Button size="small" className="df-release" onClick={() => void assignSlot(slot.id, null).then(onChange)}>
            取消安排
          </Button>
        </View>
      )}
    </View>
  )
}

function RequestVisit({ candidates, onDone }: { candidates: Brief[]; onDone: () => void }) {
  const [applicationId, setApplicationId] = useState('')
  const [reason, setReason] = useState('')
  const [team, setTeam] = useState('')
  const [date, setDate] = useState(inShanghai(new Date(Date.now() + 7 * 86_400_000)).format('YYYY-MM-DD'))
  const [busy, setBusy] = useState(false)
  const go = async () => {
    setBusy(true)
    try {
      await requestSiteVisit(applicationId, { reason: reason.trim(), team: splitNames(team), date })
      setApplicationId('')
      setReason('')
      onDone()
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="xp-group sv-request">
      <Text className="xp-label">安排现场考察（委员会对申报组织有疑问时，第十七条）</Text>
      {candidates.length ? (
        <Chips prefix="sv-app" options={candidates.map((a) => ({ value: a.applicationId, label: briefLabel(a) }))} value={applicationId ? [applicationId] : []} onChange={(v) => setApplicationId(v[0] ?? '')} />
      ) : (
        <Text className="xp-hint">暂无答辩评审中的申报</Text>
      )}
      <Input className="xp-input rv-input-wide sv-reason" value={reason} placeholder="考察原因（必填）" onChange={setReason} />
      <Input className="xp-input rv-input-wide sv-team" value={team} placeholder="考察组成员，用顿号或逗号分隔" onChange={setTeam} />
      <Input className="xp-input sv-date" value={date} placeholder="YYYY-MM-DD" onChange={setDate} />
      <View className="xp-actions">
        <Button type="primary" className="sv-request-go" loading={busy} disabled={!applicationId || reason.trim().length < 2 || splitNames(team).length === 0} onClick={() => void go()}>
          安排考察并通知申报组织
        </Button>
      </View>
    </View>
  )
}

function VisitRow({ visit, onChange }: { visit: SiteVisit; onChange: () => void }) {
  const open = visit.state === 'requested'
  const [team, setTeam] = useState(visit.team.join('、'))
  const [date, setDate] = useState(visit.date)
  const [findings, setFindings] = useState(visit.findings)
  const [conclusion, setConclusion] = useState(visit.conclusion)
  const [files, setFiles] = useState<AttachmentItem[]>(visit.attachments)
  const [dialog, confirm] = useConfirm()
  const body = () => ({ team: splitNames(team), date, findings: findings.trim(), conclusion: conclusion.trim(), attachments: attachmentRefs(files) })
  return (
    <View className={`xp-row sv-visit sv-visit--${visit.state}`} data-visit-id={visit.id}>
      {dialog}
      <Text className="xp-row-main">{`${visit.organizationName}《${visit.title}》`}</Text>
      <View className="xp-actions">
        <Text className={`rv-tag${open ? ' rv-tag--warn' : ' rv-tag--done'}`}>{SITE_VISIT_STATE_LABELS[visit.state]}</Text>
        <Text className="xp-row-sub">{`原因：${visit.reason}`}</Text>
      </View>
      {open ? (
        <>
          <Text className="xp-label">考察组与日期</Text>
          <Input className="xp-input rv-input-wide sv-edit-team" value={team} onChange={setTeam} />
          <Input className="xp-input sv-edit-date" value={date} onChange={setDate} />
          <Text className="xp-label">考察发现</Text>
          <Textarea className="xp-textarea sv-findings" value={findings} maxlength={5000} onInput={(e) => setFindings(e.detail.value)} />
          <Text className="xp-label">考察结论</Text>
          <Input className="xp-input rv-input-wide sv-conclusion" value={conclusion} onChange={setConclusion} />
          <AttachmentPicker className="sv-files" value={files} onChange={setFiles} />
          <View className="xp-actions">
            <Button size="small" className="sv-save" onClick={() => void saveSiteVisit(visit.id, body()).then(onChange)}>
              保存
            </Button>
            <Button
              size="small"
              type="primary"
              className="sv-complete"
              disabled={!findings.trim() || !conclusion.trim()}
              onClick={() => confirm({ title: '完成现场考察', content: '完成后考察记录不能再修改，申报回到答辩评审等待合议。', onConfirm: async () => {
                    await completeSiteVisit(visit.id, body())
                    onChange()
                  },
                })
              }
            >
              完成考察
            </Button>
          </View>
        </>
      ) : (
        <>
          <Text className="xp-row-sub">{`考察组：${visit.team.join('、')} · ${visit.date}${visit.completedAt ? ` · 完成于 ${formatDateTime(visit.completedAt)}` : ''}`}</Text>
          <View className="rv-findings sv-findings-view">
            <Text>{`考察发现：${visit.findings}；结论：${visit.conclusion}`}</Text>
          </View>
          {visit.attachments.map((f) => (
            <Text key={f.attachmentId} className="xp-row-sub sv-file" onClick={() => void downloadSiteVisitFile(visit.id, f.attachmentId, f.filename)}>
              {`附件：${f.title}（${f.filename}）`}
            </Text>
          ))}
        </>
      )}
    </View>
  )
}

function DefenseWorkbench({ callId }: { callId: string }) {
  const [board, setBoard] = useState<DefenseBoard | null>(null)
  const [visits, setVisits] = useState<SiteVisit[] | null>(null)
  const [missing, setMissing] = useState(false)
  const [version, setVersion] = useState(0)
  const reload = async () => {
    try {
      setBoard(await fetchDefenseBoard(callId))
      setVisits((await fetchSiteVisits(callId)).items)
      setVersion((v) => v + 1)
    } catch (e) {
      setMissing((e as { code?: string })?.code === 'COMMITTEE_NOT_FOUND')
    }
  }
  useEffect(() => {
    void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [callId])
  if (missing) return <Text className="xp-hint df-no-committee">该征集尚未组建评审委员会</Text>
  const inDefense = board ? [...board.unscheduled, ...board.slots.flatMap((s) => (s.application ? [s.application] : []))].filter((a) => a.state === 'defense_review') : []
  return (
    <View className="page office office-defense">
      <OfficeHeader title="答辩与现场考察">
        <Text className="office-total df-summary">{board ? `${board.slots.length} 个答辩时段 · 待安排 ${board.unscheduled.length} 件` : ''}</Text>
      </OfficeHeader>
      {board ? <StartCard board={board} onDone={() => void reload()} /> : null}
      {board ? <NewSlot board={board} onCreated={() => void reload()} /> : null}
      <View className="xp-card df-slots">
        <Text className="xp-card-title">答辩时段</Text>
        <Text className="xp-hint">安排后申报组织收到订阅消息，在小程序中确认；申报组织只看到时间、地点和链接，不看到评审专家（第十三条）。</Text>
        {board?.slots.length === 0 ? <Text className="xp-hint">暂无答辩时段</Text> : null}
        {board?.slots.map((s) => <SlotRow key={`${s.id}:${version}`} slot={s} board={board} onChange={() => void reload()} />)}
      </View>
      <View className="xp-card sv-visits">
        <Text className="xp-card-title">现场考察</Text>
        <RequestVisit key={`r${version}`} candidates={inDefense} onDone={() => void reload()} />
        {visits?.length === 0 ? <Text className="xp-hint">暂无现场考察</Text> : null}
        {visits?.map((v) => <VisitRow key={`${v.id}:${version}`} visit={v} onChange={() => void reload()} />)}
      </View>
    </View>
  )
}

export default function OfficeDefensePage() {
  return <CallPage area="defense" path={PAGES.officeDefense}>{(callId) => <DefenseWorkbench callId={callId} />}</CallPage>
}
