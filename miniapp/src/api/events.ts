import type { ResponseOf } from '@zlbg/shared'
import { callApi } from './client'

/** 活动 tab (第二十条): the public list only; everything else about events lives in the event subpackage. */
export type PublicEventRow = ResponseOf<'listEvents'>['items'][number]

export const fetchEventPage = (page: number) => callApi('listEvents', { query: { page, pageSize: 10 } })
