import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import { PROVINCES, SECTOR_LABELS, SECTORS, type Sector } from '@zlbg/shared'
import { fetchListedPage, fetchListedYears, type ListedFilter, type ListedItem, type ListedYears } from '../../api/listed'
import { PagedListBody, SkeletonList } from '../../components/PagedListBody'
import { usePagedQuery } from '../../hooks/usePagedQuery'
import { openPage, PAGES } from '../../navigation'
import { STRINGS } from '../../strings'
import { Button, Input } from '../../ui/nutui'
import './index.css'

const S = STRINGS.listing
const REGION_NAMES = [S.allRegions, ...PROVINCES.map(([, label]) => label)]

function Chip({ on, label, className, onClick }: { on: boolean; label: string; className: string; onClick: () => void }) {
  return (
    <Text className={`listing-chip ${className}${on ? ' listing-chip--on' : ''}`} onClick={onClick}>
      {label}
    </Text>
  )
}

/** One entry: organization, title, sector, region, year; a removed one keeps its place, marked (第二十一条). */
function ListedCard({ item }: { item: ListedItem }) {
  const meta = [item.sector, item.region, S.year(item.year)].filter(Boolean).join(' · ')
  return (
    <View className={`listing-card listing-card--${item.state}`} onClick={() => openPage(`${PAGES.listedExperience}?id=${encodeURIComponent(item.id)}`)}>
      <View className="listing-card-head">
        <Text className="listing-card-title">{item.title}</Text>
        {item.state === 'removed' ? <Text className="listing-removed">{item.stateLabel}</Text> : null}
      </View>
      <Text className="listing-card-org">{item.organizationName}</Text>
      <Text className="listing-card-meta">{meta}</Text>
    </View>
  )
}

/** 名单 (第十九条、第二十一条): the published lists by year, filters, and the removal announcements. */
export default function ListingPage() {
  // A link to one year's list (the feed's and the official account's, 第十九条) opens with that year chosen.
  const linkedYear = Number(useRouter().params.year)
  const [filter, setFilter] = useState<ListedFilter>(Number.isInteger(linkedYear) && linkedYear > 1900 ? { year: linkedYear } : {})
  const [draft, setDraft] = useState('')
  const [years, setYears] = useState<ListedYears>([])
  const list = usePagedQuery((page) => fetchListedPage(filter, page), JSON.stringify(filter))
  const loadYears = () =>
    fetchListedYears().then(
      (r) => setYears(r.years),
      // The picker is a convenience: the list says what failed.
      () => undefined,
    )
  useEffect(() => void loadYears(), [])
  usePullDownRefresh(() => {
    void Promise.all([list.refresh(), loadYears()]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())
  const set = (next: ListedFilter) => setFilter((f) => Object.fromEntries(Object.entries({ ...f, ...next }).filter(([, v]) => v !== undefined && v !== '')))
  const regionIndex = filter.region ? PROVINCES.findIndex(([code]) => code === filter.region) + 1 : 0

  return (
    <View className="page listing-page">
      <View className="listing-header">
        <Text className="listing-heading">{S.heading}</Text>
        <Text className="listing-intro">{S.intro}</Text>
        <Text className="listing-announcements" onClick={() => openPage(PAGES.announcements)}>
          {S.announcements}
        </Text>
      </View>
      <View className="listing-filters">
        <View className="listing-chips listing-years">
          <Chip on={filter.year === undefined} label={STRINGS.common.all} className="listing-year-all" onClick={() => set({ year: undefined })} />
          {years.map((y) => (
            <Chip key={y.year} on={filter.year === y.year} label={S.yearCount(y.year, y.count)} className="listing-year" onClick={() => set({ year: y.year })} />
          ))}
        </View>
        <View className="listing-chips listing-sectors">
          <Chip on={!filter.sector} label={S.allSectors} className="listing-sector-all" onClick={() => set({ sector: undefined })} />
          {SECTORS.map((s: Sector) => (
            <Chip key={s} on={filter.sector === s} label={SECTOR_LABELS[s]} className="listing-sector" onClick={() => set({ sector: s })} />
          ))}
          <Picker className="listing-region-picker" mode="selector" range={REGION_NAMES} value={regionIndex} onChange={(e) => set({ region: Number(e.detail.value) > 0 ? PROVINCES[Number(e.detail.value) - 1]![0] : undefined })}>
            <Text className={`listing-chip listing-region${filter.region ? ' listing-chip--on' : ''}`}>{`${REGION_NAMES[regionIndex]} ▾`}</Text>
          </Picker>
        </View>
        <View className="listing-search">
          <Input
            className="listing-q"
            value={draft}
            placeholder={S.searchPlaceholder}
            maxLength={50}
            clearable
            confirmType="search"
            onChange={setDraft}
            onClear={() => {
              setDraft('')
              set({ q: undefined })
            }}
            onConfirm={() => set({ q: draft.trim() || undefined })}
          />
          <Button className="listing-search-go" size="small" type="primary" fill="outline" onClick={() => set({ q: draft.trim() || undefined })}>
            {STRINGS.common.search}
          </Button>
        </View>
        {list.status === 'ready' ? <Text className="listing-total">{STRINGS.common.total(list.total)}</Text> : null}
      </View>
      <PagedListBody
        list={list}
        prefix="listing-list"
        className="listing-list"
        strings={Object.keys(filter).length ? { ...S, empty: S.emptyFiltered, emptyHint: S.emptyFilteredHint } : S}
        loading={<SkeletonList className="listing-list-loading" itemClassName="listing-card" rows={2} count={3} />}
        footer={{ className: 'listing-list-footer' }}
      >
        {(item) => <ListedCard key={item.id} item={item} />}
      </PagedListBody>
    </View>
  )
}
