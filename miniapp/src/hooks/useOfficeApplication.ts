import { ApplicationIdParamsSchema } from '@zlbg/shared'
import { fetchOfficeApplication, type OfficeApplicationDetail } from '../api/officeApplications'
import { useLoaded, validId, type LoadedState } from './useLoaded'

/** One application as the office reviews it (资格审查, 第十五条), by id; failures other than "not found" are also toasted. */
export function useOfficeApplication(id: string | undefined): LoadedState<OfficeApplicationDetail> {
  return useLoaded(fetchOfficeApplication, validId(ApplicationIdParamsSchema, id), { toastErrors: true })
}
