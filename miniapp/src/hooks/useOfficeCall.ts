import { CallIdParamsSchema } from '@zlbg/shared'
import { fetchOfficeCall, type OfficeCall } from '../api/officeCalls'
import { useLoaded, validId, type LoadedState, type LoadedStatus } from './useLoaded'

export interface OfficeCallState extends Omit<LoadedState<OfficeCall>, 'status'> {
  /** 'new': opened without an id, nothing saved yet (`replace` with the first save makes it 'ready'). */
  status: LoadedStatus | 'new'
}

/** One call in the office's view (drafts included) by id; no id means a new call. Failures other than "not found" are also toasted. */
export function useOfficeCall(id: string | undefined): OfficeCallState {
  const loaded = useLoaded(fetchOfficeCall, validId(CallIdParamsSchema, id), { toastErrors: true })
  return !id && loaded.data === null ? { ...loaded, status: 'new' } : loaded
}
