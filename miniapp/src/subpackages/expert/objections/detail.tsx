import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { OBJECTION_STATE_LABELS, OBJECTOR_KIND_LABELS, ObjectionIdParamsSchema, formatDateTime, type ObjectionOutcome } from '@zlbg/shared'
import { toApiError } from '../../../api/errors'
import { useConfirm } from '../../../components/ConfirmDialog'
import { FormField } from '../../../components/FormField'
import { ExpertLoadStates } from '../ExpertLoadStates'
import { useLoaded, validId } from '../../../hooks/useLoaded'
import { Button } from '../../../ui/nutui'
import { decideObjection, downloadDecisionFile, fetchObjectionToDecide, type CommitteeObjection } from './api'
import '../expert.css'

type Files = { filename: string; attachmentId: string }[]

function FileLinks({ id, files }: { id: string; files: Files }) {
  return (
    <>
      {files.map((f) => (
        <Text key={f.attachmentId} className="expert-objection-file" onClick={() => void downloadDecisionFile(id, f.attachmentId, f.filename)}>
          {`📎 ${f.filename}`}
        </Text>
      ))}
    </>
  )
}

const OUTCOME_TEXT: Record<ObjectionOutcome, { button: string; confirm: string }> = {
  upheld: { button: '异议成立', confirm: '确认异议成立：该申报将撤出公示名单，并在名单上标明（第十八条）。此决定不能撤回。' },
  dismissed: { button: '异议不成立', confirm: '确认异议不成立：公示期满且无其他未决异议时，该申报即通过公示。此决定不能撤回。' },
}

function Decide({ o, onDecided }: { o: CommitteeObjection; onDecided: (o: CommitteeObjection) => void }) {
  const [reasons, setReasons] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [dialog, confirm] = useConfirm()
  const send = (outcome: ObjectionOutcome) =>
    confirm({
      title: OUTCOME_TEXT[outcome].button,
      content: OUTCOME_TEXT[outcome].confirm,
      confirmText: '签署决定',
      danger: outcome === 'upheld',
      onConfirm: async () => {
        setError(undefined)
        try {
          onDecided(await decideObjection(o.id, { outcome, reasons }))
          void Taro.showToast({ title: '决定已签署', icon: 'none' })
        } catch (e) {
          const apiError = toApiError(e)
          setError(apiError.fields[0]?.message ?? apiError.message)
        }
      },
    })
  return (
    <View className="expert-card expert-objection-decide">
      <FormField className="expert-objection-reasons" label="决定理由（必填）" error={error}>
        <Textarea className="expert-objection-textarea" value={reasons} maxlength={2000} autoHeight onInput={(e) => setReasons(e.detail.value)} />
      </FormField>
      <View className="expert-objection-buttons">
        <Button className="expert-objection-uphold" type="danger" onClick={() => send('upheld')}>
          {OUTCOME_TEXT.upheld.button}
        </Button>
        <Button className="expert-objection-dismiss" type="primary" onClick={() => send('dismissed')}>
          {OUTCOME_TEXT.dismissed.button}
        </Button>
      </View>
      {dialog}
    </View>
  )
}

function Case({ o, setO }: { o: CommitteeObjection; setO: (o: CommitteeObjection) => void }) {
  return (
    <View className="page expert expert-objection">
      <View className="expert-card">
        <Text className="expert-card-title">{`${o.entry.organizationName}《${o.entry.title}》`}</Text>
        <View className="expert-meta">
          <Text className="expert-badge expert-badge--state expert-objection-state">{OBJECTION_STATE_LABELS[o.state]}</Text>
          <Text>{o.entry.callTitle}</Text>
          <Text>{`${OBJECTOR_KIND_LABELS[o.objectorKind]}提出 · ${formatDateTime(o.filedAt)}`}</Text>
        </View>
        <Text className="expert-objection-note">异议人身份仅办公室掌握，评审专家不可见。</Text>
      </View>
      <View className="expert-card">
        <Text className="expert-card-title">异议理由</Text>
        <Text className="expert-objection-text expert-objection-grounds">{o.grounds}</Text>
        <FileLinks id={o.id} files={o.evidence} />
      </View>
      {o.findings ? (
        <View className="expert-card expert-objection-findings">
          <Text className="expert-card-title">办公室核查意见</Text>
          <Text className="expert-objection-text">{o.findings.text}</Text>
          <Text className="expert-objection-note">{`核实人：${o.findings.verifiedBy} · ${formatDateTime(o.findings.at)}`}</Text>
          <FileLinks id={o.id} files={o.findings.evidence} />
        </View>
      ) : null}
      {o.decision ? (
        <View className="expert-card expert-objection-decision">
          <Text className="expert-card-title">{`决定：${OBJECTION_STATE_LABELS[o.decision.outcome]}`}</Text>
          <Text className="expert-objection-text">{o.decision.reasons}</Text>
          <Text className="expert-objection-note">{`${o.decision.signedByName} 签署于 ${formatDateTime(o.decision.at)}`}</Text>
        </View>
      ) : null}
      {o.canDecide ? <Decide o={o} onDecided={setO} /> : null}
    </View>
  )
}

/** One objection put to the committee: the chair or a vice chair of its call decides, with reasons (第十八条). */
export default function ExpertObjection() {
  const { params } = useRouter()
  const loaded = useLoaded(fetchObjectionToDecide, validId(ObjectionIdParamsSchema, params.id))
  if (loaded.data) return <Case o={loaded.data} setO={loaded.replace} />
  return (
    <View className="page expert">
      <ExpertLoadStates
        loaded={loaded}
        rows={[3, 5]}
        strings={{ notFoundTitle: '异议不存在或尚未报委员会审议', notFoundDescription: '', errorTitle: '异议加载失败' }}
      />
    </View>
  )
}
