import { APPLICANT_STAGE_LABELS, AUDIT_ACTION_LABELS, type ApplicationState } from '@zlbg/shared'
import { OFFICE_STATE_LABELS } from './strings'

export function officeStateLabel(state: string): string {
  return OFFICE_STATE_LABELS[state as ApplicationState] ?? APPLICANT_STAGE_LABELS[state as ApplicationState] ?? state
}

/** A log line's action: `application.qualify` or a bare workflow event. */
export function logActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? AUDIT_ACTION_LABELS[`application.${action}`] ?? action
}
