import type { Role } from '@zlbg/shared'
import type { Actor, Resource } from '../actor'

export type Who = readonly Role[] | 'everyone' | 'signedIn'
export interface Rule {
  who: Who
  /** A check against the object itself, made by the handler once it has loaded it. */
  resource?: (actor: Actor, resource: Resource) => boolean
}
export type Rules = Record<string, Rule>

export const staff = ['office', 'admin'] as const
export const isStaff = (a: Actor) => a.roles.some((r) => r === 'office' || r === 'admin')
export const isMember = (a: Actor, org: Resource) => a.organizationIds.includes(org.id)
/** 第十三条: an application is seen by its own organization's members, and by the office. */
export const isApplicant = (a: Actor, app: Resource) => !!app.organizationId && a.organizationIds.includes(app.organizationId)
