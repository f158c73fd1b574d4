import type mongoose from 'mongoose'
import type { AttachedFile, AttachmentRef } from '@zlbg/shared'
import { attachedFiles, downloadAttachment } from '../attachments'
import { callCreator } from '../commands/calls/callCreator'
import { callDeleter } from '../commands/calls/callDeleter'
import { callCloser, callPublisher } from '../commands/calls/callPublisher'
import { callUpdater } from '../commands/calls/callUpdater'
import { findPage, mapPage } from '../db/paged'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { CallRecord } from '../models/call'
import { loadCall } from '../policies/loaders'
import { presentOfficeCall } from '../presenters/calls/call'
import type { FileStorage } from '../storage'

type Names = 'listOfficeCalls' | 'getOfficeCall' | 'createCall' | 'updateCall' | 'deleteCall' | 'publishCall' | 'closeCall' | 'downloadCallTemplate'

/** Applications that count for the office: everything an organization has actually submitted. */
const NOT_SUBMITTED = ['draft', 'withdrawn']

export function officeCallHandlers(models: Models, { storage, logger }: { storage: FileStorage; logger: Logger }): Pick<Handlers, Names> {
  const { Call, Application } = models

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

  return {
    async listOfficeCalls(_ctx, { query }) {
      const found = await findPage<CallRecord>(Call, query.state ? { state: query.state } : {}, query, { sort: { createdAt: -1, _id: -1 } })
      return mapPage(found, present)
    },

    async getOfficeCall(_ctx, { params, actor }) {
      return presentOne(await loadCall(models, params.id, actor, 'call.manage'))
    },

    async createCall(ctx, { body, actor }) {
      return presentOne(await callCreator({ models, actor, body, logger: ctx.state.log ?? logger }))
    },

    async updateCall(ctx, { params, body, actor }) {
      const doc = await loadCall(models, params.id, actor, 'call.manage')
      return presentOne(await callUpdater({ models, actor, doc, body, logger: ctx.state.log ?? logger }))
    },

    async deleteCall(_ctx, { params, actor }) {
      await callDeleter({ models, actor, doc: await loadCall(models, params.id, actor, 'call.manage') })
    },

    async publishCall(ctx, { params, actor }) {
      const doc = await loadCall(models, params.id, actor, 'call.manage')
      return presentOne(await callPublisher({ models, actor, doc, logger: ctx.state.log ?? logger }))
    },

    async closeCall(ctx, { params, actor }) {
      await loadCall(models, params.id, actor, 'call.manage')
      return presentOne(await callCloser({ models, actor, id: params.id, logger: ctx.state.log ?? logger }))
    },

    async downloadCallTemplate(_ctx, { params, actor }) {
      // A draft's templates are the office's until publication (第十三条): the loader hides the draft from anyone else.
      const doc = await loadCall(models, params.id, actor, 'call.read')
      // Only a template the call offers now; one replaced by a correction is no longer handed out.
      if (!doc.templates.some((t) => t.attachmentId.toHexString() === params.attachmentId)) throw new AppError('ATTACHMENT_NOT_FOUND')
      return downloadAttachment(models, storage, params.attachmentId, [{ type: 'call', id: params.id }])
    },
  }
}
