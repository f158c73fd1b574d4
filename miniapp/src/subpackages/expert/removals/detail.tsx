import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { RemovalIdParamsSchema } from '@zlbg/shared'
import { RemovalCase } from '../../../components/removals/RemovalCase'
import { RemovalDecisionForm } from '../../../components/removals/RemovalDecisionForm'
import { useLoaded, validId } from '../../../hooks/useLoaded'
import { ExpertLoadStates } from '../ExpertLoadStates'
import { decideAsChair, downloadFileForChair, fetchRemovalToConfirm } from './api'
import '../expert.css'

const CONSEQUENCE = '确认后报中国质量协会审批人确认；审批人确认后该典型经验移出名单并发布公告（第二十一条）。此决定不能撤回。'

/** One removal of the call the person chairs or vice-chairs: the case, and confirming or declining it (第二十一条). */
export default function ExpertRemoval() {
  const { params } = useRouter()
  const loaded = useLoaded(fetchRemovalToConfirm, validId(RemovalIdParamsSchema, params.id))
  const r = loaded.data
  if (!r) {
    return (
      <View className="page expert">
        <ExpertLoadStates loaded={loaded} rows={[3, 5]} strings={{ notFoundTitle: '移除记录不存在', notFoundDescription: '', errorTitle: '移除记录加载失败' }} />
      </View>
    )
  }
  return (
    <View className="page expert expert-removal">
      <RemovalCase r={r} download={(attachmentId, filename) => void downloadFileForChair(r.id, attachmentId, filename)} />
      {r.events.includes('confirmByChair') ? <RemovalDecisionForm r={r} who="主任委员/副主任委员" consequence={CONSEQUENCE} decide={decideAsChair} onDecided={loaded.replace} /> : null}
    </View>
  )
}
