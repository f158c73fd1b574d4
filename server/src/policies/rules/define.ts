import type { Role } from '@zlbg/shared'
import type { Actor, Resource } from '../actor'
import { actorHasRole } from '../roles'

export type Who = readonly Role[] | 'everyone' | 'signedIn'
export interface Rule {
  who: Who
  /**
   * A check against the object itself, made by its loader (policies/loaders.ts) once it has loaded
   * it; the actor then carries their roles in the resource's call (actor.call).
   */
  resource?: (actor: Actor, resource: Resource) => boolean
}
export type Rules = Record<string, Rule>

/** The office; `admin` implies it (policies/roles.ts), so it is not listed again. */
export const staff = ['office'] as const
export const isStaff = (a: Actor) => actorHasRole(a, 'office')
/** The organization itself: its id is the resource's id. */
export const isMember = (a: Actor, org: Resource) => a.organizationIds.includes(org.id)
/** 第十三条: an application is seen by its own organization's members, and by the office. */
export const isApplicant = (a: Actor, app: Resource) => !!app.organizationId && a.organizationIds.includes(app.organizationId)
