import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { AuditFilterSchema, formatDateTime, type AuditRecordView, type Me } from '@zlbg/shared'
import { AUDIT_PAGE_SIZE, exportAudit, fetchAuditPage, type AuditFilter } from '../../../api/audit'
import { FormError, FormField, TextField } from '../../../components/FormField'
import { DataTable, type Column } from '../../../components/workbench/DataTable'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { dayLabel, dayString, shanghaiToday } from '../../../format'
import { pickerDate } from '../dates'
import { useDesktop } from '../../../hooks/useDesktop'
import { useForm } from '../../../hooks/useForm'
import { STRINGS } from '../../../strings'
import { Button } from '../../../ui/nutui'
import { DatePicker } from '../../../ui/nutui-office'
import { ExportButton } from '../components/ExportButton'
import { OfficeHeader } from '../components/OfficeHeader'
import { OfficeListBody } from '../components/OfficeListBody'
import { StaffOnly } from '../components/StaffOnly'
import { useOfficeList } from '../components/useOfficeList'
import { actionLabel, actorText, AuditRow, ByActorLink, isChange, resourceText, stateLabel } from './AuditRow'
import { EMPTY_AUDIT_FORM, toAuditFilter } from './filter'
import '../components/office.css'
import './audit.css'
import { OFFICE_STRINGS } from '../strings'

const S = OFFICE_STRINGS.audit

const fetchAuditFilterPage = (filter: AuditFilter, page: number) => fetchAuditPage(filter, page, AUDIT_PAGE_SIZE)

function pickedDay(values: readonly unknown[]): string {
  return dayString(Number(values[0]), Number(values[1]), Number(values[2]))
}

function DateField({
  className,
  label,
  value,
  error,
  onChange,
}: {
  className: string
  label: string
  value: string
  error?: string
  onChange: (day: string) => void
}) {
  const [open, setOpen] = useState(false)
  const today = shanghaiToday()
  const initial = value || today
  return (
    <FormField className={`audit-date ${className}`} label={label} error={error}>
      <View className="audit-date-row">
        <Text className={`audit-date-value${value ? '' : ' audit-date-value--empty'}`} onClick={() => setOpen(true)}>
          {value ? dayLabel(value) : S.pickDate}
        </Text>
        {value ? (
          <Text className="audit-date-clear" onClick={() => onChange('')}>
            {STRINGS.common.clear}
          </Text>
        ) : null}
      </View>
      <DatePicker
        className={`${className}-picker`}
        title={label}
        type="date"
        visible={open}
        showChinese
        value={pickerDate(initial)}
        startDate={new Date(2024, 0, 1)}
        endDate={pickerDate(today)}
        onClose={() => setOpen(false)}
        onConfirm={(_options, values) => onChange(pickedDay(values))}
      />
    </FormField>
  )
}

/** The log at desktop width; 只看此人 filters by the row's actor. */
function columns(onActor: (userId: string) => void): Column<AuditRecordView>[] {
  return [
    {
      key: 'at',
      title: S.timeLabel,
      width: '10em',
      sortValue: (record) => record.at,
      render: (record) => <Text className="audit-row-time">{formatDateTime(record.at)}</Text>,
    },
    {
      key: 'action',
      title: S.actionLabel,
      width: 'minmax(10em, 1.5fr)',
      sortValue: (record) => actionLabel(record.action),
      render: (record) => (
        <>
          <Text className="audit-row-action">{actionLabel(record.action)}</Text>
          <Text className="data-table-sub audit-row-code">{record.action}</Text>
        </>
      ),
    },
    {
      key: 'actor',
      title: S.actorHeading,
      width: 'minmax(10em, 1.5fr)',
      sortValue: (record) => actorText(record.actor),
      interactive: true,
      render: (record) => (
        <>
          <Text className="audit-row-actor">{actorText(record.actor)}</Text>
          <ByActorLink record={record} onActor={onActor} />
        </>
      ),
    },
    {
      key: 'resource',
      title: S.resourceLabel,
      width: 'minmax(12em, 2fr)',
      sortValue: resourceText,
      render: (record) => (
        <Text className="audit-row-resource" userSelect>
          {resourceText(record)}
        </Text>
      ),
    },
    {
      key: 'change',
      title: S.changeLabel,
      width: 'minmax(10em, 1.5fr)',
      render: (record) =>
        isChange(record) ? <Text className="audit-row-change">{S.change(stateLabel(record.from), stateLabel(record.to))}</Text> : null,
    },
    {
      key: 'reason',
      title: S.reason,
      width: 'minmax(8em, 1.5fr)',
      render: (record) => (record.reason ? <Text className="audit-row-reason">{record.reason}</Text> : null),
    },
  ]
}

