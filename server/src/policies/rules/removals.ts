import { actorHasRole } from '../roles'
import type { Actor } from '../actor'
import { staff, type Rules } from './define'

/** The chair or a vice chair of the removal's call (第十一条), resolved per call by the loader. */
const presides = (a: Actor) => actorHasRole(a, 'committee_chair') || actorHasRole(a, 'committee_vice_chair')

/**
 * Removal from the list (第二十一条). The office starts, follows and withdraws removals and publishes
 * the announcement; the chair or a vice chair of the deciding call confirms first, then the CAQ
 * approver (第十九条's approver, whose list it was); anyone reads a published announcement. The
 * applicant never reads a removal — only its application's state and, once public, the announcement.
 */
export const REMOVAL_RULES: Rules = {
  'announcement.read': { who: 'everyone' },
  'removal.manage': { who: staff },
  'removal.listToConfirm': { who: ['expert'] },
  'removal.confirmAsChair': { who: ['expert'], resource: presides },
  'removal.approve': { who: ['approver'] },
}
