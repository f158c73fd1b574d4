import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { VerificationDecisionSchema, fieldErrors, formatDateTime, type CreditCodeClaimView, type VerificationState } from '@zlbg/shared'
import type { Me } from '@zlbg/shared'
import { toApiError } from '../../../api/errors'
import { downloadOrganizationAttachment } from '../../../api/profiles'
import {
  decideVerification,
  fetchCreditCodeGroup,
  fetchVerificationPage,
  type CreditCodeGroup,
  type VerificationDecision,
  type VerificationFilter,
} from '../../../api/verifications'
import type { ConfirmOptions } from '../../../components/ConfirmDialog'
import { STRINGS } from '../../../strings'
import { THEME } from '../../../theme'
import { Button, Tag } from '../../../ui/nutui'
import type { Choice } from '../components/ChoiceRow'
import { ReasonField } from '../components/ReasonField'
import { StaffOnly } from '../components/StaffOnly'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { StatusListWorkbench } from '../components/StatusListWorkbench'
import '../components/office.css'
import './verifications.css'
import { OFFICE_STRINGS } from '../strings'

const S = OFFICE_STRINGS.verifications

const SCOPE_CHOICES: Choice<VerificationFilter['state']>[] = [
  { value: 'pending', label: S.pending },
  { value: 'all', label: S.all },
]

const STATE_COLORS: Record<VerificationState, string> = {
  unverified: THEME.textTertiary,
  pending: THEME.warning,
  verified: THEME.success,
  rejected: THEME.danger,
}

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2000 })

/** One organization's claim: who it is, its licence, and the office's two buttons. */
function ClaimCard({
  claim,
  rivals,
  confirm,
  onDecided,
}: {
  claim: CreditCodeClaimView
  rivals: number
  confirm: (options: ConfirmOptions) => void
  onDecided: () => Promise<void>
}) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | undefined>()
  const [error, setError] = useState<string | null>(null)
  const state = claim.verification.state
  const licence = claim.businessLicenceScan

  const send = async (decision: VerificationDecision, done: string) => {
    setError(null)
    try {
      await decideVerification(claim.organizationId, decision)
      setRejecting(false)
      setReason('')
      toast(done)
      await onDecided()
    } catch (e) {
      // 409: decided by someone else meanwhile, or the profile changed; the server says which.
      setError(toApiError(e).message)
    }
  }

  const verify = () =>
    confirm({
      title: S.verifyTitle,
      content: S.verifyContent(claim.name, rivals),
      confirmText: S.verify,
      onConfirm: () => send({ decision: 'verify' }, S.verified),
    })

  const reject = () => {
    const parsed = VerificationDecisionSchema.safeParse({ decision: 'reject', reason })
    if (!parsed.success) {
      setReasonError(fieldErrors(parsed.error)[0]?.message)
      return
    }
    confirm({ title: S.rejectTitle, content: S.rejectContent(claim.name), confirmText: S.reject, danger: true, onConfirm: () => send(parsed.data, S.rejected) })
  }

  return (
    <View className={`verification-claim verification-claim--${state}`}>
      <View className="office-row-head">
        <Text className="verification-claim-name" userSelect>
          {claim.name}
        </Text>
        <Tag className="zlbg-tag verification-claim-status" plain background={STATE_COLORS[state]}>
          {S.states[state]}
        </Tag>
      </View>
      <Text className="verification-claim-meta">
        {`${S.memberCount(claim.memberCount)} · ${S.createdAt(formatDateTime(claim.createdAt))}`}
        {claim.nameReview === 'pending' ? ` · ${S.nameNeedsReview}` : ''}
      </Text>
      {licence ? (
        <Text
          className="verification-claim-licence"
          onClick={() => void downloadOrganizationAttachment(claim.organizationId, licence.attachmentId, licence.filename).catch(() => undefined)}
        >
          {`${S.licence}：${licence.filename}`}
        </Text>
      ) : (
        <Text className="verification-claim-no-licence">{S.noLicence}</Text>
      )}
      {state === 'rejected' && claim.verification.reason ? (
        <Text className="verification-claim-reason">{`${S.reason}：${claim.verification.reason}`}</Text>
      ) : null}
      {state !== 'verified' ? (
        <View className="verification-claim-actions">
          {licence ? (
            <Button className="verification-claim-verify" size="small" type="primary" onClick={verify}>
              {S.verify}
            </Button>
          ) : null}
          {state !== 'rejected' ? (
            <Button className="verification-claim-reject" size="small" fill="outline" onClick={() => setRejecting((open) => !open)}>
              {S.reject}
            </Button>
          ) : null}
        </View>
      ) : null}
      {rejecting ? (
        <View className="verification-claim-reject-form">
          <ReasonField
            className="verification-claim-reason-field"
            inputClassName="verification-claim-reason-input"
            label={S.rejectReasonLabel}
            placeholder={S.rejectReasonPlaceholder}
            maxLength={200}
            value={reason}
            error={reasonError}
            onChange={setReason}
            onClearError={() => setReasonError(undefined)}
          />
          <View className="verification-claim-actions">
            <Button className="verification-claim-reject-submit" size="small" type="danger" onClick={reject}>
              {S.rejectSubmit}
            </Button>
          </View>
        </View>
      ) : null}
      {error ? <Text className="verification-claim-error">{error}</Text> : null}
    </View>
  )
}

/** All claims of one credit code, side by side (stacked on a phone). */
function CreditCodeCard({ group, onChange, confirm }: { group: CreditCodeGroup; onChange: (group: CreditCodeGroup) => void; confirm: (options: ConfirmOptions) => void }) {
  const holder = group.claims.find((c) => c.organizationId === group.verifiedOrganizationId)
  const refresh = async () => {
    const fresh = await fetchCreditCodeGroup(group.creditCode)
    if (fresh) onChange(fresh)
  }
  return (
    <View className="office-row verification-group">
      <Text className="verification-group-code" userSelect>
        {S.creditCode(group.creditCode)}
      </Text>
      <Text className="verification-group-summary">{holder ? S.verifiedHolder(holder.name) : S.claims(group.claims.length)}</Text>
      <View className="verification-group-claims">
        {group.claims.map((claim) => (
          <ClaimCard
            key={claim.organizationId}
            claim={claim}
            rivals={group.claims.filter((c) => c.organizationId !== claim.organizationId && c.verification.state !== 'rejected').length}
            confirm={confirm}
            onDecided={refresh}
          />
        ))}
      </View>
    </View>
  )
}

function VerificationWorkbench() {
  return (
    <StatusListWorkbench<VerificationFilter['state'], VerificationFilter, CreditCodeGroup>
      prefix="verifications"
      title={STRINGS.titles.verifications}
      total={(list) => <Text className="office-total verifications-total">{list.status === 'ready' ? STRINGS.common.total(list.total) : ' '}</Text>}
      filterPrefix="verifications-filter"
      filterLabel={S.filterLabel}
      choices={SCOPE_CHOICES}
      initial="pending"
      toFilter={(state) => ({ state })}
      fetchPage={fetchVerificationPage}
      strings={S}
    >
      {(group, onChange, confirm) => <CreditCodeCard key={group.id} group={group} onChange={onChange} confirm={confirm} />}
    </StatusListWorkbench>
  )
}

/** 组织核验 (office, 第八条(一)): verify each organization's credit code against its business licence. */
export default function VerificationsPage() {
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="verifications">
            <VerificationWorkbench />
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
