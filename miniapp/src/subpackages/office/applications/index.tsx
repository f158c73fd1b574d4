import { useEffect, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import {
  CallIdParamsSchema,
  PROVINCES,
  PROVINCE_LABELS,
  SECTORS,
  SECTOR_LABELS,
  formatDateTime,
  type ApplicationState,
  type Me,
  type ProvinceCode,
  type Sector,
} from '@zlbg/shared'
import {
  batchQualification,
  exportCallApplications,
  fetchCallApplicationPage,
  fetchOfficeCallTitle,
  type BatchAction,
  type OfficeApplicationFilter,
  type OfficeApplicationRow,
} from '../../../api/officeApplications'
import { EmptyState } from '../../../components/EmptyState'
import { DataTable, type Column } from '../../../components/workbench/DataTable'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { shanghaiToday } from '../../../format'
import { useDesktop } from '../../../hooks/useDesktop'
import { goBackOrHome, openPage, PAGES } from '../../../navigation'
import { STRINGS } from '../../../strings'
import { THEME } from '../../../theme'
import { Button, Tag } from '../../../ui/nutui'
import { Checkbox } from '../../../ui/nutui-office'
import { ChoiceRow, type Choice } from '../components/ChoiceRow'
import { ExportButton } from '../components/ExportButton'
import { OfficeHeader } from '../components/OfficeHeader'
import { OfficeListBody } from '../components/OfficeListBody'
import { SearchRow } from '../components/SearchRow'
import { SimilarityBadge } from '../similarity/SimilarityBadge'
import { StaffOnly } from '../components/StaffOnly'
import { useOfficeList, usePullDownReload } from '../components/useOfficeList'
import { takeApplicationsStale } from './changes'
import { useListConfirm } from './ListConfirmDialog'
import { OfficeStateTag } from './OfficeStateTag'
import { APPLICATIONS_STRINGS, OFFICE_STATE_LABELS } from './strings'
import '../components/office.css'
import './applications.css'

const S = APPLICATIONS_STRINGS.list
const B = APPLICATIONS_STRINGS.batch

/** The stages of qualification review (第十五条), then 全部 (drafts are never listed). */
const QUEUE_STATES = ['submitted', 'qualification_review', 'supplement_requested', 'supplement_overdue', 'qualified', 'ineligible'] as const
type StateFilter = (typeof QUEUE_STATES)[number] | ''

const STATE_CHOICES: Choice<StateFilter>[] = [
  ...QUEUE_STATES.map((state) => ({ value: state, label: OFFICE_STATE_LABELS[state] ?? state })),
  { value: '', label: STRINGS.common.all },
]
const SECTOR_CHOICES: Choice<Sector | ''>[] = [
  { value: '', label: STRINGS.common.all },
  ...SECTORS.map((sector) => ({ value: sector, label: SECTOR_LABELS[sector] })),
]
const PROVINCE_RANGE = [S.allProvinces, ...PROVINCES.map(([, label]) => label)]

/** Which batch step a row can take now (the server decides in the end and answers per row). */
const BATCHABLE: Partial<Record<ApplicationState, BatchAction>> = {
  submitted: 'start',
  qualification_review: 'qualify',
  supplement_overdue: 'qualify',
}

interface Filter {
  state: StateFilter
  sector: Sector | ''
  provinceCode: ProvinceCode | ''
  q: string
}

function toQuery(filter: Filter): OfficeApplicationFilter {
  return {
    ...(filter.state ? { state: filter.state } : {}),
    ...(filter.sector ? { sector: filter.sector } : {}),
    ...(filter.provinceCode ? { provinceCode: filter.provinceCode } : {}),
    ...(filter.q ? { q: filter.q } : {}),
  }
}

/** A row's name in confirmations and results: receipt number and organization. */
function rowLabel(row: Pick<OfficeApplicationRow, 'receiptNumber' | 'organizationName'>): string {
  return `${row.receiptNumber ?? S.noReceipt} ${row.organizationName}`
}

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none', duration: 2000 })
}

function PrecheckCounts({ precheck, label = true }: { precheck: OfficeApplicationRow['precheck']; label?: boolean }) {
  return (
    <View className="application-row-precheck">
      {label ? <Text className="application-row-precheck-label">{S.precheck}</Text> : null}
      {precheck ? (
        <>
          <Text className="application-row-precheck-pass">{S.precheckCounts.pass(precheck.pass)}</Text>
          <Text className={`application-row-precheck-fail${precheck.fail ? ' application-row-precheck--alert' : ''}`}>
            {S.precheckCounts.fail(precheck.fail)}
          </Text>
          <Text className={`application-row-precheck-judgement${precheck.judgement ? ' application-row-precheck--notice' : ''}`}>
            {S.precheckCounts.judgement(precheck.judgement)}
          </Text>
        </>
      ) : (
        <Text className="application-row-precheck-missing">{S.precheckMissing}</Text>
      )}
    </View>
  )
}

