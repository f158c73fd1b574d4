import type { Role } from '@zlbg/shared'
import type { CallRoles } from './callRoles'

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
}

export const PUBLIC_ACTOR: Actor = { roles: ['public'], organizationIds: [] }

/** The object a rule judges: its id, and for an application the organization that made it. */
export interface Resource {
  id: string
  organizationId?: string
  /** The call it belongs to, for rules that depend on the caller's per-call roles. */
  callId?: string
  /** The caller's roles in that call, resolved by policies/callRoles.ts before the rule is asked. */
  callRoles?: CallRoles
}
