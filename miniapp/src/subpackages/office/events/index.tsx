import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { EVENT_STATES, EVENT_STATE_LABELS, formatDateTime, type EventState, type Me } from '@zlbg/shared'
import { PagedListBody, SkeletonList } from '../../../components/PagedListBody'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { usePagedQuery } from '../../../hooks/usePagedQuery'
import { openPage, PAGES } from '../../../navigation'
import { Button } from '../../../ui/nutui'
import { ChoiceRow, type Choice } from '../components/ChoiceRow'
import { OfficeHeader } from '../components/OfficeHeader'
import { StaffOnly } from '../components/StaffOnly'
import { fetchOfficeEventPage, type OfficeEventRow } from './api'
import { OFFICE_EVENT_STRINGS } from './strings'
import '../components/office.css'
import './events.css'

const S = OFFICE_EVENT_STRINGS.list
const STATE_CHOICES: Choice<EventState | ''>[] = [{ value: '', label: S.all }, ...EVENT_STATES.map((s) => ({ value: s, label: EVENT_STATE_LABELS[s] }))]

function Events() {
  const [state, setState] = useState<EventState | ''>('')
  const list = usePagedQuery<OfficeEventRow>((page) => fetchOfficeEventPage(state, page), state)
  useDidShow(() => void list.refresh())
  return (
    <View className="office-events">
      <OfficeHeader
        title={S.title}
        actions={
          <Button className="office-events-create" size="small" type="primary" onClick={() => openPage(PAGES.officeEventEdit)}>
            {S.create}
          </Button>
        }
      >
        <Text className="office-total">{S.intro}</Text>
      </OfficeHeader>
      <ChoiceRow prefix="office-events-state" label={S.state} choices={STATE_CHOICES} value={state} onChange={setState} />
      <PagedListBody
        list={list}
        prefix="office-events"
        className="office-events-list"
        strings={S}
        loading={<SkeletonList className="office-events-loading" itemClassName="office-event-row" rows={2} />}
        footer={{ className: 'office-events-footer' }}
      >
        {(e) => (
          <View key={e.id} className="office-event-row" data-id={e.id} onClick={() => openPage(`${PAGES.officeEventEdit}?id=${e.id}`)}>
            <View className="office-event-head">
              <Text className="office-event-title">{e.title}</Text>
              <Text className={`office-event-state office-event-state--${e.state}`}>{EVENT_STATE_LABELS[e.state]}</Text>
            </View>
            <Text className="office-event-meta">{`${formatDateTime(e.startsAt)} · ${S.seats(e.seatsLeft, e.capacity)}`}</Text>
            <Text className="office-event-meta office-event-counts">{S.counts(e.counts)}</Text>
          </View>
        )}
      </PagedListBody>
    </View>
  )
}

/** 交流活动 (第二十条): the office's events in every state, newest first; each opens its form, steps and registrations. */
export default function OfficeEvents() {
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="events">
            <Events />
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
