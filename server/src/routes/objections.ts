import mongoose from 'mongoose'
import type { ObjectionState } from '@zlbg/shared'
import { downloadAttachment } from '../attachments'
import { hasPledged } from '../commands/committees/pledgeAcceptor'
import { objectionFiler } from '../commands/objections/objectionFiler'
import {
  committeeSubmitter,
  explanationAnswerer,
  explanationRequester,
  findingsRecorder,
  investigationStarter,
  moderationPasser,
  objectionDecider,
  objectionReplier,
} from '../commands/objections/objectionHandling'
import { findPage, mapPage } from '../db/paged'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { ObjectionRecord, PublicityRecord } from '../models/publicity'
import { expertOfActor, type Actor } from '../policies'
import { loadApplication, loadObjection, loadOwnObjection } from '../policies/loaders'
import {
  presentApplicantExplanation,
  presentCommitteeObjection,
  presentCommitteeObjectionRows,
  presentMyObjection,
  presentMyObjections,
  presentOfficeObjection,
  presentOfficeObjectionRows,
} from '../presenters/objections/objection'
import type { FileStorage } from '../storage'
import type { ContentSecurity } from '../wechat/contentSecurity'

type Names =
  | 'getObjectionTarget'
  | 'fileObjection'
  | 'listMyObjections'
  | 'getMyObjection'
  | 'listObjections'
  | 'getObjection'
  | 'startObjectionInvestigation'
  | 'recordObjectionFindings'
  | 'submitObjectionToCommittee'
  | 'replyObjection'
  | 'requestObjectionExplanation'
  | 'passObjectionModeration'
  | 'downloadObjectionFile'
  | 'listObjectionsToDecide'
  | 'getObjectionToDecide'
  | 'decideObjection'
  | 'downloadObjectionFileForDecision'
  | 'listApplicationExplanations'
  | 'answerExplanation'

const oid = (id: string) => new mongoose.Types.ObjectId(id)
/** What the committee sees: from the moment the office puts it to them. */
const BEFORE_THE_COMMITTEE: readonly ObjectionState[] = ['received', 'investigating', 'findings_recorded']