function AuditWorkbench() {
  const desktop = useDesktop()
  const [applied, setApplied] = useState<AuditFilter>({})
  // On a phone the form would push the log below the fold: it opens on demand. A desktop has the room.
  const [filtersToggled, setFiltersOpen] = useState(false)
  const filtersOpen = desktop || filtersToggled
  const activeFilters = Object.keys(applied).length
  const form = useForm({
    initial: EMPTY_AUDIT_FORM,
    schema: AuditFilterSchema,
    prepare: toAuditFilter,
    check: ({ from, to }) => (from && to && from > to ? { to: S.dateOrder } : {}),
    send: async (filter) => {
      setApplied(filter)
    },
  })

  const [list] = useOfficeList(applied, fetchAuditFilterPage, desktop)

  const search = () => void form.submit()
  const reset = () => {
    form.reset()
    setApplied({})
  }
  const byActor = (userId: string) => {
    form.set('actorId', userId)
    setApplied((current) => ({ ...current, actorId: userId }))
    setFiltersOpen(true)
  }
  // Toasts only in H5: in WeChat the document opens, which says enough.
  const download = () => exportAudit(applied, S.fileName(shanghaiToday()))

  return (
    <View className="audit">
      <OfficeHeader
        title={STRINGS.titles.audit}
        actions={
          <ExportButton className="audit-export" label={S.export} busyLabel={S.exporting} onExport={download} />
        }
      >
        <Text className="office-total audit-total">
          {list.status === 'ready' ? `${STRINGS.common.total(list.total)} · ` : ''}
          {S.timezone}
        </Text>
      </OfficeHeader>

      <View className={`audit-toolbar${desktop ? ' audit-toolbar--desktop' : ''}`}>
        {desktop ? null : (
          <Button
            className="audit-filters-toggle"
            size="small"
            type={filtersOpen ? 'primary' : 'default'}
            fill={filtersOpen ? 'outline' : 'solid'}
            onClick={() => setFiltersOpen((open) => !open)}
          >
            {activeFilters ? S.filtersActive(activeFilters) : S.filters}
          </Button>
        )}
        {activeFilters ? (
          <Text className="audit-filters-clear" onClick={reset}>
            {S.clearFilters}
          </Text>
        ) : null}
      </View>

      <View className={`office-filters audit-filters${filtersOpen ? '' : ' audit-filters--closed'}`}>
        <TextField
          className="audit-filter-actor"
          label={S.actorLabel}
          placeholder={S.actorPlaceholder}
          maxLength={24}
          {...form.field('actorId')}
          onConfirm={search}
        />
        <View className="audit-filter-pair">
          <TextField
            className="audit-filter-action"
            label={S.actionLabel}
            placeholder={S.actionPlaceholder}
            maxLength={60}
            {...form.field('action')}
            onConfirm={search}
          />
          <TextField
            className="audit-filter-type"
            label={S.resourceTypeLabel}
            placeholder={S.resourceTypePlaceholder}
            maxLength={40}
            {...form.field('resourceType')}
            onConfirm={search}
          />
        </View>
        <TextField
          className="audit-filter-resource"
          label={S.resourceIdLabel}
          placeholder={S.resourceIdPlaceholder}
          maxLength={40}
          {...form.field('resourceId')}
          onConfirm={search}
        />
        <View className="audit-filter-pair">
          <DateField
            className="audit-filter-from"
            label={S.fromLabel}
            {...form.field('from')}
          />
          <DateField
            className="audit-filter-to"
            label={S.toLabel}
            {...form.field('to')}
          />
        </View>
        <FormError className="audit-filter-error" message={form.formError} />
        <View className="office-filter-actions">
          <Button className="audit-search" type="primary" size="small" onClick={search}>
            {STRINGS.common.search}
          </Button>
          <Button className="audit-reset" size="small" onClick={reset}>
            {STRINGS.common.reset}
          </Button>
        </View>
      </View>

      {desktop ? (
        <DataTable prefix="audit" columns={columns(byActor)} list={list} strings={S} />
      ) : (
        <OfficeListBody list={list} prefix="audit" className="audit-list" strings={S} skeletonRows={4}>
          {(record) => <AuditRow key={record.id} record={record} onActor={byActor} />}
        </OfficeListBody>
      )}
    </View>
  )
}

/** 审计日志 (office): who did what, when and why; read-only, exportable as xlsx. */
export default function AuditPage() {
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="audit">
            <AuditWorkbench />
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
