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
  /** One application's similarity report (第二十一条): ?id=… */
  officeSimilarityReport: '/subpackages/office/similarity/report',
  /** Organization work (申报组织): a subpackage of its own. */
  orgProfile: '/subpackages/org/profile/index',
  /** 我的申报: ?organizationId=… optional */
  orgApplications: '/subpackages/org/applications/index',
  /** The application form in steps: ?id=… */
  orgApplicationEdit: '/subpackages/org/applications/edit',
  /** Stage, receipt, dates, supplement request: ?id=… */
  orgApplicationDetail: '/subpackages/org/applications/detail',
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
    'similarity/report',
  ],
} as const

/** The organization subpackage: profile and applications. */
export const ORG_SUBPACKAGE = {
  root: 'subpackages/org',
  pages: ['profile/index', 'applications/index', 'applications/edit', 'applications/detail'],
} as const

/** The tab pages: opened with switchTab, never navigateTo. */
export const TAB_PAGES: readonly string[] = ['/pages/index/index', '/pages/publicity/index', '/pages/listing/index', '/pages/events/index', '/pages/me/index']
