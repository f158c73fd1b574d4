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
}

export const PUBLIC_ACTOR: Actor = { roles: ['public'], organizationIds: [] }

/** The object a rule judges: its id, and for an application the organization that made it. */
export interface Resource {
  id: string
  organizationId?: string
  /** An application still in draft: its organization's alone (第十三条). */
  draft?: boolean
}
