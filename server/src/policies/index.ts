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

type Who = readonly Role[] | 'everyone' | 'signedIn'
interface Rule {
  who: Who
  /** A check against the object itself, made by the handler once it has loaded it. */
  resource?: (actor: Actor, resource: Resource) => boolean
}

/** The object a rule judges: its id, and for an application the organization that made it. */
export interface Resource {
  id: string
  organizationId?: string
}

const staff = ['office', 'admin'] as const
const isStaff = (a: Actor) => a.roles.some((r) => r === 'office' || r === 'admin')
const isMember = (a: Actor, org: Resource) => a.organizationIds.includes(org.id)
/** 第十三条: an application is seen by its own organization's members, and by the office. */
const isApplicant = (a: Actor, app: Resource) => !!app.organizationId && a.organizationIds.includes(app.organizationId)

/**
 * One line per rule. Anything not listed is denied, so a route without a policy cannot be reached.
 * Confidentiality (第十三条): an expert sees only what is assigned to them, an applicant never sees
 * scores, comments or reviewers, and nothing unpublished is public — each resource added later
 * states its rule here.
 */
const RULES: Record<string, Rule> = {
  'system.health': { who: 'everyone' },
  'system.openapi': { who: 'everyone' },
  // Only published and closed calls are ever loaded for these (routes/calls.ts).
  'call.list': { who: 'everyone' },
  'call.read': { who: 'everyone' },

  'auth.login': { who: 'everyone' },
  'session.end': { who: 'signedIn' },
  'me.read': { who: 'signedIn' },
  'me.update': { who: 'signedIn' },

  'user.manage': { who: staff },

  'organization.create': { who: 'signedIn' },
  'organization.join': { who: 'signedIn' },
  'organization.list': { who: staff },
  'organization.readMembers': { who: ['org_member', ...staff], resource: (a, o) => isStaff(a) || isMember(a, o) },
  'organization.invite': { who: ['org_member'], resource: isMember },
  'organization.leave': { who: ['org_member'], resource: isMember },
  'organization.rename': { who: ['org_member'], resource: isMember },
  'organization.reviewName': { who: staff },
  'organization.readProfile': { who: ['org_member', ...staff], resource: (a, o) => isStaff(a) || isMember(a, o) },
  'organization.editProfile': { who: ['org_member'], resource: isMember },

  // Anyone signed in may upload; a file is reachable only through the form that names it.
  'attachment.upload': { who: 'signedIn' },
  'call.manage': { who: staff },

  // Applications (第十四条): the organization's members make and follow them, and see nothing of review.
  'application.create': { who: ['org_member'], resource: isMember },
  'application.listOwn': { who: 'signedIn' },
  'application.readOwn': { who: ['org_member'], resource: isApplicant },
  'application.edit': { who: ['org_member'], resource: isApplicant },
  'application.submit': { who: ['org_member'], resource: isApplicant },
  'application.withdraw': { who: ['org_member'], resource: isApplicant },
  'application.readAttachment': { who: ['org_member', ...staff], resource: (a, app) => isStaff(a) || isApplicant(a, app) },
  // Qualification review (第十五条) and the office's lists are the office's.
  'application.review': { who: staff },

  'audit.read': { who: staff },
  'audit.export': { who: staff },

  // Everyone signed in has a message center; its handlers only ever load the caller's own messages.
  'message.readOwn': { who: 'signedIn' },
  // Subscription messages go to a WeChat account, so only a person signed in with WeChat reports them.
  'subscription.manage': { who: ['wechat_user'] },
  // Who was told what, and the errors of what could not be delivered: the office's to see and retry.
  'outbox.read': { who: staff },
  'outbox.retry': { who: staff },
}

function allowedByRole(actor: Actor, who: Who): boolean {
  if (who === 'everyone') return true
  if (who === 'signedIn') return actor.userId !== undefined
  return who.some((r) => actor.roles.includes(r))
}

/** Whether the actor may perform the action at all, and — given the object — on that object. */
export function can(actor: Actor, action: string, resource?: Resource): boolean {
  const rule = RULES[action]
  if (!rule || !allowedByRole(actor, rule.who)) return false
  return resource && rule.resource ? rule.resource(actor, resource) : true
}

export function knownActions(): string[] {
  return Object.keys(RULES)
}
