import type { CallState } from '@zlbg/shared'
import { attachedFiles } from '../attachments'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Models } from '../models'
import { presentCallDetail, presentCallSummary } from '../presenters/calls/call'

/** States the public may see; drafts never leave the office (第十三条). */
const PUBLIC_STATES: CallState[] = ['published', 'closed']

export function callHandlers(models: Models): Pick<Handlers, 'listCalls' | 'getCall'> {
  const { Call } = models
  return {
    async listCalls(_ctx, { query }) {
      const filter = { state: { $in: PUBLIC_STATES } }
      const [docs, total] = await Promise.all([
        Call.find(filter)
          .sort({ publishedAt: -1, _id: -1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .lean(),
        Call.countDocuments(filter),
      ])
      return { items: docs.map(presentCallSummary), page: query.page, pageSize: query.pageSize, total }
    },

    async getCall(_ctx, { params }) {
      const doc = await Call.findOne({ _id: params.id, state: { $in: PUBLIC_STATES } }).lean()
      if (!doc) throw new AppError('CALL_NOT_FOUND')
      const templates = await attachedFiles(models, doc.templates.map((t) => ({ attachmentId: t.attachmentId.toHexString(), title: t.title })))
      return presentCallDetail(doc, templates)
    },
  }
}
