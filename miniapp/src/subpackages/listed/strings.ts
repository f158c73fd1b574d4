import { formatDate } from '@zlbg/shared'

/** The listed pages' words (第十九条、第二十条、第二十一条), out of the main package. */
export const LISTED_STRINGS = {
  experience: {
    title: '入选经验',
    notFoundTitle: '入选经验不存在',
    notFoundDescription: '该条目不存在，请返回名单查看。',
    errorTitle: '入选经验加载失败',
    year: (y: number) => `${y}年度入选`,
    summary: '经验简介',
    noSummary: '该条目未登记经验简介。',
    organization: '入选单位',
    viewOrganization: '查看该单位的历年入选经验 ›',
    others: (n: number) => `该单位的其他入选经验（${n}）`,
    publishedAt: (at: string) => `公布于 ${formatDate(at)}`,
    imported: '往年名单（由质量标杆工作办公室录入）',
  },
  removal: {
    removed: '已移除出名单',
    line: (at: string, reason: string) => `${formatDate(at)} 因「${reason}」移除（第二十一条）`,
    announcement: '查看移除公告 ›',
    announcementPending: '移除公告待发布。',
  },
  organization: {
    title: '入选组织',
    notFoundTitle: '入选组织不存在',
    notFoundDescription: '该单位不存在，请返回名单查看。',
    errorTitle: '入选组织加载失败',
    counts: (listed: number, removed: number) => (removed ? `在列经验 ${listed} 项，已移除 ${removed} 项` : `在列经验 ${listed} 项`),
    years: (years: number[]) => `入选年份：${years.join('、')}`,
    experiences: '历年入选经验',
    events: '交流活动（第二十条）',
    noEvents: '尚无交流活动记录。入选组织参加质量标杆经验交流活动的情况将在此显示。',
    eventFigures: (offered: number, registered: number, attended: number) => `可参加 ${offered} 场 · 报名 ${registered} 场 · 签到 ${attended} 场`,
  },
} as const
