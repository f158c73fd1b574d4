import { createHash } from 'node:crypto'
import mongoose from 'mongoose'
import {
  CRITERIA,
  creditCodeCheckChar,
  inShanghai,
  nameKey,
  OrganizationProfileSchema,
  type ApplicationContent,
  type OrganizationProfile,
} from '@zlbg/shared'
import { applicationCreator } from '../commands/applications/applicationCreator'
import { applicationDraftSaver } from '../commands/applications/applicationDraftSaver'
import { applicationSubmitter } from '../commands/applications/applicationSubmitter'
import { AppError } from '../http/errors'
import type { Models } from '../models'
import type { FileStorage } from '../storage'
import { loginKey } from '../models/user'
import type { Actor } from '../policies'
import { standInOpenId } from '../wechat/standin'

/** The simulated WeChat codes that sign in as the demo organizations' members (H5: 我的 → 模拟微信登录). */
export const DEMO_APPLICANTS = [
  { code: 'demo.1', organization: '示例精密机械制造有限公司', sector: 'manufacturing', province: '320000', city: '苏州市', industry: '通用设备制造', certificate: 'valid' },
  { code: 'demo2.1', organization: '示例城市建设集团有限公司', sector: 'construction', province: '330000', city: '杭州市', industry: '房屋建筑', certificate: 'expired' },
] as const

const withCheck = (first17: string) => first17 + creditCodeCheckChar(first17)

/**
 * A second organization claiming the first demo organization's credit code (issue 12, item 3): the
 * office's 组织核验 screen shows the two claims side by side, one verified and this one pending.
 */
export const DEMO_RIVAL_CLAIM = { code: 'rival.1', organization: '示例精密机械（苏州）贸易有限公司' } as const

