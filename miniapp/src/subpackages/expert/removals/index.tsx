import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatDateTime } from '@zlbg/shared'
import { PagedListBody, SkeletonList } from '../../../components/PagedListBody'
import { SignInPrompt } from '../../../components/SignInPrompt'
import { usePagedQuery } from '../../../hooks/usePagedQuery'
import { useMe } from '../../../hooks/useMe'
import { openPage, PAGES } from '../../../navigation'
import { fetchRemovalsToConfirm, type CommitteeRemovalRow } from './api'
import '../expert.css'
import '../../../components/removals/removals.css'

/** 移除确认: removals of a call the person chairs or vice-chairs (第二十一条), newest first; those waiting are marked. */
export default function ExpertRemovals() {
  const { status: meStatus } = useMe()
  const list = usePagedQuery<CommitteeRemovalRow>((page) => fetchRemovalsToConfirm(page), 'mine')
  useDidShow(() => void list.refresh())
  if (meStatus === 'signedOut') return <SignInPrompt />
  return (
    <View className="page expert expert-removals">
      <PagedListBody
        list={list}
        prefix="expert-removals"
        className="expert-removals-list"
        strings={{ errorTitle: '移除记录加载失败', empty: '暂无待确认的移除', emptyHint: '办公室提出的移除（第二十一条）由评审委员会主任委员或副主任委员确认，会列在这里' }}
        loading={<SkeletonList className="expert-removals-loading" itemClassName="expert-card" rows={2} />}
        footer={{ className: 'removal-list-footer expert-removals-footer', endClassName: 'removal-list-end' }}
      >
        {(r) => (
          <View key={r.id} className="expert-card expert-removal-row" data-removal-id={r.id} onClick={() => openPage(`${PAGES.expertRemoval}?id=${r.id}`)}>
            <Text className="expert-card-title">{`${r.experience.organizationName}《${r.experience.title}》`}</Text>
            <View className="expert-meta">
              <Text className={`expert-badge${r.actionable ? ' expert-badge--state' : ''}`}>{r.actionable ? '待确认' : r.stateLabel}</Text>
              <Text>{r.reasonLabel}</Text>
              <Text>{`提出于 ${formatDateTime(r.proposedAt)}`}</Text>
            </View>
          </View>
        )}
      </PagedListBody>
    </View>
  )
}
