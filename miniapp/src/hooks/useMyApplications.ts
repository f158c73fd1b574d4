import { useCallback } from 'react'
import { fetchMyApplicationPage, type ApplicationSummary } from '../api/applications'
import { usePagedQuery, type PagedQueryState } from './usePagedQuery'

/** 我的申报: the applications of the caller's organizations (or one of them), newest first. */
export function useMyApplications(organizationId: string | undefined, userKey: string): PagedQueryState<ApplicationSummary> {
  const fetchPage = useCallback((page: number) => fetchMyApplicationPage(page, organizationId), [organizationId])
  return usePagedQuery(fetchPage, `${userKey}:${organizationId ?? ''}`)
}
