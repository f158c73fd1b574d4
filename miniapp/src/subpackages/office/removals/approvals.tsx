import { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { PagedListBody, SkeletonList } from '../../../components/PagedListBody'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { usePagedQuery } from '../../../hooks/usePagedQuery'
import { PAGES } from '../../../navigation'
import { fetchRemovalsToApprove, type RemovalRow } from './api'
import { ApproverOnly } from './ApproverOnly'
import { RemovalRowView } from './RemovalRowView'

function Approvals() {
  const list = usePagedQuery<RemovalRow>((page) => fetchRemovalsToApprove(page), 'approver')
  useDidShow(() => void list.refresh())
  return (
    <View className="removal-page approver-removals">
      <PagedListBody
        list={list}
        prefix="approver-removals"
        className="approver-removals-list"
        strings={{ errorTitle: '移除记录加载失败', empty: '暂无待确认的移除', emptyHint: '评审委员会主任委员或副主任委员确认后的移除会列在这里（第二十一条）' }}
        loading={<SkeletonList className="approver-removals-loading" itemClassName="removal-row" rows={2} />}
        footer={{ className: 'removal-list-footer approver-removals-footer', endClassName: 'removal-list-end' }}
      >
        {(r) => <RemovalRowView key={r.id} r={r} url={PAGES.approverRemoval} />}
      </PagedListBody>
    </View>
  )
}

/** 移除确认 for the CAQ approver (第二十一条): removals the chair confirmed, the most recently changed first; those waiting are marked. */
export default function ApproverRemovals() {
  return (
    <ApproverOnly>
      {(me) => (
        <WorkbenchShell me={me} area="removalApprovals">
          <Approvals />
        </WorkbenchShell>
      )}
    </ApproverOnly>
  )
}
