import mongoose from 'mongoose'
import {
  APPLICANT_STAGE_LABELS,
  formatDateTime,
  PROVINCE_LABELS,
  SECTOR_LABELS,
  type ApplicationState,
  type ProvinceCode,
  type Sector,
} from '@zlbg/shared'
import { downloadAttachment } from '../attachments'
import { applicationCreator } from '../commands/applications/applicationCreator'
import { applicationDeleter } from '../commands/applications/applicationDeleter'
import { applicationDraftSaver } from '../commands/applications/applicationDraftSaver'
import { applicationSubmitter } from '../commands/applications/applicationSubmitter'
import { applicationWithdrawer } from '../commands/applications/applicationWithdrawer'
import { literalPattern } from '../db/literalPattern'
import { findPage, mapPage } from '../db/paged'
import { similaritySummaries } from '../presenters/similarity/report'
import type { Handlers } from '../http/bind'
import { xlsxDownload } from '../http/xlsx'
import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { ApplicationRecord } from '../models/application'
import type { Actor } from '../policies'
import { loadApplication, loadCall, loadOrganization } from '../policies/loaders'
import { applicationContexts, precheckCounts, presentApplicant, presentApplicantSummary, presentOfficeSummary } from '../presenters/applications/application'
import type { FileStorage } from '../storage'

type Names =
  | 'createApplication'
  | 'listMyApplications'
  | 'getApplication'
  | 'saveApplicationDraft'
  | 'deleteApplication'
  | 'submitApplication'
  | 'withdrawApplication'
  | 'downloadApplicationAttachment'
  | 'listCallApplications'
  | 'exportCallApplications'

const oid = (id: string) => new mongoose.Types.ObjectId(id)

/** The office's filters of a call's applications (list and export alike). */
interface OfficeFilter {
  state?: ApplicationState
  sector?: Sector
  provinceCode?: ProvinceCode
  q?: string
}

/** Drafts are the applicant's own work and never reach the office's list (第十三条). */
export function officeApplicationQuery(callId: string, f: OfficeFilter): mongoose.FilterQuery<ApplicationRecord> {
  const q: mongoose.FilterQuery<ApplicationRecord> = {
    callId: oid(callId),
    state: f.state ? { $in: f.state === 'draft' ? [] : [f.state] } : { $ne: 'draft' },
  }
  if (f.sector) q.sector = f.sector
  if (f.provinceCode) q.provinceCode = f.provinceCode
  if (f.q) {
    const pattern = literalPattern(f.q)
    q.$or = [{ organizationName: pattern }, { receiptNumber: pattern }, { 'content.title': pattern }]
  }
  return q
}

/** In the order they were received: the office works through a call's applications as a queue. */
const RECEIVED_ORDER = { submittedAt: 1, _id: 1 } as const

/** The export is capped so one request cannot pull everything at once; a call has far fewer. */
export const APPLICATION_EXPORT_MAX_ROWS = 10_000

