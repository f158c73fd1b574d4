import mongoose from 'mongoose'
import { RETRYABLE_OUTBOX_STATUSES, type OutboxRecordView } from '@zlbg/shared'
import { recordAudit } from '../audit/recorder'
import { findPage, mapPage } from '../db/paged'
import type { Handlers } from '../http/bind'
import { AppError, stateConflict } from '../http/errors'
import type { Models } from '../models'
import type { OutboxRecord } from '../models/outbox'

function present(r: OutboxRecord, names: Map<string, string>): OutboxRecordView {
  const recipientUserId = r.recipientUserId.toHexString()
  const recipientName = names.get(recipientUserId)
  return {
    id: r._id.toHexString(),
    key: r.key,
    channel: r.channel,
    recipientUserId,
    ...(recipientName ? { recipientName } : {}),
    kind: r.kind,
    ...(r.template ? { template: r.template } : {}),
    title: r.content.title,
    status: r.status,
    attempts: r.attempts,
    ...(r.status === 'pending' || r.status === 'failed' ? { nextAttemptAt: r.nextAttemptAt.toISOString() } : {}),
    ...(r.lastError ? { lastError: r.lastError } : {}),
    cause: { type: r.cause.type, ...(r.cause.id ? { id: r.cause.id } : {}) },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    ...(r.sentAt ? { sentAt: r.sentAt.toISOString() } : {}),
  }
}

/** The office's view of the outbox: what was sent to whom, what failed and why, and sending again. */
export function outboxHandlers(models: Models): Pick<Handlers, 'listOutbox' | 'retryOutbox'> {
  const { Outbox, User } = models

  async function namesOf(records: OutboxRecord[]) {
    const users = await User.find({ _id: { $in: records.map((r) => r.recipientUserId) } }, { displayName: 1 }).lean()
    return new Map(users.map((u) => [u._id.toHexString(), u.displayName]))
  }

  return {
    async listOutbox(_ctx, { query }) {
      const filter: mongoose.FilterQuery<OutboxRecord> = {}
      if (query.status) filter.status = query.status
      if (query.channel) filter.channel = query.channel
      if (query.recipientUserId) filter.recipientUserId = new mongoose.Types.ObjectId(query.recipientUserId)
      return mapPage(await findPage<OutboxRecord>(Outbox, filter, query, { sort: { updatedAt: -1, _id: -1 } }), async (items) => {
        const names = await namesOf(items)
        return items.map((r) => present(r, names))
      })
    },

    async retryOutbox(_ctx, { params, actor }) {
      const _id = new mongoose.Types.ObjectId(params.id)
      // One conditional update: a record being sent, or already sent, is not touched.
      const before = await Outbox.findOneAndUpdate(
        { _id, status: { $in: RETRYABLE_OUTBOX_STATUSES } },
        { $set: { status: 'pending', attempts: 0, nextAttemptAt: new Date() }, $unset: { claimedBy: 1, claimedUntil: 1 } },
      ).lean()
      if (!before) {
        const current = await Outbox.findById(_id, { status: 1 }).lean()
        if (!current) throw new AppError('OUTBOX_NOT_FOUND')
        throw stateConflict(current.status)
      }
      await recordAudit(models, actor, {
        action: 'outbox.retry',
        resource: { type: 'outbox', id: params.id },
        from: before.status,
        to: 'pending',
        ...(before.lastError ? { reason: `上次错误：${before.lastError}`.slice(0, 500) } : {}),
      })
      const after = (await Outbox.findById(_id).lean())!
      return present(after, await namesOf([after]))
    },
  }
}
