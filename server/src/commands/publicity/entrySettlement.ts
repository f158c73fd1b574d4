import type mongoose from 'mongoose'
import { OPEN_OBJECTION_STATES } from '@zlbg/shared'
import { publicChange } from '../../db/publicVersion'
import { AppError } from '../../http/errors'
import { SYSTEM_ACTOR } from '../../jobs/qualification'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { Actor } from '../../policies/actor'
import { applicationTransition } from '../../workflow/application'

export type Settlement = 'passed' | 'waiting' | 'open' | 'settled'

/**
 * 第十八条: an entry passes publicity once its window has closed and no objection to it is still open
 * (OPEN_OBJECTION_STATES); until then it waits. Called by the closing job for every entry, and by the
 * objection commands when an objection stops being open after the window closed. Idempotent: an
 * application already past publicity (a second instance, a retried job) only has its entry marked.
 *
 * Two writes, no transaction: the application's passPublicity step first (its own conditional
 * update, audit record and effects), then the entry's public status inside publicChange. A crash
 * between them leaves the entry 'listed' with the application passed; the next run marks it.
 */
export async function settleEntry(
  models: Models,
  { publicityId, entryId, now, actor = SYSTEM_ACTOR, logger }: { publicityId: mongoose.Types.ObjectId; entryId: mongoose.Types.ObjectId; now: Date; actor?: Actor; logger?: Logger },
): Promise<Settlement> {
  const list = await models.Publicity.findById(publicityId, { window: 1, 'entries._id': 1, 'entries.applicationId': 1, 'entries.status': 1 }).lean()
  const index = list?.entries.findIndex((e) => e._id.equals(entryId)) ?? -1
  const entry = list?.entries[index]
  if (!list || !entry) throw new AppError('PUBLICITY_NOT_FOUND')
  if (entry.status !== 'listed') return 'settled'
  if (now.getTime() <= list.window.closesAt.getTime()) return 'open'
  if (await models.Objection.exists({ entryId, state: { $in: OPEN_OBJECTION_STATES } })) return 'waiting'

  try {
    await applicationTransition({ models, id: entry.applicationId, event: 'passPublicity', actor, now, ...(logger ? { logger } : {}) })
  } catch (err) {
    // Passed by another instance meanwhile: only the entry is left to mark. Withdrawn (an upheld
    // objection) or anything else: not ours to mark as passed.
    if (!(err instanceof AppError && err.code === 'STATE_CONFLICT' && err.currentState === 'publicity_passed')) throw err
  }
  await publicChange(
    models.Publicity.db,
    'publicity',
    () =>
      models.Publicity.updateOne(
        // By index, guarded by the entry's id there: the embedded engine cannot resolve `entries.$` from
        // an $elemMatch query, and entries are never reordered or removed.
        { _id: publicityId, [`entries.${index}._id`]: entryId, [`entries.${index}.status`]: 'listed' },
        { $set: { [`entries.${index}.status`]: 'passed', [`entries.${index}.statusAt`]: now } },
      ),
    logger ? { logger } : {},
  )
  return 'passed'
}
