import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ATTENDANCE_MONTHS_DEFAULT, type AttendanceFilter, type AttendanceRow, type Me } from '@zlbg/shared'
import { exportAttendance, fetchAttendancePage, remindAttendance, type AttendancePage } from '../../../api/checkin'
import { useConfirm, type ConfirmOptions } from '../../../components/ConfirmDialog'
import { PagedListBody, SkeletonList } from '../../../components/PagedListBody'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { usePagedQuery } from '../../../hooks/usePagedQuery'
import { Button } from '../../../ui/nutui'
import { ChoiceRow, type Choice } from '../components/ChoiceRow'
import { ExportButton } from '../components/ExportButton'
import { OfficeHeader } from '../components/OfficeHeader'
import { SearchRow } from '../components/SearchRow'
import { StaffOnly } from '../components/StaffOnly'
import { usePullDownReload } from '../components/useOfficeList'
import { ATTENDANCE_STRINGS as S } from './strings'
import '../components/office.css'
import './attendance.css'

type Row = AttendanceRow & { id: string }
type Summary = Pick<AttendancePage, 'period' | 'absentTotal' | 'total'>

const MONTH_CHOICES: Choice<string>[] = [6, 12, 24, 36].map((n) => ({ value: String(n), label: S.months(n) }))
const SHOW_CHOICES: Choice<string>[] = [
  { value: '', label: S.all },
  { value: 'true', label: S.absentOnly },
]

/** One click's key: a retried confirmation (the dialog stays open on a failure) sends the same reminder, not a second one. */
const reminderKey = () => `remind-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`

function AttendanceRowView({ row, onRemind }: { row: Row; onRemind: (rows: Row[]) => void }) {
  const absent = row.attended === 0
  return (
    <View className={`office-row attendance-row${absent ? ' attendance-row--absent' : ''}`}>
      <View className="office-row-head">
        <Text className="attendance-name">{row.name}</Text>
        {absent && row.reachable ? (
          <Button className="attendance-remind" size="small" type="primary" fill="outline" onClick={() => onRemind([row])}>
            {S.remind}
          </Button>
        ) : null}
      </View>
      <Text className="office-row-meta attendance-years">{S.years(row.years)}</Text>
      <View className="attendance-counts">
        <Text className="attendance-count attendance-offered">{`${S.offered} ${row.offered}`}</Text>
        <Text className="attendance-count attendance-registered">{`${S.registered} ${row.registered}`}</Text>
        <Text className={`attendance-count attendance-attended${absent ? ' attendance-count--zero' : ''}`}>{`${S.attended} ${row.attended}`}</Text>
      </View>
      <Text className="office-row-meta attendance-last">{row.lastAttendedAt ? S.lastAttended(row.lastAttendedAt) : S.neverAttended}</Text>
      {row.lastRemindedAt ? <Text className="office-row-meta attendance-reminded">{S.lastReminded(row.lastRemindedAt)}</Text> : null}
      {!row.reachable ? <Text className="office-row-meta attendance-unreachable">{S.unreachable}</Text> : null}
    </View>
  )
}

function AttendanceWorkbench() {
  const [months, setMonths] = useState(String(ATTENDANCE_MONTHS_DEFAULT))
  const [absent, setAbsent] = useState('')
  const [q, setQ] = useState('')
  const [summary, setSummary] = useState<Summary | null>(null)
  const [dialog, confirm] = useConfirm()
  const filter: AttendanceFilter = { months: Number(months), ...(absent ? { absent: 'true' as const } : {}), ...(q ? { q } : {}) }
  const fetchRows = useCallback(
    async (page: number) => {
      const found = await fetchAttendancePage(filter, page)
      setSummary({ period: found.period, absentTotal: found.absentTotal, total: found.total })
      return { ...found, items: found.items.map((r) => ({ ...r, id: r.listedOrganizationId })) }
    },
    [months, absent, q],
  )
  const list = usePagedQuery<Row>(fetchRows, `${months}:${absent}:${q}`)
  usePullDownReload(list)

  const remind = (rows: Row[]) => {
    const key = reminderKey()
    const options: ConfirmOptions = {
      title: S.remindTitle,
      content: S.remindContent(rows.map((r) => r.name).join('」「'), filter.months),
      confirmText: S.remind,
      onConfirm: async () => {
        const result = await remindAttendance({ idempotencyKey: key, months: filter.months, listedOrganizationIds: rows.map((r) => r.listedOrganizationId) })
        const people = result.reminded.reduce((n, r) => n + r.recipients, 0)
        void Taro.showToast({ title: S.reminded(result.reminded.length, people, result.skipped.length), icon: 'none', duration: 2500 })
        await list.refresh()
      },
    }
    confirm(options)
  }
  const remindable = list.items.filter((r) => r.attended === 0 && r.reachable)

  return (
    <View className="attendance">
      <OfficeHeader
        title={S.title}
        actions={<ExportButton className="attendance-export" label={S.export} busyLabel={S.exporting} onExport={() => exportAttendance(filter, S.fileName(filter.months))} />}
      >
        <Text className="office-total attendance-intro">{S.intro}</Text>
        {summary ? <Text className="office-total attendance-summary">{S.summary(summary.period.from, summary.period.to, absent ? summary.absentTotal : summary.total, summary.absentTotal)}</Text> : null}
      </OfficeHeader>
      <View className="office-filters attendance-filters">
        <SearchRow prefix="attendance" placeholder={S.search} onSearch={setQ} />
        <ChoiceRow prefix="attendance-months" label={S.period} choices={MONTH_CHOICES} value={months} onChange={(v) => setMonths(v || String(ATTENDANCE_MONTHS_DEFAULT))} />
        <ChoiceRow prefix="attendance-show" label={S.show} choices={SHOW_CHOICES} value={absent} onChange={setAbsent} />
        {remindable.length > 1 ? (
          <View className="office-filter-actions">
            <Button className="attendance-remind-page" size="small" type="primary" onClick={() => remind(remindable)}>
              {S.remindPage(remindable.length)}
            </Button>
          </View>
        ) : null}
      </View>
      <PagedListBody
        list={list}
        prefix="attendance-list"
        className="attendance-list"
        strings={{ errorTitle: S.errorTitle, empty: q ? S.noMatch : absent ? S.emptyAbsent : S.empty, emptyHint: q || absent ? '' : S.emptyHint }}
        loading={<SkeletonList className="attendance-loading" itemClassName="office-row" rows={4} />}
        footer={{ className: 'office-list-footer', endClassName: 'office-list-end' }}
      >
        {(row) => <AttendanceRowView key={row.id} row={row} onRemind={remind} />}
      </PagedListBody>
      {dialog}
    </View>
  )
}

/** 参会义务 (第二十条): each listed organization's events offered, registered and attended over a period the office picks; reminding the absent; the view as xlsx. */
export default function AttendancePage() {
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="attendance">
            <AttendanceWorkbench />
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
