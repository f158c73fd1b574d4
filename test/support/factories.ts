/**
 * Builders for API and e2e tests: each makes what it is asked for directly through the models, and
 * any missing parent with it (`buildApplication(models, { state: 'submitted' })` makes a
 * published call and an organization with a member and a complete profile too).
 *
 *   validProfile(opts)        an OrganizationProfile passing every automatic rule, or failing one on purpose
 *   completeContent(methods)  an ApplicationContent that passes ApplicationContentSchema
 *   buildCall(models, opts)   a published call open for applications now
 *   buildOrganization(models, opts)   an organization with members and a profile
 *   buildApplication(models, opts)    an application in a given state, with what that state implies
 *
 * They write no audit records or notices: a built application's log starts with the first step a
 * test takes through the API.
 */
import mongoose from 'mongoose'
import {
  applicationMachine,
  creditCodeCheckChar,
  DEFAULT_QUALITY_METHODS,
  inShanghai,
  reviewDateOf,
  runPrecheck,
  SECTORS,
  type ApplicationContent,
  type ApplicationState,
  type OrganizationProfile,
  type Sector,
  type SupplementSection,
} from '@zlbg/shared'
import { nextReceiptNumber } from '../../server/src/commands/applications/applicationSubmitter'
import type { Models } from '../../server/src/models'
import type { ApplicationRecord } from '../../server/src/models/application'
import type { CallRecord } from '../../server/src/models/call'
import type { OrganizationRecord } from '../../server/src/models/organization'

const DAY = 86_400_000
let sequence = 0
const next = () => `${++sequence}${Date.now() % 100000}`

/** The call year a test gets by default: this year on the Beijing calendar. */
export const thisYear = (now: Date = new Date()) => inShanghai(now).year()

/** A fresh, valid 统一社会信用代码 (GB 32100-2015): unique per call within a test run. */
export function creditCode(): string {
  const digits = String(Date.now() * 1000 + (++sequence % 1000)).slice(-9).padStart(9, '0')
  const first17 = `91310000${digits}`
  return first17 + creditCodeCheckChar(first17)
}

/** Shifts a YYYY-MM-DD date by whole days. */
const shiftDate = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10)

export interface ProfileOptions {
  /** The call year the profits are declared for (the three years before it, 第八条(二)); default this year. */
  callYear?: number
  /** The day the certificate dates are set around; default today. */
  now?: Date
  /** This year of the three shows a loss (第八条(二) fails). */
  lossYear?: number
  /** 'expired': expired yesterday; 'notYetIssued': issued tomorrow (第八条(三) fails). Default valid. */
  certificate?: 'valid' | 'expired' | 'notYetIssued'
  sector?: Sector
  /** false: not willing to share (第八条(五) fails). */
  willing?: boolean
  /** A declared violation (第八条(二) needs the reviewer's judgement). */
  violation?: string
  independentLegalPerson?: boolean
  creditCode?: string
}

/** A complete profile that passes every automatic rule of 第八条 unless an option breaks one. */
export function validProfile(opts: ProfileOptions = {}): OrganizationProfile {
  const now = opts.now ?? new Date()
  const year = opts.callYear ?? thisYear(now)
  const today = reviewDateOf(now)
  const dates = {
    valid: { issuedOn: shiftDate(today, -700), expiresOn: shiftDate(today, 400) },
    expired: { issuedOn: shiftDate(today, -1096), expiresOn: shiftDate(today, -1) },
    notYetIssued: { issuedOn: shiftDate(today, 1), expiresOn: shiftDate(today, 1096) },
  }[opts.certificate ?? 'valid']
  return {
    creditCode: opts.creditCode ?? creditCode(),
    region: { provinceCode: '310000', city: '上海市' },
    sector: opts.sector ?? 'manufacturing',
    industry: '汽车零部件制造',
    independentLegalPerson: opts.independentLegalPerson ?? true,
    profits: [year - 3, year - 2, year - 1].map((y, i) => ({ year: y, netProfitWan: y === opts.lossYear ? -120 : 800 + 100 * i })),
    compliance: opts.violation ? { noViolations: false, disclosure: opts.violation } : { noViolations: true },
    iso9001: { certificateNumber: `00124Q${next()}`, certificationBody: '中国质量认证中心', ...dates },
    sharing: { willing: opts.willing ?? true },
    contacts: [{ name: '王质量', title: '质量部部长', phone: '021-55551234', email: 'quality@example.com' }],
  }
}

