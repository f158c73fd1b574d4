import { CallIdParamsSchema } from '@zlbg/shared'
import { fetchCall, type CallDetail } from '../api/calls'
import { useLoaded, validId, type LoadedState } from './useLoaded'

/** One published call (征集通知) by id; a failure other than "not found" is also toasted. */
export function useCall(id: string | undefined): LoadedState<CallDetail> {
  return useLoaded(fetchCall, validId(CallIdParamsSchema, id), { toastErrors: true })
}
