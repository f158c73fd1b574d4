/**
 * The mini-program's page paths, in one place so its links, its app.config.ts and the server's
 * notices (a message links to the page it is about) cannot drift apart. Pure — no import at all —
 * so app.config.ts can read it at build time (miniapp/src/pagePaths.ts).
 */
export const PAGES = {
  home: '/pages/index/index',
  me: '/pages/me/index',
  callDetail: '/pages/call/detail',
  passwordLogin: '/pages/login/password',
  acceptInvite: '/pages/login/invite',
  changePassword: '/pages/me/password',
  /** 我的 → 消息 (main package: every signed-in person has one). */
  messages: '/pages/me/messages',
  /** The office workbench: a subpackage (app.config.ts), loaded when first opened. */
  officeUsers: '/subpackages/office/users/index',
  officeUserCreate: '/subpackages/office/users/create',
  officeAudit: '/subpackages/office/audit/index',
  officeOutbox: '/subpackages/office/outbox/index',
  officeOrganizations: '/subpackages/office/organizations/index',
  /** 组织核验 (第八条(一)): claims of one credit code side by side. */
  officeVerifications: '/subpackages/office/verifications/index',
  /** 征集通知管理 (第五条): list, and the editor (?id=… to edit, none to create). */
  officeCalls: '/subpackages/office/calls/index',
  officeCallEdit: '/subpackages/office/calls/edit',
  /** A call's applications and the qualification review queue (第十五条): ?callId=… */
  officeApplications: '/subpackages/office/applications/index',
  /** One application under review: ?id=… */
  officeApplicationReview: '/subpackages/office/applications/review',
  /** 专家库 (第九条): pool, coverage, import and its report; the calls' committees from there. */
  officeExperts: '/subpackages/office/experts/index',
  /** A call's committee (第十一条, 第十二条): ?callId=… */
  officeCommittee: '/subpackages/office/experts/committee',
  /** A call's conflicts and assignment (第十二条, 第十三条): ?callId=… */
  officeAssignments: '/subpackages/office/experts/assignments',
  /** A call's review rounds (第六条, 第十六条): rubric and settings, starting the material round, progress: ?callId=… */
  officeReview: '/subpackages/office/review/index',
  /** One score with every submitted version: ?id=… */
  officeScore: '/subpackages/office/review/score',
  /** A call's review figures and ranking per round, and its exports (第十六条, 第十七条): ?callId=… */
  officeRanking: '/subpackages/office/ranking/index',
  /** Expert work (评审专家): a subpackage of its own; the pledge and my calls. */
  expertHome: '/subpackages/expert/index',
  /** My assignments in one call, and declaring conflicts: ?callId=… */
  expertAssignments: '/subpackages/expert/assignments',
  /** One assigned application: ?id=… */
  expertAssignment: '/subpackages/expert/assignment',
  /** A call's deliberation records (合议, 第十六条, 第十七条): ?callId=… */
  officeDeliberations: '/subpackages/office/review/deliberations',
  /** A call's defense slots and site visits (第十七条): ?callId=… */
  officeDefense: '/subpackages/office/review/defense',
  /** The chair's and vice chairs' deliberations to sign (第十一条). */
  expertDeliberations: '/subpackages/expert/deliberations',
  /** One deliberation to read and sign: ?id=… */
  expertDeliberation: '/subpackages/expert/deliberation',
  /** The scoring form of one assignment (第十六条, 第十七条): ?id=…&round=material|defense */
  expertScore: '/subpackages/expert/score',
  /** A group leader's (or the chair's) scoring progress: ?callId=…&round=… */
  expertProgress: '/subpackages/expert/progress',
  /** One application's similarity report (第二十一条): ?id=… */
  officeSimilarityReport: '/subpackages/office/similarity/report',
  /** 工作日历: each year's holidays and make-up days, and the publicity window preview (第十八条). */
  officeCalendar: '/subpackages/office/calendar/index',
  /** 公示 tab (第十八条): open and recent lists. */
  publicity: '/pages/publicity/index',
  /** 公示 (第十八条): a list with its entries: ?id=… */
  publicityDetail: '/pages/publicity/detail',
  /** 公示管理: calls with recommended applications, each list's status. */
  officePublicity: '/subpackages/office/publicity/index',
  /** Publishing one call's list: start day, computed window, contact, confirmation: ?callId=… */
  officePublicityStart: '/subpackages/office/publicity/start',
  /** 公众号图文 (第十八条、第十九条): an article per public list or announcement, the HTML and the pushes to the draft box. */
  officeArticles: '/subpackages/office/articles/index',
  /** Organization work (申报组织): a subpackage of its own. */
  orgProfile: '/subpackages/org/profile/index',
  /** 我的申报: ?organizationId=… optional */
  orgApplications: '/subpackages/org/applications/index',
  /** The application form in steps: ?id=… */
  orgApplicationEdit: '/subpackages/org/applications/edit',
  /** Stage, receipt, dates, supplement request: ?id=… */
  orgApplicationDetail: '/subpackages/org/applications/detail',
  /** Filing an objection (异议, 第十八条) against one publicity entry: ?publicityId=…&entryId=… */
  objectionFile: '/subpackages/objection/file/index',
  /** 我的异议: receipt numbers and states. */
  objectionMine: '/subpackages/objection/mine/index',
  /** One of my objections: ?id=… */
  objectionDetail: '/subpackages/objection/detail/index',
  /** The office's objection queue (?callId=… optional) and one objection (?id=…). */
  officeObjections: '/subpackages/office/objections/index',
  /** Check-in at one exchange event (第二十条): scan or type the code, counts, no-shows, the attendance list: ?id=… */
  officeEventCheckIn: '/subpackages/office/events/checkin',
  /** The attendance obligation (第二十条): listed organizations' attendance over a period, reminders, export. */
  officeAttendance: '/subpackages/office/attendance/index',
  officeObjection: '/subpackages/office/objections/detail',
  /** The office's exchange events (第二十条), one event's form and steps (?id=…, none: a new one), its registrations (?id=…). */
  officeEvents: '/subpackages/office/events/index',
  officeEventEdit: '/subpackages/office/events/edit',
  officeEventRegistrations: '/subpackages/office/events/registrations',
  /** The chair's and vice chairs' objections to decide (第十八条), and one of them (?id=…). */
  expertObjections: '/subpackages/expert/objections/index',
  expertObjection: '/subpackages/expert/objections/detail',
  /** 名单 tab (第十九条): published lists by year, and a link to the announcements. */
  listing: '/pages/listing/index',
  /** One listed experience: ?id=… */
  listedExperience: '/subpackages/listed/experience/index',
  /** A listed organization's experiences across years, events and removals: ?id=… */
  listedOrganization: '/subpackages/listed/organization/index',
  /** 审批工作台 (第十九条): the CAQ approver's queue of calls whose publicity closed. */
  approverHome: '/subpackages/approver/index',
  /** One call's approval sheet: the entries, deciding and signing (the approver), the record (the office too): ?callId=… */
  approverListing: '/subpackages/approver/listing',
  /** 名单公布 (第十九条): each call's list — awaiting approval, approved, published — and publishing it. */
  officeListing: '/subpackages/office/listing/index',
  /** Removal announcements (公告, 第二十一条), and one of them (?id=…). */
  announcements: '/subpackages/announcement/list/index',
  announcement: '/subpackages/announcement/detail/index',
  /** 活动 tab (第二十条): published exchange events. */
  events: '/pages/events/index',
  /** One event, registering attendees, my registrations and their QR codes: ?id=… */
  eventDetail: '/subpackages/event/detail/index',
  /** My organization's registrations with each attendee's check-in QR code. */
  eventMine: '/subpackages/event/mine/index',
  /** One confirmed attendee's check-in QR code and short code: ?id=… */
  eventTicket: '/subpackages/event/ticket/index',
  /** 入选组织 (第二十条): every listed organization with its obligations status. */
  officeListed: '/subpackages/office/listed/index',
  /** 往年名单导入 (第十九条): template, upload, report of bad rows, past imports. */
  officeListedImport: '/subpackages/office/listed/import',
  /** 移除管理 (第二十一条): the office's removals (?state=… optional), starting one, and one removal (?id=…). */
  officeRemovals: '/subpackages/office/removals/index',
  officeRemovalStart: '/subpackages/office/removals/start',
  officeRemoval: '/subpackages/office/removals/detail',
  /** The CAQ approver's removals to confirm, and one of them (?id=…); in the office subpackage, gated by the approver role. */
  approverRemovals: '/subpackages/office/removals/approvals',
  approverRemoval: '/subpackages/office/removals/confirm',
  /** The chair's and vice chairs' removals to confirm (第二十一条), and one of them (?id=…). */
  expertRemovals: '/subpackages/expert/removals/index',
  expertRemoval: '/subpackages/expert/removals/detail',
} as const

