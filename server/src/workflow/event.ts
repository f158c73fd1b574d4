import {
  eventMachine,
  registrationMachine,
  type EventAction,
  type EventEvent,
  type EventState,
  type RegistrationEvent,
  type RegistrationState,
} from '@zlbg/shared'
import type { Models } from '../models'
import type { EventRecord, RegistrationRecord } from '../models/event'
import { applyAction, applyTransition, type ActionRequest, type TransitionRequest } from './transition'

type Fixed = 'model' | 'machine' | 'resourceType' | 'notFound' | 'history' | 'callOf' | 'stateField'

/** One step of an exchange event (shared/src/workflow/event.ts, 第二十条). Events belong to no call. */
export function eventTransition(step: Omit<TransitionRequest<EventState, EventEvent, EventRecord, EventAction>, Fixed>) {
  return applyTransition<EventState, EventEvent, EventRecord, EventAction>({ ...step, ...eventResource(step.models) })
}

/** A change the event's state allows without moving it (an edit). */
export function eventAction(step: Omit<ActionRequest<EventState, EventEvent, EventRecord, EventAction>, Fixed>) {
  return applyAction<EventState, EventEvent, EventRecord, EventAction>({ ...step, ...eventResource(step.models) })
}

const eventResource = (models: Models) => ({ model: models.Event, machine: eventMachine, resourceType: 'event', notFound: 'EVENT_NOT_FOUND' as const })

/** One step of a registration (promote, cancel, check in, no-show); its dates go to `history`, which the registrant sees. */
export function registrationTransition(step: Omit<TransitionRequest<RegistrationState, RegistrationEvent, RegistrationRecord>, Fixed>) {
  return applyTransition<RegistrationState, RegistrationEvent, RegistrationRecord>({
    ...step,
    model: step.models.Registration,
    machine: registrationMachine,
    resourceType: 'registration',
    notFound: 'REGISTRATION_NOT_FOUND',
    history: 'history',
  })
}
