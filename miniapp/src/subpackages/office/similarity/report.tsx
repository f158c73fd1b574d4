import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Switch, Text, View } from '@tarojs/components'
import {
  ApplicationIdParamsSchema,
  SIMILARITY_FLAG_STATE_LABELS,
  SimilarityConclusionSchema,
  SimilaritySettingsSchema,
  fieldErrors,
  formatDateTime,
  type SimilarityFlagEvent,
} from '@zlbg/shared'
import { toApiError } from '../../../api/errors'
import {
  concludeSimilarityFlag,
  fetchSimilarityReport,
  fetchSimilaritySettings,
  updateSimilaritySettings,
  type SimilarityFlagView,
  type SimilarityMatchView,
  type SimilarityReportView,
  type SimilaritySettingsView,
} from '../../../api/similarity'
import { useConfirm } from '../../../components/ConfirmDialog'
import { EmptyState } from '../../../components/EmptyState'
import { FormError, FormField } from '../../../components/FormField'
import { LoadStates } from '../../../components/LoadStates'
import { Section } from '../../../components/Section'
import { percent, SharedPassages } from '../../../components/similarity/SharedPassages'
import { useLoaded, validId } from '../../../hooks/useLoaded'
import { THEME } from '../../../theme'
import { Button, Input, Tag } from '../../../ui/nutui'
import { ReasonField } from '../components/ReasonField'
import { StaffOnly } from '../components/StaffOnly'
import { SIMILARITY_STRINGS as S } from './strings'
import '../components/office.css'
import './similarity.css'

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none', duration: 2000 })
}

function kindLabel(other: SimilarityMatchView['other']): string {
  if (other.kind === 'published') return S.kind.published(other.year)
  return other.sameCall ? S.kind.sameCall : S.kind.earlierCall(other.year)
}

