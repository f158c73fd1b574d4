import type { Actor } from '../actor'
import { actorHasRole } from '../roles'
import { isStaff, staff, type Rules } from './define'

const inCommittee = (a: Actor) => (a.call?.roles.length ?? 0) > 0
const wholeCommittee = (a: Actor) => isStaff(a) || actorHasRole(a, 'committee_chair') || actorHasRole(a, 'committee_vice_chair')

/**
 * Whether the actor may reopen a submitted score of this group (第十六条): the office any, a group
 * leader only their own group's. The machine checks the role; this the group, which the machine
 * cannot see.
 */
export const mayReopenInGroup = (a: Actor, groupId: string) => isStaff(a) || (actorHasRole(a, 'group_leader') && a.call?.groupId === groupId)

/** The groups whose progress the actor follows: every group, or the one they lead; undefined for none. */
export function progressScope(a: Actor): 'all' | string | undefined {
  if (wholeCommittee(a)) return 'all'
  return actorHasRole(a, 'group_leader') ? a.call?.groupId : undefined
}

/** Scoring (第十六条, 第十七条): rubric and settings, the experts' scores, progress, reopening. */
export const SCORING_RULES: Rules = {
  // The office sets the rubric of 第六条 and the call's review settings, starts the material round and
  // reads every version of every score.
  'scoring.manage': { who: staff },
  // Progress per group and expert: the office, the chair and vice chairs, a group leader their group.
  'scoring.progress': { who: [...staff, 'expert'], resource: (a) => progressScope(a) !== undefined },
  // The group leader (own group, checked by the handler against the score) or the office.
  'scoring.reopen': { who: [...staff, 'expert'], resource: (a) => isStaff(a) || actorHasRole(a, 'group_leader') },
  // 第十三条: an expert scores only what is assigned to them.
  'scoring.listOwn': { who: ['expert'], resource: (a) => inCommittee(a) },
  'scoring.score': { who: ['expert'], resource: (a, r) => actorHasRole(a, 'assigned_expert') && !!a.call?.assignmentIds?.includes(r.id) },
}
