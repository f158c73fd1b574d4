import mongoose from 'mongoose'
import {
  CRITERIA,
  CRITERION_LABELS,
  creditCodeCheckChar,
  inShanghai,
  OrganizationProfileSchema,
  type ApplicationContent,
  type OrganizationProfile,
} from '@zlbg/shared'
import { applicationCreator } from '../commands/applications/applicationCreator'
import { applicationDraftSaver } from '../commands/applications/applicationDraftSaver'
import { applicationSubmitter } from '../commands/applications/applicationSubmitter'
import { AppError } from '../http/errors'
import type { Models } from '../models'
import { loginKey } from '../models/user'
import type { Actor } from '../policies'
import { standInOpenId } from '../wechat/standin'

/** The simulated WeChat codes that sign in as the demo organizations' members (H5: 我的 → 模拟微信登录). */
export const DEMO_APPLICANTS = [
  { code: 'demo.1', organization: '示例精密机械制造有限公司', sector: 'manufacturing', province: '320000', city: '苏州市', industry: '通用设备制造', certificate: 'valid' },
  { code: 'demo2.1', organization: '示例城市建设集团有限公司', sector: 'construction', province: '330000', city: '杭州市', industry: '房屋建筑', certificate: 'expired' },
] as const

const withCheck = (first17: string) => first17 + creditCodeCheckChar(first17)

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

/** An application's content (第六条) for a call of `year`, with one of the demo topics, or `title`. */
export function demoContent(i: number, year: number, methods: readonly string[], title?: string): ApplicationContent {
  const topic = title ?? (i === 0 ? '以六西格玛驱动的精密零部件全过程质量改进' : '基于卓越绩效模式的工程项目质量管理')
  const narrative = (label: string) =>
    `${label}方面，${topic}经验源于组织多年实践：组织结合自身工艺与管理特点，系统导入相关质量管理方法，建立目标—过程—结果闭环，` +
    '以数据分析识别关键质量特性和瓶颈问题，通过跨部门项目团队开展改进并将成果固化为标准，持续对标行业标杆组织，形成了可复制、可推广的做法。'
  return {
    title: topic,
    summary: `${topic}：组织围绕顾客需求和关键质量特性，运用系统的质量管理方法开展改进，主要质量指标显著优于行业平均水平，并形成了可推广的工作机制。`,
    methods: [...methods],
    criteria: Object.fromEntries(CRITERIA.map((c) => [c, narrative(CRITERION_LABELS[c])])) as ApplicationContent['criteria'],
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
export async function seedDemoApplications(models: Models, { wechatAppId, now = new Date() }: { wechatAppId: string; now?: Date }): Promise<number> {
  if ((await models.Organization.estimatedDocumentCount()) > 0) return 0
  const call = await models.Call.findOne({ state: 'published' }).sort({ publishedAt: -1 }).lean()
  if (!call) return 0
  let made = 0
  for (const [i, d] of DEMO_APPLICANTS.entries()) {
    const openid = standInOpenId(wechatAppId, d.code)
    const user = await models.User.create({ logins: [loginKey.wechat(openid)], displayName: `演示申报人${i + 1}`, wechatOpenid: openid, roles: [] })
    const org = await models.Organization.create({
      name: d.organization,
      members: [{ userId: user._id, joinedAt: now, founder: true }],
      createdBy: user._id,
      profile: demoProfile(i, call.year, now),
      profileUpdatedAt: now,
    })
    const profile = org.profile as OrganizationProfile
    await models.CreditCodeClaim.create({ _id: profile.creditCode, organizationId: org._id })
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
