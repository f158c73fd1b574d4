import { applicationMachine, type ApplicationAction, type ApplicationEvent, type ApplicationState } from '@zlbg/shared'
import type { ApplicationRecord } from '../models/application'
import { applyTransition, type TransitionRequest } from './transition'

type Fixed = 'model' | 'machine' | 'resourceType' | 'notFound' | 'history' | 'callOf' | 'stateField'
type ApplicationStep = Omit<TransitionRequest<ApplicationState, ApplicationEvent, ApplicationRecord, ApplicationAction>, Fixed>

/** What every step of an application shares: its model, machine, call and not-found answer. */
export const applicationResource = (models: TransitionRequest<ApplicationState, ApplicationEvent, ApplicationRecord>['models']) => ({
  model: models.Application,
  machine: applicationMachine,
  resourceType: 'application',
  notFound: 'APPLICATION_NOT_FOUND' as const,
  callOf: (d: ApplicationRecord) => d.callId.toHexString(),
})

/**
 * One step of an application's workflow (shared/src/workflow/application.ts), persisted by
 * applyTransition; every step's date goes to `history`, the stage dates the applicant sees (第十三条).
 */
export function applicationTransition(step: ApplicationStep) {
  return applyTransition<ApplicationState, ApplicationEvent, ApplicationRecord, ApplicationAction>({
    ...step,
    ...applicationResource(step.models),
    history: 'history',
  })
}