function openReview(row: Pick<OfficeApplicationRow, 'id'>) {
  openPage(`${PAGES.officeApplicationReview}?id=${encodeURIComponent(row.id)}`)
}

function provinceLabel(code: string | null | undefined): string {
  return code ? (PROVINCE_LABELS[code as ProvinceCode] ?? code) : ''
}

/** The queue at desktop width: one line per application. */
const COLUMNS: Column<OfficeApplicationRow>[] = [
  {
    key: 'receipt',
    title: S.columns.receipt,
    width: '10.5em',
    sortValue: (row) => row.receiptNumber,
    render: (row) => (
      <Text className="application-cell-receipt" userSelect>
        {row.receiptNumber ?? S.noReceipt}
      </Text>
    ),
  },
  {
    key: 'organization',
    title: S.columns.organization,
    width: 'minmax(13em, 3fr)',
    sortValue: (row) => row.organizationName,
    render: (row) => (
      <>
        <Text className="application-cell-org">{row.organizationName}</Text>
        <Text className="data-table-sub application-cell-title">{row.title ?? S.untitled}</Text>
      </>
    ),
  },
  {
    key: 'sector',
    title: S.sector,
    width: '5.5em',
    sortValue: (row) => (row.sector ? SECTOR_LABELS[row.sector] : ''),
    render: (row) => <Text className="application-cell-sector">{row.sector ? SECTOR_LABELS[row.sector] : ''}</Text>,
  },
  {
    key: 'province',
    title: S.columns.province,
    width: '5.5em',
    sortValue: (row) => provinceLabel(row.provinceCode),
    render: (row) => <Text className="application-cell-province">{provinceLabel(row.provinceCode)}</Text>,
  },
  {
    key: 'precheck',
    title: S.precheck,
    width: 'minmax(11em, 1.5fr)',
    sortValue: (row) => (row.precheck ? row.precheck.fail * 1000 + row.precheck.judgement : null),
    render: (row) => <PrecheckCounts precheck={row.precheck} label={false} />,
  },
  {
    key: 'state',
    title: S.state,
    width: '6em',
    sortValue: (row) => QUEUE_STATES.indexOf(row.state as (typeof QUEUE_STATES)[number]),
    render: (row) => <OfficeStateTag className="application-row-state" state={row.state} />,
  },
  {
    key: 'submitted',
    title: S.columns.submittedAt,
    width: '9.5em',
    sortValue: (row) => row.submittedAt ?? null,
    render: (row) => (
      <>
        <Text className="application-cell-submitted">{row.submittedAt ? formatDateTime(row.submittedAt) : ''}</Text>
        {row.supplementDeadline ? (
          <Text className="data-table-sub application-row-deadline">{S.supplementDeadline(formatDateTime(row.supplementDeadline))}</Text>
        ) : null}
      </>
    ),
  },
  {
    key: 'open',
    title: '',
    width: '6em',
    align: 'end',
    render: () => <Text className="application-row-open">{S.open}</Text>,
  },
]

function ApplicationRow({
  row,
  selected,
  onSelect,
}: {
  row: OfficeApplicationRow
  selected: boolean
  onSelect: (selected: boolean) => void
}) {
  const batchable = BATCHABLE[row.state] !== undefined
  const open = () => openReview(row)
  return (
    <View className={`office-row application-row application-row--${row.state}${selected ? ' application-row--selected' : ''}`}>
      <View className="application-row-top">
        {batchable ? (
          <Checkbox className="application-row-select" checked={selected} onChange={(checked) => onSelect(checked)} />
        ) : null}
        <Text className="application-row-receipt" userSelect>
          {row.receiptNumber ?? S.noReceipt}
        </Text>
        <OfficeStateTag className="application-row-state" state={row.state} />
      </View>
      <View className="application-row-body" onClick={open}>
        <Text className="application-row-org">{row.organizationName}</Text>
        <Text className="application-row-title">{row.title ?? S.untitled}</Text>
        <View className="office-row-tags">
          {row.sector ? (
            <Tag className="zlbg-tag application-row-sector" plain background={THEME.primary}>
              {SECTOR_LABELS[row.sector]}
            </Tag>
          ) : null}
          {row.provinceCode ? (
            <Tag className="zlbg-tag application-row-province" background={THEME.mutedBackground} color={THEME.textTertiary}>
              {PROVINCE_LABELS[row.provinceCode as ProvinceCode] ?? row.provinceCode}
            </Tag>
          ) : null}
        </View>
        <PrecheckCounts precheck={row.precheck} />
        <SimilarityBadge applicationId={row.id} similarity={row.similarity} />
        <View className="office-row-meta">
          {row.submittedAt ? <Text className="application-row-submitted">{S.submittedAt(formatDateTime(row.submittedAt))}</Text> : null}
          {row.supplementDeadline ? (
            <Text className="application-row-deadline">{S.supplementDeadline(formatDateTime(row.supplementDeadline))}</Text>
          ) : null}
        </View>
        <Text className="application-row-open">{S.open}</Text>
      </View>
    </View>
  )
}

