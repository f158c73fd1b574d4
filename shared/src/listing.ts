import { z } from 'zod'
import { pageOf } from './pagination'

/**
 * The official list (名单) of 第十九条 and removal from it (第二十一条). This file holds the states and
 * the public shapes the server, the mini-program and the feed share; the approver's, the office's and
 * the import's own inputs live beside their routes (approval.ts, listedImport.ts, removals.ts).
 *
 * - A call's **listing** is created when the CAQ approver signs the approval of the entries that passed
 *   publicity (whole, or entry by entry with reasons for any held back); the office then publishes it.
 * - A **listed experience** is one entry of a published list (or of an earlier year's list imported by
 *   the office). It is never deleted: a removal marks it `removed` and links the announcement (公告).
 * - A **listed organization** gathers an organization's listed experiences across years; its members
 *   hold `listed_org_member` while it has at least one experience still listed (第二十条).
 */

/** approved: signed by the approver, not yet public; published: the official list of the call's year. */
export const LISTING_STATES = ['approved', 'published'] as const
export type ListingState = (typeof LISTING_STATES)[number]
export const LISTING_STATE_LABELS: Record<ListingState, string> = { approved: '已批准，待公布', published: '已公布' }
export const LISTING_EVENTS = ['publish'] as const
export type ListingEvent = (typeof LISTING_EVENTS)[number]

export const LISTED_STATES = ['listed', 'removed'] as const
export type ListedState = (typeof LISTED_STATES)[number]
export const LISTED_STATE_LABELS: Record<ListedState, string> = { listed: '在列', removed: '已移除' }

/** Where a listed experience came from: this system's publication, or the office's import of an earlier year. */
export const LISTED_SOURCES = ['publication', 'import'] as const
export type ListedSource = (typeof LISTED_SOURCES)[number]

/** The two grounds of 第二十一条. */
export const REMOVAL_REASON_TYPES = ['fraud', 'major_accident'] as const
export type RemovalReasonType = (typeof REMOVAL_REASON_TYPES)[number]
export const REMOVAL_REASON_LABELS: Record<RemovalReasonType, string> = {
  fraud: '申报材料弄虚作假',
  major_accident: '三年内发生诚信、质量、安全、环保等重大责任事故',
}

/**
 * A removal (第二十一条): the office proposes it with the ground, facts and evidence; the chair (or a
 * vice chair) of the deciding committee confirms, then the CAQ approver; the confirmation removes the
 * entry, and the office reviews and publishes the announcement (公告) drafted from the template.
 * Declined (by the chair or the approver, with reasons) or withdrawn (by the office) ends it with the
 * entry untouched.
 */
export const REMOVAL_STATES = ['proposed', 'chair_confirmed', 'confirmed', 'announced', 'declined', 'withdrawn'] as const
export type RemovalState = (typeof REMOVAL_STATES)[number]
export const REMOVAL_STATE_LABELS: Record<RemovalState, string> = {
  proposed: '待主任委员确认',
  chair_confirmed: '待审批人确认',
  confirmed: '已确认移除，公告待发布',
  announced: '公告已发布',
  declined: '未获确认',
  withdrawn: '已撤回',
}
export const REMOVAL_EVENTS = ['confirmByChair', 'confirmByApprover', 'decline', 'withdraw', 'publishAnnouncement'] as const
export type RemovalEvent = (typeof REMOVAL_EVENTS)[number]
/** Not a state change: the office edits the drafted announcement before publishing it. */
export const REMOVAL_ACTIONS = ['editAnnouncement'] as const
export type RemovalAction = (typeof REMOVAL_ACTIONS)[number]

// ---- what the public sees (名单 tab, H5, feed)

const Instant = z.iso.datetime({ offset: true })

/**
 * One listed experience as the public sees it: organization, experience title, summary, sector, region
 * and year; a removed one keeps its place, marked, with the announcement's id (第二十一条).
 */
export const ListedExperienceSchema = z
  .strictObject({
    id: z.string(),
    year: z.number().int(),
    organizationName: z.string(),
    /** The listed organization's page (its experiences across years). */
    listedOrganizationId: z.string(),
    title: z.string(),
    summary: z.string().optional(),
    sector: z.string().optional().meta({ description: '所属领域（名称）' }),
    region: z.string().optional().meta({ description: '所在地区（省级名称）' }),
    state: z.enum(LISTED_STATES),
    stateLabel: z.string(),
    source: z.enum(LISTED_SOURCES),
    publishedAt: Instant.optional().meta({ description: '公布时间；导入的往年名单没有' }),
    removal: z
      .strictObject({
        removedAt: Instant,
        reasonLabel: z.string(),
        /** The published announcement (公告); absent until the office publishes it. */
        announcementId: z.string().optional(),
      })
      .optional(),
  })
  .meta({ id: 'ListedExperience' })
export type ListedExperience = z.infer<typeof ListedExperienceSchema>
export const ListedExperiencePageSchema = pageOf(ListedExperienceSchema).meta({ id: 'ListedExperiencePage' })
export type ListedExperiencePage = z.infer<typeof ListedExperiencePageSchema>

/** A removal announcement (公告) as published. Its id is the removal's. */
export const AnnouncementSchema = z
  .strictObject({
    id: z.string(),
    number: z.string().meta({ description: '公告编号，如 中质协质量标杆公告〔2026〕1号' }),
    title: z.string(),
    body: z.string(),
    publishedAt: Instant,
    experienceId: z.string(),
    organizationName: z.string(),
    experienceTitle: z.string(),
    year: z.number().int(),
    reasonLabel: z.string(),
  })
  .meta({ id: 'Announcement' })
export type Announcement = z.infer<typeof AnnouncementSchema>
export const AnnouncementPageSchema = pageOf(AnnouncementSchema).meta({ id: 'AnnouncementPage' })
