import mongoose from 'mongoose'
import { formatDateTime } from '@zlbg/shared'
import { recordAudit } from '../../audit/recorder'
import { isDuplicateKey } from '../../db/duplicateKey'
import { AppError } from '../../http/errors'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { CallRecord } from '../../models/call'
import type { Actor } from '../../policies'
import { applicationCloses } from '../../presenters/applications/application'

/**
 * Starts an application of one organization to one call (第十四条): a draft holding the first free of
 * the call's per-organization places. The caller has been checked as a member of the organization.
 */
export async function applicationCreator({
  models,
  actor,
  call,
  organizationId,
  now = new Date(),
}: {
  models: Models
  actor: Actor
  call: CallRecord
  organizationId: mongoose.Types.ObjectId
  now?: Date
}): Promise<ApplicationRecord> {
  if (call.state !== 'published') throw new AppError('CALL_NOT_OPEN')
  const { closesAt } = applicationCloses(call)
  if (now > closesAt) throw new AppError('CALL_NOT_OPEN', { message: `申报已于 ${formatDateTime(closesAt)}（北京时间）截止` })

  // The unique index (callId, organizationId, slot) is the limit: two members starting at once each
  // get their own place or the refusal, never one place too many. A withdrawn application's slot
  // is `released:<id>`, so its place is free again.
  const places = call.maxApplicationsPerOrganization ?? 1
  for (let place = 1; place <= places; place++) {
    try {
      const doc = await models.Application.create({
        callId: call._id,
        organizationId,
        state: 'draft',
        slot: String(place),
        content: {},
        history: [{ state: 'draft', at: now }],
        createdBy: new mongoose.Types.ObjectId(actor.userId),
      })
      const id = doc._id.toHexString()
      await recordAudit(models, actor, { action: 'application.create', resource: { type: 'application', id }, to: 'draft', at: now })
      return doc.toObject()
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
    }
  }
  throw new AppError('APPLICATION_LIMIT_REACHED', {
    message: `本组织在该征集中的申报数已达上限（${places} 项）。如需重新申报，可撤回已提交的申报或删除草稿`,
  })
}