interface BatchOutcome {
  action: BatchAction
  items: { id: string; label: string; ok: boolean; message?: string }[]
}

function BatchResultCard({ outcome, onDismiss }: { outcome: BatchOutcome; onDismiss: () => void }) {
  const done = outcome.items.filter((item) => item.ok).length
  return (
    <View className="office-card applications-batch-result">
      <Text className="applications-batch-result-title">{B.resultTitle(done, outcome.items.length)}</Text>
      {outcome.items.map((item) => (
        <View
          key={item.id}
          className={`applications-batch-result-item applications-batch-result-item--${item.ok ? 'ok' : 'failed'}`}
        >
          <Text className="applications-batch-result-label">{item.label}</Text>
          <Text className="applications-batch-result-status">{item.ok ? B.ok : `${B.failed}：${item.message ?? ''}`}</Text>
        </View>
      ))}
      <View className="office-filter-actions">
        <Button className="applications-batch-result-dismiss" size="small" onClick={onDismiss}>
          {B.dismiss}
        </Button>
      </View>
    </View>
  )
}

function ApplicationsWorkbench({ callId, callTitle }: { callId: string; callTitle: string }) {
  const desktop = useDesktop()
  const [filter, setFilter] = useState<Filter>({ state: '', sector: '', provinceCode: '', q: '' })
  const [selected, setSelected] = useState<Map<string, OfficeApplicationRow>>(new Map())
  const [outcome, setOutcome] = useState<BatchOutcome | null>(null)
  const [dialog, confirm] = useListConfirm()

  const query = toQuery(filter)
  const [list, key] = useOfficeList(query, (f: OfficeApplicationFilter, page: number) => fetchCallApplicationPage(callId, f, page), desktop)
  usePullDownReload(list)
  // A new filter shows other rows: what was selected, and the last batch's answers, no longer apply.
  useEffect(() => {
    setSelected(new Map())
    setOutcome(null)
  }, [key])
  useDidShow(() => {
    if (takeApplicationsStale()) void list.refresh()
  })

  const provinceIndex = filter.provinceCode ? PROVINCES.findIndex(([code]) => code === filter.provinceCode) + 1 : 0

  const select = (row: OfficeApplicationRow, on: boolean) =>
    setSelected((current) => {
      const next = new Map(current)
      if (on) next.set(row.id, row)
      else next.delete(row.id)
      return next
    })
  const selectRows = (rows: OfficeApplicationRow[], on: boolean) =>
    setSelected((current) => {
      const next = new Map(current)
      for (const row of rows) {
        if (on) next.set(row.id, row)
        else next.delete(row.id)
      }
      return next
    })
  const selectable = list.items.filter((row) => BATCHABLE[row.state] !== undefined)
  const allSelected = selectable.length > 0 && selectable.every((row) => selected.has(row.id))
  const selectPage = () => selectRows(selectable, !allSelected)

  const runBatch = (action: BatchAction) => {
    const rows = [...selected.values()]
    if (rows.length === 0) {
      toast(B.nothingSelected)
      return
    }
    confirm({
      title: action === 'start' ? B.startTitle : B.qualifyTitle,
      intro: action === 'start' ? B.startIntro(rows.length) : B.qualifyIntro(rows.length),
      items: rows.map((row) => ({ key: row.id, text: rowLabel(row), note: row.title })),
      confirmText: action === 'start' ? B.start : B.qualify,
      onConfirm: async () => {
        const result = await batchQualification(
          callId,
          action,
          rows.map((row) => row.id),
        )
        const byId = new Map(rows.map((row) => [row.id, row]))
        setOutcome({
          action,
          items: result.items.map((item) => {
            const row = byId.get(item.id)
            return { id: item.id, label: row ? rowLabel(row) : item.id, ok: item.ok, message: item.message }
          }),
        })
        setSelected(new Map())
        void list.refresh()
      },
    })
  }

  const download = async () => {
    await exportCallApplications(callId, query, S.fileName(shanghaiToday()))
    if (process.env.TARO_ENV === 'h5') toast(S.exported)
  }

  return (
    <View className="applications">
      <OfficeHeader
        title={APPLICATIONS_STRINGS.titles.list}
        actions={
          <ExportButton className="applications-export" label={S.export} busyLabel={S.exporting} onExport={download} />
        }
      >
        {callTitle ? <Text className="applications-call">{S.callLine(callTitle)}</Text> : null}
        <Text className="office-total applications-total">{list.status === 'ready' ? S.total(list.total) : ' '}</Text>
      </OfficeHeader>

      <View className="office-filters applications-filters">
        <SearchRow prefix="applications" placeholder={S.searchPlaceholder} onSearch={(q) => setFilter((f) => ({ ...f, q }))} />
        <ChoiceRow
          prefix="applications-filter-state"
          label={S.state}
          choices={STATE_CHOICES}
          value={filter.state}
          onChange={(state) => setFilter((f) => ({ ...f, state }))}
        />
        <ChoiceRow
          prefix="applications-filter-sector"
          label={S.sector}
          choices={SECTOR_CHOICES}
          value={filter.sector}
          onChange={(sector) => setFilter((f) => ({ ...f, sector }))}
        />
        <View className="choice-row applications-filter-province">
          <Text className="choice-row-label">{S.province}</Text>
          <Picker
            mode="selector"
            range={PROVINCE_RANGE}
            value={provinceIndex}
            onChange={(e) => {
              const index = Number(e.detail.value)
              setFilter((f) => ({ ...f, provinceCode: index > 0 ? (PROVINCES[index - 1]?.[0] ?? '') : '' }))
            }}
          >
            <View className="applications-province-value">
              <Text className={filter.provinceCode ? '' : 'applications-province-value--all'}>{PROVINCE_RANGE[provinceIndex]}</Text>
              <Text className="applications-province-caret">▾</Text>
            </View>
          </Picker>
        </View>
      </View>

      <View className="applications-batch">
        <View className="applications-batch-head">
          <Text className="applications-batch-count">{B.selected(selected.size)}</Text>
          {selectable.length > 0 ? (
            <Text className="applications-batch-select-page" onClick={selectPage}>
              {allSelected ? B.clear : B.selectPage}
            </Text>
          ) : null}
        </View>
        <View className="applications-batch-actions">
          <Button
            className="applications-batch-start"
            size="small"
            type="primary"
            fill="outline"
            disabled={selected.size === 0}
            onClick={() => runBatch('start')}
          >
            {B.start}
          </Button>
          <Button
            className="applications-batch-qualify"
            size="small"
            type="primary"
            fill="outline"
            disabled={selected.size === 0}
            onClick={() => runBatch('qualify')}
          >
            {B.qualify}
          </Button>
        </View>
      </View>

      {outcome ? <BatchResultCard outcome={outcome} onDismiss={() => setOutcome(null)} /> : null}

      {desktop ? (
        <DataTable
          prefix="applications"
          columns={COLUMNS}
          list={list}
          strings={S}
          onOpen={openReview}
          rowClassName={(row) => `application-table-row--${row.state}`}
          selection={{
            isSelectable: (row) => BATCHABLE[row.state] !== undefined,
            isSelected: (row) => selected.has(row.id),
            onToggle: select,
            onTogglePage: selectRows,
          }}
        />
      ) : (
        <OfficeListBody list={list} prefix="applications" className="application-list" strings={S} skeletonRows={4}>
          {(row) => <ApplicationRow key={row.id} row={row} selected={selected.has(row.id)} onSelect={(on) => select(row, on)} />}
        </OfficeListBody>
      )}
      {dialog}
    </View>
  )
}

