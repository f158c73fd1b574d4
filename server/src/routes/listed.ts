import mongoose from 'mongoose'
import { recordAudit } from '../audit/recorder'
import { listedImporter, listedImportReportWorkbook, listedImportTemplateWorkbook } from '../commands/listedImport/listedImporter'
import { literalPattern } from '../db/literalPattern'
import { findPage, mapPage } from '../db/paged'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { ListedImportRecord } from '../models/listedImport'
import type { ListedExperienceRecord, ListedOrganizationRecord } from '../models/listing'
import { presentListedExperience, PUBLIC_EXPERIENCE_FIELDS } from '../presenters/listing/experience'
import { eventAttendance } from '../presenters/listed/events'
import { presentListedImport, presentListedImportSummary } from '../presenters/listed/import'
import { presentListedOrganizationHead, presentOfficeListedOrganizations } from '../presenters/listed/organization'

type Names =
  | 'listListed'
  | 'listListedYears'
  | 'getListed'
  | 'getListedOrganization'
  | 'listOfficeListedOrganizations'
  | 'downloadListedImportTemplate'
  | 'importListed'
  | 'listListedImports'
  | 'getListedImport'
  | 'downloadListedImportReport'

// 名单: newest year first, then by organization; `_id` last so a page boundary never shows an entry twice.
const NEWEST_YEAR = { year: -1, organizationName: 1, _id: 1 } as const
/** An organization's experiences on its page: enough for decades of lists. */
const ORGANIZATION_EXPERIENCES = 200

/**
 * The published list (名单, 第十九条): public reads cached under the 'listing' stamp (app.ts) — removed
 * entries keep their place, marked (第二十一条) — listed organizations (第二十条), and the office's
 * import of earlier years.
 */
export function listedHandlers(models: Models, { logger }: { logger: Logger }): Pick<Handlers, Names> {
  const { ListedExperience, ListedOrganization, ListedImport } = models

  async function organization(id: mongoose.Types.ObjectId | string): Promise<ListedOrganizationRecord | null> {
    return ListedOrganization.findById(id, { creditCode: 0, organizationId: 0, key: 0, nameKey: 0 }).lean<ListedOrganizationRecord>()
  }
  const experiencesOf = (listedOrganizationId: mongoose.Types.ObjectId, limit: number, except?: mongoose.Types.ObjectId) =>
    ListedExperience.find({ listedOrganizationId, ...(except ? { _id: { $ne: except } } : {}) }, PUBLIC_EXPERIENCE_FIELDS)
      .sort({ year: -1, _id: 1 })
      .limit(limit)
      .lean<ListedExperienceRecord[]>()
  async function importRecord(id: string): Promise<ListedImportRecord> {
    const doc = await ListedImport.findById(id).lean<ListedImportRecord>()
    if (!doc) throw new AppError('IMPORT_NOT_FOUND')
    return doc
  }

  return {
    async listListed(_ctx, { query }) {
      const filter: mongoose.FilterQuery<ListedExperienceRecord> = {}
      if (query.year !== undefined) filter.year = query.year
      if (query.sector) filter.sector = query.sector
      if (query.region) filter.provinceCode = query.region
      // No text index in the embedded engine: a literal, case-insensitive pattern over the two names.
      if (query.q) filter.$or = [{ organizationName: literalPattern(query.q) }, { title: literalPattern(query.q) }]
      const found = await findPage<ListedExperienceRecord>(ListedExperience, filter, query, { sort: NEWEST_YEAR, projection: PUBLIC_EXPERIENCE_FIELDS })
      return mapPage(found, (docs) => docs.map(presentListedExperience))
    },

    async listListedYears() {
      const years = await ListedExperience.aggregate<{ _id: number; count: number; removedCount: number }>([
        { $group: { _id: '$year', count: { $sum: 1 }, removedCount: { $sum: { $cond: [{ $eq: ['$state', 'removed'] }, 1, 0] } } } },
        { $sort: { _id: -1 } },
      ])
      return { years: years.map((y) => ({ year: y._id, count: y.count, removedCount: y.removedCount })) }
    },

    async getListed(_ctx, { params }) {
      const doc = await ListedExperience.findById(params.id, PUBLIC_EXPERIENCE_FIELDS).lean<ListedExperienceRecord>()
      if (!doc) throw new AppError('LISTED_NOT_FOUND')
      const org = await organization(doc.listedOrganizationId)
      // Written together by the importer and publication: an experience without its organization is a broken record.
      if (!org) throw new Error(`listed experience ${params.id}: its organization ${doc.listedOrganizationId} is missing`)
      const others = await experiencesOf(org._id, ORGANIZATION_EXPERIENCES, doc._id)
      return { experience: presentListedExperience(doc), organization: presentListedOrganizationHead(org), others: others.map(presentListedExperience) }
    },

    async getListedOrganization(_ctx, { params }) {
      const org = await organization(params.id)
      if (!org) throw new AppError('LISTED_ORGANIZATION_NOT_FOUND')
      const experiences = await experiencesOf(org._id, ORGANIZATION_EXPERIENCES)
      const events = await eventAttendance(models, [org])
      return { ...presentListedOrganizationHead(org), experiences: experiences.map(presentListedExperience), events: events.get(org._id.toHexString())! }
    },

    async listOfficeListedOrganizations(_ctx, { query }) {
      const filter: mongoose.FilterQuery<ListedOrganizationRecord> = {}
      if (query.q) filter.$or = [{ name: literalPattern(query.q) }, { creditCode: literalPattern(query.q) }]
      if (query.linked) filter.organizationId = { $exists: query.linked === 'yes' }
      const found = await findPage<ListedOrganizationRecord>(ListedOrganization, filter, query, { sort: { name: 1, _id: 1 } })
      return mapPage(found, (docs) => presentOfficeListedOrganizations(models, docs))
    },

    async downloadListedImportTemplate() {
      return { filename: 'listed-import-template.xlsx', body: await listedImportTemplateWorkbook() }
    },

    async importListed(ctx, { file, actor }) {
      return presentListedImport(await listedImporter({ models, actor, filename: file.filename, buffer: file.buffer, logger: ctx.state.log ?? logger }))
    },

    async listListedImports(_ctx, { query }) {
      const found = await findPage<ListedImportRecord>(ListedImport, {}, query, { sort: { at: -1, _id: -1 }, projection: { problems: 0 } })
      return mapPage(found, (docs) => docs.map((d) => presentListedImportSummary({ ...d, problems: [] })))
    },

    async getListedImport(_ctx, { params }) {
      return presentListedImport(await importRecord(params.id))
    },

    async downloadListedImportReport(_ctx, { params, actor }) {
      const doc = await importRecord(params.id)
      await recordAudit(models, actor, { action: 'listed.importReport.export', resource: { type: 'listedImport', id: params.id } })
      return { filename: `listed-import-report-${doc.at.toISOString().slice(0, 10)}.xlsx`, body: await listedImportReportWorkbook(doc) }
    },
  }
}
