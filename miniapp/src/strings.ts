/**
 * Every Chinese string a person reads in the mini-program, in one place. Labels that are part of the
 * API contract (sectors, milestones, the free-of-charge statement) come from @zlbg/shared instead.
 */
export const STRINGS = {
  appTitle: '质量标杆',

  tabs: {
    home: '首页',
    publicity: '公示',
    listing: '名单',
    events: '活动',
    me: '我的',
  },

  titles: {
    home: '质量标杆典型经验征集',
    callDetail: '征集通知',
    publicity: '公示',
    listing: '入选名单',
    events: '交流活动',
    me: '我的',
  },

  network: {
    failed: '网络连接失败，请检查网络后重试',
    unexpected: '服务器返回了无法识别的内容，请稍后再试',
    requestFailed: (status: number) => `请求失败（${status}），请稍后再试`,
  },

  common: {
    retry: '重新加载',
    back: '返回',
    backHome: '返回首页',
    loading: '加载中…',
    loadFailed: '加载失败',
    notOpenYet: '暂未开放',
  },

  callList: {
    heading: '征集通知',
    intro: '中国质量协会质量标杆典型经验征集，申报不收取任何费用。',
    empty: '暂无已发布的征集通知',
    emptyHint: '新的征集通知发布后会显示在这里，下拉可刷新。',
    errorTitle: '征集通知加载失败',
    loadMore: '加载更多',
    loadingMore: '正在加载…',
    noMore: '没有更多了',
    yearTag: (year: number) => `${year}年度`,
    applicationWindow: '申报时间',
    range: (from: string, to: string) => `${from} 至 ${to}`,
    closed: '已截止',
    total: (n: number) => `共 ${n} 条`,
  },

  callDetail: {
    freeNoticeTitle: '免费申报',
    freeNoticeArticle: '第三条',
    applicationWindow: '申报时间',
    body: '通知正文',
    keyFields: '重点领域与方向',
    keyFieldsArticle: '第五条',
    sectors: '申报范围',
    sectorsArticle: '第七条',
    sectorsHint: '面向以下领域的组织征集典型经验：',
    schedule: '活动安排',
    scheduleArticle: '第五条',
    contact: '联系方式',
    department: '联系部门',
    person: '联系人',
    phone: '电话',
    email: '电子邮箱',
    address: '地址',
    notFoundTitle: '征集通知不存在',
    notFoundDescription: '该征集通知可能已撤回或链接有误，请返回查看其他征集通知。',
    errorTitle: '征集通知加载失败',
    updatedAt: (at: string) => `更新于 ${at}`,
  },

  /** Decorative glyphs drawn inside the empty-state illustration. */
  glyphs: {
    empty: '无',
    error: '!',
    notFound: '?',
    soon: '待',
  },

  comingSoon: {
    publicity: {
      title: '公示暂未开放',
      description:
        '公示期内的推荐名单将在此公布（第十八条，公示期为5个工作日）。公示期间，任何单位和个人均可在此对名单提出异议。',
    },
    listing: {
      title: '入选名单暂未开放',
      description:
        '经中国质量协会批准后公布的质量标杆入选名单将在此发布（第十九条）；入选组织被移除时，移除公告也将在此公布（第二十一条）。',
    },
    events: {
      title: '交流活动暂未开放',
      description: '质量标杆经验交流活动的通知将在此发布，入选组织可在此报名并签到（第二十条）。',
    },
    me: {
      title: '个人中心暂未开放',
      description:
        '登录后，申报组织可在此维护组织信息、提交申报并查看进度，专家可在此查看评审任务。浏览征集通知无需登录。',
    },
    footnote: '该功能正在建设中，开放后将在此提供。',
  },
} as const
