import mongoose from 'mongoose'
import { recordAudit } from '../../audit/recorder'
import { isDuplicateKey } from '../../db/duplicateKey'
import { AppError } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { CommitteeRecord } from '../../models/committee'
import type { Actor } from '../../policies'
import { assignmentTransition } from '../../workflow/committee'
import { ASSIGNABLE_STATES } from './callData'
import { withdrawalNotice } from './committeeSaver'

/**
 * An expert declares a conflict with an application of the call (回避), with a reason. Any assignment
 * of theirs to it is withdrawn at once; the office's plan then proposes a replacement.
 */
export async function conflictDeclarer({ models, actor, committee, expertId, applicationId, reason, logger, now = new Date() }: { models: Models; actor: Actor; committee: CommitteeRecord; expertId: string; applicationId: string; reason: string; logger?: Logger; now?: Date }): Promise<void> {
  const app = await models.Application.findOne({ _id: new mongoose.Types.ObjectId(applicationId), callId: committee.callId, state: { $in: ASSIGNABLE_STATES } }, { _id: 1 }).lean()
  if (!app) throw new AppError('APPLICATION_NOT_FOUND')
  const expert = new mongoose.Types.ObjectId(expertId)
  try {
    await models.Conflict.create({ callId: committee.callId, expertId: expert, applicationId: app._id, kind: 'declared', detail: reason, state: 'active' })
    await recordAudit(models, actor, { action: 'conflict.declare', resource: { type: 'application', id: applicationId }, reason, at: now })
  } catch (err) {
    // Declared before: it stands as it was.
    if (!isDuplicateKey(err)) throw err
  }
  const active = await models.Assignment.findOne({ applicationId: app._id, expertId: expert, state: 'active' }, { _id: 1 }).lean()
  if (active) {
    await assignmentTransition({ models, id: active._id, event: 'withdrawForConflict', actor, reason: `专家申报回避：${reason}`, effects: { notifyExpert: withdrawalNotice(models) }, now, ...(logger ? { logger } : {}) })
  }
}
