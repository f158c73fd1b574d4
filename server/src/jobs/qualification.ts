import { AppError } from '../http/errors'
import type { Logger } from '../logger'
import type { ApplicationRecord } from '../models/application'
import type { Actor } from '../policies'
import { applicationTransition } from '../workflow/application'
import type { JobDefinition } from './runner'

/** Who moves a missed deadline: recorded in the audit log as 系统. */
export const SYSTEM_ACTOR: Actor = { roles: ['system'], organizationIds: [], displayName: '系统' }

/** At most this many applications per run; the next run takes the rest. */
export const SUPPLEMENT_DEADLINE_BATCH = 200

/**
 * 第十五条: a supplement request not answered by the end of its deadline day goes back to the
 * reviewer's queue as supplement_overdue, for a decision. Each move is its own conditional workflow
 * step, so a run cut short, a second instance, or an applicant resubmitting at the last second can
 * only make a row a no-op (409), never a double move.
 */
export function supplementDeadlineJob(logger?: Logger): JobDefinition {
  return {
    name: 'qualification.supplementDeadline',
    everyMs: 60_000,
    async run({ models, now, signal }) {
      const at = now()
      const due = await models.Application.find({ state: 'supplement_requested', 'supplement.deadline': { $lt: at } }, { _id: 1 })
        .sort({ 'supplement.deadline': 1 })
        .limit(SUPPLEMENT_DEADLINE_BATCH)
        .lean<Pick<ApplicationRecord, '_id'>[]>()
      let moved = 0
      for (const { _id } of due) {
        if (signal.aborted) break
        try {
          await applicationTransition({
            models,
            id: _id,
            event: 'supplementDeadlinePassed',
            actor: SYSTEM_ACTOR,
            ...(logger ? { logger } : {}),
            now: at,
          })
          moved++
        } catch (err) {
          // Resubmitted or moved by another instance meanwhile: nothing left to do for it.
          if (!(err instanceof AppError && (err.code === 'STATE_CONFLICT' || err.code === 'APPLICATION_NOT_FOUND'))) throw err
        }
      }
      return `overdue ${moved}`
    },
  }
}
