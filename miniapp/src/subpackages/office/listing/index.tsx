import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatDateTime, type Me } from '@zlbg/shared'
import { toApiError } from '../../../api/errors'
import { useConfirm } from '../../../components/ConfirmDialog'
import { PagedListBody, SkeletonList } from '../../../components/PagedListBody'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { usePagedQuery } from '../../../hooks/usePagedQuery'
import { openPage, PAGES } from '../../../navigation'
import { THEME } from '../../../theme'
import { Button, Tag } from '../../../ui/nutui'
import { fetchApprovalCalls, publishListing, type ApprovalCallRow } from '../../approver/api'
import { OfficeHeader } from '../components/OfficeHeader'
import { StaffOnly } from '../components/StaffOnly'
import { usePullDownReload } from '../components/useOfficeList'
import { LISTING_STRINGS as S } from './strings'
import '../components/office.css'
import './listing.css'
import { ArticleActions } from '../../../components/articles/ArticleActions'

type Row = ApprovalCallRow & { id: string }
const fetchRows = async (page: number) => {
  const found = await fetchApprovalCalls(page)
  return { ...found, items: found.items.map((r) => ({ ...r, id: r.callId })) }
}

function ListingRow({ row, onPublish }: { row: Row; onPublish: (row: Row) => void }) {
  return (
    <View className={`office-listing-row office-listing-row--${row.stage}`} data-call-id={row.callId}>
      <Text className="office-listing-call">{row.callTitle}</Text>
      <View className="office-listing-status">
        <Tag
          className="zlbg-tag office-listing-stage"
          {...(row.stage === 'approved' ? { type: 'primary' as const } : { background: THEME.mutedBackground, color: THEME.textTertiary })}
        >
          {row.stageLabel}
        </Tag>
        <Text className="office-listing-counts">{`${row.year} 年度 · ${S.passed(row.passedCount)}${row.approvedCount !== undefined ? ` · ${S.decided(row.approvedCount, row.heldBackCount ?? 0)}` : ''}`}</Text>
      </View>
      <Text className="office-listing-line">{row.approval ? S.approved(row.approval.name, formatDateTime(row.approval.at)) : S.waiting}</Text>
      {row.publication ? <Text className="office-listing-line office-listing-published">{S.published(row.publication.name, formatDateTime(row.publication.at))}</Text> : null}
      <View className="office-listing-actions">
        <Button className="office-listing-view" size="small" fill="outline" onClick={() => openPage(`${PAGES.approverListing}?callId=${encodeURIComponent(row.callId)}`)}>
          {S.view}
        </Button>
        {row.stage === 'approved' ? (
          <Button className="office-listing-publish" size="small" type="primary" onClick={() => onPublish(row)}>
            {S.publish}
          </Button>
        ) : null}
        {row.stage === 'published' ? (
          <Button className="office-listing-open" size="small" fill="none" onClick={() => void Taro.switchTab({ url: PAGES.listing })}>
            {S.openList}
          </Button>
        ) : null}
      </View>
      {/* 第十九条: the published list also goes out through the official account. */}
      {row.stage === 'published' && row.listingId ? <ArticleActions kind="listing" sourceId={row.listingId} /> : null}
    </View>
  )
}

function ListingWorkbench() {
  const list = usePagedQuery<Row>(fetchRows, '')
  usePullDownReload(list)
  useDidShow(() => {
    if (list.status === 'ready') void list.refresh()
  })
  const [dialog, confirm] = useConfirm()
  const [error, setError] = useState('')
  const publish = (row: Row) =>
    confirm({
      title: S.confirmTitle,
      content: S.confirmText(row.callTitle, row.approvedCount ?? 0),
      confirmText: S.confirm,
      onConfirm: async () => {
        setError('')
        try {
          await publishListing(row.callId)
          void Taro.showToast({ title: S.done, icon: 'none' })
        } catch (e) {
          setError(toApiError(e).message)
        }
        await list.refresh()
      },
    })
  return (
    <View className="office-listing">
      {dialog}
      <OfficeHeader title={S.title}>
        <Text className="office-total office-listing-intro">{S.intro}</Text>
      </OfficeHeader>
      {error ? <Text className="office-listing-error">{error}</Text> : null}
      <PagedListBody
        list={list}
        prefix="office-listing-list"
        className="office-listing-list"
        strings={S}
        loading={<SkeletonList className="office-listing-loading" itemClassName="office-listing-row" rows={3} />}
        footer={{ className: 'office-listing-footer' }}
      >
        {(row) => <ListingRow key={row.id} row={row} onPublish={publish} />}
      </PagedListBody>
    </View>
  )
}

/** 名单公布 (第十九条): each call's list after publicity — awaiting approval, approved, published — and publishing it. */
export default function OfficeListingPage() {
  return (
    <View className="page office">
      <StaffOnly>
        {(me: Me) => (
          <WorkbenchShell me={me} area="listing">
            <ListingWorkbench />
          </WorkbenchShell>
        )}
      </StaffOnly>
    </View>
  )
}
