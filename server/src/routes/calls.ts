import type { CallState } from '@zlbg/shared'
import { attachedFiles } from '../attachments'
import { findPage, mapPage } from '../db/paged'
import type { Handlers } from '../http/bind'
import { AppError } from '../http/errors'
import type { Models } from '../models'
import type { CallRecord } from '../models/call'
import { presentCallDetail, presentCallSummary } from '../presenters/calls/call'

/** States the public may see; drafts never leave the office (第十三条). */
const PUBLIC_STATES: CallState[] = ['published', 'closed']

export function callHandlers(models: Models): Pick<Handlers, 'listCalls' | 'getCall'> {
  const { Call } = models
  return {
    async listCalls(_ctx, { query }) {
      const found = await findPage<CallRecord>(Call, { state: { $in: PUBLIC_STATES } }, query, { sort: { publishedAt: -1, _id: -1 } })
      return mapPage(found, (docs) => docs.map(presentCallSummary))
    },

    async getCall(_ctx, { params }) {
      const doc = await Call.findOne({ _id: params.id, state: { $in: PUBLIC_STATES } }).lean()
      if (!doc) throw new AppError('CALL_NOT_FOUND')
      const templates = await attachedFiles(models, doc.templates.map((t) => ({ attachmentId: t.attachmentId.toHexString(), title: t.title })))
      return presentCallDetail(doc, templates)
    },
  }
}