const narrative = (topic: string) =>
  `${topic}：本组织自二〇一九年起在全公司推行该质量管理方法，建立了覆盖研发、采购、制造与售后的全过程质量管理体系，` +
  '通过数据驱动的问题识别、根因分析与标准化固化，形成了可复制、可推广的工作机制，各项质量指标持续改善，' +
  '并与行业标杆组织开展对标，不断迭代升级实施路径，取得了显著的质量和经济效益。'

/** An application's content that passes ApplicationContentSchema, using methods from the call's list. */
export function completeContent(methods: readonly string[] = [DEFAULT_QUALITY_METHODS[0]!]): ApplicationContent {
  return {
    title: `数字化全过程质量管控经验${next()}`.slice(0, 60),
    summary:
      '本经验总结了组织在数字化转型背景下，运用质量管理方法实现全过程质量管控的做法与成效，覆盖研发、采购、制造和售后服务，具有行业借鉴意义。',
    methods: [...methods],
    criteria: {
      scientific: narrative('科学性'),
      innovative: narrative('创新性'),
      systematic: narrative('系统性'),
      exemplary: narrative('示范性'),
      effective: narrative('显效性'),
      developmental: narrative('发展性'),
    },
    comparison: [
      {
        indicator: '一次交检合格率',
        unit: '%',
        own: [98.2, 99.1].map((value, k) => ({ year: thisYear() - 3 + k, value })),
        benchmark: { name: '行业标杆企业', value: 99.0 },
        source: '企业质量统计年报',
      },
    ],
    practice: { since: '2019-03', scope: '全公司四个生产基地及全部供应商质量管理' },
    attachments: [],
  }
}

export interface CallOptions {
  year?: number
  sectors?: Sector[]
  /** Default published; a draft is complete, ready to publish. */
  state?: 'draft' | 'published' | 'closed'
  /** The application window; by default it opened 10 days ago and closes in 30 days. */
  opensAt?: Date
  closesAt?: Date
  now?: Date
}

/** A published call, open for applications now, for every sector unless told otherwise (第五条, 第七条). */
export async function buildCall(models: Models, opts: CallOptions = {}): Promise<CallRecord> {
  const now = opts.now ?? new Date()
  const year = opts.year ?? thisYear(now)
  const doc = await models.Call.create({
    year,
    title: `关于开展${year}年质量标杆典型经验征集活动的通知（${next()}）`,
    body: '本次征集面向制造、建筑、服务领域的各类组织，请按照征集标准认真总结本组织的典型经验。',
    keyFields: [{ title: '数字化质量管理', description: '运用新一代信息技术推进质量管理数字化转型的实践经验。' }],
    sectors: opts.sectors ?? [...SECTORS],
    schedule: [
      { kind: 'application', startsAt: opts.opensAt ?? new Date(now.getTime() - 10 * DAY), endsAt: opts.closesAt ?? new Date(now.getTime() + 30 * DAY) },
      { kind: 'qualificationReview', startsAt: new Date(now.getTime() + 31 * DAY) },
    ],
    contact: { department: '中国质量协会质量标杆工作办公室', phone: '010-68419999' },
    maxApplicationsPerOrganization: 1,
    qualityMethods: [...DEFAULT_QUALITY_METHODS],
    templates: [],
    corrections: [],
    state: opts.state ?? 'published',
    ...(opts.state === 'draft' ? {} : { publishedAt: new Date(now.getTime() - 10 * DAY) }),
    ...(opts.state === 'closed' ? { closedAt: now } : {}),
  })
  return doc.toObject() as CallRecord
}

export interface OrganizationOptions {
  name?: string
  /** Existing user ids (e.g. from wechatUser); by default one member is made directly. */
  memberIds?: string[]
  /** The profile, or options to vary the valid one; null: no profile yet. */
  profile?: OrganizationProfile | ProfileOptions | null
}

const isProfile = (p: OrganizationProfile | ProfileOptions | undefined): p is OrganizationProfile => !!p && 'iso9001' in p

export type BuiltOrganization = OrganizationRecord

/** An organization with members and (unless `profile: null`) a complete profile whose credit code it claims. */
export async function buildOrganization(models: Models, opts: OrganizationOptions = {}): Promise<BuiltOrganization> {
  const memberIds = opts.memberIds?.length
    ? opts.memberIds
    : [(await models.User.create({ logins: [`wechat:factory-${next()}`], displayName: '申报联系人', roles: [] }))._id.toHexString()]
  const joinedAt = new Date()
  const org = await models.Organization.create({
    name: opts.name ?? `测试质量科技有限公司${next()}`,
    nameReview: 'passed',
    members: memberIds.map((id, i) => ({ userId: new mongoose.Types.ObjectId(id), joinedAt, founder: i === 0 })),
    createdBy: new mongoose.Types.ObjectId(memberIds[0]),
  })
  const built: BuiltOrganization = org.toObject()
  if (opts.profile !== null) {
    const profile = isProfile(opts.profile) ? opts.profile : validProfile(opts.profile)
    await setProfile(models, org._id, profile)
    built.profile = profile
  }
  return built
}

