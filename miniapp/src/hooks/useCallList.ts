import type { CallSummary } from '@zlbg/shared'
import { fetchCallPage } from '../api/calls'
import { usePagedQuery, type PagedQueryState } from './usePagedQuery'

export type CallListState = PagedQueryState<CallSummary>

/** Published calls (征集通知), newest first, page by page. */
export function useCallList(): CallListState {
  return usePagedQuery(fetchCallPage, '')
}
