import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { REMOVAL_FACTS_MAX, REMOVAL_FACTS_MIN, REMOVAL_REASON_LABELS, REMOVAL_REASON_TYPES, RemovalStartSchema, fieldErrors, type RemovalReasonType } from '@zlbg/shared'
import { toApiError } from '../../../api/errors'
import { AttachmentPicker, type AttachmentItem } from '../../../components/AttachmentPicker'
import { useConfirm } from '../../../components/ConfirmDialog'
import { FormField } from '../../../components/FormField'
import { PagedListBody, SkeletonList } from '../../../components/PagedListBody'
import '../../../components/removals/removals.css'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { useLoaded } from '../../../hooks/useLoaded'
import { usePagedQuery } from '../../../hooks/usePagedQuery'
import { openPage, PAGES } from '../../../navigation'
import { Button } from '../../../ui/nutui'
import { ChoiceRow, type Choice } from '../components/ChoiceRow'
import { SearchRow } from '../components/SearchRow'
import { StaffOnly } from '../components/StaffOnly'
import '../components/office.css'
import { fetchCandidates, fetchRemovalCalls, startRemoval, type RemovalCandidate } from './api'

/** Short enough for a chip on a 320 px phone; the full ground shows under the choice. */
const REASON_CHIPS: Record<RemovalReasonType, string> = { fraud: '申报材料弄虚作假', major_accident: '三年内重大责任事故' }
const REASONS: Choice<RemovalReasonType | ''>[] = REMOVAL_REASON_TYPES.map((r) => ({ value: r, label: REASON_CHIPS[r] }))

/** Step 1: find the listed experience (still listed); one with a removal under way links to it instead. */
function Pick({ onPick }: { onPick: (c: RemovalCandidate) => void }) {
  const [q, setQ] = useState('')
  const list = usePagedQuery<RemovalCandidate>((page) => fetchCandidates(q, page), q)
  return (
    <View className="removal-card office-removal-pick">
      <Text className="removal-title">选择名单中的典型经验</Text>
      <SearchRow prefix="office-removal-candidates" placeholder="组织名称或经验名称" onSearch={setQ} />
      <PagedListBody
        list={list}
        prefix="office-removal-candidates"
        className="office-removal-candidates-list"
        strings={{ errorTitle: '名单加载失败', empty: '没有在列的典型经验', emptyHint: '名单公布或导入往年名单后，在列的典型经验会列在这里' }}
        loading={<SkeletonList className="office-removal-candidates-loading" itemClassName="removal-row" rows={2} />}
        footer={{ className: 'removal-list-footer office-removal-candidates-footer', endClassName: 'removal-list-end' }}
      >
        {(c) => (
          <View
            key={c.id}
            className="removal-row office-removal-candidate"
            onClick={() => (c.openRemovalId ? openPage(`${PAGES.officeRemoval}?id=${c.openRemovalId}`) : onPick(c))}
          >
            <Text className="removal-title">{`${c.organizationName}《${c.title}》`}</Text>
            <Text className="removal-meta">{`${c.year}年名单 · ${c.source === 'import' ? '往年名单导入' : '本系统公布'}`}</Text>
            {c.openRemovalId ? <Text className="removal-badge removal-badge--warn">已有进行中的移除，点击查看</Text> : null}
          </View>
        )}
      </PagedListBody>
    </View>
  )
}

/** An imported experience has no call of its own: the office names the call whose committee confirms. */
function DecidingCall({ value, onChange, error }: { value: string; onChange: (id: string) => void; error?: string }) {
  const calls = useLoaded(() => fetchRemovalCalls(), 'calls')
  const items = calls.data?.items ?? []
  return (
    <FormField className="office-removal-call" label="由哪一征集的评审委员会确认（往年导入的经验）" error={error}>
      {calls.status === 'loading' ? <Text className="removal-meta">加载中…</Text> : null}
      {calls.data && items.length === 0 ? <Text className="removal-meta office-removal-no-calls">尚无已组建评审委员会的征集，无法确认往年经验的移除。</Text> : null}
      {items.map((c) => (
        <View key={c.id} className={`removal-row office-removal-call-choice${value === c.id ? ' office-removal-call-choice--on' : ''}`} onClick={() => onChange(c.id)}>
          <Text className="removal-title">{`${value === c.id ? '☑' : '☐'} ${c.title}`}</Text>
          <Text className="removal-meta">{`主任委员：${c.chairName}`}</Text>
        </View>
      ))}
    </FormField>
  )
}

