import { OrganizationIdParamsSchema } from '@zlbg/shared'
import { fetchOrganizationProfile, type ProfileView } from '../api/profiles'
import { useLoaded, validId, type LoadedState } from './useLoaded'

/** An organization's profile (组织信息, 第八条) by organization id; `profile` is absent until first saved. */
export function useOrganizationProfile(organizationId: string | undefined): LoadedState<ProfileView> {
  return useLoaded(fetchOrganizationProfile, validId(OrganizationIdParamsSchema, organizationId))
}
