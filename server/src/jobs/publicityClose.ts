import { settleEntry, type Settlement } from '../commands/publicity/entrySettlement'
import { publicChange } from '../db/publicVersion'
import { PAGES } from '@zlbg/shared'
import { notify } from '../outbox/enqueue'
import { auditEffect, relayPendingEffects } from '../outbox/relay'
import { SYSTEM_ACTOR } from './qualification'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { JobDefinition } from './runner'

/**
 * 第十八条: once a list's window has closed, each entry still listed passes publicity unless an
 * objection to it is open (settleEntry decides, entry by entry); when no entry waits any more the
 * list is closed. Entries with open objections keep the list open: the objection commands settle
 * them when their objection stops being open, and the next run closes the list. The runner holds
 * the job's lease (one instance at a time); settleEntry and the conditional close are idempotent.
 */
export async function closePublicities(models: Models, { now, logger, signal }: { now: Date; logger?: Logger; signal?: AbortSignal }) {
  const counts: Record<Settlement | 'closed', number> = { passed: 0, waiting: 0, open: 0, settled: 0, closed: 0 }
  const due = await models.Publicity.find({ state: 'open', 'window.closesAt': { $lt: now } }, { entries: 1 }).sort({ 'window.closesAt': 1 }).limit(100).lean()
  for (const list of due) {
    if (signal?.aborted) break
    let waiting = 0
    for (const entry of list.entries) {
      if (entry.status !== 'listed') continue
      const outcome = await settleEntry(models, { publicityId: list._id, entryId: entry._id, now, ...(logger ? { logger } : {}) })
      counts[outcome]++
      if (outcome !== 'passed' && outcome !== 'settled') waiting++
    }
    if (waiting > 0) continue
    const id = list._id.toHexString()
    const audit = auditEffect(`publicity:${id}:close`, SYSTEM_ACTOR, { action: 'publicity.close', resource: { type: 'publicity', id }, to: 'closed', at: now }, now)
    const done = await publicChange(
      models.Publicity.db,
      'publicity',
      // Closed only if no entry is listed any more (an objection may have changed one meanwhile).
      () =>
        models.Publicity.updateOne(
          { _id: list._id, state: 'open', 'entries.status': { $ne: 'listed' } },
          { $set: { state: 'closed', closedAt: now }, $push: { pendingEffects: audit } },
        ),
      logger ? { logger } : {},
    )
    counts.closed += done.modifiedCount
    if (done.modifiedCount) await relayPendingEffects(models, models.Publicity, list._id).catch((err) => logger?.warn({ err }, 'publicity close: audit relay failed; the relay job will finish it'))
    // 第十九条: a closed list with entries that passed waits for the approver — told once per list (keyed
    // by it). A hint only: a crash before it is queued loses it, and the approver's queue shows the list anyway.
    const closed = await models.Publicity.findOne({ _id: list._id, state: 'closed' }, { callId: 1, entries: 1 }).lean()
    const passed = closed?.entries.filter((e) => e.status === 'passed').length ?? 0
    if (closed && passed > 0) {
      const call = await models.Call.findById(closed.callId, { title: 1 }).lean()
      const approvers = await models.User.find({ roles: 'approver', disabled: { $ne: true } }, { _id: 1 }).lean()
      await notify(
        models,
        approvers.map((u) => ({
          recipientUserId: u._id,
          kind: 'listing.toApprove',
          content: {
            title: '名单待审批',
            body: `「${call?.title ?? ''}」的公示期已满，${passed} 项公示通过，请在审批工作台审批（第十九条）。`,
            link: `${PAGES.approverListing}?callId=${closed.callId.toHexString()}`,
            status: '待审批',
          },
        })),
        { keyPrefix: `publicity:${id}:closed:toApprove`, cause: { type: 'publicity', id }, now },
      )
    }
  }
  return counts
}

export function publicityCloseJob(logger?: Logger): JobDefinition {
  return {
    name: 'publicity.close',
    everyMs: 5 * 60_000,
    async run({ models, now, signal }) {
      const c = await closePublicities(models, { now: now(), signal, ...(logger ? { logger } : {}) })
      return `passed ${c.passed}, waiting ${c.waiting}, lists closed ${c.closed}`
    },
  }
}
