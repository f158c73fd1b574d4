/** Pure (no Taro import), so app.config.ts can read it at build time. */

/** Page paths, built in one place so links and app.config.ts cannot drift apart. */
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
} as const

/** The office subpackage, as app.config.ts declares it. */
export const OFFICE_SUBPACKAGE = {
  root: 'subpackages/office',
  pages: ['users/index', 'users/create', 'audit/index', 'outbox/index', 'organizations/index'],
} as const

/** The tab pages: opened with switchTab, never navigateTo. */
export const TAB_PAGES: readonly string[] = ['/pages/index/index', '/pages/publicity/index', '/pages/listing/index', '/pages/events/index', '/pages/me/index']
