import type { OutboxChannel, OutboxStatus } from '@zlbg/shared'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { OutboxRecord } from '../models/outbox'
import { afterFailure, type RetryPolicy } from './backoff'

/**
 * The delivery worker: claims due outbox records one at a time and hands each to its channel.
 *
 * The claim is one conditional update — a due `pending`/`failed` record, or a `sending` one whose
 * claim ran out (its worker died) → `sending`, claimedBy me, claimedUntil, attempts + 1 — so two
 * workers never deliver the same record at once. The channels are idempotent on the record's key as
 * well (the in-app message is keyed by it, a subscription credit is taken for it once), so a record
 * delivered again after a crash leaves one message. The one gap no database can close: a worker that
 * dies after WeChat accepted a message and before it wrote `sent` makes the next claim send again.
 */

/** What a channel did with a record. */
export type Delivered = { status: 'sent' } | { status: 'skipped'; reason: string }

/** A failure; transient ones are retried with backoff, permanent ones go dead at once. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError'
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message)
  }
}

export type ChannelSender = (record: OutboxRecord, ctx: { now: Date }) => Promise<Delivered>

export interface DeliveryOptions {
  models: Models
  instanceId: string
  logger: Logger
  channels: Partial<Record<OutboxChannel, ChannelSender>>
  retry: RetryPolicy
  now?: () => Date
  /** How long a claim holds before another worker may take the record over: longer than any send. */
  claimMs?: number
  random?: () => number
  /**
   * Claim records of these channels only (a worker beside the server's own, as in a test); every
   * channel by default — then a record of a channel not in `channels` is marked skipped.
   */
  onlyChannels?: readonly OutboxChannel[]
}

export type DeliveryCounts = Partial<Record<OutboxStatus, number>>

export interface DeliveryWorker {
  /** Claims the most overdue record, or null when none is due. */
  claimNext(): Promise<OutboxRecord | null>
  /** Delivers a claimed record and records the outcome; answers its new status. */
  deliver(record: OutboxRecord): Promise<OutboxStatus>
  /** Claims and delivers due records until none is left, `limit` is reached or `signal` aborts. */
  deliverDue(options?: { limit?: number; signal?: AbortSignal }): Promise<DeliveryCounts>
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500)

export function createDeliveryWorker({
  models,
  instanceId,
  logger,
  channels,
  retry,
  now = () => new Date(),
  claimMs = 60_000,
  random = Math.random,
  onlyChannels,
}: DeliveryOptions): DeliveryWorker {
  const { Outbox } = models

  async function claimNext() {
    const at = now()
    return Outbox.findOneAndUpdate(
      {
        ...(onlyChannels ? { channel: { $in: onlyChannels } } : {}),
        $or: [
          { status: { $in: ['pending', 'failed'] }, nextAttemptAt: { $lte: at } },
          { status: 'sending', claimedUntil: { $lte: at } },
        ],
      },
      { $set: { status: 'sending', claimedBy: instanceId, claimedUntil: new Date(at.getTime() + claimMs) }, $inc: { attempts: 1 } },
      { sort: { nextAttemptAt: 1 }, new: true },
    ).lean()
  }

  /** Writes the outcome, only while the claim is still ours. */
  async function finish(record: OutboxRecord, set: Partial<OutboxRecord>, unset: string[] = []) {
    const res = await Outbox.updateOne(
      { _id: record._id, status: 'sending', claimedBy: instanceId },
      { $set: set, $unset: Object.fromEntries(['claimedBy', 'claimedUntil', ...unset].map((k) => [k, 1])) },
    )
    if (res.matchedCount === 0) logger.warn({ key: record.key }, 'outbox claim lost before the outcome was written')
  }

  async function deliver(record: OutboxRecord): Promise<OutboxStatus> {
    // Only a record whose worker died mid-delivery can get here with its attempts used up.
    if (record.attempts > retry.maxAttempts) {
      await finish(record, { status: 'dead', lastError: record.lastError ?? 'delivery was interrupted on every attempt' })
      return 'dead'
    }
    const send = channels[record.channel]
    if (!send) {
      await finish(record, { status: 'skipped', lastError: `channel ${record.channel} is not configured` })
      return 'skipped'
    }
    let result: Delivered
    try {
      result = await send(record, { now: now() })
    } catch (err) {
      const permanent = err instanceof DeliveryError && err.permanent
      const next = afterFailure(record.attempts, retry, now(), { permanent, random })
      await finish(record, { ...next, lastError: errorText(err) })
      logger.warn({ key: record.key, channel: record.channel, attempts: record.attempts, status: next.status, err: errorText(err) }, 'outbox delivery failed')
      return next.status
    }
    if (result.status === 'skipped') {
      await finish(record, { status: 'skipped', lastError: result.reason })
      return 'skipped'
    }
    await finish(record, { status: 'sent', sentAt: now() }, ['lastError'])
    return 'sent'
  }

  return {
    claimNext,
    deliver,
    async deliverDue({ limit = 100, signal } = {}) {
      const counts: DeliveryCounts = {}
      for (let i = 0; i < limit && !signal?.aborted; i++) {
        const record = await claimNext()
        if (!record) break
        const status = await deliver(record)
        counts[status] = (counts[status] ?? 0) + 1
      }
      return counts
    },
  }
}
