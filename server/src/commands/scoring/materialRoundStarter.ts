import type mongoose from 'mongoose'
import type { RoundStartResult } from '@zlbg/shared'
import { AppError } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { Actor } from '../../policies'
import { applicationTransition } from '../../workflow/application'

/**
 * Starts the material round (第十六条): each qualified application of the call with at least one
 * active assignment moves to material_review, each by its own conditional workflow step — run again,
 * it moves only what is still qualified (a row already moved by another request is counted, not
 * failed). Qualified applications without a reviewer stay where they are and are counted, so the
 * office sees what is left to assign.
 */
export async function materialRoundStarter({
  models,
  actor,
  callId,
  logger,
  now = new Date(),
}: {
  models: Models
  actor: Actor
  callId: mongoose.Types.ObjectId
  logger?: Logger
  now?: Date
}): Promise<RoundStartResult> {
  const committee = await models.Committee.findOne({ callId }, { state: 1 }).lean()
  if (!committee) throw new AppError('COMMITTEE_NOT_FOUND')
  if (committee.state !== 'reviewing') throw new AppError('REVIEW_NOT_STARTED')
  const assigned = new Set((await models.Assignment.find({ callId, state: 'active' }, { applicationId: 1 }).lean()).map((a) => a.applicationId.toHexString()))
  const qualified = await models.Application.find({ callId, state: 'qualified' }, { _id: 1 }).sort({ submittedAt: 1, _id: 1 }).lean()
  let started = 0
  let withoutReviewers = 0
  const failed: RoundStartResult['failed'] = []
  for (const { _id } of qualified) {
    if (!assigned.has(_id.toHexString())) {
      withoutReviewers++
      continue
    }
    try {
      await applicationTransition({ models, id: _id, event: 'startMaterialReview', actor, now, ...(logger ? { logger } : {}) })
      started++
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      // Moved by a concurrent start: it is in the round, counted below.
      if (err.code === 'STATE_CONFLICT' && err.currentState === 'material_review') continue
      failed.push({ applicationId: _id.toHexString(), code: err.code, message: err.message })
    }
  }
  const inRound = await models.Application.countDocuments({ callId, state: 'material_review' })
  return { round: 'material', started, alreadyInRound: inRound - started, withoutReviewers, failed }
}