/** Objections (异议, 第十八条): route → command → presenter, as everywhere. */
export function objectionHandlers(
  models: Models,
  { contentSecurity, storage, logger, clock }: { contentSecurity: ContentSecurity; storage: FileStorage; logger: Logger; clock?: () => Date },
): Pick<Handlers, Names> {
  const office = async (id: string, actor: Actor) => (await loadObjection(models, id, actor, 'objection.manage')).objection
  const presentOffice = (doc: ObjectionRecord, actor: Actor) => presentOfficeObjection(models, doc, actor)

  /** The chair or a vice chair, after the call's pledge (第十三条), and only once the office has put it to the committee. */
  async function toDecide(id: string, actor: Actor) {
    const loaded = await loadObjection(models, id, actor, 'objection.decide')
    if (BEFORE_THE_COMMITTEE.includes(loaded.objection.state)) throw new AppError('OBJECTION_NOT_FOUND')
    const committee = await models.Committee.findOne({ callId: loaded.objection.callId }, { callId: 1, pledgeVersion: 1 }).lean()
    const expertId = loaded.actor.call?.expertId
    if (!committee || !expertId || !(await hasPledged(models, committee, expertId))) throw new AppError('PLEDGE_REQUIRED')
    return loaded
  }

  return {
    async getObjectionTarget(_ctx, { query }) {
      const entryId = oid(query.entryId)
      const list = await models.Publicity.findById(query.publicityId, { callId: 1, window: 1, contact: 1, entries: { $elemMatch: { _id: entryId } } }).lean<PublicityRecord>()
      const entry = list?.entries?.[0]
      if (!list || !entry) throw new AppError('PUBLICITY_NOT_FOUND')
      const call = await models.Call.findById(list.callId, { title: 1 }).lean()
      return {
        publicityId: query.publicityId,
        entryId: query.entryId,
        callTitle: call?.title ?? '',
        organizationName: entry.organizationName,
        title: entry.title,
        ...(entry.sector ? { sector: entry.sector } : {}),
        ...(entry.provinceCode ? { provinceCode: entry.provinceCode } : {}),
        entryStatus: entry.status,
        window: { startDay: list.window.startDay, endDay: list.window.endDay, opensAt: list.window.opensAt.toISOString(), closesAt: list.window.closesAt.toISOString() },
        contact: list.contact,
      }
    },

    async fileObjection(ctx, { body, actor }) {
      const { objection } = await objectionFiler({ models, contentSecurity, actor, input: body, ...(clock ? { clock } : {}), logger: ctx.state.log ?? logger })
      return { id: objection._id.toHexString(), receiptNumber: objection.receiptNumber, state: objection.state, filedAt: objection.filedAt.toISOString() }
    },

    async listMyObjections(_ctx, { query, actor }) {
      const page = await findPage<ObjectionRecord>(models.Objection, { filedBy: oid(actor.userId!) }, query, { sort: { filedAt: -1, _id: -1 }, projection: { pendingEffects: 0 } })
      return mapPage(page, (items) => presentMyObjections(models, items))
    },

    async getMyObjection(_ctx, { params, actor }) {
      return presentMyObjection(models, await loadOwnObjection(models, params.id, actor, 'objection.readOwn'))
    },

    async listObjections(_ctx, { query }) {
      const filter: mongoose.FilterQuery<ObjectionRecord> = {
        ...(query.callId ? { callId: oid(query.callId) } : {}),
        ...(query.state ? { state: query.state } : {}),
        ...(query.moderation ? { moderation: query.moderation } : {}),
      }
      const page = await findPage<ObjectionRecord>(models.Objection, filter, query, { sort: { filedAt: -1, _id: -1 }, projection: { pendingEffects: 0 } })
      return mapPage(page, (items) => presentOfficeObjectionRows(models, items))
    },

    async getObjection(_ctx, { params, actor }) {
      return presentOffice(await office(params.id, actor), actor)
    },

    async startObjectionInvestigation(ctx, { params, body, actor }) {
      await office(params.id, actor)
      return presentOffice(await investigationStarter({ models, actor, id: params.id, ...(body.reason ? { reason: body.reason } : {}), logger: ctx.state.log ?? logger }), actor)
    },

    async recordObjectionFindings(ctx, { params, body, actor }) {
      await office(params.id, actor)
      return presentOffice(await findingsRecorder({ models, actor, id: params.id, input: body, logger: ctx.state.log ?? logger }), actor)
    },

    async submitObjectionToCommittee(ctx, { params, body, actor }) {
      await office(params.id, actor)
      return presentOffice(await committeeSubmitter({ models, actor, id: params.id, ...(body.reason ? { reason: body.reason } : {}), logger: ctx.state.log ?? logger }), actor)
    },

    async replyObjection(ctx, { params, body, actor }) {
      await office(params.id, actor)
      return presentOffice(await objectionReplier({ models, actor, id: params.id, text: body.text, logger: ctx.state.log ?? logger }), actor)
    },

    async passObjectionModeration(ctx, { params, actor }) {
      await office(params.id, actor)
      return presentOffice(await moderationPasser({ models, actor, id: params.id, logger: ctx.state.log ?? logger }), actor)
    },

    async requestObjectionExplanation(ctx, { params, body, actor }) {
      await office(params.id, actor)
      return presentOffice(await explanationRequester({ models, actor, id: params.id, input: body, logger: ctx.state.log ?? logger }), actor)
    },

    async downloadObjectionFile(_ctx, { params, actor }) {
      await office(params.id, actor)
      return downloadAttachment(models, storage, params.attachmentId, [{ type: 'objection', id: params.id }])
    },

    async listObjectionsToDecide(_ctx, { actor }) {
      const expert = await expertOfActor(models, actor)
      if (!expert) return { items: [] }
      const committees = await models.Committee.find({ $or: [{ chairId: expert._id }, { viceChairIds: expert._id }] }, { callId: 1 }).lean()
      const docs = await models.Objection.find(
        { callId: { $in: committees.map((c) => c.callId) }, state: { $nin: BEFORE_THE_COMMITTEE } },
        { pendingEffects: 0 },
      )
        .sort({ filedAt: -1 })
        .limit(200)
        .lean<ObjectionRecord[]>()
      // Those waiting for a decision first.
      docs.sort((a, b) => Number(b.state === 'committee_review') - Number(a.state === 'committee_review'))
      return { items: await presentCommitteeObjectionRows(models, docs, (d) => d.state === 'committee_review') }
    },

    async getObjectionToDecide(_ctx, { params, actor }) {
      const { objection, actor: inCall } = await toDecide(params.id, actor)
      return presentCommitteeObjection(models, objection, inCall)
    },

    async decideObjection(ctx, { params, body, actor }) {
      const { actor: inCall } = await toDecide(params.id, actor)
      const doc = await objectionDecider({ models, actor: inCall, id: params.id, outcome: body.outcome, reasons: body.reasons, logger: ctx.state.log ?? logger })
      return presentCommitteeObjection(models, doc, inCall)
    },

    async downloadObjectionFileForDecision(_ctx, { params, actor }) {
      const { objection } = await toDecide(params.id, actor)
      // Evidence and the office's findings only: the seal letter names the objector.
      const allowed = [...objection.evidenceIds, ...(objection.findings?.evidenceIds ?? [])].some((id) => id.toHexString() === params.attachmentId)
      if (!allowed) throw new AppError('ATTACHMENT_NOT_FOUND')
      return downloadAttachment(models, storage, params.attachmentId, [{ type: 'objection', id: params.id }])
    },

    async listApplicationExplanations(_ctx, { params, actor }) {
      const app = await loadApplication(models, params.id, actor, 'explanation.answer')
      const docs = await models.Objection.find({ applicationId: app._id, 'explanations.0': { $exists: true } }, { explanations: 1 }).lean<Pick<ObjectionRecord, 'explanations'>[]>()
      const requests = docs.flatMap((d) => d.explanations).sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime())
      return { items: await Promise.all(requests.map((x) => presentApplicantExplanation(models, x))) }
    },

    async answerExplanation(ctx, { params, body, actor }) {
      const app = await loadApplication(models, params.id, actor, 'explanation.answer')
      const explanationId = oid(params.explanationId)
      const holder = await models.Objection.findOne({ applicationId: app._id, 'explanations._id': explanationId }, { _id: 1 }).lean()
      if (!holder) throw new AppError('EXPLANATION_NOT_FOUND')
      const doc = await explanationAnswerer({
        models,
        actor,
        id: holder._id.toHexString(),
        explanationId: params.explanationId,
        text: body.text,
        attachmentIds: body.attachmentIds,
        logger: ctx.state.log ?? logger,
      })
      return presentApplicantExplanation(models, doc.explanations.find((x) => x._id.equals(explanationId))!)
    },
  }
}
