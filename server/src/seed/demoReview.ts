import mongoose from 'mongoose'
import { creditCodeCheckChar, DEFAULT_PLEDGE_TEXT, inShanghai, type OrganizationProfile, type Sector, nameKey } from '@zlbg/shared'
import { hashPassword } from '../auth/passwords'
import { applicationCreator } from '../commands/applications/applicationCreator'
import { applicationDraftSaver } from '../commands/applications/applicationDraftSaver'
import { applicationSubmitter } from '../commands/applications/applicationSubmitter'
import { assignmentRunner } from '../commands/committees/assignmentRunner'
import { committeeSaver } from '../commands/committees/committeeSaver'
import { reviewStarter } from '../commands/committees/reviewStarter'
import { confirmedFindings } from '../commands/qualification/batchQualifier'
import { qualificationDecider } from '../commands/qualification/qualificationDecider'
import { qualificationStarter } from '../commands/qualification/qualificationStarter'
import { AppError } from '../http/errors'
import type { Models } from '../models'
import { loginKey } from '../models/user'
import type { Actor } from '../policies'
import { standInOpenId } from '../wechat/standin'
import { demoContent, demoProfile, withPlantedCopy } from './demoApplications'

/** The demo experts' password (demo data only; a real deployment gives experts invite codes). */
export const DEMO_EXPERT_PASSWORD = 'Benchmark2026'

/** Experts with browser accounts: the chair, a vice chair, a group leader and a group member (README names them). */
export const DEMO_EXPERT_ACCOUNTS = [
  { username: 'zhuren', name: '周建国', role: '主任委员' },
  { username: 'fuzhuren', name: '吴慧敏', role: '副主任委员' },
  { username: 'zhuanjia', name: '郑立新', role: '第一专业组组员' },
  { username: 'zuzhang', name: '王海峰', role: '第一专业组组长' },
] as const

const withCheck = (first17: string) => first17 + creditCodeCheckChar(first17)
const code = (n: number) => withCheck(`9111000071${String(n).padStart(7, '0')}`)

/** The pool: name, title, employer, fields, sectors, competent, account. */
const POOL: { name: string; title: string; employer: string; fields: string[]; sectors: Sector[]; industries: string[]; competent?: boolean; username?: string }[] = [
  { name: '周建国', title: '教授级高级工程师', employer: '中国质量研究院', fields: ['卓越绩效模式', '全面质量管理（TQM）'], sectors: ['manufacturing', 'services'], industries: ['装备制造'], competent: true, username: 'zhuren' },
  { name: '吴慧敏', title: '研究员', employer: '国家质量管理研究中心', fields: ['卓越绩效模式', '顾客满意度测评'], sectors: ['services', 'construction'], industries: ['公共服务'], competent: true, username: 'fuzhuren' },
  { name: '郑立新', title: '高级工程师', employer: '华东精密机械研究所', fields: ['六西格玛管理', '统计过程控制（SPC）'], sectors: ['manufacturing'], industries: ['通用设备制造'], username: 'zhuanjia' },
  { name: '王海峰', title: '教授', employer: '东南理工大学', fields: ['精益管理', '六西格玛管理'], sectors: ['manufacturing'], industries: ['汽车'], competent: true, username: 'zuzhang' },
  { name: '李文静', title: '高级经济师', employer: '中国标准化咨询公司', fields: ['标准化管理', 'ISO 9001 质量管理体系'], sectors: ['manufacturing', 'services'], industries: ['电子'] },
  { name: '赵明', title: '高级工程师', employer: '北方重工质量中心', fields: ['失效模式与影响分析（FMEA）', '可靠性工程'], sectors: ['manufacturing'], industries: ['通用设备制造'] },
  { name: '陈思远', title: '副教授', employer: '西部工业大学', fields: ['质量功能展开（QFD）', '数字化质量管理'], sectors: ['manufacturing'], industries: ['电子'] },
  { name: '孙丽', title: '正高级工程师', employer: '中建质量研究院', fields: ['卓越绩效模式', '质量管理小组（QC小组）'], sectors: ['construction'], industries: ['房屋建筑'], competent: true },
  { name: '刘强', title: '高级工程师', employer: '城市基础设施研究院', fields: ['精益管理', '供应链质量管理'], sectors: ['construction'], industries: ['市政工程'] },
  { name: '杨帆', title: '研究员', employer: '服务质量评价中心', fields: ['顾客满意度测评', '数字化质量管理'], sectors: ['services'], industries: ['金融服务'] },
  { name: '黄晓东', title: '高级工程师', employer: '交通建设质量中心', fields: ['ISO 9001 质量管理体系', '标准化管理'], sectors: ['construction', 'services'], industries: ['交通运输'] },
  { name: '何静', title: '副研究员', employer: '物流质量研究所', fields: ['供应链质量管理', '质量管理小组（QC小组）'], sectors: ['services'], industries: ['物流'] },
  { name: '林志强', title: '高级工程师（已退休）', employer: '原某机械集团', fields: ['全面质量管理（TQM）'], sectors: ['manufacturing'], industries: ['机械'] },
]

