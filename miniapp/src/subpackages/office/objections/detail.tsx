import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import {
  OBJECTION_STATE_LABELS,
  OBJECTOR_KIND_LABELS,
  ObjectionIdParamsSchema,
  formatDateTime,
  inShanghai,
  type ObjectionEvent,
} from '@zlbg/shared'
import { toApiError } from '../../../api/errors'
import { AttachmentPicker, type AttachmentItem } from '../../../components/AttachmentPicker'
import { useConfirm } from '../../../components/ConfirmDialog'
import { FormField, TextField } from '../../../components/FormField'
import { LoadStates } from '../../../components/LoadStates'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { useLoaded, validId } from '../../../hooks/useLoaded'
import { PAGES } from '../../../navigation'
import { Button } from '../../../ui/nutui'
import { StaffOnly } from '../components/StaffOnly'
import '../components/office.css'
import {
  downloadObjectionFile,
  fetchObjection,
  passModeration,
  recordFindings,
  replyObjection,
  requestExplanation,
  startInvestigation,
  submitToCommittee,
  type OfficeObjection,
} from './api'
import './objections.css'

type Files = { filename: string; attachmentId: string }[]
const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2000 })

function FileLinks({ id, files }: { id: string; files: Files }) {
  return (
    <>
      {files.map((f) => (
        <Text key={f.attachmentId} className="office-objection-file" onClick={() => void downloadObjectionFile(id, f.attachmentId, f.filename)}>
          {`📎 ${f.filename}`}
        </Text>
      ))}
    </>
  )
}

function Area({ className, label, value, onChange, error }: { className: string; label: string; value: string; onChange: (v: string) => void; error?: string }) {
  return (
    <FormField className={className} label={label} error={error}>
      <Textarea className="office-objection-textarea" value={value} maxlength={3000} autoHeight onInput={(e) => onChange(e.detail.value)} />
    </FormField>
  )
}

