import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { MILESTONE_LABELS, formatDateTime, type Contact } from '@zlbg/shared'
import { createApplication, type CallDetail } from '../../api/calls'
import { toApiError } from '../../api/errors'
import { downloadCallTemplate, fileSizeText } from '../../api/download'
import { FormError } from '../../components/FormField'
import { FreeNotice } from '../../components/FreeNotice'
import { LoadStates } from '../../components/LoadStates'
import { Section } from '../../components/Section'
import { ClosedTag, SectorTag, YearTag } from '../../components/Tags'
import { applicationWindowText, isApplicationClosed, milestoneText } from '../../format'
import { SignInPrompt } from '../../components/SignInPrompt'
import { useCall } from '../../hooks/useCall'
import { useMe } from '../../hooks/useMe'
import { openPage, PAGES } from '../../navigation'
import { STRINGS } from '../../strings'
import { Button, Cell, CellGroup, Skeleton } from '../../ui/nutui'
import './detail.css'

const S = STRINGS.callDetail
const A = STRINGS.applicant

/**
 * 我要申报 (第十四条): a signed-in member picks one of their organizations and starts a draft, then
 * fills it in on the form. The server decides whether the call takes applications now and how many.
 */
function ApplySection({ call, closed }: { call: CallDetail; closed: boolean }) {
  const { status, me, endedMessage } = useMe()
  const [picked, setPicked] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const [error, setError] = useState<{ code: string; message: string } | null>(null)
  const notOpen = Date.parse(call.applicationWindow.opensAt) > Date.now()

  let body
  if (closed || notOpen || call.state !== 'published') {
    body = <Text className="call-detail-apply-closed">{notOpen ? A.applyNotOpen : A.applyClosed}</Text>
  } else if (status === 'signedOut') {
    body = <SignInPrompt reason={endedMessage} />
  } else if (!me) {
    body = <Skeleton rows={1} size="small" animated />
  } else if (me.organizations.length === 0) {
    body = (
      <View className="call-detail-apply-no-org">
        <Text className="call-detail-hint">{A.applyNeedsOrganization}</Text>
        <Button className="call-detail-apply-go-me" size="small" type="primary" fill="outline" onClick={() => void Taro.switchTab({ url: PAGES.me })}>
          {A.goToMe}
        </Button>
      </View>
    )
  } else {
    const organizations = me.organizations
    const chosen = organizations.length === 1 ? organizations[0]!.id : picked
    const apply = async () => {
      if (!chosen || creating) return
      setCreating(true)
      setError(null)
      try {
        const application = await createApplication(call.id, chosen)
        openPage(`${PAGES.orgApplicationEdit}?id=${encodeURIComponent(application.id)}`)
      } catch (e) {
        const apiError = toApiError(e)
        setError({ code: apiError.code, message: apiError.message })
      } finally {
        setCreating(false)
      }
    }
    body = (
      <View className="call-detail-apply-form">
        {organizations.length > 1 ? (
          <View className="call-detail-apply-orgs">
            <Text className="call-detail-hint">{A.applyHint}</Text>
            {organizations.map((organization) => (
              <View
                key={organization.id}
                className={`call-detail-apply-org${organization.id === chosen ? ' call-detail-apply-org--on' : ''}`}
                onClick={() => setPicked(organization.id)}
              >
                <Text className="call-detail-apply-org-name">{organization.name}</Text>
              </View>
            ))}
          </View>
        ) : (
          <Text className="call-detail-hint call-detail-apply-as">{organizations[0]!.name}</Text>
        )}
        <Text className="call-detail-hint">{A.maxApplications(call.maxApplicationsPerOrganization)}</Text>
        <FormError className="call-detail-apply-error" message={error?.message ?? null} />
        {error?.code === 'APPLICATION_LIMIT_REACHED' ? (
          <Button className="call-detail-apply-mine" size="small" fill="outline" onClick={() => openPage(PAGES.orgApplications)}>
            {A.orgApplications}
          </Button>
        ) : null}
        <Button
          className="call-detail-apply"
          type="primary"
          block
          loading={creating}
          disabled={creating || !chosen}
          onClick={() => void apply()}
        >
          {creating ? A.applying : A.apply}
        </Button>
      </View>
    )
  }
  return (
    <Section title={A.apply} article="第十四条" className="call-detail-apply-section">
      {body}
    </Section>
  )
}

function ContactCells({ contact }: { contact: Contact }) {
  const { phone } = contact
  return (
    <CellGroup className="call-detail-contact">
      <Cell title={S.department} extra={contact.department} />
      {contact.person ? <Cell title={S.person} extra={contact.person} /> : null}
      {phone ? (
        <Cell
          className="call-detail-phone"
          title={S.phone}
          extra={phone}
          clickable
          onClick={() => void Taro.makePhoneCall({ phoneNumber: phone })}
        />
      ) : null}
      {contact.email ? <Cell title={S.email} extra={contact.email} /> : null}
      {contact.address ? <Cell title={S.address} extra={contact.address} /> : null}
    </CellGroup>
  )
}

