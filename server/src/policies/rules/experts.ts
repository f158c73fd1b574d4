import { hasCallRole, inCommittee } from '../callRoles'
import { isStaff, staff, type Rules } from './define'

/**
 * The pool, the committees and the review work (第九条–第十三条). Rules marked per call judge a
 * resource carrying the caller's per-call roles (policies/callRoles.ts), resolved by the handler.
 */
export const EXPERT_RULES: Rules = {
  // 第九条, 第十一条, 第十二条: the office keeps the pool, forms committees and assigns.
  'expert.manage': { who: staff },
  'committee.manage': { who: staff },
  // The chair and vice chairs follow every group's progress; a group leader their own group (per call).
  'committee.overview': {
    who: [...staff, 'expert'],
    resource: (a, r) => isStaff(a) || hasCallRole(r, 'committee_chair', 'committee_vice_chair', 'group_leader'),
  },
  // 第十三条: an expert sees only the calls they sit in, and only applications assigned to them.
  'review.listOwn': { who: ['expert'] },
  'review.pledge': { who: ['expert'], resource: (_a, r) => inCommittee(r) },
  'review.listAssigned': { who: ['expert'], resource: (_a, r) => inCommittee(r) },
  'review.readAssigned': { who: ['expert'], resource: (_a, r) => !!r.callRoles?.assignmentIds.includes(r.id) },
  // A file link is bound to the expert it was made for: the handler checks the caller is that person.
  'review.download': { who: ['expert'] },
  'review.declare': { who: ['expert'], resource: (_a, r) => inCommittee(r) },
}
