import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatDate } from '@zlbg/shared'
import { PagedListBody, SkeletonList } from '../../../components/PagedListBody'
import { usePagedQuery } from '../../../hooks/usePagedQuery'
import { openPage, PAGES } from '../../../navigation'
import { fetchAnnouncementPage, type Announcement } from '../api'
import '../announcement.css'

/** 移除公告 (第二十一条): published announcements of removal from the list, newest first. */
export default function AnnouncementList() {
  const list = usePagedQuery<Announcement>((page) => fetchAnnouncementPage(page), 'announcements')
  usePullDownRefresh(() => {
    void list.refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())
  return (
    <View className="page announcement-page announcement-list-page">
      <Text className="announcement-intro">
        对申报材料弄虚作假以获得质量标杆典型经验的，或三年内诚信、质量、安全、环保等方面发生重大责任事故的，从典型经验名单移除并发布公告（《质量标杆典型经验征集管理办法》第二十一条）。
      </Text>
      <PagedListBody
        list={list}
        prefix="announcement-list"
        className="announcement-list"
        strings={{ errorTitle: '公告加载失败', empty: '暂无移除公告', emptyHint: '典型经验移出名单时，公告会发布在这里' }}
        loading={<SkeletonList className="announcement-list-loading" itemClassName="announcement-card" rows={3} count={2} />}
        footer={{ className: 'announcement-list-footer', endClassName: 'announcement-list-end' }}
      >
        {(a) => (
          <View key={a.id} className="announcement-card announcement-row" data-announcement-id={a.id} onClick={() => openPage(`${PAGES.announcement}?id=${a.id}`)}>
            <Text className="announcement-number">{a.number}</Text>
            <Text className="announcement-title">{a.title}</Text>
            <Text className="announcement-meta">{`${a.organizationName} · ${a.year}年名单 · ${a.reasonLabel} · ${formatDate(a.publishedAt)}`}</Text>
          </View>
        )}
      </PagedListBody>
    </View>
  )
}