/** More demo organizations with qualified applications, so the committee has work. */
const MORE_APPLICANTS = [
  { code: 'demo3.1', organization: '示例新能源汽车零部件有限公司', sector: 'manufacturing', province: '310000', city: '上海市', industry: '汽车零部件', certificate: 'valid', title: '精益生产与数字化质量追溯的融合实践' },
  { code: 'demo4.1', organization: '示例电子科技股份有限公司', sector: 'manufacturing', province: '440000', city: '深圳市', industry: '电子', certificate: 'valid', title: '基于统计过程控制的芯片封装良率提升' },
  { code: 'demo5.1', organization: '示例智慧物流有限公司', sector: 'services', province: '420000', city: '武汉市', industry: '物流', certificate: 'valid', title: '供应链质量协同管理模式' },
  { code: 'demo6.1', organization: '示例路桥工程有限公司', sector: 'construction', province: '510000', city: '成都市', industry: '市政工程', certificate: 'valid', title: 'QC小组活动推动桥梁施工质量提升' },
  { code: 'demo7.1', organization: '示例商业银行股份有限公司', sector: 'services', province: '110000', city: '北京市', industry: '金融服务', certificate: 'valid', title: '以顾客满意度测评驱动服务质量改进' },
] as const

/**
 * Demo review data (第九条–第十三条) for a fresh local database: an expert pool with three password
 * accounts, more organizations whose applications passed qualification review, a committee for the
 * open demo call with two groups, the applications assigned, and review started. Everything goes
 * through the same commands as the API. Returns the number of experts made (0 when a pool exists).
 */
