import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  ELIGIBILITY_RULES,
  ELIGIBILITY_RULE_LABELS,
  QualificationDecisionSchema,
  SECTOR_LABELS,
  SUPPLEMENT_SECTION_LABELS,
  fieldErrors,
  formatDateTime,
  type AttachedFile,
  type EligibilityRule,
  type FieldError,
  type Me,
} from '@zlbg/shared'
import {
  decideQualification,
  downloadApplicationAttachment,
  downloadOrganizationAttachment,
  fetchOfficeApplication,
  startQualification,
  type OfficeApplicationDetail,
  type QualificationDecisionBody,
} from '../../../api/officeApplications'
import { toApiError } from '../../../api/errors'
import { useConfirm } from '../../../components/ConfirmDialog'
import { FormError } from '../../../components/FormField'
import { LoadStates } from '../../../components/LoadStates'
import { Section } from '../../../components/Section'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { dayLabel } from '../../../format'
import { useDesktop } from '../../../hooks/useDesktop'
import { PAGES } from '../../../navigation'
import { useOfficeApplication } from '../../../hooks/useOfficeApplication'
import { THEME } from '../../../theme'
import { Button, Tag } from '../../../ui/nutui'
import { StaffOnly } from '../components/StaffOnly'
import { SimilarityReportLink } from '../similarity/SimilarityBadge'
import { ApplicationContent } from './ApplicationContent'
import { markApplicationsStale } from './changes'
import { ConditionCard, type SavedFinding } from './ConditionCard'
import { bodyPath, checkFindings, initialFindings, ruleOfPath, type DecisionKind, type FindingErrors, type FindingsForm } from './findings'
import { officeStateLabel } from './labels'
import { useListConfirm } from './ListConfirmDialog'
import { OfficeStateTag } from './OfficeStateTag'
import { ProfileSnapshot } from './ProfileSnapshot'
import { ReviewLog } from './ReviewLog'
import { APPLICATIONS_STRINGS } from './strings'
import { SupplementForm, type SupplementErrors, type SupplementValues } from './SupplementForm'
import '../components/office.css'
import './applications.css'

const S = APPLICATIONS_STRINGS.review

const DECISIONS: readonly DecisionKind[] = ['qualify', 'disqualify', 'requestSupplement']
const EMPTY_SUPPLEMENT: SupplementValues = { sections: [], message: '', deadline: '' }

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none', duration: 2000 })
}

/** The latest saved finding per rule, for reading when the page cannot be edited. */
function savedFindings(application: OfficeApplicationDetail): Partial<Record<EligibilityRule, SavedFinding>> {
  const out: Partial<Record<EligibilityRule, SavedFinding>> = {}
  for (const f of application.findings ?? []) out[f.rule] = f
  return out
}

function conditionLine(rule: EligibilityRule): string {
  const label = ELIGIBILITY_RULE_LABELS[rule]
  return `${label.article} ${label.label}`
}

