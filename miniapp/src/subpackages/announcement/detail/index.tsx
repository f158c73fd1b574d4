import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { AnnouncementIdParamsSchema, formatDate } from '@zlbg/shared'
import { LoadStates } from '../../../components/LoadStates'
import { useLoaded, validId } from '../../../hooks/useLoaded'
import { openPage, PAGES } from '../../../navigation'
import { fetchAnnouncement } from '../api'
import '../announcement.css'

/** One announcement of removal (公告, 第二十一条): its number, title and text, and the entry it removed. */
export default function AnnouncementDetail() {
  const { params } = useRouter()
  const loaded = useLoaded(fetchAnnouncement, validId(AnnouncementIdParamsSchema, params.id))
  const a = loaded.data
  if (!a) {
    return (
      <View className="page announcement-page">
        <LoadStates
          status={loaded.status}
          error={loaded.error}
          onRetry={() => void loaded.reload()}
          loading={{ className: 'announcement-loading', rows: [2, 6] }}
          classes={{ notFound: 'announcement-not-found', back: 'announcement-back', error: 'announcement-error', retry: 'announcement-retry' }}
          strings={{ notFoundTitle: '公告不存在或尚未发布', notFoundDescription: '', errorTitle: '公告加载失败' }}
        />
      </View>
    )
  }
  return (
    <View className="page announcement-page announcement-detail">
      <View className="announcement-card">
        <Text className="announcement-number announcement-detail-number">{a.number}</Text>
        <Text className="announcement-title announcement-detail-title">{a.title}</Text>
        <Text className="announcement-meta">{`发布日期：${formatDate(a.publishedAt)}`}</Text>
        <Text className="announcement-body announcement-detail-body">{a.body}</Text>
        <Text className="announcement-link announcement-experience-link" onClick={() => openPage(`${PAGES.listedExperience}?id=${a.experienceId}`)}>
          {`名单中的该典型经验（${a.year}年，已移除）`}
        </Text>
        <Text className="announcement-link announcement-all-link" onClick={() => openPage(PAGES.announcements)}>
          全部移除公告
        </Text>
      </View>
    </View>
  )
}
