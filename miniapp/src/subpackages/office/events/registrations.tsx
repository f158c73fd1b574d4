import { useState } from 'react'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { EventIdParamsSchema, REGISTRATION_STATES, REGISTRATION_STATE_LABELS, formatDateTime, type Me, type RegistrationState } from '@zlbg/shared'
import { PagedListBody, SkeletonList } from '../../../components/PagedListBody'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { useLoaded, validId } from '../../../hooks/useLoaded'
import { usePagedQuery } from '../../../hooks/usePagedQuery'
import { openPage, PAGES } from '../../../navigation'
import { ChoiceRow, type Choice } from '../components/ChoiceRow'
import { OfficeHeader } from '../components/OfficeHeader'
import { StaffOnly } from '../components/StaffOnly'
import { fetchEventRegistrations, fetchOfficeEvent, type OfficeRegistration } from './api'
import { OFFICE_EVENT_STRINGS } from './strings'
import '../components/office.css'
import './events.css'

const S = OFFICE_EVENT_STRINGS.registrations
const STATE_CHOICES: Choice<RegistrationState | ''>[] = [{ value: '', label: S.all }, ...REGISTRATION_STATES.map((s) => ({ value: s, label: REGISTRATION_STATE_LABELS[s] }))]

function Row({ r }: { r: OfficeRegistration }) {
  return (
    <View className="office-event-row office-registration-row" data-state={r.state} data-name={r.attendee.name}>
      <View className="office-event-head">
        <Text className="office-event-title">{`${r.attendee.name} · ${r.attendee.title}`}</Text>
        <Text className={`office-event-state office-registration-state--${r.state}`}>
          {r.waitlistPosition ? `${REGISTRATION_STATE_LABELS[r.state]} · ${S.position(r.waitlistPosition)}` : REGISTRATION_STATE_LABELS[r.state]}
        </Text>
      </View>
      <Text className="office-event-meta">{`${r.organizationName ?? S.publicQuota} · ${r.attendee.phone}`}</Text>
      <Text className="office-event-meta">{S.by(r.registeredByName, formatDateTime(r.registeredAt))}</Text>
      {r.moderation === 'pending' ? <Text className="office-event-warn">{S.pending}</Text> : null}
    </View>
  )
}

function Registrations({ id }: { id: string }) {
  const event = useLoaded(fetchOfficeEvent, id)
  const [state, setState] = useState<RegistrationState | ''>('')
  const list = usePagedQuery<OfficeRegistration>((page) => fetchEventRegistrations(id, state, page), state)
  useDidShow(() => void list.refresh())
  return (
    <View className="office-events">
      <OfficeHeader title={event.data ? `${S.title} · ${event.data.title}` : S.title}>
        <Text className="office-event-link" onClick={() => openPage(`${PAGES.officeEventEdit}?id=${id}`)}>
          {S.back}
        </Text>
      </OfficeHeader>
      <ChoiceRow prefix="office-registrations-state" label={S.state} choices={STATE_CHOICES} value={state} onChange={setState} />
      <PagedListBody
        list={list}
        prefix="office-registrations"
        className="office-events-list"
        strings={S}
        loading={<SkeletonList className="office-events-loading" itemClassName="office-event-row" rows={2} />}
        footer={{ className: 'office-events-footer' }}
      >
        {(r) => <Row key={r.id} r={r} />}
      </PagedListBody>
    </View>
  )
}

/** 报名名单 (第二十条): an event's registrations by state, the waitlist in its order, who registered each attendee. */
export default function OfficeEventRegistrations() {
  const { params } = useRouter()
  const id = validId(EventIdParamsSchema, params.id)
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="events">
            {id ? <Registrations id={id} /> : null}
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
