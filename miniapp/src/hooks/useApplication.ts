import { ApplicationIdParamsSchema } from '@zlbg/shared'
import { fetchApplication, type Application } from '../api/applications'
import { useLoaded, validId, type LoadedState } from './useLoaded'

/** One of the caller's applications (申报) by id: content, stage, receipt, supplement request, actions. */
export function useApplication(id: string | undefined): LoadedState<Application> {
  return useLoaded(fetchApplication, validId(ApplicationIdParamsSchema, id))
}
