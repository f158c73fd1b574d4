/**
 * 公示管理 (第十八条): the office publishes a call's recommended list for 5 working days. No value
 * imports: the page configs read this file.
 */
export const PUBLICITY_STRINGS = {
  title: '公示管理',
  startTitle: '发布公示',
  article: '第十八条',
  intro: '评审委员会推荐的申报在此发布公示。公示期为 5 个工作日，自开始日起计算（开始日为第 1 个工作日），截止于第 5 个工作日北京时间 23:59:59；期满无异议的条目自动视为通过公示。',
  empty: '暂无待公示的推荐名单',
  emptyHint: '评审委员会作出推荐后（第十七条），相应征集会出现在这里。',
  errorTitle: '公示管理加载失败',
  recommended: (n: number) => `待公示推荐 ${n} 项`,
  noList: '尚未发布公示',
  counts: (c: { listed: number; withdrawn: number; passed: number }) => `公示中 ${c.listed} · 已撤销 ${c.withdrawn} · 已通过 ${c.passed}`,
  start: '发布公示',
  view: '查看公示名单',
  entriesTitle: '将列入公示的推荐名单',
  entriesEmpty: '该征集没有待公示的推荐申报。',
  startDay: '公示开始日',
  startHint: '须为工作日，且不早于今天（北京时间）。选择后即显示计算出的公示期。',
  pick: '选择日期',
  computing: '正在计算公示期…',
  windowTitle: '计算出的公示期',
  workingDays: '计入的 5 个工作日',
  contact: '异议方式与联系人',
  contactHint: '公开显示在公示名单上：如何提出异议（须实名）、受理时间、联系人与电话。',
  contactPlaceholder: '例如：对公示名单有异议的，请在公示期内通过小程序「公示」页实名提出……联系人：…… 电话：……',
  confirmTitle: '确认发布公示',
  confirmText: (n: number, window: string) =>
    `将 ${n} 项推荐申报列入公示，公示期 ${window}。发布后名单即对外公开并通知各申报单位；每个征集只能发布一次，公示期不能修改。`,
  confirm: '确认发布',
  published: '公示已发布',
  alreadyPublished: '该征集的公示名单已发布',
  callMissing: '缺少征集编号，请从公示管理进入',
} as const
