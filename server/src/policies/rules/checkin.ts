import type { Actor, Resource } from '../actor'
import { isApplicant, staff, type Rules } from './define'

/**
 * A registration's ticket is its organization's (any member: the organization registers its attendees
 * and any of its members may hand the ticket on), or — on the public quota, where no organization
 * registers — the person who registered it alone.
 */
const holdsTicket = (a: Actor, r: Resource) => isApplicant(a, r) || (!!r.userId && r.userId === a.userId)

/** Check-in and the attendance obligation (第二十条). */
export const CHECKIN_RULES: Rules = {
  'checkin.ticket': { who: 'signedIn', resource: holdsTicket },
  'checkin.manage': { who: staff },
  'attendance.manage': { who: staff },
}
