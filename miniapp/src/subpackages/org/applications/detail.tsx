import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { SUPPLEMENT_SECTION_LABELS, formatDateTime } from '@zlbg/shared'
import { deleteApplication, withdrawApplication, type Application } from '../../../api/applications'
import { useConfirm, type ConfirmOptions } from '../../../components/ConfirmDialog'
import { LoadStates } from '../../../components/LoadStates'
import { Section } from '../../../components/Section'
import { SignInPrompt } from '../../../components/SignInPrompt'
import { useApplication } from '../../../hooks/useApplication'
import { useMe } from '../../../hooks/useMe'
import { goBackOrHome, openPage, PAGES } from '../../../navigation'
import { Button } from '../../../ui/nutui'
import { StageTag } from '../StageTag'
import { DEFENSE_STAGES, DefenseSlotCard } from './DefenseSlotCard'
import { EXPLANATION_STAGES, ExplanationCard } from './ExplanationCard'
import { ORG_STRINGS } from '../strings'
import '../org.css'

const S = ORG_STRINGS.detail
const C = ORG_STRINGS.common

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none', duration: 2000 })
}

function Row({ label, value, className }: { label: string; value: string; className: string }) {
  return (
    <View className={`detail-row ${className}`}>
      <Text className="detail-row-label">{label}</Text>
      <Text className="detail-row-value" userSelect>
        {value}
      </Text>
    </View>
  )
}

function DetailView({
  application,
  onChange,
  confirm,
}: {
  application: Application
  onChange: (application: Application) => void
  confirm: (options: ConfirmOptions) => void
}) {
  const { actions, supplement } = application
  const editUrl = `${PAGES.orgApplicationEdit}?id=${encodeURIComponent(application.id)}`
  const profileUrl = `${PAGES.orgProfile}?organizationId=${encodeURIComponent(application.organizationId)}`
  const profileSections = (supplement?.sections ?? []).filter((s) => s.startsWith('profile.'))

  const withdraw = () =>
    confirm({
      title: S.withdrawTitle,
      content: S.withdrawContent,
      confirmText: S.withdraw,
      danger: true,
      onConfirm: async () => {
        onChange(await withdrawApplication(application.id))
        toast(S.withdrawn)
      },
    })

  const remove = () =>
    confirm({
      title: S.deleteTitle,
      content: S.deleteContent,
      confirmText: S.delete,
      danger: true,
      onConfirm: async () => {
        await deleteApplication(application.id)
        toast(S.deleted)
        goBackOrHome()
      },
    })

  return (
    <View className="application-detail">
      <View className="detail-head">
        <Text className="detail-title application-detail-title">{application.content.title || ORG_STRINGS.list.untitled}</Text>
        <View className="detail-stage-row">
          <StageTag className="application-detail-stage" state={application.state} label={application.stageLabel} />
        </View>
      </View>

      {supplement && application.state === 'supplement_requested' ? (
        <Section title={S.supplementTitle} article="第十五条" className="detail-supplement application-supplement">
          <Row className="application-supplement-sections" label={S.supplementSections} value={supplement.sections.map((s) => SUPPLEMENT_SECTION_LABELS[s]).join('、')} />
          {supplement.message ? <Text className="detail-text application-supplement-message">{supplement.message}</Text> : null}
          <Text className="detail-deadline application-supplement-deadline">{`${S.supplementDeadline} ${formatDateTime(supplement.deadline)}（北京时间）`}</Text>
          {profileSections.length ? (
            <View>
              <Text className="detail-text">{S.profileSection}</Text>
              <Button className="application-supplement-profile" size="small" fill="outline" onClick={() => openPage(profileUrl)}>
                {S.openProfile}
              </Button>
            </View>
          ) : null}
          {actions.includes('resubmit') || actions.includes('edit') ? (
            <View className="org-actions">
              <Button className="application-supplement-edit" type="primary" block onClick={() => openPage(editUrl)}>
                {S.supplementEdit}
              </Button>
            </View>
          ) : null}
        </Section>
      ) : null}

      {application.ineligibleReasons?.length ? (
        <Section title={S.ineligibleTitle} article="第八条" className="application-ineligible">
          {application.ineligibleReasons.map((r, i) => (
            <View key={i} className="detail-reason application-ineligible-reason">
              <Text className="detail-reason-condition">{r.condition}</Text>
              <Text className="detail-text">{r.reason}</Text>
            </View>
          ))}
        </Section>
      ) : null}

      {DEFENSE_STAGES.includes(application.state) ? <DefenseSlotCard applicationId={application.id} /> : null}
      {EXPLANATION_STAGES.includes(application.state) ? <ExplanationCard applicationId={application.id} /> : null}

      <Section title={S.stage} className="application-facts">
        {application.receiptNumber ? <Row className="application-detail-receipt" label={S.receipt} value={application.receiptNumber} /> : null}
        <Row className="application-detail-call" label={S.call} value={application.callTitle} />
        <Row className="application-detail-org" label={S.organization} value={application.organizationName} />
        {application.submittedAt ? <Row className="application-detail-submitted" label={S.submittedAt} value={formatDateTime(application.submittedAt)} /> : null}
        <Row className="application-detail-closes" label={S.closesAt} value={`${formatDateTime(application.closesAt)}（北京时间）`} />
      </Section>

      {application.history.length ? (
        <Section title={S.history} className="application-history">
          {application.history.map((event, i) => (
            <View key={`${event.state}-${i}`} className={`detail-event application-history-event application-history-event--${event.state}`}>
              <Text className="detail-event-label">{event.label}</Text>
              <Text className="detail-event-at">{formatDateTime(event.at)}</Text>
            </View>
          ))}
        </Section>
      ) : null}

      <View className="org-actions">
        {actions.includes('edit') && application.state === 'draft' ? (
          <Button className="application-detail-edit" type="primary" block onClick={() => openPage(editUrl)}>
            {S.edit}
          </Button>
        ) : null}
        {actions.includes('withdraw') ? (
          <Button className="application-withdraw" type="danger" fill="outline" block onClick={withdraw}>
            {S.withdraw}
          </Button>
        ) : null}
        {actions.includes('delete') ? (
          <Button className="application-delete" fill="none" block onClick={remove}>
            {S.delete}
          </Button>
        ) : null}
      </View>
    </View>
  )
}

function DetailBody({ id }: { id: string | undefined }) {
  const { status, data, error, reload, refresh, replace } = useApplication(id)
  const [dialog, confirm] = useConfirm()
  // Back from the form (a supplement sent): show the new stage.
  useDidShow(() => void refresh())
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh())
  })

  if (status !== 'ready' || !data) {
    return (
      <LoadStates
        status={status}
        error={error}
        onRetry={reload}
        loading={{ className: 'org-card application-loading', rows: [5] }}
        classes={{ notFound: 'application-not-found', back: 'application-back', error: 'application-error-state', retry: 'application-retry' }}
        strings={C}
      />
    )
  }
  return (
    <>
      <DetailView application={data} onChange={replace} confirm={confirm} />
      {dialog}
    </>
  )
}

/** 申报详情: subpackages/org/applications/detail?id=… — stage, receipt, dates, supplement request. */
export default function ApplicationDetailPage() {
  const { params } = useRouter()
  const { status, endedMessage } = useMe()
  return <View className="page org">{status === 'signedOut' ? <SignInPrompt reason={endedMessage} /> : <DetailBody id={params.id} />}</View>
}