/** A one-page PDF marked as demo data: the licence scan the demo organizations attach. */
function demoLicencePdf(organization: string): Buffer {
  const text = `DEMO business licence scan (sample data) - ${Buffer.from(organization).toString('hex').slice(0, 24)}`
  const stream = `BT /F1 14 Tf 40 760 Td (${text}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((o, i) => {
    offsets.push(body.length)
    body += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

/** Stores a demo licence scan as the organization's file and returns its reference for the profile. */
async function demoLicence(models: Models, storage: FileStorage, organizationId: mongoose.Types.ObjectId, uploadedBy: mongoose.Types.ObjectId, organization: string) {
  const bytes = demoLicencePdf(organization)
  const _id = new mongoose.Types.ObjectId()
  const storageKey = `attachments/demo/${_id.toHexString()}`
  await storage.put(storageKey, bytes)
  await models.Attachment.create({
    _id,
    filename: '营业执照（演示）.pdf',
    contentType: 'application/pdf',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    storageKey,
    uploadedBy,
    owner: { type: 'organization', id: organizationId },
  })
  return { attachmentId: _id.toHexString(), title: '营业执照' }
}

/** A demo organization as the seeds describe it. */
export interface DemoApplicant {
  sector: 'manufacturing' | 'construction' | 'services'
  province: string
  city: string
  industry: string
  certificate: 'valid' | 'expired'
}

/**
 * A profile of the i-th demo organization (or the one `d` describes) for a call of `year` (profits of
 * the three years before it, 第八条(二)); certificate dates around `now`.
 */
export function demoProfile(i: number, year: number, now: Date, d: DemoApplicant = DEMO_APPLICANTS[i]!): OrganizationProfile {
  const day = (offset: number) => inShanghai(new Date(now.getTime() + offset * 86_400_000)).format('YYYY-MM-DD')
  return OrganizationProfileSchema.parse({
    creditCode: withCheck(`91${d.province}MA1DEMX0${i}`),
    region: { provinceCode: d.province, city: d.city },
    sector: d.sector,
    industry: d.industry,
    independentLegalPerson: true,
    profits: [3, 2, 1].map((back, k) => ({ year: year - back, netProfitWan: 1200 + 300 * k })),
    compliance: { noViolations: true },
    iso9001:
      d.certificate === 'valid'
        ? { certificateNumber: `00124Q3${i}001R2M`, certificationBody: '中国质量认证中心', issuedOn: day(-600), expiresOn: day(500) }
        : { certificateNumber: `00121Q2${i}002R1M`, certificationBody: '方圆标志认证集团', issuedOn: day(-1100), expiresOn: day(-5) },
    sharing: { willing: true },
    contacts: [{ name: '李质量', title: '质量管理部部长', phone: '0512-66661234', email: 'quality@example.com' }],
  })
}

/**
 * Each demo organization's own narratives (第六条), except that the second one's 系统性 narrative is the
 * first one's with the names changed and two sentences swapped: the copy the similarity report
 * (第二十一条) shows the office after `npm start`.
 */
const MACHINERY_NARRATIVES: Record<(typeof CRITERIA)[number], string> = {
  scientific:
    '公司以六西格玛DMAIC方法为主线，将统计过程控制、测量系统分析和试验设计嵌入精密零部件的研发与制造。每个改进项目均以顾客关键质量特性为起点，通过数据采集与假设检验确认根因，再以控制计划固化成果，做法符合质量管理的基本规律。',
  innovative:
    '公司首创“工序能力地图”，把八百余道关键工序的过程能力指数实时汇总到一张看板上，低于1.33的工序自动生成改进课题并指派黑带跟进；同时把供应商的来料数据接入同一平台，形成从原材料到成品的能力链条。该平台已获得两项软件著作权。',
  systematic:
    '公司用七年时间建立了覆盖研发、采购、制造和售后的全过程质量管理体系。研发阶段开展失效模式分析和设计评审，采购阶段推行供应商分级和来料免检认证，制造阶段以工序能力地图管控关键特性，售后阶段建立客户投诉八日闭环机制。各阶段的数据统一汇入质量数据平台，管理评审每季度依据平台数据调整年度质量目标。',
  exemplary:
    '针对精密加工行业普遍存在的尺寸漂移问题，公司总结出“温度补偿加在线测量”的做法，使关键尺寸一次合格率由百分之九十六点二提升到百分之九十九点四。该做法已在省内十二家同行企业推广，并被行业协会编入培训教材。',
  effective:
    '三年来公司产品一次交检合格率由百分之九十八点六提升至百分之九十九点六，高于主要竞争对手零点七个百分点；质量损失率下降百分之四十二，客户投诉率下降百分之五十五，交付准时率稳定在百分之九十九以上，均达到行业标杆组织水平。',
  developmental:
    '下一步公司将把工序能力地图与数字孪生结合，在虚拟产线上预演工艺变更的质量影响；同时把六西格玛培训延伸到一线班组，计划三年内培养绿带二百名，使改进活动从专家驱动转向全员参与，持续巩固实施成效。并每年对照行业标杆组织复盘一次。',
}

/** What a copier does to a narrative: puts its own name in, its own method's name, and swaps the last two sentences. */
function copied(text: string, name = '集团', method = '样板引路'): string {
  const sentences = text.replaceAll('公司', name).replace('工序能力地图', method).match(/[^。]+。/g) ?? []
  const [last, beforeLast] = [sentences.pop()!, sentences.pop()!]
  return [...sentences, last, beforeLast].join('')
}

const CONSTRUCTION_NARRATIVES: Record<(typeof CRITERIA)[number], string> = {
  scientific:
    '集团以卓越绩效模式为框架，把工程项目的质量策划、过程检查、分部验收和回访保修串成闭环，依据建筑工程施工质量验收统一标准设置检验批和关键控制点，管理方法符合工程建设的客观规律。各项目每月召开质量分析会，用数据检验措施的有效性。',
  innovative:
    '集团在行业内率先推行“样板引路加影像留痕”，每道工序先做样板、经监理和业主确认后方可大面积施工，施工过程的隐蔽工程全部拍照上传至项目管理平台，实现质量责任可追溯到班组和个人。该做法使质量问题的定位时间由平均三天缩短到半天以内。',
  // Copied from the first organization, with its name changed and the last two sentences swapped.
  systematic: copied(MACHINERY_NARRATIVES.systematic),
  exemplary:
    '针对住宅工程渗漏这一行业共性问题，集团总结出“节点详图加蓄水试验全覆盖”的做法，近三年交付的四十六个项目未发生一起渗漏投诉。该做法已被省住房和城乡建设厅作为示范案例在全省推广。全省已有三十余家施工企业按此做法组织施工。',
  effective:
    '三年来集团分部工程一次验收合格率由百分之九十七提升至百分之九十九点五，获得省级以上优质工程奖十七项；质量返工费用下降百分之三十八，业主满意度由八十六分提升到九十三分，高于省内同类企业平均水平。质量投诉数量连续三年下降。',
  developmental:
    '下一步集团将推进建筑信息模型与质量管理平台的深度融合，在施工前模拟关键节点的质量风险；同时建立分包商质量信用档案，把质量表现与招标资格挂钩，持续提升工程质量的稳定性。并计划三年内实现全部在建项目的数字化质量管理全覆盖。',
}

/**
 * The facts of the further demo organizations (demoReview.ts, demoDeliberation.ts; by their index from
 * 2): their own method, key quality characteristic, indicator and figures, scope and signature practice.
 */
interface TopicFacts {
  method: string
  characteristic: string
  indicator: string
  before: string
  after: string
  scope: string
  practice: string
}
const TOPIC_FACTS: readonly TopicFacts[] = [
  { method: '精益生产与质量追溯系统', characteristic: '电池托盘焊缝气密性', indicator: '焊接一次合格率', before: '百分之九十六点八', after: '百分之九十九点三', scope: '两个总装基地和三十八家二级供应商', practice: '“一件一码”全程追溯' },
  { method: '统计过程控制', characteristic: '引线键合拉力', indicator: '封装良率', before: '九成七', after: '九成九以上', scope: '六条封装线和成品测试车间', practice: '控制图异常四小时响应' },
  { method: '供应链质量协同平台', characteristic: '订单准时交付', indicator: '仓配差错率', before: '万分之十二', after: '万分之二点五', scope: '华中十一个区域仓和八百余辆配送车', practice: '异常订单当日清零' },
  { method: 'QC小组活动', characteristic: '预应力张拉控制应力', indicator: '分项工程一次验收合格率', before: '95.4%', after: '99.1%', scope: '在建的九座特大桥梁', practice: '首件工程样板制' },
  { method: '顾客满意度测评', characteristic: '柜面业务办理时长', indicator: '客户满意度', before: '八十二点六分', after: '九十二点四分', scope: '全行二百六十个网点和手机银行', practice: '投诉四十八小时闭环' },
]

/**
 * A further demo organization's own narratives, from its facts. The wording they share is cut short
 * between the facts (no common run of 15 characters, the similarity check's shortest passage), so
 * these organizations do not flag each other (第二十一条) — only the planted copy does.
 */
function topicNarratives(topic: string, f: TopicFacts): ApplicationContent['criteria'] {
  return {
    scientific: `科学性方面，${topic}以${f.method}为主线。围绕${f.characteristic}，组织把${f.method}嵌入${f.scope}，以数据查明${f.characteristic}的波动来源，再用${f.practice}固化控制措施。${f.indicator}的改进课题都先立基线，再以${f.method}验证措施是否有效。`,
    innovative: `创新性方面，针对${f.characteristic}靠经验判断的老问题，首创${f.practice}，把${f.indicator}的实时数据接入${f.method}，让${f.scope}的异常都有人跟踪、限期关闭。${f.practice}让${f.characteristic}的问题由事后处理转为预警。`,
    systematic: `系统性方面，组织用${f.method}贯通${f.scope}的策划、执行、检查和改进，${f.indicator}和${f.characteristic}等指标按月进入管理评审，形成${f.practice}与目标考核相互支撑的闭环。${f.method}的程序文件写明各部门职责，${f.scope}每年接受内审。`,
    exemplary: `示范性方面，${f.practice}已写入企业标准，${f.scope}全部按此执行；${f.indicator}改进经验已在同行业交流，${topic}的做法可复制、可推广。${f.practice}被行业协会列为交流案例，${f.indicator}的提升过程被多家单位借鉴。`,
    effective: `有效性方面，三年来${f.indicator}由${f.before}提升到${f.after}，${f.characteristic}的不合格项下降过半，${f.scope}的质量损失明显减少。${f.characteristic}的投诉明显减少，${f.practice}的执行率保持在高位。${f.indicator}的改善已通过第三方复核。`,
    developmental: `发展性方面，组织计划把${f.practice}推广到上下游伙伴，并用${f.method}持续监测${f.characteristic}，三年内使${f.indicator}稳定在${f.after}。${f.scope}的经验将整理成企业标准，${f.characteristic}的数据将与供应商共享。`,
  }
}

/**
 * The planted copy the review shows (第十六条, 第二十一条): the first further organization's 科学性 and
 * 示范性 narratives are the first demo organization's, renamed and two sentences swapped — so the demo
 * experts 郑立新 (zhuanjia) and 王海峰 (zuzhang), who review it, see a flag on it.
 */
export function withPlantedCopy(content: ApplicationContent): ApplicationContent {
  const criteria = { ...content.criteria }
  criteria.scientific = copied(MACHINERY_NARRATIVES.scientific, '本企业', '工序质量看板')
  criteria.exemplary = copied(MACHINERY_NARRATIVES.exemplary, '本企业', '工序质量看板')
  return { ...content, criteria }
}

/** An application's content (第六条) for a call of `year`, with one of the demo topics, or `title`. */
export function demoContent(i: number, year: number, methods: readonly string[], title?: string): ApplicationContent {
  const topic = title ?? (i === 0 ? '以六西格玛驱动的精密零部件全过程质量改进' : '基于卓越绩效模式的工程项目质量管理')
  const facts = title ? TOPIC_FACTS[(i - 2 + TOPIC_FACTS.length) % TOPIC_FACTS.length]! : undefined
  const narratives = facts ? topicNarratives(topic, facts) : i === 0 ? MACHINERY_NARRATIVES : CONSTRUCTION_NARRATIVES
  return {
    title: topic,
    summary: facts
      ? `${topic}：围绕${facts.characteristic}，运用${facts.method}开展改进，${facts.indicator}显著优于行业平均水平，${facts.practice}等做法可推广。`
      : `${topic}：组织围绕顾客需求和关键质量特性，运用系统的质量管理方法开展改进，主要质量指标显著优于行业平均水平，并形成了可推广的工作机制。`,
    methods: [...methods],
    criteria: { ...narratives },
    comparison: [
      {
        indicator: '产品一次交检合格率',
        unit: '%',
        own: [98.6, 99.3, 99.6].map((value, k) => ({ year: year - 3 + k, value })),
        competitor: { name: '主要竞争对手', value: 98.9 },
        benchmark: { name: '行业标杆组织', value: 99.5 },
        source: '组织质量统计年报、行业协会对标数据',
      },
    ],
    practice: { since: '2018-06', scope: '组织全部生产基地及主要供应商，覆盖研发、制造与交付全过程' },
    attachments: [],
  }
}

/**
 * Demo applicants for a fresh local database (`npm start` with the WeChat stand-in): two organizations
 * whose members sign in with the simulated codes above, each with a complete profile and an
 * application to the open demo call — submitted through the same commands the API uses when the call
 * is open (the second fails the ISO 9001 pre-check, 第八条(三)), left as drafts otherwise. Returns how
 * many applications it made; none when any organization exists already.
 */
export async function seedDemoApplications(
  models: Models,
  { wechatAppId, now = new Date(), storage }: { wechatAppId: string; now?: Date; storage?: FileStorage },
): Promise<number> {
  if ((await models.Organization.estimatedDocumentCount()) > 0) return 0
  const call = await models.Call.findOne({ state: 'published' }).sort({ publishedAt: -1 }).lean()
  if (!call) return 0
  let made = 0
  for (const [i, d] of DEMO_APPLICANTS.entries()) {
    const openid = standInOpenId(wechatAppId, d.code)
    const user = await models.User.create({ logins: [loginKey.wechat(openid)], displayName: `演示申报人${i + 1}`, wechatOpenid: openid, roles: [] })
    const _id = new mongoose.Types.ObjectId()
    const licence = storage ? await demoLicence(models, storage, _id, user._id, d.organization) : undefined
    const org = await models.Organization.create({
      _id,
      name: d.organization,
      nameKey: nameKey(d.organization),
      members: [{ userId: user._id, joinedAt: now, founder: true }],
      createdBy: user._id,
      profile: { ...demoProfile(i, call.year, now), ...(licence ? { businessLicenceScan: licence } : {}) },
      profileUpdatedAt: now,
      // The office verified them against their licences (第八条(一)), so their applications could be submitted.
      verification: { state: 'verified', decidedAt: now },
    })
    const profile = org.profile as OrganizationProfile
    await models.CreditCodeClaim.create({ _id: profile.creditCode, organizationId: org._id })
    if (i === 0) await seedRivalClaim(models, { wechatAppId, now, storage, profile })
    const actor: Actor = { userId: user._id.toHexString(), displayName: user.displayName, roles: ['wechat_user', 'org_member'], organizationIds: [org._id.toHexString()] }
    try {
      const draft = await applicationCreator({ models, actor, call, organizationId: org._id as mongoose.Types.ObjectId, now })
      const saved = await applicationDraftSaver({ models, actor, doc: draft, content: demoContent(i, call.year, call.qualityMethods.slice(i, i + 2)), now })
      made++
      await applicationSubmitter({ models, actor, doc: saved, now })
    } catch (err) {
      // Outside the demo call's window the applications stay drafts; anything else is a bug.
      if (!(err instanceof AppError && (err.code === 'CALL_WINDOW_CLOSED' || err.code === 'CALL_NOT_OPEN'))) throw err
    }
  }
  return made
}

/** The pending rival claim of the first demo organization's code, with its own licence scan. */
async function seedRivalClaim(
  models: Models,
  { wechatAppId, now, storage, profile }: { wechatAppId: string; now: Date; storage?: FileStorage; profile: OrganizationProfile },
) {
  const openid = standInOpenId(wechatAppId, DEMO_RIVAL_CLAIM.code)
  const user = await models.User.create({ logins: [loginKey.wechat(openid)], displayName: '演示认领人', wechatOpenid: openid, roles: [] })
  const _id = new mongoose.Types.ObjectId()
  const licence = storage ? await demoLicence(models, storage, _id, user._id, DEMO_RIVAL_CLAIM.organization) : undefined
  await models.Organization.create({
    _id,
    name: DEMO_RIVAL_CLAIM.organization,
    nameKey: nameKey(DEMO_RIVAL_CLAIM.organization),
    members: [{ userId: user._id, joinedAt: now, founder: true }],
    createdBy: user._id,
    profile: { ...profile, ...(licence ? { businessLicenceScan: licence } : {}), contacts: [{ name: '张经理', phone: '0512-68880000' }] },
    profileUpdatedAt: new Date(now.getTime() + 60_000),
    verification: { state: licence ? 'pending' : 'unverified' },
  })
}
