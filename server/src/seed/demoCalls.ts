import { inShanghai, type CallInput, type CallState } from '@zlbg/shared'

export interface DemoCall {
  input: CallInput
  state: CallState
  publishedAt?: string
}

/**
 * Demo calls for a fresh local database: one open round, one closed, one draft the public must not
 * see. Every date is a whole number of Beijing days from `now`, so the open call takes applications
 * on whatever day the demo is loaded (loaded on 2026-11-28, they are the dates it was first written with).
 */
export function demoCalls(now: Date = new Date()): DemoCall[] {
  const today = inShanghai(now)
  const year = today.year()
  /** The Beijing day `offset` days from today, at `time` Beijing time. */
  const at = (offset: number, time: string) => `${today.add(offset, 'day').format('YYYY-MM-DD')}T${time}:00+08:00`
  return [
    {
      state: 'published',
      publishedAt: at(-26, '09:00'),
      input: {
        year,
        title: `关于开展${year}年质量标杆典型经验征集活动的通知`,
        body:
          `为贯彻落实《质量强国建设纲要》，提升各类组织质量管理水平，推动培育和建设产品卓越、品牌卓著、创新领先、治理现代的世界一流企业，中国质量协会决定开展${year}年质量标杆典型经验征集与交流活动。\n\n` +
          '本次征集面向制造、建筑、服务领域的各类组织。申报组织应在中华人民共和国境内合法注册与经营，具有独立法人资格且近三年连续保持盈利，通过ISO 9001质量管理体系认证且证书在有效期内。\n\n' +
          '请申报组织按照征集标准（科学性和创新性、系统性和示范性、显效性和发展性）认真总结提炼本组织的典型经验，于申报截止日前通过本小程序完成申报。',
        keyFields: [
          { title: '数字化质量管理', description: '运用新一代信息技术推进质量管理数字化、网络化、智能化转型的实践经验。' },
          { title: '卓越绩效模式', description: '系统导入卓越绩效模式，持续提升组织综合绩效的经验。' },
          { title: '质量管理小组与精益改善', description: '以QC小组、精益生产、六西格玛等方法解决质量瓶颈问题的经验。' },
          { title: '供应链质量协同', description: '带动上下游企业共同提升质量水平、解决行业共性质量问题的经验。' },
        ],
        sectors: ['manufacturing', 'construction', 'services'],
        schedule: [
          { kind: 'application', startsAt: at(-25, '09:00'), endsAt: at(48, '17:00') },
          { kind: 'qualificationReview', startsAt: at(51, '09:00'), endsAt: at(62, '17:00') },
          { kind: 'materialReview', startsAt: at(93, '09:00'), endsAt: at(123, '17:00') },
          { kind: 'defenseReview', startsAt: at(135, '09:00'), endsAt: at(167, '17:00'), note: '必要时赴现场考察' },
          { kind: 'publicity', startsAt: at(177, '09:00'), note: '公示期为5个工作日' },
          { kind: 'publication', startsAt: at(199, '09:00') },
          { kind: 'exchange', startsAt: at(277, '09:00'), note: '入选组织参加经验交流活动' },
        ],
        contact: {
          department: '中国质量协会质量标杆工作办公室',
          person: '王老师',
          phone: '010-68419999',
          email: 'benchmark@example.org.cn',
          address: '北京市海淀区',
        },
      },
    },
    {
      state: 'closed',
      publishedAt: at(-404, '09:00'),
      input: {
        year: year - 1,
        title: `关于开展${year - 1}年质量标杆典型经验征集活动的通知`,
        body:
          `中国质量协会组织开展${year - 1}年质量标杆典型经验征集工作，遵循“自愿申报、集中评审、跟踪管理”的原则。本轮征集已结束，入选名单已正式公布。`,
        keyFields: [
          { title: '质量管理体系有效运行', description: '以ISO 9001为基础，持续提升体系有效性的实践。' },
          { title: '服务质量提升', description: '服务业组织提升顾客满意度与服务质量的方法与成效。' },
        ],
        sectors: ['manufacturing', 'services'],
        schedule: [
          { kind: 'application', startsAt: at(-403, '09:00'), endsAt: at(-332, '17:00') },
          { kind: 'publicity', startsAt: at(-194, '09:00'), note: '公示期为5个工作日' },
          { kind: 'publication', startsAt: at(-171, '09:00') },
        ],
        contact: { department: '中国质量协会质量标杆工作办公室', phone: '010-68419999' },
      },
    },
    {
      state: 'draft',
      input: {
        year: year + 1,
        title: `关于开展${year + 1}年质量标杆典型经验征集活动的通知（草稿）`,
        body: `草稿：${year + 1}年征集通知正在编写中，发布前不对外公开。`,
        keyFields: [{ title: '待定', description: '' }],
        sectors: ['manufacturing'],
        schedule: [{ kind: 'application', startsAt: at(338, '09:00'), endsAt: at(413, '17:00') }],
        contact: { department: '中国质量协会质量标杆工作办公室' },
      },
    },
  ]
}
