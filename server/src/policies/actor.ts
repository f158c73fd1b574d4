import type { CallRole, CommitteeState, Role } from '@zlbg/shared'

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
  call?: CallRoles
}

/**
 * What a person is in one call (第十条–第十三条): their place in its committee and, once review has
 * started, their active assignments. Derived per request (policies/callRoles.ts), never stored.
 */
export interface CallRoles {
  id: string
  roles: readonly CallRole[]
  /** The pool entry linked to the caller's account, when there is an active one. */
  expertId?: string
  committeeState?: CommitteeState
  /** The group the caller leads or sits in (an expert sits in at most one group of a call). */
  groupId?: string
  /** Active assignments, once review has started (before that they are the office's draft). */
  assignmentIds?: readonly string[]
  applicationIds?: readonly string[]
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
  /** The one person it belongs to when no organization does (a registration on an event's public quota). */
  userId?: string
}
