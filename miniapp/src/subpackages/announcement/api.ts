import type { ResponseOf } from '@zlbg/shared'
import { callApi } from '../../api/client'

/** Removal announcements (公告, 第二十一条) as anyone reads them: published ones only. */
export type Announcement = ResponseOf<'getAnnouncement'>

export const fetchAnnouncementPage = (page: number) => callApi('listAnnouncements', { query: { page, pageSize: 10 }, toast: false })
export const fetchAnnouncement = (id: string) => callApi('getAnnouncement', { params: { id }, toast: false })