/** The office subpackage, as app.config.ts declares it. */
export const OFFICE_SUBPACKAGE = {
  root: 'subpackages/office',
  pages: [
    'users/index',
    'users/create',
    'audit/index',
    'outbox/index',
    'organizations/index',
    'verifications/index',
    'calls/index',
    'calls/edit',
    'applications/index',
    'applications/review',
    'experts/index',
    'experts/committee',
    'experts/assignments',
    'similarity/report',
    'review/deliberations',
    'review/defense',
    'calendar/index',
    'review/index',
    'review/score',
    'ranking/index',
    'publicity/index',
    'publicity/start',
    'objections/index',
    'objections/detail',
    'listing/index',
    'listed/index',
    'listed/import',
    'removals/index',
    'removals/start',
    'removals/detail',
    'removals/approvals',
    'removals/confirm',
    'articles/index',
    'events/index',
    'events/edit',
    'events/registrations',
    'events/checkin',
    'attendance/index',
  ],
} as const

/** The CAQ approver's workbench (第十九条): nothing of it is in the main package. */
export const APPROVER_SUBPACKAGE = {
  root: 'subpackages/approver',
  pages: ['index', 'listing'],
} as const

/** The expert subpackage: nothing of it is in the main package. */
export const EXPERT_SUBPACKAGE = {
  root: 'subpackages/expert',
  pages: ['index', 'assignments', 'assignment', 'score', 'progress', 'deliberations', 'deliberation', 'objections/index', 'objections/detail', 'removals/index', 'removals/detail'],
} as const

