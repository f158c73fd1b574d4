import { PublicityIdParamsSchema } from '@zlbg/shared'
import { fetchPublicity, fetchPublicityPage, type PublicityList } from '../api/publicity'
import { useLoaded, validId, type LoadedState } from './useLoaded'
import { usePagedQuery, type PagedQueryState } from './usePagedQuery'

/** 公示名单, newest first, page by page. */
export function usePublicityList(): PagedQueryState<PublicityList> {
  return usePagedQuery(fetchPublicityPage, '')
}

/** One list by id; a failure other than "not found" is also toasted. */
export function usePublicity(id: string | undefined): LoadedState<PublicityList> {
  return useLoaded(fetchPublicity, validId(PublicityIdParamsSchema, id), { toastErrors: true })
}
