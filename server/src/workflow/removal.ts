import { removalMachine, type RemovalAction, type RemovalEvent, type RemovalState } from '@zlbg/shared'
import type { Models } from '../models'
import type { RemovalRecord } from '../models/listing'
import { applyAction, applyTransition, type ActionRequest, type TransitionRequest } from './transition'

type Fixed = 'model' | 'machine' | 'resourceType' | 'notFound' | 'history' | 'callOf' | 'stateField'

/** What every step of a removal shares: its model, machine, deciding call (the chair's per-call role) and not-found answer. */
const removalResource = (models: Models) => ({
  model: models.Removal,
  machine: removalMachine,
  resourceType: 'removal',
  notFound: 'REMOVAL_NOT_FOUND' as const,
  callOf: (d: RemovalRecord) => d.callId.toHexString(),
})

/** One step of a removal (shared/src/workflow/listing.ts removalMachine, 第二十一条); its dates go to `history`. */
export function removalTransition(step: Omit<TransitionRequest<RemovalState, RemovalEvent, RemovalRecord, RemovalAction>, Fixed>) {
  return applyTransition<RemovalState, RemovalEvent, RemovalRecord, RemovalAction>({ ...step, ...removalResource(step.models), history: 'history' })
}

/** A change the removal's state allows without moving it (the office editing the drafted announcement). */
export function removalAction(step: Omit<ActionRequest<RemovalState, RemovalEvent, RemovalRecord, RemovalAction>, Fixed>) {
  return applyAction<RemovalState, RemovalEvent, RemovalRecord, RemovalAction>({ ...step, ...removalResource(step.models) })
}
