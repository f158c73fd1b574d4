import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CALL_STATES, formatDateTime, type CallState, type Me } from '@zlbg/shared'
import { fetchOfficeCallPage, type OfficeCall, type OfficeCallFilter } from '../../../api/officeCalls'
import { YearTag } from '../../../components/Tags'
import { DataTable, type Column } from '../../../components/workbench/DataTable'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { applicationWindowText } from '../../../format'
import { useDesktop } from '../../../hooks/useDesktop'
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

function openApplications(call: OfficeCall) {
  openPage(`${PAGES.officeApplications}?callId=${encodeURIComponent(call.id)}`)
}

/** The call's latest milestone: closed, published or last edited. */
function whenText(call: OfficeCall): string {
  return call.state === 'closed' && call.closedAt
    ? S.closedAt(formatDateTime(call.closedAt))
    : call.state !== 'draft' && call.publishedAt
      ? S.publishedAt(formatDateTime(call.publishedAt))
      : S.updatedAt(formatDateTime(call.updatedAt))
}

function CallActions({ call }: { call: OfficeCall }) {
  return (
    <View className="office-call-row-actions">
      <Button className="office-call-row-edit" size="small" type="primary" fill="outline" onClick={() => editCall(call.id)}>
        {call.state === 'closed' ? S.view : S.edit}
      </Button>
      {call.state !== 'draft' ? (
        <Button className="office-call-row-applications" size="small" type="primary" fill="outline" onClick={() => openApplications(call)}>
          {S.applicationList}
        </Button>
      ) : null}
    </View>
  )
}

const STATE_ORDER: readonly CallState[] = CALL_STATES

/** The calls at desktop width. */
const COLUMNS: Column<OfficeCall>[] = [
  {
    key: 'title',
    title: S.columns.title,
    width: 'minmax(16em, 3fr)',
    sortValue: (call) => call.title,
    render: (call) => <Text className="office-call-row-title">{call.title}</Text>,
  },
  { key: 'year', title: S.columns.year, width: '6em', sortValue: (call) => call.year, render: (call) => <Text>{String(call.year)}</Text> },
  {
    key: 'state',
    title: CALL_STRINGS.stateLabel,
    width: '6em',
    sortValue: (call) => STATE_ORDER.indexOf(call.state),
    render: (call) => <CallStateTag className="office-call-row-state" state={call.state} />,
  },
  {
    key: 'window',
    title: S.window,
    width: 'minmax(12em, 2fr)',
    sortValue: (call) => call.applicationWindow?.opensAt ?? null,
    render: (call) =>
      call.applicationWindow ? (
        <Text className="office-call-row-window-value">{applicationWindowText(call.applicationWindow)}</Text>
      ) : (
        <Text className="data-table-sub office-call-row-window-value--none">{S.noWindow}</Text>
      ),
  },
  {
    key: 'applications',
    title: S.columns.applications,
    width: '6em',
    align: 'end',
    sortValue: (call) => (call.state === 'draft' ? null : call.applicationCount),
    render: (call) =>
      call.state === 'draft' ? (
        call.missing.length > 0 ? <Text className="data-table-sub office-call-row-missing">{S.missing(call.missing.length)}</Text> : null
      ) : (
        <Text className="office-call-row-count">{String(call.applicationCount)}</Text>
      ),
  },
  {
    key: 'when',
    title: S.columns.when,
    width: '11em',
    sortValue: (call) => call.closedAt ?? call.publishedAt ?? call.updatedAt,
    render: (call) => <Text className="data-table-sub office-call-row-when">{whenText(call)}</Text>,
  },
  { key: 'actions', title: '', width: '12em', align: 'end', interactive: true, render: (call) => <CallActions call={call} /> },
]

function CallRow({ call }: { call: OfficeCall }) {
  const when = whenText(call)
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
      <CallActions call={call} />
    </View>
  )
}

function CallsWorkbench() {
  const desktop = useDesktop()
  const [state, setState] = useState<StateFilter>('')
  const filter: OfficeCallFilter = state ? { state } : {}
  const [list] = useOfficeList(filter, fetchOfficeCallPage, desktop)
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
      {desktop ? (
        <DataTable
          prefix="office-calls"
          columns={COLUMNS}
          list={list}
          strings={S}
          onOpen={(call) => editCall(call.id)}
          rowClassName={(call) => `office-call-row--${call.state}`}
        />
      ) : (
        <OfficeListBody list={list} prefix="office-calls" className="office-call-list" strings={S} skeletonRows={3}>
          {(call) => <CallRow key={call.id} call={call} />}
        </OfficeListBody>
      )}
    </View>
  )
}

/** 征集通知管理 (office, 第五条): every call, drafts included; open one to edit, publish or close it. */
export default function OfficeCallsPage() {
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="calls">
            <CallsWorkbench />
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
