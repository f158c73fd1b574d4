import type { Role } from '@zlbg/shared'

/** Who is calling. Sign-in (a later issue) fills roles from the session; without one it is public. */
export interface Actor {
  userId?: string
  roles: readonly Role[]
}

export const PUBLIC_ACTOR: Actor = { roles: ['public'] }

/**
 * One line per rule: which roles may perform each action. Anything not listed is denied, so a new
 * route without a policy cannot be reached (第十三条: nothing unpublished is public).
 */
const RULES: Record<string, readonly Role[] | 'everyone'> = {
  'system.health': 'everyone',
  'system.openapi': 'everyone',
  // Only published and closed calls are ever loaded for these actions (see routes/calls.ts).
  'call.list': 'everyone',
  'call.read': 'everyone',
}

export function can(actor: Actor, action: string): boolean {
  const rule = RULES[action]
  if (!rule) return false
  return rule === 'everyone' || rule.some((r) => actor.roles.includes(r))
}

export function knownActions(): string[] {
  return Object.keys(RULES)
}
