/**
 * Publicity (公示, 第十八条): the office publishes a call's recommended list for 5 working days
 * (workdays.ts computes the window); anyone may object (objections.ts) while it is open. This file
 * holds the concepts the server, the mini-program and the OpenAPI document share; the list's
 * entries are snapshots of what the public may see (organization, experience title, sector,
 * region) taken when the list is published, never the application itself.
 */

/**
 * open: published, objections accepted between the window's opensAt and closesAt;
 * closed: the closing job ran after closesAt (entries with no open objection passed publicity).
 */
export const PUBLICITY_STATES = ['open', 'closed'] as const
export type PublicityState = (typeof PUBLICITY_STATES)[number]
export const PUBLICITY_STATE_LABELS: Record<PublicityState, string> = { open: '公示中', closed: '公示结束' }

/**
 * What the public sees of one entry: listed (in publicity), withdrawn after an upheld objection
 * (kept on the list, marked — 第十八条), passed publicity.
 */
export const PUBLICITY_ENTRY_STATUSES = ['listed', 'withdrawn', 'passed'] as const
export type PublicityEntryStatus = (typeof PUBLICITY_ENTRY_STATUSES)[number]
export const PUBLICITY_ENTRY_STATUS_LABELS: Record<PublicityEntryStatus, string> = {
  listed: '公示中',
  withdrawn: '经异议核实，已撤销',
  passed: '公示通过',
}