function Summary({ application }: { application: OfficeApplicationDetail }) {
  const sector = application.profileSnapshot?.sector
  return (
    <View className="office-card review-summary">
      <View className="office-row-head">
        <Text className="review-org" userSelect>
          {application.organizationName}
        </Text>
        <OfficeStateTag className="review-state" state={application.state} />
      </View>
      <Text className="review-title">{application.content.title || APPLICATIONS_STRINGS.list.untitled}</Text>
      {sector ? (
        <View className="office-row-tags">
          <Tag className="zlbg-tag review-sector" plain background={THEME.primary}>
            {SECTOR_LABELS[sector]}
          </Tag>
        </View>
      ) : null}
      <View className="review-summary-lines">
        <Text className="review-summary-line review-receipt">{`${S.receipt}：${application.receiptNumber ?? '—'}`}</Text>
        <Text className="review-summary-line review-call">{`${S.call}：${application.callTitle}`}</Text>
        <SimilarityReportLink applicationId={application.id} />
        {application.submittedAt ? (
          <Text className="review-summary-line review-submitted">{`${S.submittedAt}：${formatDateTime(application.submittedAt)}`}</Text>
        ) : null}
      </View>
      {application.supplement ? (
        <View className="review-notice review-supplement">
          <Text className="review-notice-title">{S.supplementTitle}</Text>
          <Text className="review-notice-line">
            {`${S.supplementSections}：${application.supplement.sections.map((s) => SUPPLEMENT_SECTION_LABELS[s]).join('、')}`}
          </Text>
          <Text className="review-notice-line">{`${S.supplementMessage}：${application.supplement.message}`}</Text>
          <Text className="review-notice-line review-supplement-deadline-text">
            {`${S.supplementDeadline}：${formatDateTime(application.supplement.deadline)}`}
          </Text>
          <Text className="review-notice-line">{`${S.supplementRequestedAt}：${formatDateTime(application.supplement.requestedAt)}`}</Text>
        </View>
      ) : null}
      {application.ineligibleReasons?.length ? (
        <View className="review-notice review-notice--danger review-ineligible">
          <Text className="review-notice-title">{S.ineligibleTitle}</Text>
          {application.ineligibleReasons.map((r, i) => (
            <Text key={`${r.condition}-${i}`} className="review-notice-line review-ineligible-reason">{`${r.condition}：${r.reason}`}</Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}

function ReviewWorkbench({
  application,
  replace,
}: {
  application: OfficeApplicationDetail
  replace: (application: OfficeApplicationDetail) => void
}) {
  const desktop = useDesktop()
  const [form, setForm] = useState<FindingsForm>(() => initialFindings(application.precheck, application.findings))
  const [errors, setErrors] = useState<FindingErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [supplementOpen, setSupplementOpen] = useState(false)
  const [supplement, setSupplement] = useState<SupplementValues>(EMPTY_SUPPLEMENT)
  const [supplementErrors, setSupplementErrors] = useState<SupplementErrors>({})
  const [supplementError, setSupplementError] = useState<string | null>(null)
  const [starting, setStarting] = useState(false)
  const [dialog, confirm] = useConfirm()
  const [listDialog, confirmList] = useListConfirm()

  // A new state (a decision, or another reviewer's) starts the form over from what the server holds.
  const version = `${application.id}:${application.state}:${application.updatedAt}`
  useEffect(() => {
    setForm(initialFindings(application.precheck, application.findings))
    setErrors({})
    setFormError(null)
    setSupplementOpen(false)
    setSupplement(EMPTY_SUPPLEMENT)
    setSupplementErrors({})
    setSupplementError(null)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version])

  const events = new Set(application.events)
  const canStart = events.has('startQualification')
  const editable = DECISIONS.some((d) => events.has(d))
  const saved = savedFindings(application)
  const org = application.organizationName

  const changeFinding = (rule: EligibilityRule, choice: FindingsForm[EligibilityRule]) => {
    setForm((current) => ({ ...current, [rule]: choice }))
    setErrors((current) => ({ ...current, [rule]: undefined }))
    setFormError(null)
  }

  /** 409: another reviewer was first. Say so, and show what they did. */
  const showConflict = async () => {
    try {
      const fresh = await fetchOfficeApplication(application.id)
      replace(fresh)
      setNotice(S.conflict(officeStateLabel(fresh.state)))
    } catch (e) {
      setNotice(toApiError(e).message)
    }
  }

  const done = (next: OfficeApplicationDetail, message: string) => {
    replace(next)
    setNotice(null)
    markApplicationsStale()
    toast(message)
  }

  /** Server field errors: findings.N.reason → that condition; supplement fields → the form. */
  const showFieldErrors = (fields: readonly FieldError[], findings: QualificationDecisionBody['findings']) => {
    const byRule: FindingErrors = {}
    const bySupplement: SupplementErrors = {}
    let rest: string | null = null
    for (const field of fields) {
      const path = bodyPath(field.path)
      const rule = ruleOfPath(path, findings)
      if (rule) byRule[rule] ??= field.message
      else if (path === 'sections' || path.startsWith('sections.')) bySupplement.sections ??= field.message
      else if (path === 'message') bySupplement.message ??= field.message
      else if (path === 'deadline') bySupplement.deadline ??= field.message
      else rest ??= field.message
    }
    setErrors(byRule)
    setSupplementErrors(bySupplement)
    if (supplementOpen) setSupplementError(rest)
    else setFormError(rest)
  }

  const send = async (body: QualificationDecisionBody, message: string) => {
    try {
      done(await decideQualification(application.id, body), message)
    } catch (e) {
      const error = toApiError(e)
      if (error.code === 'STATE_CONFLICT') await showConflict()
      else if (error.fields.length) showFieldErrors(error.fields, body.findings)
      else if (supplementOpen) setSupplementError(error.message)
      else setFormError(error.message)
    }
  }

  const start = () =>
    confirm({
      title: S.startTitle,
      content: S.startContent(org),
      confirmText: S.start,
      onConfirm: async () => {
        setStarting(true)
        try {
          done(await startQualification(application.id), S.started)
        } catch (e) {
          const error = toApiError(e)
          if (error.code === 'STATE_CONFLICT') await showConflict()
          else setFormError(error.message)
        } finally {
          setStarting(false)
        }
      },
    })

  /** Checks the findings for a decision; false (with the errors shown) when they are not ready. */
  const findingsFor = (decision: DecisionKind) => {
    const check = checkFindings(form, application.precheck, decision)
    setErrors(check.errors)
    if (decision === 'requestSupplement') setSupplementError(check.formError)
    else setFormError(check.formError)
    return check.formError ? null : check
  }

  /** The contract's own check, as the server will run it: the last word before confirming. */
  const parse = (body: unknown): QualificationDecisionBody | null => {
    const parsed = QualificationDecisionSchema.safeParse(body)
    if (parsed.success) return parsed.data
    showFieldErrors(fieldErrors(parsed.error), (body as QualificationDecisionBody).findings)
    return null
  }

  const qualify = () => {
    const check = findingsFor('qualify')
    const body = check && parse({ decision: 'qualify', findings: check.findings })
    if (!body || !body.findings) return
    confirmList({
      title: S.qualifyTitle,
      intro: S.qualifyContent(org),
      items: body.findings.map((f) => ({ key: f.rule, text: `${conditionLine(f.rule)}：${S.findingPass}`, note: f.reason })),
      confirmText: S.qualify,
      onConfirm: () => send(body, S.qualified),
    })
  }

  const disqualify = () => {
    const check = findingsFor('disqualify')
    const body = check && parse({ decision: 'disqualify', findings: check.findings })
    if (!body || !body.findings) return
    confirmList({
      title: S.disqualifyTitle,
      intro: S.disqualifyContent(org),
      items: body.findings
        .filter((f) => f.outcome === 'fail')
        .map((f) => ({ key: f.rule, text: conditionLine(f.rule), note: f.reason })),
      confirmText: S.disqualify,
      danger: true,
      onConfirm: () => send(body, S.disqualified),
    })
  }

  const requestSupplement = () => {
    const check = findingsFor('requestSupplement')
    if (!check) return
    const body = parse({
      decision: 'requestSupplement',
      ...(check.findings ? { findings: check.findings } : {}),
      sections: supplement.sections,
      message: supplement.message,
      deadline: supplement.deadline || undefined,
    })
    // The schema's own word for a missing date is zod's; ours says what to do.
    if (!supplement.deadline) setSupplementErrors((current) => ({ ...current, deadline: S.deadlineRequired }))
    if (!body || body.decision !== 'requestSupplement') return
    confirmList({
      title: S.supplementTitleConfirm,
      intro: S.supplementContent(org, dayLabel(body.deadline)),
      items: body.sections.map((section) => ({ key: section, text: SUPPLEMENT_SECTION_LABELS[section] })),
      confirmText: S.supplementSubmit,
      onConfirm: () => send(body, S.supplemented),
    })
  }

  const downloadAttachment = (file: AttachedFile) => {
    downloadApplicationAttachment(application.id, file.attachmentId, file.filename).catch(() => undefined)
  }
  const downloadScan = (file: AttachedFile) => {
    downloadOrganizationAttachment(application.organizationId, file.attachmentId, file.filename).catch(() => undefined)
  }

  const precheckById = new Map((application.precheck?.results ?? []).map((r) => [r.rule, r]))

  const conditions = (
    <Section title={S.conditionsTitle} article={S.conditionsArticle} className="review-conditions">
      {application.precheck ? (
        <Text className="review-precheck-date">{S.reviewDate(dayLabel(application.precheck.reviewDate))}</Text>
      ) : (
        <Text className="review-precheck-date">{S.noPrecheck}</Text>
      )}
      {ELIGIBILITY_RULES.map((rule) => (
        <ConditionCard
          key={rule}
          rule={rule}
          result={precheckById.get(rule)}
          choice={form[rule]}
          saved={saved[rule]}
          editable={editable}
          error={errors[rule]}
          onChange={(choice) => changeFinding(rule, choice)}
        />
      ))}
    </Section>
  )
  const decision = (
    <View className="office-card review-decision">
      <Text className="review-decision-title">{S.decisionTitle}</Text>
      {/* Where the reviewer's eyes are when a decision is refused because another reviewer was first. */}
      {notice ? (
        <View className="review-conflict">
          <Text className="review-conflict-text">{notice}</Text>
        </View>
      ) : null}
      {canStart || editable ? null : <Text className="review-empty-note review-no-actions">{S.noActions}</Text>}
      {!supplementOpen ? <FormError className="review-decision-error" message={formError} /> : null}
      {!supplementOpen && (canStart || editable) ? (
        <View className="review-actions">
          {canStart ? (
            <Button className="review-start" type="primary" size="small" loading={starting} disabled={starting} onClick={start}>
              {S.start}
            </Button>
          ) : null}
          {events.has('qualify') ? (
            <Button className="review-qualify" type="primary" size="small" onClick={qualify}>
              {S.qualify}
            </Button>
          ) : null}
          {events.has('disqualify') ? (
            <Button className="review-disqualify" type="danger" size="small" fill="outline" onClick={disqualify}>
              {S.disqualify}
            </Button>
          ) : null}
          {events.has('requestSupplement') ? (
            <Button
              className="review-request-supplement"
              type="warning"
              size="small"
              fill="outline"
              onClick={() => {
                setSupplementOpen(true)
                setFormError(null)
              }}
            >
              {S.supplement}
            </Button>
          ) : null}
        </View>
      ) : null}
      {supplementOpen ? (
        <SupplementForm
          values={supplement}
          errors={supplementErrors}
          formError={supplementError}
          submitting={false}
          onChange={(next) => {
            setSupplement(next)
            setSupplementErrors({})
            setSupplementError(null)
          }}
          onSubmit={requestSupplement}
          onCancel={() => {
            setSupplementOpen(false)
            setSupplementError(null)
          }}
        />
      ) : null}
    </View>
  )
  const material = (
    <>
      <Section title={S.profileTitle} article={S.profileArticle} className="review-profile-section">
        <ProfileSnapshot
          name={application.organizationName}
          profile={application.profileSnapshot}
          scan={application.iso9001Scan}
          onDownloadScan={downloadScan}
        />
      </Section>

      <Section title={S.contentTitle} article={S.contentArticle} className="review-content-section">
        <ApplicationContent content={application.content} onDownload={downloadAttachment} />
      </Section>

      <Section title={S.logTitle} className="review-log-section">
        <ReviewLog log={application.log} />
      </Section>
    </>
  )

  // At desktop width the material reads on the left while the conditions and the decision stay in view.
  return desktop ? (
    <View className="review review--desktop">
      <View className="review-material">{material}</View>
      <View className="review-side">
        <Summary application={application} />
        {conditions}
        {decision}
      </View>
      {dialog}
      {listDialog}
    </View>
  ) : (
    <View className="review">
      <Summary application={application} />
      {conditions}
      {decision}
      {material}
      {dialog}
      {listDialog}
    </View>
  )
}

/** 资格审查 (office): applications/review?id=… */
export default function OfficeApplicationReviewPage() {
  const { params } = useRouter()
  return (
    <View className="page office">
      <StaffOnly>{(me) => <ReviewLoader me={me} id={params.id} />}</StaffOnly>
    </View>
  )
}

/** In the workbench's navigation the review belongs to its call's 申报审查, which links back to the queue. */
function ReviewLoader({ me, id }: { me: Me; id: string | undefined }) {
  const { status, data: application, error, reload, replace } = useOfficeApplication(id)
  const context = application
    ? {
        key: 'applications' as const,
        url: `${PAGES.officeApplications}?callId=${encodeURIComponent(application.callId)}`,
        detail: application.callTitle,
      }
    : undefined
  return (
    <WorkbenchShell me={me} area="applications" context={context} within>
      {status !== 'ready' || !application ? (
        <LoadStates
          status={status}
          error={error}
          onRetry={reload}
          loading={{ className: 'review-loading', rows: [3, 6], boxClassName: 'office-skeleton' }}
          classes={{ notFound: 'review-not-found', back: 'review-back', error: 'review-error', retry: 'review-retry' }}
          strings={S}
        />
      ) : (
        <ReviewWorkbench application={application} replace={replace} />
      )}
    </WorkbenchShell>
  )
}
