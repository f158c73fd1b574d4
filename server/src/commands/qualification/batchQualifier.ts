import mongoose from 'mongoose'
import { ERRORS, type ErrorCode, type ReviewFinding } from '@zlbg/shared'
import { AppError } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { Actor } from '../../policies'
import { qualificationDecider } from './qualificationDecider'
import { qualificationStarter } from './qualificationStarter'

export interface BatchRow {
  id: string
  ok: boolean
  code?: string
  message?: string
  state?: string
}

const JUDGED_IN_BATCH = '批量通过：审查人阅读材料后判断符合'

/**
 * The findings of a batch 'qualify': each automatic pass confirmed, each 'judgement' item judged pass
 * by this reviewer. Undefined when any automatic result is a fail (or none ran): such a row needs the
 * item-by-item review of the single decision (第十五条).
 */
export function confirmedFindings(doc: Pick<ApplicationRecord, 'precheck'>): ReviewFinding[] | undefined {
  const results = doc.precheck?.results
  if (!results?.length || results.some((r) => r.outcome === 'fail')) return undefined
  return results.map((r) => (r.outcome === 'judgement' ? { rule: r.rule, outcome: 'pass', reason: JUDGED_IN_BATCH } : { rule: r.rule, outcome: 'pass' }))
}

function failed(id: string, code: ErrorCode, state?: string, message?: string): BatchRow {
  return { id, ok: false, code, message: message ?? ERRORS[code].message, ...(state ? { state } : {}) }
}

/**
 * Starts review of, or qualifies, the selected applications of one call, one row at a time: each row
 * is its own workflow step (audit record, notices, conditional update), so one row's conflict never
 * undoes another's. Rows of another call (or drafts) are APPLICATION_NOT_FOUND.
 */
export async function batchQualifier({
  models,
  logger,
  callId,
  action,
  applicationIds,
  actor,
  now = new Date(),
}: {
  models: Models
  logger?: Logger
  callId: string
  action: 'start' | 'qualify'
  applicationIds: readonly string[]
  actor: Actor
  now?: Date
}): Promise<BatchRow[]> {
  const ids = [...new Set(applicationIds)]
  const docs = await models.Application.find(
    { _id: { $in: ids.map((id) => new mongoose.Types.ObjectId(id)) }, callId: new mongoose.Types.ObjectId(callId), state: { $ne: 'draft' } },
    { state: 1, precheck: 1 },
  ).lean<Pick<ApplicationRecord, '_id' | 'state' | 'precheck'>[]>()
  const byId = new Map(docs.map((d) => [d._id.toHexString(), d]))

  const rows: BatchRow[] = []
  for (const id of ids) {
    const doc = byId.get(id)
    if (!doc) {
      rows.push(failed(id, 'APPLICATION_NOT_FOUND'))
      continue
    }
    try {
      let done: ApplicationRecord
      if (action === 'start') {
        done = await qualificationStarter({ models, id, actor, now, ...(logger ? { logger } : {}) })
      } else {
        const findings = confirmedFindings(doc)
        if (!findings) {
          rows.push(failed(id, 'PRECHECK_FAILED', doc.state))
          continue
        }
        done = await qualificationDecider({ models, id, actor, now, decision: { decision: 'qualify', findings }, ...(logger ? { logger } : {}) })
      }
      rows.push({ id, ok: true, state: done.state })
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      rows.push(failed(id, err.code, err.currentState, err.message))
    }
  }
  return rows
}
