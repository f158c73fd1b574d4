import type { Actor } from '../actor'
import { actorHasRole } from '../roles'
import { isStaff, staff, type Rules } from './define'

/** The group whose flagged applications the actor reads: the one they lead; undefined for anyone else. */
export const similarityGroupScope = (a: Actor): string | undefined => (actorHasRole(a, 'group_leader') ? a.call?.groupId : undefined)

/**
 * Whether the actor may know who the other side of a flag is (organization, title, year) and read the
 * office's reason (which may name it): the office always; an expert or group leader only when the
 * call does not hide it (第十三条 spirit: a reviewer judges the material, not a rival's name).
 */
export const mayKnowOtherApplicant = (a: Actor, settings: { hideIdentityFromExperts: boolean }) => isStaff(a) || !settings.hideIdentityFromExperts

export const SIMILARITY_RULES: Rules = {
  // Copied text (第二十一条): the report names other organizations and shows their text, so it is the
  // office's alone (第十三条); applicants never reach it.
  'similarity.read': { who: staff },
  'similarity.conclude': { who: staff },
  'similarity.configure': { who: staff },
  // During review (第十六条): the flags of an application assigned to the expert (第十三条: nothing else)…
  'similarity.assigned': { who: ['expert'], resource: (a, r) => actorHasRole(a, 'assigned_expert') && !!a.call?.assignmentIds?.includes(r.id) },
  // …and of the applications assigned in the group a leader leads.
  'similarity.group': { who: ['expert'], resource: (a) => similarityGroupScope(a) !== undefined },
}
