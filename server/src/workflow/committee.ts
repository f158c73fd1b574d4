import {
  assignmentMachine,
  committeeMachine,
  conflictMachine,
  type AssignmentEvent,
  type AssignmentState,
  type CommitteeEvent,
  type CommitteeState,
  type ConflictEvent,
  type ConflictState,
} from '@zlbg/shared'
import type { AssignmentRecord, CommitteeRecord, ConflictRecord } from '../models/committee'
import { applyTransition, type TransitionRequest } from './transition'

type Step<S extends string, E extends string, D> = Omit<TransitionRequest<S, E, D>, 'model' | 'machine' | 'resourceType' | 'notFound' | 'history' | 'callOf'>

// Each step is judged with the actor as they act in the call (actorInCall): per-call roles count there.

/** A committee's step (shared/src/workflow/committee.ts), persisted by applyTransition. */
export const committeeTransition = (step: Step<CommitteeState, CommitteeEvent, CommitteeRecord>) =>
  applyTransition<CommitteeState, CommitteeEvent, CommitteeRecord>({
    ...step,
    model: step.models.Committee,
    machine: committeeMachine,
    callOf: (d) => d.callId.toHexString(),
    resourceType: 'committee',
    notFound: 'COMMITTEE_NOT_FOUND',
  })

/** An assignment's withdrawal: its `slot` is freed in the same update, so the expert can be assigned again later. */
export const assignmentTransition = (step: Step<AssignmentState, AssignmentEvent, AssignmentRecord>) =>
  applyTransition<AssignmentState, AssignmentEvent, AssignmentRecord>({
    ...step,
    set: { slot: `withdrawn:${String(step.id)}`, withdrawnAt: step.now ?? new Date(), withdrawnReason: step.reason, ...step.set },
    model: step.models.Assignment,
    machine: assignmentMachine,
    callOf: (d) => d.callId.toHexString(),
    resourceType: 'assignment',
    notFound: 'ASSIGNMENT_NOT_FOUND',
  })

export const conflictTransition = (step: Step<ConflictState, ConflictEvent, ConflictRecord>) =>
  applyTransition<ConflictState, ConflictEvent, ConflictRecord>({
    ...step,
    model: step.models.Conflict,
    machine: conflictMachine,
    callOf: (d) => d.callId.toHexString(),
    resourceType: 'conflict',
    notFound: 'CONFLICT_NOT_FOUND',
  })