/** The office's steps, each from the machine's table (the server sends `events`): investigate, findings, to the committee, reply; and asking the applicant to explain. */
function Steps({ o, onChange }: { o: OfficeObjection; onChange: (o: OfficeObjection) => void }) {
  const [dialog, confirm] = useConfirm()
  const [findings, setFindings] = useState({ text: '', verifiedBy: '' })
  const [evidence, setEvidence] = useState<AttachmentItem[]>([])
  const [reply, setReply] = useState('')
  const [explain, setExplain] = useState({ text: '', deadline: inShanghai(new Date(Date.now() + 7 * 86_400_000)).format('YYYY-MM-DD'), quoteGrounds: false })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const has = (e: ObjectionEvent) => o.events.includes(e)

  const run = async (step: () => Promise<OfficeObjection>, done: string) => {
    setErrors({})
    try {
      onChange(await step())
      toast(done)
    } catch (e) {
      const error = toApiError(e)
      if (error.fields.length) setErrors(Object.fromEntries(error.fields.map((f) => [f.path.replace(/^body\./, '').split('.')[0]!, f.message])))
      else toast(error.message)
    }
  }

  return (
    <View className="office-objection-card office-objection-steps">
      <Text className="office-objection-title">处理</Text>
      {o.canPassModeration ? (
        <View className="office-objection-moderation">
          <Text className="office-objection-meta">微信未能判定这段文字：审核通过前，不能报评审委员会，也不能引用给申报组织。</Text>
          <Button
            className="office-objection-pass-moderation"
            onClick={() => confirm({ title: '内容审核通过', content: '确认已阅读异议内容，可以提供给评审委员会和申报组织？', confirmText: '审核通过', onConfirm: () => run(() => passModeration(o.id), '内容已审核通过') })}
          >
            内容审核通过
          </Button>
        </View>
      ) : null}
      {has('startInvestigation') ? (
        <Button className="office-objection-investigate" type="primary" onClick={() => void run(() => startInvestigation(o.id), '已开始调查核实')}>
          {o.state === 'received' ? '开始调查核实' : '退回继续调查'}
        </Button>
      ) : null}
      {has('recordFindings') ? (
        <View className="office-objection-findings-form">
          <Area className="office-objection-findings-text" label="核查意见" value={findings.text} error={errors.text} onChange={(text) => setFindings({ ...findings, text })} />
          <TextField className="office-objection-verified-by" label="核实人" maxLength={100} value={findings.verifiedBy} error={errors.verifiedBy} onChange={(verifiedBy) => setFindings({ ...findings, verifiedBy })} />
          <AttachmentPicker className="office-objection-findings-files" value={evidence} onChange={setEvidence} />
          <Button
            className="office-objection-record"
            type="primary"
            onClick={() => void run(() => recordFindings(o.id, { ...findings, evidenceIds: evidence.map((e) => e.attachmentId) }), '核查意见已记录')}
          >
            记录核查意见
          </Button>
        </View>
      ) : null}
      {has('submitToCommittee') ? (
        <Button
          className="office-objection-submit"
          type="primary"
          onClick={() => confirm({ title: '报评审委员会审议', content: '提交后由主任委员或副主任委员作出决定（第十八条）。', confirmText: '提交', onConfirm: () => run(() => submitToCommittee(o.id), '已报评审委员会审议') })}
        >
          报评审委员会审议
        </Button>
      ) : null}
      {o.state === 'committee_review' ? <Text className="office-objection-meta">等待主任委员或副主任委员作出决定。</Text> : null}
      {has('reply') ? (
        <View className="office-objection-reply-form">
          <Area className="office-objection-reply-text" label="答复异议人" value={reply} error={errors.text} onChange={setReply} />
          <Button
            className="office-objection-reply"
            type="primary"
            onClick={() => confirm({ title: '发送答复', content: '答复将通知异议人，发送后不能修改。', confirmText: '发送', onConfirm: () => run(() => replyObjection(o.id, reply), '答复已发送') })}
          >
            发送答复
          </Button>
        </View>
      ) : null}
      {o.canRequestExplanation ? (
        <View className="office-objection-explain-form">
          <Area className="office-objection-explain-text" label="请申报组织说明（不透露异议人）" value={explain.text} error={errors.text} onChange={(text) => setExplain({ ...explain, text })} />
          <TextField className="office-objection-explain-deadline" label="说明期限（YYYY-MM-DD）" maxLength={10} value={explain.deadline} error={errors.deadline} onChange={(deadline) => setExplain({ ...explain, deadline })} />
          <View className="office-objection-check office-objection-quote" onClick={() => setExplain({ ...explain, quoteGrounds: !explain.quoteGrounds })}>
            <Text>{explain.quoteGrounds ? '☑' : '☐'}</Text>
            <Text>引用异议理由原文（不含异议人信息）</Text>
          </View>
          <Button className="office-objection-explain" onClick={() => void run(() => requestExplanation(o.id, explain), '已请申报组织说明')}>
            请申报组织说明
          </Button>
        </View>
      ) : null}
      {dialog}
    </View>
  )
}

