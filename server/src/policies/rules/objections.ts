import { actorHasRole } from '../roles'
import type { Actor } from '../actor'
import { isApplicant, staff, type Rules } from './define'

/** The chair or a vice chair of the objection's call (第十一条), resolved per call by the loader. */
const presides = (a: Actor) => actorHasRole(a, 'committee_chair') || actorHasRole(a, 'committee_vice_chair')

/**
 * Objections (异议, 第十八条). Anyone may read what can be objected to; a signed-in WeChat user files
 * under their real name and alone follows their objection (the route filters by filer: another user
 * gets 404); the office handles it and alone sees who objected; the call's chair or a vice chair
 * decides; the applicant answers the office's explanation requests about its own application.
 */
export const OBJECTION_RULES: Rules = {
  'objection.readTarget': { who: 'everyone' },
  'objection.file': { who: ['wechat_user'] },
  'objection.readOwn': { who: 'signedIn' },
  'objection.manage': { who: staff },
  'objection.listToDecide': { who: ['expert'] },
  'objection.decide': { who: ['expert'], resource: presides },
  'explanation.answer': { who: ['org_member'], resource: isApplicant },
}
