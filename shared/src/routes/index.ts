export * from './define'
import { SYSTEM_ROUTES } from './system'
import { CALL_ROUTES } from './calls'
import { AUTH_ROUTES } from './auth'
import { USER_ROUTES } from './users'
import { ORGANIZATION_ROUTES } from './organizations'
import { ATTACHMENT_ROUTES } from './attachments'
import { APPLICATION_ROUTES } from './applications'
import { QUALIFICATION_ROUTES } from './qualification'
import { MESSAGE_ROUTES } from './messages'
import { AUDIT_ROUTES } from './audit'
import { EXPERT_ROUTES } from './experts'
import { COMMITTEE_ROUTES } from './committees'
import { SIMILARITY_ROUTES } from './similarity'
import { SCORING_ROUTES } from './scoring'
import { RANKING_ROUTES } from './ranking'
import { DELIBERATION_ROUTES } from './deliberations'
import { CALENDAR_ROUTES } from './calendar'
import { PUBLICITY_ROUTES } from './publicity'
import { OBJECTION_ROUTES } from './objections'
import { APPROVAL_ROUTES } from './approval'
import { LISTED_ROUTES } from './listed'
import { REMOVAL_ROUTES } from './removals'
import { FEED_ROUTES } from './feed'
import { ARTICLE_ROUTES } from './articles'
import { EVENT_ROUTES } from './events'
import { CHECKIN_ROUTES } from './checkin'
import type { z } from 'zod'

/**
 * The API contract (after ts-rest), one file per area merged here: the server binds handlers to it
 * and validates with it, the mini-program calls through it, and /openapi.json is generated from it.
 * Areas are merged in this order, which is the order the router tries them in.
 */
export const ROUTES = {
  ...SYSTEM_ROUTES,
  ...CALL_ROUTES,
  ...AUTH_ROUTES,
  ...USER_ROUTES,
  ...ORGANIZATION_ROUTES,
  ...ATTACHMENT_ROUTES,
  ...APPLICATION_ROUTES,
  ...QUALIFICATION_ROUTES,
  ...MESSAGE_ROUTES,
  ...AUDIT_ROUTES,
  ...EXPERT_ROUTES,
  ...COMMITTEE_ROUTES,
  ...SIMILARITY_ROUTES,
  ...SCORING_ROUTES,
  ...RANKING_ROUTES,
  ...DELIBERATION_ROUTES,
  ...CALENDAR_ROUTES,
  ...PUBLICITY_ROUTES,
  ...OBJECTION_ROUTES,
  ...APPROVAL_ROUTES,
  ...LISTED_ROUTES,
  ...REMOVAL_ROUTES,
  ...FEED_ROUTES,
  ...ARTICLE_ROUTES,
  ...EVENT_ROUTES,
  ...CHECKIN_ROUTES,
}

export type RouteName = keyof typeof ROUTES
export type ResponseOf<N extends RouteName> = z.infer<(typeof ROUTES)[N]['response']>