/** The organization's current profile, as the profile route stores it: on the organization, its credit code claimed. */
export async function setProfile(models: Models, organizationId: mongoose.Types.ObjectId | string, profile: OrganizationProfile): Promise<void> {
  const _id = new mongoose.Types.ObjectId(String(organizationId))
  await models.Organization.updateOne({ _id }, { $set: { profile, profileUpdatedAt: new Date() } })
  await models.CreditCodeClaim.updateOne({ _id: profile.creditCode }, { $setOnInsert: { organizationId: _id } }, { upsert: true })
}

/** States buildApplication can put an application in, with what each implies. */
export type BuildableState = Extract<
  ApplicationState,
  'draft' | 'submitted' | 'withdrawn' | 'qualification_review' | 'supplement_requested' | 'supplement_overdue' | 'qualified' | 'ineligible'
>

export interface ApplicationOptions {
  state?: BuildableState
  call?: CallRecord
  organization?: BuiltOrganization
  /** For a new organization: its member ids and profile options. */
  memberIds?: string[]
  profile?: OrganizationProfile | ProfileOptions
  content?: ApplicationContent
  /** For supplement states: what was requested and until when (default: 7 days from now; overdue: yesterday). */
  supplementSections?: SupplementSection[]
  supplementDeadline?: Date
  now?: Date
}

/**
 * An application in `state` (default 'submitted'). Once submitted it carries what submitting stores:
 * complete content, receipt number, the profile snapshot and the automatic pre-check computed by
 * evaluateEligibility on today's date; supplement states carry their request, 'ineligible' a reason.
 */
export async function buildApplication(models: Models, opts: ApplicationOptions = {}): Promise<ApplicationRecord> {
  const now = opts.now ?? new Date()
  const state = opts.state ?? 'submitted'
  const call = opts.call ?? (await buildCall(models, { now }))
  const org =
    opts.organization ??
    (await buildOrganization(models, { ...(opts.memberIds ? { memberIds: opts.memberIds } : {}), profile: opts.profile ?? { callYear: call.year, now } }))
  const content = opts.content ?? completeContent(call.qualityMethods.slice(0, 1))
  const taken = await models.Application.countDocuments({ callId: call._id, organizationId: org._id })
  const base = {
    callId: call._id,
    organizationId: org._id,
    state,
    slot: state === 'withdrawn' ? `released:${next()}` : String(taken + 1),
    content,
    createdBy: org.members[0]!.userId,
  }
  if (state === applicationMachine.initial) return (await models.Application.create({ ...base, history: [] })).toObject() as ApplicationRecord

  const profile = org.profile
  if (!profile) throw new Error('buildApplication: a submitted application needs an organization with a profile')
  // The states it went through, as the machine runs them: the history the applicant sees.
  const steps = applicationMachine.pathTo(state)!
  const deadline =
    opts.supplementDeadline ?? (state === 'supplement_overdue' ? new Date(now.getTime() - DAY) : new Date(now.getTime() + 7 * DAY))
  const doc = await models.Application.create({
    ...base,
    receiptNumber: await nextReceiptNumber(models, call.year),
    submittedAt: now,
    profileSnapshot: profile,
    organizationName: org.name,
    sector: profile.sector,
    provinceCode: profile.region.provinceCode,
    creditCode: profile.creditCode,
    precheck: runPrecheck({ profile, callYear: call.year, callSectors: call.sectors, now }),
    history: steps.map((s) => ({ state: s, at: now })),
    ...(state === 'supplement_requested' || state === 'supplement_overdue'
      ? {
          supplement: {
            sections: opts.supplementSections ?? ['summary'],
            message: '请补充说明经验摘要中的量化成效。',
            deadline,
            requestedAt: new Date(now.getTime() - DAY),
          },
        }
      : {}),
    ...(state === 'ineligible' ? { ineligibleReasons: [{ condition: '愿意参与分享交流活动', reason: '声明不愿参与分享交流活动' }] } : {}),
  })
  return doc.toObject() as ApplicationRecord
}
