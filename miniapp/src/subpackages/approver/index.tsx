import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatDateTime } from '@zlbg/shared'
import { PagedListBody, SkeletonList } from '../../components/PagedListBody'
import { usePagedQuery } from '../../hooks/usePagedQuery'
import { openPage, PAGES } from '../../navigation'
import { usePullDownReload } from '../office/components/useOfficeList'
import { ApproverGate } from './ApproverGate'
import { fetchApprovalCalls, type ApprovalCallRow } from './api'
import { APPROVER_STRINGS as S } from './strings'
import './approver.css'

type Row = ApprovalCallRow & { id: string }
const fetchRows = async (page: number) => {
  const found = await fetchApprovalCalls(page)
  return { ...found, items: found.items.map((r) => ({ ...r, id: r.callId })) }
}

function CallRow({ row }: { row: Row }) {
  const awaiting = row.stage === 'awaiting'
  return (
    <View
      className={`approver-card approver-call approver-call--${row.stage}`}
      data-call-id={row.callId}
      onClick={() => openPage(`${PAGES.approverListing}?callId=${encodeURIComponent(row.callId)}`)}
    >
      <Text className="approver-card-title">{row.callTitle}</Text>
      <View className="approver-meta">
        <Text className={`approver-badge approver-call-stage${awaiting ? ' approver-badge--todo' : ''}`}>{row.stageLabel}</Text>
        <Text>{`${row.year} 年度`}</Text>
        <Text>{S.passed(row.passedCount)}</Text>
        {row.approvedCount !== undefined ? <Text>{S.decided(row.approvedCount, row.heldBackCount ?? 0)}</Text> : null}
      </View>
      {row.publicityClosedAt ? <Text className="approver-hint">{S.closedAt(formatDateTime(row.publicityClosedAt))}</Text> : null}
      {row.approval ? <Text className="approver-hint">{S.approvalRecord(row.approval.name, formatDateTime(row.approval.at))}</Text> : null}
      <Text className="approver-link">{awaiting ? S.open : S.view}</Text>
    </View>
  )
}

function Queue() {
  const list = usePagedQuery<Row>(fetchRows, '')
  usePullDownReload(list)
  // Back from signing: the row shows its new stage.
  useDidShow(() => {
    if (list.status === 'ready') void list.refresh()
  })
  return (
    <View className="page approver approver-home">
      <View className="approver-card approver-intro">
        <Text className="approver-card-title">{S.homeTitle}</Text>
        <Text className="approver-hint">{S.intro}</Text>
      </View>
      <PagedListBody
        list={list}
        prefix="approver-calls"
        className="approver-calls"
        strings={S}
        loading={<SkeletonList className="approver-calls-loading" itemClassName="approver-card" rows={3} />}
        footer={{ className: 'approver-calls-footer' }}
      >
        {(row) => <CallRow key={row.id} row={row} />}
      </PagedListBody>
    </View>
  )
}

/** 审批工作台 (第十九条): calls whose publicity closed — awaiting the approver first — and the lists signed. */
export default function ApproverHome() {
  return <ApproverGate>{() => <Queue />}</ApproverGate>
}
