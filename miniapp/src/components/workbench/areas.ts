import type { Me } from '@zlbg/shared'
import { isOfficeStaff } from '../../api/session'
import { PAGES } from '../../pagePaths'
import { WORKBENCH_STRINGS } from './strings'

const S = WORKBENCH_STRINGS.nav

export type WorkbenchGroupKey = keyof typeof S.groups
export type WorkbenchAreaKey = keyof typeof S.areas

export interface WorkbenchArea {
  key: WorkbenchAreaKey
  group: WorkbenchGroupKey
  title: string
  /** Absent for an area that lives inside another (a call's applications): the page passes its link. */
  url?: string
  /** Who sees the area in the side navigation; the page's own gate and the server decide the rest. */
  visible: (me: Me) => boolean
}

/**
 * The side navigation, one row per area, in order. The scoring, publicity, objection,
 * publication and event issues add their areas here (with groups of their own and a `visible` that
 * reads the caller's roles), and their pages wrap themselves in WorkbenchShell.
 */
export const WORKBENCH_AREAS: readonly WorkbenchArea[] = [
  { key: 'calls', group: 'calls', title: S.areas.calls, url: PAGES.officeCalls, visible: isOfficeStaff },
  { key: 'applications', group: 'calls', title: S.areas.applications, visible: isOfficeStaff },
  { key: 'organizations', group: 'organizations', title: S.areas.organizations, url: PAGES.officeOrganizations, visible: isOfficeStaff },
  { key: 'verifications', group: 'organizations', title: S.areas.verifications, url: PAGES.officeVerifications, visible: isOfficeStaff },
  // 第九条–第十三条: the pool; a call's committee and its assignment are reached from it.
  { key: 'experts', group: 'experts', title: S.areas.experts, url: PAGES.officeExperts, visible: isOfficeStaff },
  { key: 'committee', group: 'experts', title: S.areas.committee, visible: isOfficeStaff },
  { key: 'assignments', group: 'experts', title: S.areas.assignments, visible: isOfficeStaff },
  // 第六条, 第十六条: a call's review settings, the material round and scoring progress (from 回避与分配).
  { key: 'review', group: 'experts', title: S.areas.review, visible: isOfficeStaff },
  // 第十六条, 第十七条: a call's figures and ranking, reached from the calls' committees.
  { key: 'ranking', group: 'experts', title: S.areas.ranking, visible: isOfficeStaff },
  // 第十六条, 第十七条: a call's deliberations, defense slots and site visits, reached from 专家库's calls.
  { key: 'deliberations', group: 'experts', title: S.areas.deliberations, visible: isOfficeStaff },
  { key: 'defense', group: 'experts', title: S.areas.defense, visible: isOfficeStaff },
  // 第十八条: publishing a call's recommended list, and each list's status.
  { key: 'publicity', group: 'publicity', title: S.areas.publicity, url: PAGES.officePublicity, visible: isOfficeStaff },
  // 第十八条: the working days the publicity window is counted in.
  { key: 'calendar', group: 'publicity', title: S.areas.calendar, url: PAGES.officeCalendar, visible: isOfficeStaff },
  // 第十八条: objections received during publicity, investigated and put to the committee.
  { key: 'objections', group: 'publicity', title: S.areas.objections, url: PAGES.officeObjections, visible: isOfficeStaff },
  // 第十八条、第十九条: the official account as a channel — articles, their HTML and the pushes to its draft box.
  { key: 'articles', group: 'publicity', title: S.areas.articles, url: PAGES.officeArticles, visible: isOfficeStaff },
  // 第十九条: each call's list — awaiting the approver, approved, published — and publishing it.
  { key: 'listing', group: 'listing', title: S.areas.listing, url: PAGES.officeListing, visible: isOfficeStaff },
  // 第二十条: listed organizations and their obligations; 第十九条: earlier years' lists imported.
  { key: 'listed', group: 'listing', title: S.areas.listed, url: PAGES.officeListed, visible: isOfficeStaff },
  { key: 'listedImport', group: 'listing', title: S.areas.listedImport, url: PAGES.officeListedImport, visible: isOfficeStaff },
  // 第二十一条: removal from the list and its announcement; the CAQ approver's confirmations.
  { key: 'removals', group: 'removal', title: S.areas.removals, url: PAGES.officeRemovals, visible: isOfficeStaff },
  { key: 'removalApprovals', group: 'removal', title: S.areas.removalApprovals, url: PAGES.approverRemovals, visible: (me) => me.roles.includes('approver') },
  // 第二十条: exchange events, their registrations and waitlists.
  { key: 'events', group: 'events', title: S.areas.events, url: PAGES.officeEvents, visible: isOfficeStaff },
  // 第二十条: check-in at one event (reached from the event), and listed organizations' attendance.
  { key: 'checkin', group: 'events', title: S.areas.checkin, visible: isOfficeStaff },
  { key: 'attendance', group: 'events', title: S.areas.attendance, url: PAGES.officeAttendance, visible: isOfficeStaff },
  { key: 'accounts', group: 'system', title: S.areas.accounts, url: PAGES.officeUsers, visible: isOfficeStaff },
  { key: 'audit', group: 'system', title: S.areas.audit, url: PAGES.officeAudit, visible: isOfficeStaff },
  { key: 'outbox', group: 'system', title: S.areas.outbox, url: PAGES.officeOutbox, visible: isOfficeStaff },
]

/** The areas `me` sees, grouped in navigation order. */
export function navigationGroups(me: Me): { group: WorkbenchGroupKey; title: string; areas: WorkbenchArea[] }[] {
  const groups: { group: WorkbenchGroupKey; title: string; areas: WorkbenchArea[] }[] = []
  for (const area of WORKBENCH_AREAS) {
    if (!area.visible(me)) continue
    let group = groups.find((g) => g.group === area.group)
    if (!group) {
      group = { group: area.group, title: S.groups[area.group], areas: [] }
      groups.push(group)
    }
    group.areas.push(area)
  }
  return groups
}
