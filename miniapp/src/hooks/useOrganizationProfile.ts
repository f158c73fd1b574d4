import { OrganizationIdParamsSchema } from '@zlbg/shared'
import { fetchOrganizationProfile, type ProfileView } from '../api/profiles'
import { useLoaded, type LoadedState } from './useLoaded'

/** An organization's profile (组织信息, 第八条) by organization id; `profile` is absent until first saved. */
export function useOrganizationProfile(organizationId: string | undefined): LoadedState<ProfileView> {
  const valid = organizationId && OrganizationIdParamsSchema.safeParse({ id: organizationId }).success ? organizationId : undefined
  return useLoaded(fetchOrganizationProfile, valid)
}
