import type { Actor, Resource } from './actor'
import { actorHasRole } from './roles'
import { ACCOUNT_RULES } from './rules/accounts'
import { APPLICATION_RULES } from './rules/applications'
import { AUDIT_RULES } from './rules/audit'
import { CALL_RULES } from './rules/calls'
import type { Rules, Who } from './rules/define'
import { EXPERT_RULES } from './rules/experts'
import { MESSAGE_RULES } from './rules/messages'
import { ORGANIZATION_RULES } from './rules/organizations'
import { SIMILARITY_RULES } from './rules/similarity'
import { SCORING_RULES } from './rules/scoring'
import { RANKING_RULES } from './rules/ranking'
import { DELIBERATION_RULES } from './rules/deliberations'
import { SYSTEM_RULES } from './rules/system'
import { CALENDAR_RULES } from './rules/calendar'
import { PUBLICITY_RULES } from './rules/publicity'
import { OBJECTION_RULES } from './rules/objections'
import { APPROVAL_RULES } from './rules/approval'
import { LISTED_RULES } from './rules/listed'
import { REMOVAL_RULES } from './rules/removals'
import { ARTICLE_RULES } from './rules/articles'
import { EVENT_RULES } from './rules/events'
import { CHECKIN_RULES } from './rules/checkin'

export { PUBLIC_ACTOR, type Actor, type CallRoles, type Resource } from './actor'
export { actorHasRole, actorInCall, hasRoleOf } from './roles'
export { expertOfActor } from './callRoles'

/**
 * One line per rule, in one file per area (rules/<area>.ts). Anything not listed is denied, so a
 * route without a policy cannot be reached. Confidentiality (第十三条): an expert sees only what is
 * assigned to them, an applicant never sees scores, comments or reviewers, and nothing unpublished
 * is public — each resource added later states its rule in its area's file.
 */
const RULES: Rules = {
  ...SYSTEM_RULES,
  ...CALL_RULES,
  ...ACCOUNT_RULES,
  ...ORGANIZATION_RULES,
  ...APPLICATION_RULES,
  ...AUDIT_RULES,
  ...MESSAGE_RULES,
  ...EXPERT_RULES,
  ...SIMILARITY_RULES,
  ...SCORING_RULES,
  ...RANKING_RULES,
  ...DELIBERATION_RULES,
  ...CALENDAR_RULES,
  ...PUBLICITY_RULES,
  ...OBJECTION_RULES,
  ...APPROVAL_RULES,
  ...LISTED_RULES,
  ...REMOVAL_RULES,
  ...ARTICLE_RULES,
  ...EVENT_RULES,
  ...CHECKIN_RULES,
}

function allowedByRole(actor: Actor, who: Who): boolean {
  if (who === 'everyone') return true
  if (who === 'signedIn') return actor.userId !== undefined
  return who.some((r) => actorHasRole(actor, r))
}

/** Whether the actor may perform the action at all, and — given the object — on that object. */
export function can(actor: Actor, action: string, resource?: Resource): boolean {
  const rule = RULES[action]
  if (!rule || !allowedByRole(actor, rule.who)) return false
  return resource && rule.resource ? rule.resource(actor, resource) : true
}

export function knownActions(): string[] {
  return Object.keys(RULES)
}
