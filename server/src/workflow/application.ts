import { applicationMachine, type ApplicationEvent, type ApplicationState } from '@zlbg/shared'
import type { ApplicationRecord } from '../models/application'
import { applyTransition, type TransitionRequest } from './transition'

type ApplicationStep = Omit<TransitionRequest<ApplicationState, ApplicationEvent, ApplicationRecord>, 'model' | 'machine' | 'resourceType' | 'notFound' | 'history'>

/**
 * One step of an application's workflow (shared/src/workflow/application.ts), persisted by
 * applyTransition; every step's date goes to `history`, the stage dates the applicant sees (第十三条).
 */
export function applicationTransition(step: ApplicationStep) {
  return applyTransition<ApplicationState, ApplicationEvent, ApplicationRecord>({
    ...step,
    model: step.models.Application,
    machine: applicationMachine,
    resourceType: 'application',
    notFound: 'APPLICATION_NOT_FOUND',
    history: 'history',
  })
}
