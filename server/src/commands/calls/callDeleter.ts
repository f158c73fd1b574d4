import { callMachine } from '@zlbg/shared'
import { releaseAttachments } from '../../attachments'
import { recordAudit } from '../../audit/recorder'
import { AppError, stateConflict } from '../../http/errors'
import type { Models } from '../../models'
import type { CallRecord } from '../../models/call'
import type { Actor } from '../../policies'
import { assertAllowed } from '../../workflow/transition'

/**
 * Deletes a call in a state that allows it (a draft: published calls are public record, 第五条, and
 * may have applications). Its templates go back to being unclaimed uploads, which the attachment
 * purge removes. The audit record follows the deletion: there is no document left to carry it.
 */
export async function callDeleter({ models, actor, doc }: { models: Models; actor: Actor; doc: CallRecord }): Promise<void> {
  await assertAllowed(models, callMachine, doc.state, 'delete', actor, doc._id.toHexString())
  const deleted = await models.Call.deleteOne({ _id: doc._id, state: { $in: callMachine.statesAllowing('delete') } })
  if (deleted.deletedCount === 0) {
    const current = await models.Call.findById(doc._id, { state: 1 }).lean()
    if (!current) throw new AppError('CALL_NOT_FOUND')
    throw stateConflict(current.state)
  }
  await releaseAttachments(models, { type: 'call', id: doc._id })
  await recordAudit(models, actor, { action: 'call.delete', resource: { type: 'call', id: doc._id.toHexString() }, from: doc.state })
}
