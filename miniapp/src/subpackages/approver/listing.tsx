import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { ApprovalCallParamsSchema, APPROVAL_NOTE_MAX, APPROVAL_REASON_MAX, formatDateTime, type Me } from '@zlbg/shared'
import { toApiError } from '../../api/errors'
import { useConfirm } from '../../components/ConfirmDialog'
import { FormField } from '../../components/FormField'
import { LoadStates } from '../../components/LoadStates'
import { useLoaded, validId } from '../../hooks/useLoaded'
import { Button } from '../../ui/nutui'
import { ApproverGate, isApprover } from './ApproverGate'
import { fetchApprovalSheet, signApproval, type ApprovalSheet } from './api'
import { APPROVER_STRINGS as S } from './strings'
import './approver.css'

type Entry = ApprovalSheet['entries'][number]
type Choice = { decision: 'approve' } | { decision: 'hold_back'; reason: string }

function EntryHead({ e }: { e: Entry }) {
  return (
    <>
      <Text className="approver-row-title">{`${e.organizationName}《${e.title}》`}</Text>
      <View className="approver-meta">
        {e.sector ? <Text>{e.sector}</Text> : null}
        {e.region ? <Text>{e.region}</Text> : null}
        <Text className="approver-badge approver-entry-outcome">{e.publicityStatusLabel}</Text>
      </View>
    </>
  )
}

/** An entry the approver decides on: 批准 or 不予批准 with its reason. */
function DecidableEntry({ e, choice, error, onChange }: { e: Entry; choice: Choice; error?: string; onChange: (c: Choice) => void }) {
  const held = choice.decision === 'hold_back'
  return (
    <View className={`approver-row approver-entry approver-entry--${choice.decision}`} data-application-id={e.applicationId}>
      <EntryHead e={e} />
      <View className="approver-choice">
        <Button className="approver-entry-approve" size="small" type={held ? 'default' : 'primary'} onClick={() => onChange({ decision: 'approve' })}>
          {S.approve}
        </Button>
        <Button
          className="approver-entry-hold"
          size="small"
          type={held ? 'danger' : 'default'}
          onClick={() => onChange({ decision: 'hold_back', reason: held ? choice.reason : '' })}
        >
          {S.holdBack}
        </Button>
      </View>
      {held ? (
        <FormField className="approver-entry-reason" label={S.reason} error={error}>
          <Textarea
            className="approver-textarea approver-entry-reason-input"
            value={choice.reason}
            maxlength={APPROVAL_REASON_MAX}
            autoHeight
            onInput={(ev) => onChange({ decision: 'hold_back', reason: ev.detail.value })}
          />
        </FormField>
      ) : null}
    </View>
  )
}

/** An entry as signed, or one outside the approval (withdrawn after an objection). */
function RecordedEntry({ e }: { e: Entry }) {
  return (
    <View className={`approver-row approver-entry approver-entry--${e.decision ?? 'none'}`} data-application-id={e.applicationId}>
      <EntryHead e={e} />
      <View className="approver-meta">
        <Text className={`approver-badge approver-entry-decision${e.decision === 'hold_back' ? ' approver-badge--held' : e.decision ? ' approver-badge--ok' : ''}`}>
          {e.decisionLabel ?? S.notDecidable}
        </Text>
      </View>
      {e.reason ? <Text className="approver-hint approver-entry-reason-text">{S.reasonLine(e.reason)}</Text> : null}
    </View>
  )
}

