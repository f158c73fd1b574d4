import mongoose from 'mongoose'
import type { ExpertImportReport } from '@zlbg/shared'
import { recordAudit } from '../audit/recorder'
import { expertImporter, importReportWorkbook, importTemplateWorkbook } from '../commands/experts/expertImporter'
import { expertCreator, expertUpdater } from '../commands/experts/expertSaver'
import { literalPattern } from '../db/literalPattern'
import { findPage, mapPage } from '../db/paged'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Models } from '../models'
import type { ExpertImportRecord, ExpertRecord } from '../models/expert'
import { poolCoverage, presentExperts } from '../presenters/experts/expert'

type Names =
  | 'listExperts'
  | 'getExpertCoverage'
  | 'downloadExpertTemplate'
  | 'importExperts'
  | 'getExpertImport'
  | 'downloadExpertImportReport'
  | 'createExpert'
  | 'getExpert'
  | 'updateExpert'

const presentImport = (doc: ExpertImportRecord): ExpertImportReport => ({
  id: doc._id.toHexString(),
  filename: doc.filename,
  at: doc.at.toISOString(),
  rows: doc.rows,
  created: doc.created,
  updated: doc.updated,
  failed: doc.failed,
  problems: doc.problems.map((p) => ({ row: p.row, ...(p.name ? { name: p.name } : {}), reasons: p.reasons })),
})

/** The expert pool (第九条): the office's list, coverage, one-by-one edits and xlsx import. */
export function expertHandlers(models: Models): Pick<Handlers, Names> {
  const { Expert, ExpertImport } = models

  async function one(id: string): Promise<ExpertRecord> {
    const doc = await Expert.findById(id).lean<ExpertRecord>()
    if (!doc) throw new AppError('EXPERT_NOT_FOUND')
    return doc
  }
  async function report(id: string): Promise<ExpertImportRecord> {
    const doc = await ExpertImport.findById(id).lean<ExpertImportRecord>()
    if (!doc) throw new AppError('IMPORT_NOT_FOUND')
    return doc
  }

  return {
    async listExperts(_ctx, { query }) {
      const filter: mongoose.FilterQuery<ExpertRecord> = {}
      if (query.q) {
        const p = literalPattern(query.q)
        filter.$or = [{ name: p }, { 'employer.name': p }, { phone: p }]
      }
      if (query.field) filter.fields = query.field
      if (query.sector) filter.sectors = query.sector
      if (query.active) filter.active = query.active === 'true'
      if (query.competent) filter.competent = query.competent === 'true'
      return mapPage(await findPage<ExpertRecord>(Expert, filter, query, { sort: { active: -1, name: 1, _id: 1 } }), (docs) => presentExperts(models, docs))
    },

    async getExpertCoverage() {
      return poolCoverage(models)
    },

    async downloadExpertTemplate() {
      return { filename: 'expert-import-template.xlsx', body: await importTemplateWorkbook() }
    },

    async importExperts(_ctx, { file, actor }) {
      return presentImport(await expertImporter({ models, actor, filename: file.filename, buffer: file.buffer }))
    },

    async getExpertImport(_ctx, { params }) {
      return presentImport(await report(params.id))
    },

    async downloadExpertImportReport(_ctx, { params, actor }) {
      const doc = await report(params.id)
      // Personal data leaving the system (names and the reasons their rows failed).
      await recordAudit(models, actor, { action: 'expert.importReport.export', resource: { type: 'expertImport', id: params.id } })
      return { filename: `expert-import-report-${doc.at.toISOString().slice(0, 10)}.xlsx`, body: await importReportWorkbook(doc) }
    },

    async createExpert(_ctx, { body, actor }) {
      const [view] = await presentExperts(models, [await expertCreator({ models, actor, input: body })])
      return view!
    },

    async getExpert(_ctx, { params }) {
      const [view] = await presentExperts(models, [await one(params.id)])
      return view!
    },

    async updateExpert(_ctx, { params, body, actor }) {
      await one(params.id)
      const [view] = await presentExperts(models, [await expertUpdater({ models, actor, id: params.id, input: body })])
      return view!
    },
  }
}