/** The queue inside the workbench's side navigation (desktop), which names the call under 申报审查. */
function ApplicationsArea({ me, callId }: { me: Me; callId: string }) {
  const [callTitle, setCallTitle] = useState('')
  useEffect(() => {
    fetchOfficeCallTitle(callId).then(setCallTitle, () => undefined)
  }, [callId])
  return (
    <WorkbenchShell
      me={me}
      area="applications"
      context={{ key: 'applications', url: `${PAGES.officeApplications}?callId=${encodeURIComponent(callId)}`, detail: callTitle }}
    >
      <ApplicationsWorkbench callId={callId} callTitle={callTitle} />
    </WorkbenchShell>
  )
}

/** 申报列表 / 资格审查队列 (office): a call's applications, filtered, exported, decided in batch (第十五条). */
export default function OfficeApplicationsPage() {
  const { params } = useRouter()
  const callId = params.callId
  const valid = !!callId && CallIdParamsSchema.safeParse({ id: callId }).success
  return (
    <View className="page office">
      <StaffOnly>
        {(me) =>
          valid && callId ? (
            <ApplicationsArea me={me} callId={callId} />
          ) : (
            <EmptyState
              kind="notFound"
              className="applications-missing-call"
              title={S.missingCall}
              action={{ text: STRINGS.common.back, className: 'applications-back', onClick: goBackOrHome }}
            />
          )
        }
      </StaffOnly>
    </View>
  )
}