/** The office's conclusion on a flag (explained / referred / disqualified, or reopened), with a reason. */
function FlagConclusion({ flag, onDone }: { flag: SimilarityFlagView; onDone: (flag: SimilarityFlagView) => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [formError, setFormError] = useState<string | null>(null)
  const [dialog, confirm] = useConfirm()

  const conclude = (event: SimilarityFlagEvent) => {
    const parsed = SimilarityConclusionSchema.safeParse({ conclusion: event, reason })
    if (!parsed.success) {
      setError(fieldErrors(parsed.error).find((f) => f.path === 'reason')?.message ?? S.reasonTooShort)
      return
    }
    confirm({
      title: S.actions[event],
      content: S.confirm[event],
      danger: event !== 'explain',
      onConfirm: async () => {
        try {
          onDone(await concludeSimilarityFlag(flag.id, parsed.data))
          setReason('')
          setFormError(null)
          toast(S.concluded)
        } catch (err) {
          const apiError = toApiError(err)
          setFormError(apiError.fields?.find((f) => f.path === 'body.reason')?.message ?? apiError.message)
        }
      },
    })
  }

  return (
    <View className="similarity-conclusion">
      <View className="similarity-conclusion-head">
        <Text className="similarity-conclusion-title">{S.conclusionTitle}</Text>
        <Tag
          className={`zlbg-tag similarity-flag-state similarity-flag-state--${flag.state}`}
          background={flag.state === 'open' ? THEME.danger : THEME.mutedBackground}
          color={flag.state === 'open' ? THEME.white : THEME.textTertiary}
        >
          {SIMILARITY_FLAG_STATE_LABELS[flag.state]}
        </Tag>
      </View>
      {flag.reason ? (
        <View className="similarity-conclusion-record">
          <Text className="similarity-conclusion-reason">{flag.reason}</Text>
          {flag.concludedBy && flag.concludedAt ? (
            <Text className="similarity-conclusion-by">{S.concludedBy(flag.concludedBy, formatDateTime(flag.concludedAt))}</Text>
          ) : null}
        </View>
      ) : null}
      {flag.events.length ? (
        <>
          <ReasonField
            className="similarity-reason"
            inputClassName="similarity-reason-input"
            label={S.reasonLabel}
            placeholder={S.reasonPlaceholder}
            maxLength={1000}
            value={reason}
            error={error}
            onChange={setReason}
            onClearError={() => setError(undefined)}
          />
          <FormError className="similarity-conclusion-error" message={formError} />
          <View className="similarity-actions">
            {(flag.events as SimilarityFlagEvent[]).map((event) => (
              <Button
                key={event}
                className={`similarity-action similarity-action--${event}`}
                size="small"
                type={event === 'explain' || event === 'reopen' ? 'primary' : 'danger'}
                fill={event === 'explain' ? 'solid' : 'outline'}
                onClick={() => conclude(event)}
              >
                {S.actions[event]}
              </Button>
            ))}
          </View>
        </>
      ) : null}
      {dialog}
    </View>
  )
}

function MatchCard({ match, onFlag }: { match: SimilarityMatchView; onFlag: (flag: SimilarityFlagView) => void }) {
  const { other } = match
  return (
    <View className={`office-card similarity-match${match.flag ? ' similarity-match--flagged' : ''}`}>
      <View className="office-row-head">
        <Text className="similarity-match-org" userSelect>
          {other.organizationName}
        </Text>
        <Text className="similarity-match-share">{percent(match.share)}</Text>
      </View>
      <Text className="similarity-match-title">{other.title}</Text>
      <View className="office-row-tags">
        <Tag className="zlbg-tag similarity-match-kind" plain background={THEME.primary}>
          {kindLabel(other)}
        </Tag>
        {other.receiptNumber ? (
          <Tag className="zlbg-tag similarity-match-receipt" background={THEME.mutedBackground} color={THEME.textTertiary}>
            {other.receiptNumber}
          </Tag>
        ) : null}
        {other.sameOrganization ? (
          <Tag className="zlbg-tag similarity-match-same-org" background={THEME.mutedBackground} color={THEME.textTertiary}>
            {S.sameOrganization}
          </Tag>
        ) : null}
      </View>
      <View className="similarity-bar">
        <View className="similarity-bar-fill" style={{ width: percent(Math.min(1, match.share)) }} />
      </View>
      <View className="similarity-match-lines">
        <Text className="similarity-match-line">{S.share(percent(match.share))}</Text>
        <Text className="similarity-match-line">{S.otherShare(percent(match.otherShare))}</Text>
        <Text className="similarity-match-line">{S.sharedChars(match.sharedChars)}</Text>
        {match.flag || other.sameOrganization ? null : <Text className="similarity-match-line similarity-not-flagged">{S.notFlagged}</Text>}
      </View>
      {match.flag ? <FlagConclusion flag={match.flag} onDone={onFlag} /> : null}
      <SharedPassages passages={match.passages} otherLabel={S.otherSide} />
    </View>
  )
}

/** The call's threshold and template text; a new threshold re-flags the call's applications at once. */
function SettingsPanel({ callId, onSaved }: { callId: string; onSaved: () => void }) {
  const [open, setOpen] = useState(false)
  const [values, setValues] = useState<SimilaritySettingsView | null>(null)
  const [threshold, setThreshold] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  const show = async () => {
    setOpen(true)
    if (values) return
    try {
      const loaded = await fetchSimilaritySettings(callId)
      setValues(loaded)
      setThreshold(String(loaded.thresholdPercent))
    } catch {
      setOpen(false)
    }
  }
  const save = async () => {
    if (!values) return
    const parsed = SimilaritySettingsSchema.safeParse({ ...values, thresholdPercent: Number(threshold) })
    if (!parsed.success) {
      setErrors(Object.fromEntries(fieldErrors(parsed.error).map((f) => [f.path, f.message])))
      return
    }
    setSaving(true)
    try {
      setValues(await updateSimilaritySettings(callId, parsed.data))
      setErrors({})
      setFormError(null)
      toast(S.saved)
      onSaved()
    } catch (err) {
      const apiError = toApiError(err)
      setFormError(apiError.message)
      setErrors(Object.fromEntries((apiError.fields ?? []).map((f) => [f.path.replace(/^body\./, ''), f.message])))
    } finally {
      setSaving(false)
    }
  }

  if (!open) {
    return (
      <Button className="similarity-settings-open" size="small" fill="outline" onClick={() => void show()}>
        {S.openSettings}
      </Button>
    )
  }
  return (
    <View className="office-card similarity-settings">
      <Text className="similarity-settings-title">{S.settingsTitle}</Text>
      <Text className="similarity-settings-hint">{S.settingsHint}</Text>
      {values ? (
        <>
          <FormField className="similarity-threshold" label={S.thresholdLabel} error={errors.thresholdPercent}>
            <Input className="similarity-threshold-input" type="number" value={threshold} onChange={(v) => setThreshold(v)} />
          </FormField>
          <View className="similarity-template">
            <ReasonField
              className="similarity-template-field"
              inputClassName="similarity-template-input"
              label={S.templateLabel}
              placeholder=""
              maxLength={20000}
              value={values.templateText}
              error={errors.templateText}
              onChange={(templateText) => setValues({ ...values, templateText })}
              onClearError={() => setErrors({ ...errors, templateText: '' })}
            />
          </View>
          <View className="similarity-hide-identity">
            <Switch
              className="similarity-hide-identity-switch"
              checked={values.hideIdentityFromExperts}
              color={THEME.primary}
              onChange={(e) => setValues({ ...values, hideIdentityFromExperts: e.detail.value })}
            />
            <Text className="similarity-hide-identity-label">{S.hideIdentityLabel}</Text>
          </View>
          <FormError className="similarity-settings-error" message={formError} />
          <View className="similarity-actions">
            <Button className="similarity-settings-save" type="primary" size="small" loading={saving} disabled={saving} onClick={() => void save()}>
              {S.save}
            </Button>
            <Button className="similarity-settings-close" size="small" fill="outline" onClick={() => setOpen(false)}>
              {S.closeSettings}
            </Button>
          </View>
        </>
      ) : null}
    </View>
  )
}

function Report({ report, reload, replace }: { report: SimilarityReportView; reload: () => Promise<void>; replace: (r: SimilarityReportView) => void }) {
  const onFlag = (otherId: string) => (flag: SimilarityFlagView) =>
    replace({ ...report, matches: report.matches.map((m) => (m.other.id === otherId ? { ...m, flag } : m)) })
  return (
    <View className="similarity">
      <View className="office-card similarity-summary">
        <Text className="similarity-org" userSelect>
          {report.organizationName}
        </Text>
        <Text className="similarity-title">{report.title}</Text>
        {report.receiptNumber ? <Text className="similarity-line similarity-receipt">{report.receiptNumber}</Text> : null}
        <Text className="similarity-intro">{S.intro}</Text>
        {report.status === 'pending' ? <Text className="similarity-line similarity-pending">{S.pending}</Text> : null}
        {report.status === 'none' ? <Text className="similarity-line similarity-none">{S.none}</Text> : null}
        {report.checkedAt ? <Text className="similarity-line similarity-checked">{S.checkedAt(formatDateTime(report.checkedAt))}</Text> : null}
        {report.status !== 'none' ? <Text className="similarity-line similarity-counted">{S.counted(report.countedChars)}</Text> : null}
        <Text className="similarity-line similarity-threshold-line">{S.threshold(report.thresholdPercent)}</Text>
        <View className="similarity-actions">
          <Button className="similarity-refresh" size="small" fill="outline" onClick={() => void reload()}>
            {S.refresh}
          </Button>
          <SettingsPanel callId={report.callId} onSaved={() => void reload()} />
        </View>
      </View>

      <Section title={S.matchesTitle} article={S.article} className="similarity-matches">
        {report.matches.length === 0 ? (
          <EmptyState kind="empty" className="similarity-empty" title={S.empty} description={S.emptyHint} />
        ) : (
          report.matches.map((m) => <MatchCard key={m.other.id} match={m} onFlag={onFlag(m.other.id)} />)
        )}
      </Section>
    </View>
  )
}

function ReportLoader({ id }: { id: string | undefined }) {
  const { status, data, error, reload, replace } = useLoaded(fetchSimilarityReport, validId(ApplicationIdParamsSchema, id), { toastErrors: true })
  if (status !== 'ready' || !data) {
    return (
      <LoadStates
        status={status}
        error={error}
        onRetry={reload}
        loading={{ className: 'similarity-loading', rows: [3, 6], boxClassName: 'office-skeleton' }}
        classes={{ notFound: 'similarity-not-found', back: 'similarity-back', error: 'similarity-error', retry: 'similarity-retry' }}
        strings={S}
      />
    )
  }
  return <Report report={data} reload={reload} replace={replace} />
}

/** 相似度报告 (office, 第二十一条): similarity/report?id=<application id> */
export default function SimilarityReportPage() {
  const { params } = useRouter()
  return (
    <View className="page office">
      <StaffOnly>{() => <ReportLoader id={params.id} />}</StaffOnly>
    </View>
  )
}
