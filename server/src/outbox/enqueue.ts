import mongoose from 'mongoose'
import type { MessageTemplate } from '@zlbg/shared'
import { isDuplicateKey } from '../db/duplicateKey'
import type { Models } from '../models'
import type { NoticeContent, OutboxItem } from '../models/outbox'

/**
 * Something to tell one person. It always goes to the in-app message center; with a `template` also as
 * a WeChat subscription message, when the person holds a subscription for it.
 */
export interface Notice {
  recipientUserId: string | mongoose.Types.ObjectId
  /** What it is about, e.g. application.supplementRequested. */
  kind: string
  template?: MessageTemplate
  content: NoticeContent
}

/**
 * The outbox records of a notice, keyed `${keyPrefix}:${recipient}:${channel}`. The prefix names the
 * occasion exactly once — `application:<id>:<transition id>:notifyApplicant` for a transition,
 * `event:<id>:reminder-24h` for a reminder job — so repeating the occasion's work queues nothing new.
 */
export function outboxItems(notice: Notice, keyPrefix: string, cause: OutboxItem['cause']): OutboxItem[] {
  const recipientUserId = String(notice.recipientUserId)
  const base = { recipientUserId, kind: notice.kind, content: notice.content, cause }
  const items: OutboxItem[] = [{ ...base, key: `${keyPrefix}:${recipientUserId}:inapp`, channel: 'inapp' }]
  if (notice.template) {
    items.push({ ...base, key: `${keyPrefix}:${recipientUserId}:wechat_subscribe`, channel: 'wechat_subscribe', template: notice.template })
  }
  return items
}

/**
 * Queues the items, each at most once: a key already in the outbox is an E11000 and counts as queued.
 * Safe to call again after a crash, from a retried request or from the relay job.
 */
export async function enqueue(models: Models, items: readonly OutboxItem[], now: Date = new Date()): Promise<{ queued: number; already: number }> {
  if (items.length === 0) return { queued: 0, already: 0 }
  const docs = items.map((item) => ({
    ...item,
    recipientUserId: new mongoose.Types.ObjectId(item.recipientUserId),
    status: 'pending' as const,
    attempts: 0,
    nextAttemptAt: now,
  }))
  // One round trip for all of them; unordered, so a key already queued does not stop the others. An
  // invalid record throws (mongoose would otherwise leave it out unsaid, and the relay drop its effect).
  try {
    await models.Outbox.insertMany(docs, { ordered: false, throwOnValidationError: true })
    return { queued: items.length, already: 0 }
  } catch (err) {
    // Mongoose copies each write error into a plain object: its code is on `err`.
    const listed = (err as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors
    const writeErrors = listed?.length ? listed : isDuplicateKey(err) && items.length === 1 ? [{ code: 11000 }] : []
    const duplicates = writeErrors.filter((e) => (e.code ?? e.err?.code) === 11000).length
    // Anything but "already queued" (a write-concern failure has no write errors at all) is a failure.
    if (duplicates === 0 || duplicates !== writeErrors.length) throw err
    return { queued: items.length - duplicates, already: duplicates }
  }
}

/** Tells people something outside a state transition (a reminder job): the notices, queued idempotently. */
export function notify(
  models: Models,
  notices: readonly Notice[],
  { keyPrefix, cause, now }: { keyPrefix: string; cause: OutboxItem['cause']; now?: Date },
) {
  return enqueue(models, notices.flatMap((n) => outboxItems(n, keyPrefix, cause)), now)
}
