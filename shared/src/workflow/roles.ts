/** The actors of docs/ARCHITECTURE.md ("Who uses it"). Per-call and per-organization roles are derived on the server. */
export const ROLES = [
  'public',
  'wechat_user',
  'org_member',
  'listed_org_member',
  'expert',
  'office',
  'committee_chair',
  'committee_vice_chair',
  'approver',
  'admin',
  /** Scheduled jobs (deadlines passing, windows closing). */
  'system',
] as const
export type Role = (typeof ROLES)[number]
