/** The desktop workbench's own words: the side navigation and the tables. */
export const WORKBENCH_STRINGS = {
  nav: {
    title: '工作台',
    groups: {
      calls: '征集与资格审查',
      organizations: '申报组织',
      experts: '专家与评审委员会',
      publicity: '公示',
      system: '系统',
    },
    areas: {
      calls: '征集通知',
      applications: '申报审查',
      organizations: '组织名称审核',
      verifications: '组织核验',
      experts: '专家库',
      committee: '评审委员会',
      assignments: '回避与分配',
      deliberations: '合议与签署',
      defense: '答辩与现场考察',
      publicity: '公示管理',
      calendar: '工作日历',
      objections: '异议受理',
      review: '评审设置与评分',
      ranking: '评审汇总排名',
      accounts: '账号管理',
      audit: '审计日志',
      outbox: '发送记录',
    },
    me: '返回「我的」',
  },
  table: {
    summary: (total: number, page: number, pages: number) => `共 ${total} 条 · 第 ${page} / ${pages} 页`,
    sortedPage: '已按所选列排序本页',
    previous: '上一页',
    next: '下一页',
  },
} as const