/** Objections (异议, 第十八条): filing and following, for any signed-in WeChat user. */
export const OBJECTION_SUBPACKAGE = {
  root: 'subpackages/objection',
  pages: ['file/index', 'mine/index', 'detail/index'],
} as const

/** The public list's pages (第十九条), outside the main package. */
export const LISTED_SUBPACKAGE = {
  root: 'subpackages/listed',
  pages: ['experience/index', 'organization/index'],
} as const

/** Removal announcements (公告, 第二十一条), public. */
export const ANNOUNCEMENT_SUBPACKAGE = {
  root: 'subpackages/announcement',
  pages: ['list/index', 'detail/index'],
} as const

/** Exchange events (交流活动, 第二十条) for the public and listed organizations. */
export const EVENT_SUBPACKAGE = {
  root: 'subpackages/event',
  pages: ['detail/index', 'mine/index', 'ticket/index'],
} as const

/** The organization subpackage: profile and applications. */
export const ORG_SUBPACKAGE = {
  root: 'subpackages/org',
  pages: ['profile/index', 'applications/index', 'applications/edit', 'applications/detail'],
} as const

/** The tab pages: opened with switchTab, never navigateTo. */
export const TAB_PAGES: readonly string[] = ['/pages/index/index', '/pages/publicity/index', '/pages/listing/index', '/pages/events/index', '/pages/me/index']