function Form({ c, onBack }: { c: RemovalCandidate; onBack: () => void }) {
  const [reasonType, setReasonType] = useState<RemovalReasonType | ''>('')
  const [facts, setFacts] = useState('')
  const [callId, setCallId] = useState('')
  const [evidence, setEvidence] = useState<AttachmentItem[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [dialog, confirm] = useConfirm()
  const body = {
    listedExperienceId: c.id,
    reasonType: reasonType as RemovalReasonType,
    facts,
    evidenceIds: evidence.map((e) => e.attachmentId),
    ...(c.source === 'import' && callId ? { callId } : {}),
  }
  const fieldsOf = (list: { path: string; message: string }[]) => Object.fromEntries(list.map((f) => [f.path.replace(/^body\./, '').split('.')[0]!, f.message]))
  const submit = () => {
    // The same schema the server validates with (shared/src/removals.ts).
    const parsed = RemovalStartSchema.safeParse(body)
    const local = parsed.success ? {} : fieldsOf(fieldErrors(parsed.error))
    if (c.source === 'import' && !callId) local.callId = '请选择由哪一征集的评审委员会确认'
    setErrors(local)
    if (Object.keys(local).length) return
    confirm({
      title: '启动移除',
      content: `将提请主任委员或副主任委员、再由中国质量协会审批人确认移除「${c.organizationName}《${c.title}》」（第二十一条）。确认前可撤回。`,
      confirmText: '提交',
      onConfirm: async () => {
        try {
          const created = await startRemoval(body)
          void Taro.showToast({ title: '已提交确认', icon: 'none' })
          void Taro.redirectTo({ url: `${PAGES.officeRemoval}?id=${created.id}` })
        } catch (e) {
          const error = toApiError(e)
          if (error.fields.length) setErrors(fieldsOf(error.fields))
          else void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 })
        }
      },
    })
  }
  return (
    <View className="removal-card office-removal-form">
      <Text className="removal-title office-removal-selected">{`${c.organizationName}《${c.title}》`}</Text>
      <Text className="removal-meta">{`${c.year}年名单 · ${c.source === 'import' ? '往年名单导入' : '本系统公布，由其所属征集的评审委员会确认'}`}</Text>
      <Text className="removal-file office-removal-change" onClick={onBack}>
        重新选择
      </Text>
      <ChoiceRow prefix="office-removal-reason" label="移除事由" choices={REASONS} value={reasonType} onChange={setReasonType} />
      {reasonType ? <Text className="removal-meta office-removal-reason-label">{`第二十一条：${REMOVAL_REASON_LABELS[reasonType]}`}</Text> : null}
      {errors.reasonType ? <Text className="removal-meta removal-badge--warn">{errors.reasonType}</Text> : null}
      <FormField className="office-removal-facts" label={`事实情况（${REMOVAL_FACTS_MIN}–${REMOVAL_FACTS_MAX} 字）`} error={errors.facts}>
        <Textarea className="removal-textarea" value={facts} maxlength={REMOVAL_FACTS_MAX} autoHeight onInput={(e) => setFacts(e.detail.value)} />
      </FormField>
      <FormField className="office-removal-evidence" label="证明材料（可选，最多 10 个）" error={errors.evidenceIds}>
        <AttachmentPicker className="office-removal-evidence-files" value={evidence} onChange={setEvidence} />
      </FormField>
      {c.source === 'import' ? <DecidingCall value={callId} onChange={setCallId} error={errors.callId} /> : null}
      <Button className="office-removal-submit" type="primary" onClick={submit}>
        提交确认
      </Button>
      {dialog}
    </View>
  )
}

/** 启动移除 (第二十一条): the experience, the ground, the facts and evidence, and for an imported one the deciding call. */
export default function OfficeRemovalStart() {
  const [picked, setPicked] = useState<RemovalCandidate | null>(null)
  return (
    <StaffOnly>
      {(me) => (
        <WorkbenchShell me={me} area="removals" within context={{ key: 'removals', url: PAGES.officeRemovals }}>
          <View className="removal-page office-removal-start">{picked ? <Form c={picked} onBack={() => setPicked(null)} /> : <Pick onPick={setPicked} />}</View>
        </WorkbenchShell>
      )}
    </StaffOnly>
  )
}
