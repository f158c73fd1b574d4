import { z } from 'zod'
import { SectorSchema } from './calls'
import { ObjectIdSchema } from './experts'
import { ListedExperienceSchema } from './listing'
import { decimalInteger, pageOf, PageQuerySchema } from './pagination'
import { PROVINCE_CODES } from './regions'
import { searchText } from './text'

/**
 * The public 名单 (第十九条) and the listed organizations' records (第二十条、第二十一条): the query
 * and answer shapes of the 名单 tab, an experience's page, an organization's page and the office's
 * overview of every listed organization. The experience itself is ListedExperienceSchema (listing.ts).
 */

/** 第一批质量标杆 began long before this system; a year before this is a typing error. */
export const LISTED_FIRST_YEAR = 1990

export const ListedQuerySchema = PageQuerySchema.extend({
  year: decimalInteger(LISTED_FIRST_YEAR, 2999).optional().meta({ description: '年份' }),
  sector: SectorSchema.optional().meta({ description: '行业门类' }),
  region: z.enum(PROVINCE_CODES).optional().meta({ description: '省级行政区划代码' }),
  q: searchText(50).optional().meta({ description: '单位名称或经验名称中的文字' }),
})
export type ListedQuery = z.input<typeof ListedQuerySchema>

export const ListedIdParamsSchema = z.strictObject({ id: ObjectIdSchema('入选经验') })
export const ListedOrganizationIdParamsSchema = z.strictObject({ id: ObjectIdSchema('入选组织') })

/** The years that have a list, newest first, each with its counts: the 名单 tab's year picker. */
export const ListedYearsSchema = z
  .strictObject({
    years: z.array(z.strictObject({ year: z.number().int(), count: z.number().int(), removedCount: z.number().int() })),
  })
  .meta({ id: 'ListedYears' })
export type ListedYears = z.infer<typeof ListedYearsSchema>

/**
 * 第二十条: listed organizations take part in exchange events. The events issue (#18) records them; until
 * then every figure is 0 and `recorded` is false, computed by one function the events issue fills.
 */
export const EventAttendanceSchema = z
  .strictObject({
    recorded: z.boolean().meta({ description: '是否已有交流活动记录' }),
    offered: z.number().int().meta({ description: '向其开放的交流活动' }),
    registered: z.number().int(),
    attended: z.number().int(),
  })
  .meta({ id: 'EventAttendance' })
export type EventAttendance = z.infer<typeof EventAttendanceSchema>

const ListedOrganizationHeadSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  region: z.string().optional(),
  years: z.array(z.number().int()),
  listedCount: z.number().int(),
  removedCount: z.number().int(),
})

/** One listed experience with its organization and the organization's other experiences (newest first). */
export const ListedExperienceDetailSchema = z
  .strictObject({
    experience: ListedExperienceSchema,
    organization: ListedOrganizationHeadSchema,
    others: z.array(ListedExperienceSchema),
  })
  .meta({ id: 'ListedExperienceDetail' })
export type ListedExperienceDetail = z.infer<typeof ListedExperienceDetailSchema>

/** A listed organization's public page: its experiences across years (removed ones marked, 第二十一条) and events (第二十条). */
export const ListedOrganizationPageSchema = ListedOrganizationHeadSchema.extend({
  experiences: z.array(ListedExperienceSchema),
  events: EventAttendanceSchema,
}).meta({ id: 'ListedOrganizationPage' })
export type ListedOrganizationPage = z.infer<typeof ListedOrganizationPageSchema>

// ---- the office's overview (第二十条: the obligations of listed organizations)

export const OfficeListedOrganizationQuerySchema = PageQuerySchema.extend({
  q: searchText(50).optional().meta({ description: '单位名称或统一社会信用代码' }),
  linked: z.enum(['yes', 'no']).optional().meta({ description: '是否已关联小程序中的组织账号' }),
})
export type OfficeListedOrganizationQuery = z.input<typeof OfficeListedOrganizationQuerySchema>

export const OfficeListedOrganizationSchema = ListedOrganizationHeadSchema.extend({
  creditCode: z.string().optional(),
  /** The account-side organization whose members hold listed_org_member while an experience is listed. */
  account: z.strictObject({ id: z.string(), name: z.string(), listed: z.boolean() }).optional(),
  events: EventAttendanceSchema,
}).meta({ id: 'OfficeListedOrganization' })
export type OfficeListedOrganization = z.infer<typeof OfficeListedOrganizationSchema>
export const OfficeListedOrganizationPageSchema = pageOf(OfficeListedOrganizationSchema).meta({ id: 'OfficeListedOrganizationPage' })
