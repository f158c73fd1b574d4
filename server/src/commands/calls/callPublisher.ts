import { ruleFailed } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { CallRecord } from '../../models/call'
import type { Actor } from '../../policies'
import { callInputOf, problemsBeforePublishing } from '../../presenters/calls/call'
import { callResource } from '../../workflow/call'
import { applyTransition } from '../../workflow/transition'
import { publicChange } from '../../db/publicVersion'

/**
 * 第五条: the office publishes a complete call. Nothing is published with a required field missing;
 * the step is conditional on the version checked, so an edit landing in between makes it a 409,
 * never an incomplete published call. A call in another state is left to the machine (409 with it).
 */
export async function callPublisher({ models, actor, doc, logger, now = new Date() }: { models: Models; actor: Actor; doc: CallRecord; logger?: Logger; now?: Date }): Promise<CallRecord> {
  if (doc.state === 'draft') {
    const missing = problemsBeforePublishing(callInputOf(doc))
    if (missing.length) throw ruleFailed(missing)
  }
  // What the public sees changes: bracketed by the public-read cache's stamp (db/publicVersion.ts).
  const done = await publicChange(
    models.Call.db,
    'calls',
    () =>
      applyTransition({
        ...callResource(models),
        id: doc._id,
        event: 'publish',
        actor,
        set: { publishedAt: now },
        where: { updatedAt: doc.updatedAt },
        ...(logger ? { logger } : {}),
        now,
      }),
    logger ? { logger } : {},
  )
  return done.doc
}

/** 第五条: the office closes a published call when its round ends. */
export async function callCloser({ models, actor, id, logger, now = new Date() }: { models: Models; actor: Actor; id: string; logger?: Logger; now?: Date }): Promise<CallRecord> {
  const close = () => applyTransition({ ...callResource(models), id, event: 'close', actor, set: { closedAt: now }, ...(logger ? { logger } : {}), now })
  const done = await publicChange(models.Call.db, 'calls', close, logger ? { logger } : {})
  return done.doc
}