export async function seedDemoReview(models: Models, { wechatAppId, now = new Date() }: { wechatAppId: string; now?: Date }): Promise<number> {
  if ((await models.Expert.estimatedDocumentCount()) > 0) return 0
  const call = await models.Call.findOne({ state: 'published' }).sort({ publishedAt: -1 }).lean()
  if (!call) return 0
  const office: Actor = { displayName: '演示数据', roles: ['office'], organizationIds: [] }

  // Applicants whose applications the office has qualified (第十五条).
  const orgCodes: string[] = []
  for (const [j, d] of MORE_APPLICANTS.entries()) {
    const i = j + 2
    const openid = standInOpenId(wechatAppId, d.code)
    const user = await models.User.create({ logins: [loginKey.wechat(openid)], displayName: `演示申报人${i + 1}`, wechatOpenid: openid, roles: [] })
    const profile: OrganizationProfile = demoProfile(i, call.year, now, d)
    // Verified by the office already (第八条(一), issue 12), so they may submit.
    const org = await models.Organization.create({
      name: d.organization,
      nameKey: nameKey(d.organization),
      members: [{ userId: user._id, joinedAt: now, founder: true }],
      createdBy: user._id,
      profile,
      profileUpdatedAt: now,
      verification: { state: 'verified', decidedAt: now },
    })
    await models.CreditCodeClaim.create({ _id: profile.creditCode, organizationId: org._id })
    orgCodes.push(profile.creditCode)
    const actor: Actor = { userId: user._id.toHexString(), displayName: user.displayName, roles: ['wechat_user', 'org_member'], organizationIds: [org._id.toHexString()] }
    try {
      const draft = await applicationCreator({ models, actor, call, organizationId: org._id as mongoose.Types.ObjectId, now })
      const own = demoContent(i, call.year, call.qualityMethods.slice(j % 4, (j % 4) + 2), d.title)
      // The first one copied two narratives from the first demo organization: a flag its reviewers see (第二十一条).
      const saved = await applicationDraftSaver({ models, actor, doc: draft, content: j === 0 ? withPlantedCopy(own) : own, now })
      await applicationSubmitter({ models, actor, doc: saved, now })
      const started = await qualificationStarter({ models, id: saved._id.toHexString(), actor: office, now })
      const findings = confirmedFindings(started)
      if (findings) await qualificationDecider({ models, id: saved._id.toHexString(), actor: office, decision: { decision: 'qualify', findings }, now })
    } catch (err) {
      // Outside the demo call's window nothing is submitted; the pool and committee are still made.
      if (!(err instanceof AppError && (err.code === 'CALL_WINDOW_CLOSED' || err.code === 'CALL_NOT_OPEN'))) throw err
    }
  }

  // The pool (第九条); one expert worked at a demo applicant until last year: an automatic conflict.
  const passwordHash = await hashPassword(DEMO_EXPERT_PASSWORD)
  const year = inShanghai(now).year()
  const ids: mongoose.Types.ObjectId[] = []
  for (const [n, e] of POOL.entries()) {
    const user = e.username
      ? await models.User.create({ logins: [loginKey.username(e.username)], username: e.username, displayName: e.name, passwordHash, roles: ['expert'] })
      : undefined
    const doc = await models.Expert.create({
      name: e.name,
      title: e.title,
      employer: { name: e.employer, creditCode: code(n + 1) },
      formerEmployers: n === 5 && orgCodes[0] ? [{ name: MORE_APPLICANTS[0].organization, creditCode: orgCodes[0], endedOn: `${year - 1}-06-30` }] : [],
      fields: e.fields,
      sectors: e.sectors,
      industries: e.industries,
      competent: e.competent ?? false,
      phone: `1380000${String(1000 + n).padStart(4, '0')}`,
      active: n !== POOL.length - 1,
      ...(user ? { userId: user._id } : {}),
    })
    ids.push(doc._id)
  }
  const id = (n: number) => ids[n]!.toHexString()

  // The committee (第十一条, 第十二条), the assignment (第十二条), and review started (第十六条).
  const deadline = inShanghai(new Date(now.getTime() + 30 * 86_400_000)).format('YYYY-MM-DD')
  await committeeSaver({
    models,
    actor: office,
    callId: call._id,
    now,
    input: {
      chairId: id(0),
      viceChairIds: [id(1)],
      groups: [
        { name: '第一专业组（制造业）', sectors: ['manufacturing'], industries: ['汽车', '电子', '通用设备制造'], leaderId: id(3), memberIds: [id(2), id(4), id(5), id(6)] },
        { name: '第二专业组（建筑业、服务业）', sectors: ['construction', 'services'], industries: ['物流', '金融服务', '市政工程'], leaderId: id(7), memberIds: [id(8), id(9), id(10), id(11)] },
      ],
      pledgeText: DEFAULT_PLEDGE_TEXT,
      reviewersPerApplication: 3,
      maxPerExpert: 6,
      reviewDeadline: deadline,
    },
  })
  await assignmentRunner({ models, actor: office, callId: call._id, now })
  await reviewStarter({ models, actor: office, callId: call._id, now })
  return POOL.length
}
