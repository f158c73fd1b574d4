import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { Me } from '@zlbg/shared'
import { PagedListBody, SkeletonList } from '../../../components/PagedListBody'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { usePagedQuery } from '../../../hooks/usePagedQuery'
import { openPage, PAGES } from '../../../navigation'
import { Button } from '../../../ui/nutui'
import { OfficeHeader } from '../components/OfficeHeader'
import { SearchRow } from '../components/SearchRow'
import { StaffOnly } from '../components/StaffOnly'
import { usePullDownReload } from '../components/useOfficeList'
import { fetchListedOrganizations, type OfficeListedQuery, type OfficeListedRow } from './api'
import { LISTED_OFFICE_STRINGS } from './strings'
import '../components/office.css'
import './listed.css'

const S = LISTED_OFFICE_STRINGS.organizations
const LINKED = ['all', 'yes', 'no'] as const

function Row({ row }: { row: OfficeListedRow }) {
  return (
    <View className="office-row office-listed-row">
      <View className="office-row-head">
        <Text className="office-listed-name">{row.name}</Text>
        <Button size="small" fill="outline" className="office-listed-open" onClick={() => openPage(`${PAGES.listedOrganization}?id=${encodeURIComponent(row.id)}`)}>
          {S.open}
        </Button>
      </View>
      <View className="office-row-meta">
        <Text>{[row.creditCode ?? S.noCode, row.region].filter(Boolean).join(' · ')}</Text>
        <Text className="office-listed-years">{S.years(row.years)}</Text>
        <Text className="office-listed-counts">{S.counts(row.listedCount, row.removedCount)}</Text>
        <Text className={`office-listed-account${row.account ? ' office-listed-account--linked' : ''}`}>{row.account ? S.account(row.account.name, row.account.listed) : S.noAccount}</Text>
        <Text className="office-listed-events">{S.events(row.events)}</Text>
      </View>
    </View>
  )
}

/** `query` is the page's, above the shell: the desktop and phone layouts are different trees, and a resize must not lose it. */
function ListedWorkbench({ query, setQuery }: { query: OfficeListedQuery; setQuery: (update: (q: OfficeListedQuery) => OfficeListedQuery) => void }) {
  const list = usePagedQuery((page) => fetchListedOrganizations(query, page), JSON.stringify(query))
  usePullDownReload(list)
  return (
    <View className="office-listed">
      <OfficeHeader title={S.title}>
        <Text className="office-total office-listed-total">{list.status === 'ready' ? `共 ${list.total} 个组织` : ''}</Text>
      </OfficeHeader>
      <Text className="office-listed-intro">{S.intro}</Text>
      <Text className="office-listed-import-link" onClick={() => openPage(PAGES.officeListedImport)}>
        {S.importLink}
      </Text>
      <View className="office-filters">
        <SearchRow prefix="office-listed" placeholder={S.search} initial={query.q ?? ''} onSearch={(q) => setQuery((s) => ({ ...s, q: q || undefined }))} />
        <View className="office-listed-linked">
          {LINKED.map((k) => (
            <Text
              key={k}
              className={`office-listed-chip office-listed-linked-${k}${(query.linked ?? 'all') === k ? ' office-listed-chip--on' : ''}`}
              onClick={() => setQuery((s) => ({ ...s, linked: k === 'all' ? undefined : k }))}
            >
              {S.linked[k]}
            </Text>
          ))}
        </View>
      </View>
      <PagedListBody
        list={list}
        prefix="office-listed-list"
        className="office-listed-list"
        strings={S}
        loading={<SkeletonList className="office-listed-loading" itemClassName="office-skeleton" rows={3} />}
        footer={{ className: 'office-list-footer', endClassName: 'office-list-end' }}
      >
        {(row) => <Row key={row.id} row={row} />}
      </PagedListBody>
    </View>
  )
}

/** 入选组织 (第二十条): every listed organization with its obligations status, searchable, paged. */
export default function OfficeListedPage() {
  const [query, setQuery] = useState<OfficeListedQuery>({})
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="listed">
            <ListedWorkbench query={query} setQuery={setQuery} />
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