export function applicationHandlers(models: Models, { storage, logger }: { storage: FileStorage; logger: Logger }): Pick<Handlers, Names> {
  const { Application } = models

  const load = (id: string, actor: Actor, action: string) => loadApplication(models, id, actor, action)

  return {
    async createApplication(_ctx, { body, actor }) {
      const org = await loadOrganization(models, body.organizationId, actor, 'application.create')
      // A draft call is the office's alone: the loader answers 404 to applicants.
      const call = await loadCall(models, body.callId, actor, 'call.read')
      const doc = await applicationCreator({ models, actor, call, organizationId: org._id })
      return presentApplicant(models, doc)
    },

    async listMyApplications(_ctx, { query, actor }) {
      if (query.organizationId && !actor.organizationIds.includes(query.organizationId)) throw new AppError('FORBIDDEN')
      const orgIds = query.organizationId ? [query.organizationId] : [...actor.organizationIds]
      const found = await findPage<ApplicationRecord>(Application, { organizationId: { $in: orgIds.map(oid) } }, query, { sort: { createdAt: -1, _id: -1 } })
      return mapPage(found, async (docs) => {
        const contexts = await applicationContexts(models, docs)
        return docs.map((d) => presentApplicantSummary(d, contexts.get(d._id.toHexString())!))
      })
    },

    async getApplication(_ctx, { params, actor }) {
      return presentApplicant(models, await load(params.id, actor, 'application.readOwn'))
    },

    async saveApplicationDraft(_ctx, { params, body, actor }) {
      const doc = await load(params.id, actor, 'application.edit')
      return presentApplicant(models, await applicationDraftSaver({ models, actor, doc, content: body }))
    },

    async deleteApplication(_ctx, { params, actor }) {
      await applicationDeleter({ models, actor, doc: await load(params.id, actor, 'application.edit') })
    },

    async submitApplication(ctx, { params, actor }) {
      const doc = await load(params.id, actor, 'application.submit')
      return applicationSubmitter({ models, actor, doc, logger: ctx.state.log ?? logger })
    },

    async withdrawApplication(ctx, { params, body, actor }) {
      await load(params.id, actor, 'application.withdraw')
      const doc = await applicationWithdrawer({ models, actor, id: params.id, ...(body.reason ? { reason: body.reason } : {}), logger: ctx.state.log ?? logger })
      return presentApplicant(models, doc)
    },

    async downloadApplicationAttachment(_ctx, { params, actor }) {
      const doc = await load(params.id, actor, 'application.readAttachment')
      // The application's own files, and its organization's certificate scan shown with the profile snapshot.
      return downloadAttachment(models, storage, params.attachmentId, [
        { type: 'application', id: doc._id },
        { type: 'organization', id: doc.organizationId },
      ])
    },

    async listCallApplications(_ctx, { params, query, actor }) {
      await loadCall(models, params.id, actor, 'application.review')
      const found = await findPage<ApplicationRecord>(Application, officeApplicationQuery(params.id, query), query, {
        sort: RECEIVED_ORDER,
        projection: { pendingEffects: 0, profileSnapshot: 0, findings: 0 },
      })
      return mapPage(found, async (docs) => {
        const similarity = await similaritySummaries(models, docs.map((d) => d._id))
        return docs.map((d) => {
          const flags = similarity.get(d._id.toHexString())
          return { ...presentOfficeSummary(d), ...(flags ? { similarity: flags } : {}) }
        })
      })
    },

    async exportCallApplications(_ctx, { params, query, actor }) {
      const call = await loadCall(models, params.id, actor, 'application.review')
      const docs = await Application.find(officeApplicationQuery(params.id, query), { pendingEffects: 0, profileSnapshot: 0, findings: 0 })
        .sort(RECEIVED_ORDER)
        .limit(APPLICATION_EXPORT_MAX_ROWS)
        .lean<ApplicationRecord[]>()
      // Organizations' data leaving the system: xlsxDownload records the export.
      return xlsxDownload(models, actor, {
        sheet: '申报列表',
        columns: [
          { header: '受理编号', key: 'receipt', width: 20 },
          { header: '组织名称', key: 'org', width: 32 },
          { header: '统一社会信用代码', key: 'creditCode', width: 22 },
          { header: '领域', key: 'sector', width: 8 },
          { header: '地区', key: 'province', width: 16 },
          { header: '经验标题', key: 'title', width: 40 },
          { header: '阶段', key: 'stage', width: 16 },
          { header: '提交时间（北京时间）', key: 'submittedAt', width: 20 },
          { header: '预审符合', key: 'pass', width: 10 },
          { header: '预审不符合', key: 'fail', width: 10 },
          { header: '预审需判断', key: 'judgement', width: 10 },
          { header: '补正期限（北京时间）', key: 'supplementDeadline', width: 20 },
        ],
        rows: docs.map((d) => {
          const counts = precheckCounts(d)
          return {
            receipt: d.receiptNumber ?? '',
            org: d.organizationName ?? '',
            creditCode: d.creditCode ?? '',
            sector: d.sector ? SECTOR_LABELS[d.sector] : '',
            province: d.provinceCode ? (PROVINCE_LABELS[d.provinceCode as ProvinceCode] ?? d.provinceCode) : '',
            title: d.content?.title ?? '',
            stage: APPLICANT_STAGE_LABELS[d.state],
            submittedAt: d.submittedAt ? formatDateTime(d.submittedAt) : '',
            pass: counts?.pass ?? '',
            fail: counts?.fail ?? '',
            judgement: counts?.judgement ?? '',
            supplementDeadline: d.supplement?.deadline ? formatDateTime(d.supplement.deadline) : '',
          }
        }),
        filename: `applications-${call.year}-${new Date().toISOString().slice(0, 10)}.xlsx`,
        audit: { action: 'application.export', resource: { type: 'call', id: params.id } },
      })
    },
  }
}