/** The page keeps the objection (loaded.replace): the desktop layout re-mounts this view when the window is resized. */
function Objection({ o, setO }: { o: OfficeObjection; setO: (o: OfficeObjection) => void }) {
  const x = o.objector
  return (
    <View className="office-objection">
      <View className="office-objection-card">
        <Text className="office-objection-title">{`${o.entry.organizationName}《${o.entry.title}》`}</Text>
        <Text className="office-objection-meta">{o.entry.callTitle}</Text>
        <Text className="office-objection-meta office-objection-receipt">{`受理编号 ${o.receiptNumber} · 收到于 ${formatDateTime(o.filedAt)}`}</Text>
        <View className="office-objection-badges">
          <Text className="office-objection-badge office-objection-state">{OBJECTION_STATE_LABELS[o.state]}</Text>
          {o.moderation === 'pending' ? <Text className="office-objection-badge office-objection-badge--warn">内容待人工审核</Text> : null}
        </View>
      </View>
      <View className="office-objection-card office-objection-objector">
        <Text className="office-objection-title">异议人（仅办公室可见）</Text>
        <Text className="office-objection-meta">{OBJECTOR_KIND_LABELS[x.kind]}</Text>
        {x.organizationName ? <Text className="office-objection-meta">{`单位：${x.organizationName}（联系人 ${x.contactPerson ?? ''}）`}</Text> : null}
        <Text className="office-objection-meta office-objection-objector-name">{`姓名：${x.realName} · 电话：${x.phone}`}</Text>
        {x.sealLetter ? <FileLinks id={o.id} files={[x.sealLetter]} /> : null}
      </View>
      <View className="office-objection-card">
        <Text className="office-objection-title">异议理由</Text>
        <Text className="office-objection-text office-objection-grounds">{o.grounds}</Text>
        <FileLinks id={o.id} files={o.evidence} />
      </View>
      {o.findings ? (
        <View className="office-objection-card office-objection-findings">
          <Text className="office-objection-title">核查意见</Text>
          <Text className="office-objection-text">{o.findings.text}</Text>
          <Text className="office-objection-meta">{`核实人：${o.findings.verifiedBy} · ${formatDateTime(o.findings.at)}`}</Text>
          <FileLinks id={o.id} files={o.findings.evidence} />
        </View>
      ) : null}
      {o.decision ? (
        <View className="office-objection-card office-objection-decision">
          <Text className="office-objection-title">{`评审委员会决定：${OBJECTION_STATE_LABELS[o.decision.outcome]}`}</Text>
          <Text className="office-objection-text">{o.decision.reasons}</Text>
          <Text className="office-objection-meta">{`签署：${o.decision.signedByName} · ${formatDateTime(o.decision.at)}`}</Text>
        </View>
      ) : null}
      {o.reply ? (
        <View className="office-objection-card office-objection-replied">
          <Text className="office-objection-title">已答复</Text>
          <Text className="office-objection-text">{o.reply.text}</Text>
        </View>
      ) : null}
      {o.explanations.map((e) => (
        <View key={e.id} className="office-objection-card office-objection-explanation">
          <Text className="office-objection-title">{`请申报组织说明 · 期限 ${e.deadline}`}</Text>
          <Text className="office-objection-text">{e.text}</Text>
          {e.answer ? (
            <>
              <Text className="office-objection-meta">{`申报组织的说明（${formatDateTime(e.answer.at)}）：`}</Text>
              <Text className="office-objection-text">{e.answer.text}</Text>
              <FileLinks id={o.id} files={e.answer.attachments} />
            </>
          ) : (
            <Text className="office-objection-meta">尚未答复</Text>
          )}
        </View>
      ))}
      {o.events.length || o.canRequestExplanation || o.canPassModeration || o.state === 'committee_review' ? <Steps o={o} onChange={setO} /> : null}
      <View className="office-objection-card">
        <Text className="office-objection-title">处理记录</Text>
        {o.history.map((h, i) => (
          <View key={i} className="office-objection-step">
            <Text>{OBJECTION_STATE_LABELS[h.state]}</Text>
            <Text>{formatDateTime(h.at)}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

/** One objection (第十八条) for the office: who objected (the office alone sees it), the case, and the next step. */
export default function OfficeObjectionDetail() {
  const { params } = useRouter()
  const loaded = useLoaded(fetchObjection, validId(ObjectionIdParamsSchema, params.id))
  return (
    <StaffOnly>
      {(me) => (
        <WorkbenchShell me={me} area="objections" within context={{ key: 'objections', url: PAGES.officeObjections }}>
          {loaded.data ? (
            <Objection o={loaded.data} setO={loaded.replace} />
          ) : (
            <LoadStates
              status={loaded.status}
              error={loaded.error}
              onRetry={() => void loaded.reload()}
              loading={{ className: 'office-objection-loading', rows: [3, 5] }}
              classes={{ notFound: 'office-objection-not-found', back: 'office-objection-back', error: 'office-objection-error', retry: 'office-objection-retry' }}
              strings={{ notFoundTitle: '异议不存在', notFoundDescription: '', errorTitle: '异议加载失败' }}
            />
          )}
        </WorkbenchShell>
      )}
    </StaffOnly>
  )
}
