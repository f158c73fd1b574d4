import type { ResponseOf } from '@zlbg/shared'
import { callApi } from './client'

/** 我的 → 消息 (everyone signed in) and WeChat subscription credits (WeChat users); 发送记录 (office) is in outbox.ts. */

export type MessagePage = ResponseOf<'listMyMessages'>
export type Subscriptions = ResponseOf<'mySubscriptions'>

export const MESSAGE_PAGE_SIZE = 20

export function fetchMessagePage(page: number, pageSize = MESSAGE_PAGE_SIZE): Promise<MessagePage> {
  return callApi('listMyMessages', { query: { page, pageSize } })
}

/** The unread count alone (for the badge on 我的): one item, no toast if it fails. */
export async function fetchUnreadCount(): Promise<number> {
  const page = await callApi('listMyMessages', { query: { page: 1, pageSize: 1 }, toast: false })
  return page.unread
}

export function markMessageRead(id: string): Promise<void> {
  return callApi('readMyMessage', { params: { id }, toast: false })
}

export function fetchSubscriptions(toast = true): Promise<Subscriptions> {
  return callApi('mySubscriptions', { toast })
}

export function reportSubscriptions(accepted: string[]): Promise<Subscriptions> {
  return callApi('reportSubscriptions', { body: { accepted } })
}
