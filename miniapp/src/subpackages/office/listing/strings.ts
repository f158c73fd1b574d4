/**
 * 名单公布 (第十九条): the office publishes each call's approved list. No value imports: the page
 * config reads this file.
 */
export const LISTING_STRINGS = {
  title: '名单公布',
  intro: '公示期满的名单报中国质量协会审批；审批人签署批准后，在此公布。公布后名单进入「名单」栏目，入选组织成为质量标杆入选组织，并通知各组织（第十九条）。',
  empty: '暂无公示期满的名单',
  emptyHint: '征集的公示结束后会出现在这里：先由审批人审批，再由办公室公布。',
  errorTitle: '名单公布加载失败',
  passed: (n: number) => `公示通过 ${n} 项`,
  decided: (a: number, h: number) => `批准 ${a} 项${h ? ` · 不予批准 ${h} 项` : ''}`,
  waiting: '等待审批人审批',
  approved: (name: string, at: string) => `${name} 批准于 ${at}`,
  published: (name: string, at: string) => `${name} 公布于 ${at}`,
  view: '查看审批单',
  publish: '公布名单',
  openList: '查看「名单」栏目',
  confirmTitle: '确认公布名单',
  confirmText: (title: string, n: number) =>
    `公布「${title}」经批准的 ${n} 项质量标杆典型经验。公布后名单即对外公开，入选组织获得入选组织身份并收到通知；公布不能撤回。`,
  confirm: '确认公布',
  done: '名单已公布',
} as const
