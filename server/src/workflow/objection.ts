import { objectionMachine, type ObjectionAction, type ObjectionEvent, type ObjectionState } from '@zlbg/shared'
import type { Models } from '../models'
import type { ObjectionRecord } from '../models/publicity'
import { applyAction, applyTransition, type ActionRequest, type TransitionRequest } from './transition'

type Fixed = 'model' | 'machine' | 'resourceType' | 'notFound' | 'history' | 'callOf' | 'stateField'

/** What every step of an objection shares: its model, machine, call (the chair's per-call role) and not-found answer. */
const objectionResource = (models: Models) => ({
  model: models.Objection,
  machine: objectionMachine,
  resourceType: 'objection',
  notFound: 'OBJECTION_NOT_FOUND' as const,
  callOf: (d: ObjectionRecord) => d.callId.toHexString(),
})

/** One step of an objection's handling (shared/src/workflow/objection.ts); its dates go to `history`, which the objector sees. */
export function objectionTransition(step: Omit<TransitionRequest<ObjectionState, ObjectionEvent, ObjectionRecord, ObjectionAction>, Fixed>) {
  return applyTransition<ObjectionState, ObjectionEvent, ObjectionRecord, ObjectionAction>({ ...step, ...objectionResource(step.models), history: 'history' })
}

/** A change the objection's state allows without moving it (an explanation requested or answered). */
export function objectionAction(step: Omit<ActionRequest<ObjectionState, ObjectionEvent, ObjectionRecord, ObjectionAction>, Fixed>) {
  return applyAction<ObjectionState, ObjectionEvent, ObjectionRecord, ObjectionAction>({ ...step, ...objectionResource(step.models) })
}