function CallDetailView({ call }: { call: CallDetail }) {
  const closed = call.state === 'closed' || isApplicationClosed(call.applicationWindow)
  const schedule = [...call.schedule].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
  return (
    <View className="call-detail">
      <View className="call-detail-header">
        <Text className="call-detail-title">{call.title}</Text>
        <View className="call-detail-tags">
          <YearTag className="call-detail-year" year={call.year} />
          {closed ? <ClosedTag className="call-detail-closed" /> : null}
        </View>
        <View className="call-detail-window">
          <Text className="call-detail-window-label">{S.applicationWindow}</Text>
          <Text className="call-detail-window-value">{applicationWindowText(call.applicationWindow)}</Text>
        </View>
      </View>

      <FreeNotice />

      <Section title={S.body} className="call-detail-body-section">
        <Text className="call-detail-body" userSelect>
          {call.body}
        </Text>
      </Section>

      <Section title={S.keyFields} article={S.keyFieldsArticle} className="call-detail-key-fields">
        {call.keyFields.map((field, index) => (
          <View key={`${index}-${field.title}`} className="call-detail-key-field">
            <Text className="key-field-index">{index + 1}</Text>
            <View className="key-field-text">
              <Text className="key-field-title">{field.title}</Text>
              {field.description ? <Text className="key-field-description">{field.description}</Text> : null}
            </View>
          </View>
        ))}
      </Section>

      <Section title={S.sectors} article={S.sectorsArticle} className="call-detail-sectors">
        <Text className="call-detail-hint">{S.sectorsHint}</Text>
        <View className="call-detail-sector-tags">
          {call.sectors.map((sector) => (
            <SectorTag key={sector} className="call-detail-sector" sector={sector} />
          ))}
        </View>
      </Section>

      <Section title={S.schedule} article={S.scheduleArticle} className="call-detail-schedule">
        {schedule.map((milestone, index) => (
          <View key={`${milestone.kind}-${index}`} className="call-detail-milestone">
            <View className="milestone-dot" />
            <View className="milestone-text">
              <Text className="milestone-label">{MILESTONE_LABELS[milestone.kind]}</Text>
              <Text className="milestone-dates">{milestoneText(milestone)}</Text>
              {milestone.note ? <Text className="milestone-note">{milestone.note}</Text> : null}
            </View>
          </View>
        ))}
      </Section>

      {call.qualityMethods.length ? (
        <Section title={A.methods} className="call-detail-methods">
          <View className="call-detail-method-list">
            {call.qualityMethods.map((method) => (
              <Text key={method} className="call-detail-method">
                {method}
              </Text>
            ))}
          </View>
        </Section>
      ) : null}

      {call.templates.length ? (
        <Section title={A.templates} className="call-detail-templates">
          <Text className="call-detail-hint">{A.templatesHint}</Text>
          {call.templates.map((template) => (
            <View
              key={template.attachmentId}
              className="call-detail-template"
              onClick={() => void downloadCallTemplate(call.id, template.attachmentId, template.filename).catch(() => undefined)}
            >
              <Text className="call-detail-template-title">{`${template.title} ›`}</Text>
              <Text className="call-detail-template-file">{`${template.filename} · ${fileSizeText(template.size)}`}</Text>
            </View>
          ))}
        </Section>
      ) : null}

      {call.corrections.length ? (
        <Section title={A.corrections} article={A.correctionsArticle} className="call-detail-corrections">
          {call.corrections.map((correction, index) => (
            <View key={`${correction.at}-${index}`} className="call-detail-correction">
              <Text className="call-detail-correction-at">{A.correctedAt(formatDateTime(correction.at))}</Text>
              <Text className="call-detail-correction-summary">{correction.summary}</Text>
            </View>
          ))}
        </Section>
      ) : null}

      <Section title={S.contact} className="call-detail-contact-section">
        <ContactCells contact={call.contact} />
      </Section>

      <ApplySection call={call} closed={closed} />

      <Text className="call-detail-updated">{S.updatedAt(formatDateTime(call.updatedAt))}</Text>
    </View>
  )
}

/** 征集通知详情: pages/call/detail?id=… */
export default function CallDetailPage() {
  const { params } = useRouter()
  const { status, data: call, error, reload } = useCall(params.id)
  if (status !== 'ready' || !call) {
    return (
      <View className="page">
        <LoadStates
          status={status}
          error={error}
          onRetry={reload}
          loading={{ className: 'call-detail-loading', rows: [2, 5], boxClassName: 'call-detail-skeleton' }}
          classes={{ notFound: 'call-detail-not-found', back: 'call-detail-back', error: 'call-detail-error', retry: 'call-detail-retry' }}
          strings={S}
        />
      </View>
    )
  }
  return (
    <View className="page">
      <CallDetailView call={call} />
    </View>
  )
}
