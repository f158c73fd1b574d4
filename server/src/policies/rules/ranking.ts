import { actorHasRole } from '../roles'
import { isStaff, staff, type Rules } from './define'

/** Aggregation and ranking of a round, and the office's exports (第十六条, 第十七条). */
export const RANKING_RULES: Rules = {
  // The chair and vice chairs preside over the deliberation (第十一条) and see every group's figures;
  // a group leader their own group's (the handler narrows the rows); the office everything.
  'ranking.read': {
    who: [...staff, 'expert'],
    resource: (a) => isStaff(a) || actorHasRole(a, 'committee_chair') || actorHasRole(a, 'committee_vice_chair') || actorHasRole(a, 'group_leader'),
  },
  // 第十三条: exports name reviewers and carry their comments: the office's alone.
  'ranking.export': { who: staff },
}
