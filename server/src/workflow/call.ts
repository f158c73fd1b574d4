import { callMachine } from '@zlbg/shared'
import type { Models } from '../models'
import type { CallRecord } from '../models/call'

/** What every step of a call shares (shared/src/workflow/call.ts): its model, machine and not-found answer. */
export const callResource = (models: Models) => ({
  models,
  model: models.Call,
  machine: callMachine,
  resourceType: 'call',
  notFound: 'CALL_NOT_FOUND' as const,
  // A call's own roles (its committee) count on the call itself.
  callOf: (d: CallRecord) => d._id.toHexString(),
})
