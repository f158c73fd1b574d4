import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CALL_STATES, formatDateTime, type CallState } from '@zlbg/shared'
import { fetchOfficeCallPage, type OfficeCall, type OfficeCallFilter } from '../../../api/officeCalls'
import { YearTag } from '../../../components/Tags'
import { applicationWindowText } from '../../../format'
import { openPage, PAGES } from '../../../navigation'
import { STRINGS } from '../../../strings'
import { Button } from '../../../ui/nutui'
import { ChoiceRow, type Choice } from '../components/ChoiceRow'
import { OfficeHeader } from '../components/OfficeHeader'
import { OfficeListBody } from '../components/OfficeListBody'
import { StaffOnly } from '../components/StaffOnly'
import { useOfficeList, usePullDownReload } from '../components/useOfficeList'
import { CallStateTag } from './CallStateTag'
import { takeCallsStale } from './changes'
import { CALL_STRINGS } from './strings'
import '../components/office.css'
import './calls.css'

const S = CALL_STRINGS.list

type StateFilter = CallState | ''

const STATE_CHOICES: Choice<StateFilter>[] = [
  { value: '', label: STRINGS.common.all },
  ...CALL_STATES.map((state) => ({ value: state, label: CALL_STRINGS.states[state] })),
]

function editCall(id?: string) {
  openPage(id ? `${PAGES.officeCallEdit}?id=${encodeURIComponent(id)}` : PAGES.officeCallEdit)
}

function CallRow({ call }: { call: OfficeCall }) {
  const when =
    call.state === 'closed' && call.closedAt
      ? S.closedAt(formatDateTime(call.closedAt))
      : call.state !== 'draft' && call.publishedAt
        ? S.publishedAt(formatDateTime(call.publishedAt))
        : S.updatedAt(formatDateTime(call.updatedAt))
  return (
    <View className={`office-row office-call-row office-call-row--${call.state}`}>
      <View className="office-call-row-main" onClick={() => editCall(call.id)}>
        <Text className="office-call-row-title">{call.title}</Text>
        <View className="office-row-tags">
          <YearTag className="office-call-row-year" year={call.year} />
          <CallStateTag className="office-call-row-state" state={call.state} />
        </View>
        <View className="office-call-row-window">
          <Text className="office-call-row-window-label">{S.window}</Text>
          <Text className={`office-call-row-window-value${call.applicationWindow ? '' : ' office-call-row-window-value--none'}`}>
            {call.applicationWindow ? applicationWindowText(call.applicationWindow) : S.noWindow}
          </Text>
        </View>
        <View className="office-row-meta">
          {call.state !== 'draft' ? <Text className="office-call-row-count">{S.applications(call.applicationCount)}</Text> : null}
          {call.state === 'draft' && call.missing.length > 0 ? (
            <Text className="office-call-row-missing">{S.missing(call.missing.length)}</Text>
          ) : null}
          <Text className="office-call-row-when">{when}</Text>
        </View>
      </View>
      <View className="office-call-row-actions">
        <Button className="office-call-row-edit" size="small" type="primary" fill="outline" onClick={() => editCall(call.id)}>
          {call.state === 'closed' ? S.view : S.edit}
        </Button>
        {call.state !== 'draft' ? (
          <Button
            className="office-call-row-applications"
            size="small"
            type="primary"
            fill="outline"
            onClick={() => openPage(`${PAGES.officeApplications}?callId=${encodeURIComponent(call.id)}`)}
          >
            {S.applicationList}
          </Button>
        ) : null}
      </View>
    </View>
  )
}

function CallsWorkbench() {
  const [state, setState] = useState<StateFilter>('')
  const filter: OfficeCallFilter = state ? { state } : {}
  const [list] = useOfficeList(filter, fetchOfficeCallPage)
  usePullDownReload(list)
  useDidShow(() => {
    if (takeCallsStale()) void list.reload()
  })

  return (
    <View className="office-calls">
      <OfficeHeader
        title={CALL_STRINGS.titles.list}
        actions={
          <Button className="office-calls-create" type="primary" size="small" onClick={() => editCall()}>
            {S.create}
          </Button>
        }
      >
        <Text className="office-total office-calls-total">{list.status === 'ready' ? STRINGS.common.total(list.total) : ' '}</Text>
      </OfficeHeader>
      <View className="office-filters office-calls-filters">
        <ChoiceRow prefix="office-calls-filter-state" label={CALL_STRINGS.stateLabel} choices={STATE_CHOICES} value={state} onChange={setState} />
      </View>
      <OfficeListBody list={list} prefix="office-calls" className="office-call-list" strings={S} skeletonRows={3}>
        {(call) => <CallRow key={call.id} call={call} />}
      </OfficeListBody>
    </View>
  )
}

/** 征集通知管理 (office, 第五条): every call, drafts included; open one to edit, publish or close it. */
export default function OfficeCallsPage() {
  return (
    <View className="page office">
      <StaffOnly>{() => <CallsWorkbench />}</StaffOnly>
    </View>
  )
}
