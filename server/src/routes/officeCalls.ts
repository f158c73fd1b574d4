import mongoose from 'mongoose'
import {
  callMachine,
  CallInputSchema,
  DEFAULT_MAX_APPLICATIONS,
  DEFAULT_QUALITY_METHODS,
  type AttachedFile,
  type AttachmentRef,
  type CallDraftSchema,
  type CallEvent,
  type CallState,
} from '@zlbg/shared'
import type { z } from 'zod'
import { attachedFiles, claimAttachments, downloadAttachment, releaseAttachments } from '../attachments'
import { recordAudit } from '../audit/recorder'
import type { Handlers } from '../http/bind'
import { AppError, stateConflict, validationFailed } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { CallRecord } from '../models/call'
import type { PendingEffect } from '../models/pendingEffects'
import { auditEffect, relayPendingEffects } from '../outbox/relay'
import { can, type Actor } from '../policies'
import { callInputOf, problemsBeforePublishing, presentOfficeCall } from '../presenters/calls/call'
import type { FileStorage } from '../storage'
import { applyTransition } from '../workflow/transition'

type Names = 'listOfficeCalls' | 'getOfficeCall' | 'createCall' | 'updateCall' | 'deleteCall' | 'publishCall' | 'closeCall' | 'downloadCallTemplate'

type CallFields = Omit<z.output<typeof CallDraftSchema>, 'correctionSummary'>

/** Applications that count for the office: everything an organization has actually submitted. */
const NOT_SUBMITTED = ['draft', 'withdrawn']
/** The public sees these (routes/calls.ts); a draft's templates are the office's until publication (第十三条). */
const PUBLIC_STATES: readonly CallState[] = ['published', 'closed']

const templatePath = (i: number) => `templates.${i}.attachmentId`

/**
 * The form's fields as stored: the whole document the office saved. A field the form left out is
 * cleared (a draft saves as it stands), except the ones with a default, which fall back to it.
 */
function storedFields(fields: CallFields): { $set: Record<string, unknown>; $unset: Record<string, 1> } {
  const $unset: Record<string, 1> = {}
  if (fields.body === undefined) $unset.body = 1
  if (fields.contact === undefined) $unset.contact = 1
  return {
    $set: {
      year: fields.year,
      title: fields.title,
      ...(fields.body !== undefined ? { body: fields.body } : {}),
      keyFields: fields.keyFields ?? [],
      sectors: fields.sectors ?? [],
      schedule: (fields.schedule ?? []).map((m) => ({
        kind: m.kind,
        startsAt: new Date(m.startsAt),
        ...(m.endsAt ? { endsAt: new Date(m.endsAt) } : {}),
        ...(m.note ? { note: m.note } : {}),
      })),
      ...(fields.contact !== undefined ? { contact: fields.contact } : {}),
      maxApplicationsPerOrganization: fields.maxApplicationsPerOrganization ?? DEFAULT_MAX_APPLICATIONS,
      qualityMethods: fields.qualityMethods ?? [...DEFAULT_QUALITY_METHODS],
      templates: (fields.templates ?? []).map((t) => ({ attachmentId: new mongoose.Types.ObjectId(t.attachmentId), title: t.title })),
    },
    $unset,
  }
}

function withoutSummary<T extends { correctionSummary?: string }>(body: T): Omit<T, 'correctionSummary'> {
  const { correctionSummary: _summary, ...fields } = body
  return fields
}

