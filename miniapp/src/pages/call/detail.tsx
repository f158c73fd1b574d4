import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { MILESTONE_LABELS, formatDateTime, type Contact } from '@zlbg/shared'
import type { CallDetail } from '../../api/calls'
import { EmptyState } from '../../components/EmptyState'
import { FreeNotice } from '../../components/FreeNotice'
import { Section } from '../../components/Section'
import { ClosedTag, SectorTag, YearTag } from '../../components/Tags'
import { applicationWindowText, isApplicationClosed, milestoneText } from '../../format'
import { useCall } from '../../hooks/useCall'
import { goBackOrHome } from '../../navigation'
import { STRINGS } from '../../strings'
import { Cell, CellGroup, Skeleton } from '../../ui/nutui'
import './detail.css'

const S = STRINGS.callDetail

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

      <Section title={S.contact} className="call-detail-contact-section">
        <ContactCells contact={call.contact} />
      </Section>

      <Text className="call-detail-updated">{S.updatedAt(formatDateTime(call.updatedAt))}</Text>
    </View>
  )
}

/** 征集通知详情: pages/call/detail?id=… */
export default function CallDetailPage() {
  const { params } = useRouter()
  const { status, call, error, reload } = useCall(params.id)

  if (status === 'loading') {
    return (
      <View className="page call-detail-loading">
        <View className="call-detail-skeleton">
          <Skeleton rows={2} size="small" animated />
        </View>
        <View className="call-detail-skeleton">
          <Skeleton rows={5} size="small" animated />
        </View>
      </View>
    )
  }
  if (status === 'notFound') {
    return (
      <View className="page">
        <EmptyState
          kind="notFound"
          className="call-detail-not-found"
          title={S.notFoundTitle}
          description={S.notFoundDescription}
          action={{ text: STRINGS.common.back, className: 'call-detail-back', onClick: goBackOrHome }}
        />
      </View>
    )
  }
  if (status === 'error' || !call) {
    return (
      <View className="page">
        <EmptyState
          kind="error"
          className="call-detail-error"
          title={S.errorTitle}
          description={error?.message ?? STRINGS.network.failed}
          action={{ text: STRINGS.common.retry, className: 'call-detail-retry', onClick: () => void reload() }}
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
