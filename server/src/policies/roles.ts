import type { CallRole, Role } from '@zlbg/shared'
import type { Models } from '../models'
import type { Actor } from './actor'
import { resolveCallRoles } from './callRoles'

/**
 * One role can stand for another. `admin` is the office's administrator (README "Accounts": the
 * first account is "the first office administrator"): everything the office may do, an admin may do,
 * plus what only an admin does (grant the admin role, act on office accounts). It implies nothing
 * else: the committee chair and vice chairs (第十一条) sign off deliberations (第十六条), experts
 * review and score (第十条, 第十六条) and CAQ approves the list (第十九条) — separate duties an
 * account administrator does not hold by being one.
 */
const IMPLIES: Partial<Record<Role, readonly Role[]>> = {
  admin: ['office'],
}

/** What the role function reads: the person's roles, and those they hold in the call at hand. */
export type RoleHolder = Pick<Actor, 'roles'> & Partial<Pick<Actor, 'call'>>

/**
 * THE role check. Every place that asks "does this person have this role" asks here: the policy
 * rules (`who` lists and resource rules), the workflow machines' steps (applyTransition and the
 * commands pass this function to the machine), the account rules of users.ts, and the presenters
 * that show buttons. A per-call role (committee chair, group leader, assigned expert) counts only
 * in the call it was resolved for (actorInCall).
 */
export function actorHasRole(holder: RoleHolder, role: Role | CallRole): boolean {
  if (holder.roles.some((r) => r === role || (IMPLIES[r] as readonly string[] | undefined)?.includes(role))) return true
  return (holder.call?.roles as readonly string[] | undefined)?.includes(role) ?? false
}

/** The machine's view of the same check: `machine.transition(from, event, { hasRole: hasRoleOf(actor) })`. */
export const hasRoleOf = (holder: RoleHolder) => (role: Role | CallRole) => actorHasRole(holder, role)

/**
 * The actor as they act in one call: their global roles plus the roles they hold in that call
 * (committee chair / vice chair, group leader / member, assigned expert, 第九条–第十三条), derived
 * from the call's committee and assignments, never stored on the account. The loaders and
 * applyTransition resolve it once per request.
 */
export async function actorInCall(models: Models, actor: Actor, callId: string | undefined): Promise<Actor> {
  if (!callId || !actor.userId) return actor
  return { ...actor, call: await resolveCallRoles(models, actor, callId) }
}
