import type { Role } from '@zlbg/shared'

/** Who is calling, resolved from the session on every request (nothing cached in memory). */
export interface Actor {
  userId?: string
  displayName?: string
  roles: readonly Role[]
  /** Organizations the person is a member of. */
  organizationIds: readonly string[]
  sessionId?: string
  ip?: string
  /** Set when a token was sent but no longer names a valid session. */
  sessionProblem?: 'SESSION_EXPIRED' | 'SESSION_REVOKED'
  /**
   * The roles the person holds in the call being acted on (committee, groups, assignments), resolved
   * by actorInCall (policies/roles.ts) for that one call; never stored, never carried to another call.
   */
  call?: { id: string; roles: readonly Role[] }
}

export const PUBLIC_ACTOR: Actor = { roles: ['public'], organizationIds: [] }

/**
 * The object a rule judges: its id; the organization that owns it (an application's applicant, or
 * the organization itself); and the call it belongs to, for which the loader resolved the actor's
 * per-call roles (actor.call) before the rule runs. An assignment-based rule (an expert sees what is
 * assigned to them, 第十三条) reads them there.
 */
export interface Resource {
  id: string
  organizationId?: string
  callId?: string
  /** An application still in draft: its organization's alone (第十三条). */
  draft?: boolean
}
