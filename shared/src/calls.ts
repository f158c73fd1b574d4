import { z } from 'zod'
import { pageOf, PageQuerySchema } from './pagination'

/** 第七条: the measures are open to organizations in manufacturing, construction and services. */
export const SECTORS = ['manufacturing', 'construction', 'services'] as const
export const SectorSchema = z.enum(SECTORS)
export type Sector = z.infer<typeof SectorSchema>
export const SECTOR_LABELS: Record<Sector, string> = {
  manufacturing: '制造',
  construction: '建筑',
  services: '服务',
}

/** 第三条: applying is free. Always shown with a call; not editable, so it cannot be dropped. */
export const FREE_OF_CHARGE_STATEMENT =
  '质量标杆典型经验征集工作遵循“自愿申报、集中评审、跟踪管理”的原则开展，不收取任何费用。'

/** The stages of a round (第十四条–第二十条), as announced in the call's schedule (第五条). */
export const MILESTONE_KINDS = [
  'application',
  'qualificationReview',
  'materialReview',
  'defenseReview',
  'publicity',
  'publication',
  'exchange',
] as const
export const MilestoneKindSchema = z.enum(MILESTONE_KINDS)
export type MilestoneKind = z.infer<typeof MilestoneKindSchema>
export const MILESTONE_LABELS: Record<MilestoneKind, string> = {
  application: '组织申报',
  qualificationReview: '资格审查',
  materialReview: '资料评审',
  defenseReview: '答辩评审与现场考察',
  publicity: '公示',
  publication: '结果公布',
  exchange: '经验交流活动',
}

export const CALL_STATES = ['draft', 'published', 'closed'] as const
export const CallStateSchema = z.enum(CALL_STATES)
export type CallState = z.infer<typeof CallStateSchema>

const Instant = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 时间（UTC 存储）' })

export const MilestoneSchema = z
  .strictObject({
    kind: MilestoneKindSchema,
    startsAt: Instant,
    endsAt: Instant.optional(),
    note: z.string().trim().max(200).optional(),
  })
  .refine((m) => !m.endsAt || Date.parse(m.endsAt) >= Date.parse(m.startsAt), {
    message: '结束时间不能早于开始时间',
    path: ['endsAt'],
  })
export type Milestone = z.infer<typeof MilestoneSchema>

/** 第五条: key fields and directions the office announces for the round. */
export const KeyFieldSchema = z.strictObject({
  title: z.string().trim().min(2).max(60),
  description: z.string().trim().max(1000).default(''),
})
export type KeyField = z.infer<typeof KeyFieldSchema>

export const ContactSchema = z.strictObject({
  department: z.string().trim().min(2).max(60),
  person: z.string().trim().max(30).optional(),
  phone: z.string().trim().max(40).optional(),
  email: z.email().optional(),
  address: z.string().trim().max(200).optional(),
})
export type Contact = z.infer<typeof ContactSchema>

/** What the office writes when it drafts a call; the seed uses it too. */
export const CallInputSchema = z
  .strictObject({
    year: z.number().int().min(2020).max(2100),
    title: z.string().trim().min(4).max(100),
    body: z.string().trim().min(10).max(20_000),
    keyFields: z.array(KeyFieldSchema).min(1).max(30),
    sectors: z
      .array(SectorSchema)
      .min(1)
      .refine((s) => new Set(s).size === s.length, { message: '领域不能重复' }),
    schedule: z.array(MilestoneSchema).min(1).max(20),
    contact: ContactSchema,
  })
  .refine((c) => c.schedule.some((m) => m.kind === 'application' && m.endsAt), {
    message: '日程必须包含有截止时间的“组织申报”阶段',
    path: ['schedule'],
  })
export type CallInput = z.infer<typeof CallInputSchema>

const ApplicationWindowSchema = z.strictObject({ opensAt: Instant, closesAt: Instant })

export const CallSummarySchema = z
  .strictObject({
    id: z.string(),
    year: z.number().int(),
    title: z.string(),
    sectors: z.array(SectorSchema),
    state: CallStateSchema,
    applicationWindow: ApplicationWindowSchema,
    publishedAt: Instant,
  })
  .meta({ id: 'CallSummary' })
export type CallSummary = z.infer<typeof CallSummarySchema>

export const CallDetailSchema = z
  .strictObject({
    id: z.string(),
    year: z.number().int(),
    title: z.string(),
    body: z.string(),
    keyFields: z.array(KeyFieldSchema),
    sectors: z.array(SectorSchema),
    schedule: z.array(MilestoneSchema),
    contact: ContactSchema,
    state: CallStateSchema,
    applicationWindow: ApplicationWindowSchema,
    freeOfChargeStatement: z.literal(FREE_OF_CHARGE_STATEMENT),
    publishedAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'CallDetail' })
export type CallDetail = z.infer<typeof CallDetailSchema>

export const CallListQuerySchema = PageQuerySchema
export const CallPageSchema = pageOf(CallSummarySchema).meta({ id: 'CallPage' })
export type CallPage = z.infer<typeof CallPageSchema>

export const CallIdParamsSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{24}$/, '征集通知编号格式不正确'),
})

/** The application window of a call: its 'application' milestone. */
export function applicationWindow(schedule: readonly Milestone[]): { opensAt: string; closesAt: string } {
  const m = schedule.find((s) => s.kind === 'application' && s.endsAt)
  if (!m?.endsAt) throw new Error('call schedule has no application window')
  return { opensAt: m.startsAt, closesAt: m.endsAt }
}
