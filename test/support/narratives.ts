/**
 * Synthetic Chinese experience narratives for the similarity tests and benchmark: sentences built
 * from pools of quality-management phrases and numbers, so unrelated narratives share vocabulary and
 * short phrases (as real ones do) but not passages. Seeded, so every run makes the same texts.
 */

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SUBJECTS = [
  '公司', '质量部', '生产车间', '研发中心', '采购部门', '各事业部', '项目团队', '质量管理小组', '供应链管理部', '客户服务中心',
  '工艺技术部', '检测中心', '设备管理科', '信息化部门', '班组', '售后服务团队', '安全环保部', '人力资源部', '财务部门', '战略规划部',
]
const ACTIONS = [
  '建立了', '完善了', '推行了', '系统梳理了', '持续优化了', '全面实施了', '深入开展了', '逐步构建了', '重新设计了', '率先引入了',
  '统一规范了', '定期评审了', '数字化改造了', '全过程管控了', '分层分级落实了', '对标提升了', '滚动修订了', '联合攻关了',
]
/** Objects are a modifier and a noun: hundreds of combinations, as real narratives' vocabulary is wide. */
const MODIFIERS = [
  '来料', '过程', '关键工序', '供应商', '客户投诉', '质量成本', '首件', '出厂', '设计', '工艺', '设备', '售后', '测量系统', '不合格品',
  '变更', '内部审核', '员工技能', '质量风险', '可靠性', '焊接', '涂装', '装配', '注塑', '仓储', '物流', '施工现场', '隐蔽工程', '服务窗口',
  '检验批', '原材料', '半成品', '软件版本', '数据采集', '能源计量', '环境监测', '安全生产',
]
const NOUNS = [
  '检验流程', '控制计划', '分析模型', '参数标准', '质量档案', '闭环机制', '核算体系', '管理制度', '监控看板', '追溯系统', '评审程序',
  '作业指导书', '点检标准', '目标分解表', '审核方案', '能力矩阵', '风险清单', '评价指标', '改进台账', '预警模型', '激励办法', '数据平台',
  '信息系统', '操作规程', '验收规范', '培训课程', '对标数据库', '问题清单',
]
const OBJECTS = MODIFIERS.flatMap((m) => NOUNS.map((n) => m + n))
const RESULTS = [
  '产品一次交检合格率提升至', '客户投诉率下降了', '质量损失率降低了', '交付准时率达到', '返工返修工时减少了', '过程能力指数提高到',
  '供应商来料合格率达到', '顾客满意度提升至', '单位产品能耗下降了', '新产品开发周期缩短了', '报废率降低了', '一次通过率达到',
]
const CONNECTIVES = ['同时', '在此基础上', '通过这一举措', '经过三年实践', '与此同时', '针对行业共性问题', '结合组织实际', '为进一步巩固成效']
const YEARS = ['二〇二一年', '二〇二二年', '二〇二三年', '二〇二四年', '二〇二五年', '近三年来', '自项目启动以来']

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!

/** One sentence, ending in 。 */
export function sentence(r: () => number): string {
  const pct = `${(r() * 40 + 55).toFixed(1)}%`
  const dept = `${pick(r, MODIFIERS)}${pick(r, SUBJECTS)}`
  const n = Math.floor(r() * 900 + 100)
  const forms = [
    () => `${pick(r, YEARS)}，${dept}${pick(r, ACTIONS)}${pick(r, OBJECTS)}，${pick(r, RESULTS)}${pct}。`,
    () => `${pick(r, CONNECTIVES)}，${pick(r, SUBJECTS)}围绕${pick(r, OBJECTS)}${pick(r, ACTIONS)}${pick(r, OBJECTS)}，累计完成改进项目${n}项。`,
    () => `${dept}以${pick(r, OBJECTS)}为抓手，${pick(r, ACTIONS)}${pick(r, OBJECTS)}和${pick(r, OBJECTS)}，${pick(r, RESULTS)}${pct}。`,
    () => `${pick(r, CONNECTIVES)}，${pick(r, SUBJECTS)}组织${n}名员工参与${pick(r, OBJECTS)}的培训与考核，${pick(r, RESULTS)}${pct}。`,
  ]
  return pick(r, forms)()
}

/** A narrative of at least `chars` characters, whole sentences. */
export function narrative(r: () => number, chars: number): string {
  let text = ''
  while (text.length < chars) text += sentence(r)
  return text
}

export const sentencesOf = (text: string): string[] => text.match(/[^。]+。/g) ?? []

/** Shuffles the sentences of a text (a light edit that defeats order-based comparison). */
export function reorderSentences(r: () => number, text: string): string {
  const s = sentencesOf(text)
  for (let i = s.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[s[i], s[j]] = [s[j]!, s[i]!]
  }
  return s.join('')
}

/** Replaces every occurrence of a name (the copier puts its own organization's name in). */
export const renamed = (text: string, from: string, to: string) => text.split(from).join(to)

/** Changes about one character in `every`, as a copier touching up wording does. */
export function touchUp(r: () => number, text: string, every = 60): string {
  const chars = [...text]
  for (let i = 0; i < chars.length; i++) if (r() < 1 / every && chars[i] !== '。') chars[i] = pick(r, ['本', '该', '其', '新', '各'])
  return chars.join('')
}
