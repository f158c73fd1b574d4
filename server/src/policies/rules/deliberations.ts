import { actorHasRole } from '../roles'
import type { Actor } from '../actor'
import { isApplicant, staff, type Rules } from './define'

/** The chair or a vice chair of the resource's call (第十一条), resolved per call by the loader. */
const presides = (a: Actor) => actorHasRole(a, 'committee_chair') || actorHasRole(a, 'committee_vice_chair')

/** Deliberation (合议) and sign-off, defense slots, site visits (第十六条, 第十七条). */
export const DELIBERATION_RULES: Rules = {
  // The office records the meeting; only the chair or a vice chair signs it (第十一条, 第十六条).
  'deliberation.manage': { who: staff },
  'deliberation.listOwn': { who: ['expert'] },
  'deliberation.sign': { who: ['expert'], resource: presides },
  // 第十七条: the office schedules defense and site visits.
  'defense.manage': { who: staff },
  'siteVisit.manage': { who: staff },
  // The applicant sees and confirms their own slot: time, place or link only (第十三条).
  'defense.readOwn': { who: ['org_member'], resource: isApplicant },
  'defense.confirm': { who: ['org_member'], resource: isApplicant },
}
