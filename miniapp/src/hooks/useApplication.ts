import { ApplicationIdParamsSchema } from '@zlbg/shared'
import { fetchApplication, type Application } from '../api/applications'
import { useLoaded, type LoadedState } from './useLoaded'

/** One of the caller's applications (申报) by id: content, stage, receipt, supplement request, actions. */
export function useApplication(id: string | undefined): LoadedState<Application> {
  const valid = id && ApplicationIdParamsSchema.safeParse({ id }).success ? id : undefined
  return useLoaded(fetchApplication, valid)
}
