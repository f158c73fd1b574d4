import { actorHasRole } from '../roles'
import type { Actor } from '../actor'
import { isStaff, staff, type Rules } from './define'

/** Any place in the call's committee: chair, vice chair, group leader or member, or an assignment. */
const inCommittee = (a: Actor) => (a.call?.roles.length ?? 0) > 0

/**
 * The pool, the committees and the review work (第九条–第十三条). Rules marked per call judge the
 * actor as they act in the resource's call (actorInCall resolves their committee place, loaders.ts).
 */
export const EXPERT_RULES: Rules = {
  // 第九条, 第十一条, 第十二条: the office keeps the pool, forms committees and assigns.
  'expert.manage': { who: staff },
  'committee.manage': { who: staff },
  // The chair and vice chairs follow every group's progress; a group leader their own group (per call).
  'committee.overview': {
    who: [...staff, 'expert'],
    resource: (a) => isStaff(a) || actorHasRole(a, 'committee_chair') || actorHasRole(a, 'committee_vice_chair') || actorHasRole(a, 'group_leader'),
  },
  // 第十三条: an expert sees only the calls they sit in, and only applications assigned to them.
  'review.listOwn': { who: ['expert'] },
  'review.pledge': { who: ['expert'], resource: (a) => inCommittee(a) },
  'review.listAssigned': { who: ['expert'], resource: (a) => inCommittee(a) },
  'review.readAssigned': { who: ['expert'], resource: (a, r) => actorHasRole(a, 'assigned_expert') && !!a.call?.assignmentIds?.includes(r.id) },
  // A file link is bound to the expert it was made for: the handler checks the caller is that person.
  'review.download': { who: ['expert'] },
  'review.declare': { who: ['expert'], resource: (a) => inCommittee(a) },
}
