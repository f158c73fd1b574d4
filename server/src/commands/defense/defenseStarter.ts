import mongoose from 'mongoose'
import { ERRORS } from '@zlbg/shared'
import { AppError } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { Actor } from '../../policies'
import { applicationTransition } from '../../workflow/application'
import type { BatchRow } from '../qualification/batchQualifier'
import { notifyApplicantOfReview } from '../deliberations/notices'

/**
 * The office starts the defense round (第十七条): each shortlisted application of the call (or the
 * ones named) moves to defense review as its own workflow step, the organization told. Row by row, so
 * one conflict never undoes another; an application already in defense review counts as done, so
 * running it again is harmless.
 */
export async function defenseStarter({
  models,
  logger,
  callId,
  applicationIds,
  actor,
  now = new Date(),
}: {
  models: Models
  logger?: Logger
  callId: string
  applicationIds?: readonly string[]
  actor: Actor
  now?: Date
}): Promise<BatchRow[]> {
  const call = new mongoose.Types.ObjectId(callId)
  const filter = applicationIds
    ? { callId: call, _id: { $in: [...new Set(applicationIds)].map((id) => new mongoose.Types.ObjectId(id)) }, state: { $ne: 'draft' } }
    : { callId: call, state: 'shortlisted' }
  const docs = await models.Application.find(filter, { state: 1 }).sort({ receiptNumber: 1 }).lean()
  const found = new Set(docs.map((d) => d._id.toHexString()))
  const rows: BatchRow[] = (applicationIds ?? [])
    .filter((id, i, all) => all.indexOf(id) === i && !found.has(id))
    .map((id) => ({ id, ok: false, code: 'APPLICATION_NOT_FOUND', message: ERRORS.APPLICATION_NOT_FOUND.message }))
  for (const doc of docs) {
    const id = doc._id.toHexString()
    if (doc.state === 'defense_review') {
      rows.push({ id, ok: true, state: doc.state })
      continue
    }
    try {
      const done = await applicationTransition({
        models,
        id,
        event: 'startDefense',
        actor,
        now,
        ...(logger ? { logger } : {}),
        effects: { notifyApplicant: notifyApplicantOfReview(models, { event: 'startDefense' }) },
      })
      rows.push({ id, ok: true, state: done.to })
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      rows.push({ id, ok: false, code: err.code, message: err.message, ...(err.currentState ? { state: err.currentState } : {}) })
    }
  }
  return rows
}
