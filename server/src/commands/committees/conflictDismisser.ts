import { AppError } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ConflictRecord } from '../../models/committee'
import type { Actor } from '../../policies'
import { conflictTransition } from '../../workflow/committee'

/**
 * The office dismisses an automatic conflict it finds to be a false positive (e.g. the same credit
 * code reused after a merger), with a reason that is kept and shown. An expert's own declaration is
 * never dismissed: the expert asked to stand aside.
 */
export async function conflictDismisser({ models, actor, id, reason, logger, now = new Date() }: { models: Models; actor: Actor; id: string; reason: string; logger?: Logger; now?: Date }): Promise<ConflictRecord> {
  const doc = await models.Conflict.findById(id, { kind: 1 }).lean()
  if (!doc) throw new AppError('CONFLICT_NOT_FOUND')
  if (doc.kind === 'declared') throw new AppError('STATE_CONFLICT', { message: '专家自行申报的回避不能排除', currentState: 'active' })
  const done = await conflictTransition({ models, id, event: 'dismiss', actor, reason, set: { dismissReason: reason, dismissedAt: now }, now, ...(logger ? { logger } : {}) })
  return done.doc
}
