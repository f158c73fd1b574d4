import type { ResponseOf } from '@zlbg/shared'
import { callApi, type QueryOf } from './client'

/** 发送记录 (office): apart from messages.ts so its routes stay out of the weapp main package (config/routeSplit.ts). */

export type OutboxPage = ResponseOf<'listOutbox'>
export type OutboxFilter = Pick<QueryOf<'listOutbox'>, 'status' | 'channel'>

export const OUTBOX_PAGE_SIZE = 20

export function fetchOutboxPage(filter: OutboxFilter, page: number, pageSize = OUTBOX_PAGE_SIZE): Promise<OutboxPage> {
  return callApi('listOutbox', { query: { ...filter, page, pageSize } })
}

export function retryOutbox(id: string) {
  return callApi('retryOutbox', { params: { id }, toast: false })
}
