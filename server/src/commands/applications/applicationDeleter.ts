import { applicationMachine } from '@zlbg/shared'
import { recordAudit } from '../../audit/recorder'
import { releaseAttachments } from '../../attachments'
import { AppError, stateConflict } from '../../http/errors'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { Actor } from '../../policies'
import { assertAllowed } from '../../workflow/transition'

/**
 * Deletes an application in a state the machine lets its organization delete (a draft): the document
 * goes, and with it its place among the call's per-organization applications. A submitted application
 * is never deleted (it is withdrawn, and keeps its history).
 */
export async function applicationDeleter({ models, actor, doc }: { models: Models; actor: Actor; doc: ApplicationRecord }): Promise<void> {
  await assertAllowed(models, applicationMachine, doc.state, 'delete', actor, doc.callId.toHexString())
  const { deletedCount } = await models.Application.deleteOne({ _id: doc._id, state: { $in: applicationMachine.statesAllowing('delete') } })
  if (deletedCount === 0) {
    const current = await models.Application.findById(doc._id, { state: 1 }).lean<Pick<ApplicationRecord, 'state'>>()
    if (!current) throw new AppError('APPLICATION_NOT_FOUND')
    throw stateConflict(current.state)
  }
  const id = doc._id.toHexString()
  await recordAudit(models, actor, { action: 'application.delete', resource: { type: 'application', id }, from: doc.state })
  // Its files go back to being unclaimed uploads, which the attachment purge removes like any other.
  await releaseAttachments(models, { type: 'application', id: doc._id })
}