function Sheet({ me, sheet, onSigned }: { me: Me; sheet: ApprovalSheet; onSigned: (s: ApprovalSheet) => void }) {
  const decidable = sheet.entries.filter((e) => e.decidable)
  const [choices, setChoices] = useState<Record<string, Choice>>(() => Object.fromEntries(decidable.map((e) => [e.applicationId, { decision: 'approve' } as Choice])))
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState('')
  const [dialog, confirm] = useConfirm()
  const canSign = isApprover(me) && sheet.stage === 'awaiting' && decidable.length > 0
  const held = Object.values(choices).filter((c) => c.decision === 'hold_back').length

  const submit = () => {
    const missing = Object.fromEntries(
      Object.entries(choices).flatMap(([id, c]) => (c.decision === 'hold_back' && c.reason.trim().length < 2 ? [[id, S.reasonMissing]] : [])),
    )
    setErrors(missing)
    if (Object.keys(missing).length) return
    confirm({
      title: S.confirmTitle,
      content: S.confirmText(decidable.length - held, held),
      confirmText: S.confirm,
      onConfirm: async () => {
        setError('')
        try {
          const decisions = decidable.map((e) => ({ applicationId: e.applicationId, ...choices[e.applicationId]! }))
          onSigned(await signApproval(sheet.callId, { decisions, ...(note.trim() ? { note } : {}) }))
          void Taro.showToast({ title: S.signed, icon: 'none' })
        } catch (e) {
          const apiError = toApiError(e)
          setError(apiError.fields[0]?.message ?? apiError.message)
        }
      },
    })
  }

  return (
    <View className="page approver approver-sheet">
      {dialog}
      <View className="approver-card">
        <Text className="approver-card-title approver-sheet-call">{sheet.callTitle}</Text>
        <View className="approver-meta">
          <Text className={`approver-badge approver-sheet-stage${sheet.stage === 'awaiting' ? ' approver-badge--todo' : ''}`}>{sheet.stageLabel}</Text>
          <Text>{`${sheet.year} 年度`}</Text>
        </View>
        {sheet.publicity ? <Text className="approver-hint">{S.window(sheet.publicity.windowDisplay)}</Text> : null}
        {sheet.publicity?.closedAt ? <Text className="approver-hint">{S.closedAt(formatDateTime(sheet.publicity.closedAt))}</Text> : null}
      </View>

      <View className="approver-card approver-entries">
        <View className="approver-entries-head">
          <Text className="approver-card-title">{S.entriesTitle}</Text>
          {canSign ? (
            <Button className="approver-approve-all" size="small" fill="outline" onClick={() => setChoices(Object.fromEntries(decidable.map((e) => [e.applicationId, { decision: 'approve' } as Choice])))}>
              {S.approveAll}
            </Button>
          ) : null}
        </View>
        <Text className="approver-hint">{S.entriesHint}</Text>
        {sheet.entries.map((e) =>
          canSign && e.decidable ? (
            <DecidableEntry
              key={e.applicationId}
              e={e}
              choice={choices[e.applicationId]!}
              {...(errors[e.applicationId] ? { error: errors[e.applicationId] } : {})}
              onChange={(c) => {
                setChoices((all) => ({ ...all, [e.applicationId]: c }))
                setErrors(({ [e.applicationId]: _gone, ...rest }) => rest)
              }}
            />
          ) : (
            <RecordedEntry key={e.applicationId} e={e} />
          ),
        )}
      </View>

      {sheet.listing ? (
        <View className="approver-card approver-record">
          <Text className="approver-card-title">{S.approvalTitle}</Text>
          <Text className="approver-section-text approver-record-approval">{S.approvalRecord(sheet.listing.approval.name, formatDateTime(sheet.listing.approval.at))}</Text>
          <Text className="approver-hint">{S.decided(sheet.listing.approvedCount, sheet.listing.heldBackCount)}</Text>
          {sheet.listing.approval.note ? <Text className="approver-hint approver-record-note">{S.noteLine(sheet.listing.approval.note)}</Text> : null}
          {sheet.listing.publication ? (
            <>
              <Text className="approver-card-title approver-record-gap">{S.publicationTitle}</Text>
              <Text className="approver-section-text approver-record-publication">
                {S.publicationRecord(sheet.listing.publication.name, formatDateTime(sheet.listing.publication.at))}
              </Text>
            </>
          ) : null}
        </View>
      ) : null}

      {canSign ? (
        <View className="approver-card approver-signature">
          <Text className="approver-card-title">{S.signatureTitle}</Text>
          <Text className="approver-section-text approver-signer">{S.signer(me.displayName)}</Text>
          <Text className="approver-hint">{S.signTime}</Text>
          <FormField className="approver-note" label={S.note}>
            <Textarea className="approver-textarea approver-note-input" value={note} maxlength={APPROVAL_NOTE_MAX} autoHeight onInput={(ev) => setNote(ev.detail.value)} />
          </FormField>
          {error ? <Text className="approver-error approver-sign-error">{error}</Text> : null}
          <View className="approver-actions">
            <Button type="primary" className="approver-sign" onClick={submit}>
              {S.sign}
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}

function Loaded({ me, callId }: { me: Me; callId: string | undefined }) {
  const loaded = useLoaded(fetchApprovalSheet, callId)
  if (loaded.data) return <Sheet key={`${loaded.data.callId}:${loaded.data.stage ?? ''}`} me={me} sheet={loaded.data} onSigned={loaded.replace} />
  return (
    <LoadStates
      status={loaded.status}
      error={loaded.error}
      onRetry={() => void loaded.reload()}
      loading={{ className: 'approver approver-loading', rows: [3, 5] }}
      classes={{ notFound: 'approver-not-found', back: 'approver-back', error: 'approver-error-state', retry: 'approver-retry' }}
      strings={{ notFoundTitle: callId ? S.notFoundTitle : S.sheetMissing, notFoundDescription: '', errorTitle: S.sheetErrorTitle }}
    />
  )
}

/** One call's approval sheet (第十九条): the approver decides and signs; the office reads the record. */
export default function ApproverListing() {
  const { params } = useRouter()
  const callId = validId(ApprovalCallParamsSchema, params.callId)
  return <ApproverGate office>{(me) => <Loaded me={me} callId={callId} />}</ApproverGate>
}
