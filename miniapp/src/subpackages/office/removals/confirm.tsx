import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { RemovalIdParamsSchema } from '@zlbg/shared'
import { LoadStates } from '../../../components/LoadStates'
import { RemovalCase } from '../../../components/removals/RemovalCase'
import { RemovalDecisionForm } from '../../../components/removals/RemovalDecisionForm'
import { WorkbenchShell } from '../../../components/workbench/WorkbenchShell'
import { useLoaded, validId } from '../../../hooks/useLoaded'
import { PAGES } from '../../../navigation'
import { decideAsApprover, downloadFileForApprover, fetchRemovalToApprove, type Removal } from './api'
import { ApproverOnly } from './ApproverOnly'

const CONSEQUENCE = '确认后该典型经验即移出名单（保留历史记录并标注已移除），按模板起草公告并通知该组织；公告由办公室审核后发布（第二十一条）。此决定不能撤回。'

function Confirm({ r, setR }: { r: Removal; setR: (r: Removal) => void }) {
  return (
    <View className="removal-page approver-removal">
      <RemovalCase r={r} download={(attachmentId, filename) => void downloadFileForApprover(r.id, attachmentId, filename)} />
      {r.events.includes('confirmByApprover') ? (
        <RemovalDecisionForm r={r} who="审批人" consequence={CONSEQUENCE} decide={decideAsApprover} onDecided={setR} />
      ) : (
        <View className="removal-card">
          <Text className="removal-meta approver-removal-done">{`当前状态：${r.stateLabel}`}</Text>
        </View>
      )}
    </View>
  )
}

/** One removal the chair confirmed: the CAQ approver confirms or declines it (第二十一条). */
export default function ApproverRemoval() {
  const { params } = useRouter()
  const loaded = useLoaded(fetchRemovalToApprove, validId(RemovalIdParamsSchema, params.id))
  return (
    <ApproverOnly>
      {(me) => (
        <WorkbenchShell me={me} area="removalApprovals" within context={{ key: 'removalApprovals', url: PAGES.approverRemovals }}>
          {loaded.data ? (
            <Confirm r={loaded.data} setR={loaded.replace} />
          ) : (
            <LoadStates
              status={loaded.status}
              error={loaded.error}
              onRetry={() => void loaded.reload()}
              loading={{ className: 'removal-page', rows: [3, 5] }}
              classes={{ notFound: 'approver-removal-not-found', back: 'approver-removal-back', error: 'approver-removal-error', retry: 'approver-removal-retry' }}
              strings={{ notFoundTitle: '移除记录不存在或尚未经主任委员确认', notFoundDescription: '', errorTitle: '移除记录加载失败' }}
            />
          )}
        </WorkbenchShell>
      )}
    </ApproverOnly>
  )
}