export function officeCallHandlers(models: Models, { storage, logger }: { storage: FileStorage; logger: Logger }): Pick<Handlers, Names> {
  const { Call, Application } = models

  async function load(id: string): Promise<CallRecord> {
    const doc = await Call.findById(id).lean()
    if (!doc) throw new AppError('CALL_NOT_FOUND')
    return doc
  }

  const refsOf = (doc: CallRecord): AttachmentRef[] => doc.templates.map((t) => ({ attachmentId: t.attachmentId.toHexString(), title: t.title }))

  async function applicationCounts(ids: mongoose.Types.ObjectId[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map()
    const rows = await Application.aggregate<{ _id: mongoose.Types.ObjectId; n: number }>([
      { $match: { callId: { $in: ids }, state: { $nin: NOT_SUBMITTED } } },
      { $group: { _id: '$callId', n: { $sum: 1 } } },
    ])
    return new Map(rows.map((r) => [r._id.toHexString(), r.n]))
  }

  /** Calls as the office sees them, with one query for all their files and one for all their counts. */
  async function present(docs: CallRecord[]) {
    const [files, counts] = await Promise.all([
      attachedFiles(models, docs.flatMap(refsOf)),
      applicationCounts(docs.map((d) => d._id)),
    ])
    const byId = new Map(files.map((f) => [f.attachmentId, f]))
    return docs.map((doc) => {
      const templates = refsOf(doc).flatMap((r): AttachedFile[] => {
        const f = byId.get(r.attachmentId)
        return f ? [{ ...f, title: r.title }] : []
      })
      return presentOfficeCall(doc, { templates, applicationCount: counts.get(doc._id.toHexString()) ?? 0 })
    })
  }
  const presentOne = async (doc: CallRecord) => (await present([doc]))[0]!

  /** Relays the audit record written with the change; the relay job finishes it if this is cut short. */
  async function relay(id: mongoose.Types.ObjectId | string) {
    try {
      await relayPendingEffects(models, Call, id)
    } catch (err) {
      logger.warn({ err, callId: String(id) }, 'relay after a call change failed; the relay job will finish it')
    }
  }

  const auditOf = (actor: Actor, action: string, id: string, now: Date, extra: { from?: string; to?: string; reason?: string } = {}) =>
    auditEffect(`${action}:${new mongoose.Types.ObjectId().toHexString()}`, actor, { action, resource: { type: 'call', id }, ...extra, at: now }, now)

  async function transition(id: string, event: CallEvent, actor: Actor, set: Record<string, unknown>, where?: Record<string, unknown>) {
    const done = await applyTransition<CallState, CallEvent, CallRecord>({
      models,
      model: Call,
      id,
      machine: callMachine,
      event,
      actor,
      set,
      ...(where ? { where } : {}),
      notFound: 'CALL_NOT_FOUND',
      logger,
    })
    return presentOne((await Call.findById(id).lean()) ?? done.doc)
  }

  return {
    async listOfficeCalls(_ctx, { query }) {
      const filter = query.state ? { state: query.state } : {}
      const [docs, total] = await Promise.all([
        Call.find(filter)
          .sort({ createdAt: -1, _id: -1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .lean(),
        Call.countDocuments(filter),
      ])
      return { items: await present(docs), page: query.page, pageSize: query.pageSize, total }
    },

    async getOfficeCall(_ctx, { params }) {
      return presentOne(await load(params.id))
    },

    async createCall(_ctx, { body, actor }) {
      const _id = new mongoose.Types.ObjectId()
      const fields = withoutSummary(body)
      await claimAttachments(models, actor, fields.templates ?? [], { type: 'call', id: _id }, templatePath)
      const now = new Date()
      const { $set } = storedFields(fields)
      // The audit record travels in the document (outbox/relay.ts): a call never exists unrecorded.
      await Call.create({ _id, ...$set, state: 'draft', pendingEffects: [auditOf(actor, 'call.create', _id.toHexString(), now, { to: 'draft' })] })
      await relay(_id)
      return presentOne(await load(_id.toHexString()))
    },

    async updateCall(_ctx, { params, body, actor }) {
      const current = await load(params.id)
      if (current.state === 'closed') throw stateConflict(current.state)
      const now = new Date()
      let fields: CallFields
      let effect: PendingEffect
      let push: Record<string, unknown> = {}
      if (current.state === 'draft') {
        fields = withoutSummary(body)
        effect = auditOf(actor, 'call.update', params.id, now)
      } else {
        // 第五条: once published, a change is a public correction (更正) that says what changed, and
        // the call must stay complete.
        const summary = body.correctionSummary
        if (!summary) throw validationFailed([{ path: 'correctionSummary', message: '发布后修改须填写更正说明（公开显示）' }])
        const merged = { ...callInputOf(current), ...Object.fromEntries(Object.entries(withoutSummary(body)).filter(([, v]) => v !== undefined)) }
        const checked = CallInputSchema.safeParse(merged)
        if (!checked.success) throw validationFailed(problemsBeforePublishing(merged))
        fields = checked.data
        push = { corrections: { at: now, summary } }
        effect = auditOf(actor, 'call.correct', params.id, now, { reason: summary })
      }
      await claimAttachments(models, actor, fields.templates ?? [], { type: 'call', id: params.id }, templatePath)
      const { $set, $unset } = storedFields(fields)
      // One conditional update on the state it was read in: if the call was published or closed
      // meanwhile, nothing is written (a draft save must not land in a published call unannounced).
      const updated = await Call.findOneAndUpdate(
        { _id: params.id, state: current.state },
        {
          $set,
          ...(Object.keys($unset).length ? { $unset } : {}),
          $push: { ...push, pendingEffects: effect },
        },
        { new: true },
      ).lean()
      if (!updated) {
        const latest = await Call.findById(params.id, { state: 1 }).lean()
        if (!latest) throw new AppError('CALL_NOT_FOUND')
        throw stateConflict(latest.state)
      }
      await relay(params.id)
      // Read again: relaying the audit record touched the document (updatedAt).
      return presentOne(await load(params.id))
    },

    async deleteCall(_ctx, { params, actor }) {
      // Published calls are public record (第五条) and may have applications: only drafts go.
      const deleted = await Call.deleteOne({ _id: params.id, state: 'draft' })
      if (deleted.deletedCount === 0) {
        const current = await Call.findById(params.id, { state: 1 }).lean()
        if (!current) throw new AppError('CALL_NOT_FOUND')
        throw stateConflict(current.state)
      }
      await releaseAttachments(models, { type: 'call', id: params.id })
      await recordAudit(models, actor, { action: 'call.delete', resource: { type: 'call', id: params.id }, from: 'draft' })
    },

    async publishCall(_ctx, { params, actor }) {
      const current = await load(params.id)
      // 第五条: nothing is published with a required field missing. Any other state is left to the
      // machine, which answers 409 with the state.
      if (current.state === 'draft') {
        const missing = problemsBeforePublishing(callInputOf(current))
        if (missing.length) throw validationFailed(missing)
      }
      // Conditional on the version checked above: an edit landing in between makes this a 409, never
      // an incomplete published call.
      return transition(params.id, 'publish', actor, { publishedAt: new Date() }, { updatedAt: current.updatedAt })
    },

    async closeCall(_ctx, { params, actor }) {
      return transition(params.id, 'close', actor, { closedAt: new Date() })
    },

    async downloadCallTemplate(_ctx, { params, actor }) {
      const doc = await Call.findById(params.id, { state: 1, templates: 1 }).lean()
      // A draft is not public (第十三条): to anyone but the office it does not exist.
      if (!doc || (!PUBLIC_STATES.includes(doc.state) && !can(actor, 'call.manage'))) throw new AppError('CALL_NOT_FOUND')
      // Only a template the call offers now; one replaced by a correction is no longer handed out.
      if (!doc.templates.some((t) => t.attachmentId.toHexString() === params.attachmentId)) throw new AppError('ATTACHMENT_NOT_FOUND')
      return downloadAttachment(models, storage, params.attachmentId, [{ type: 'call', id: params.id }])
    },
  }
}
