import mongoose from 'mongoose'
import { WRITER_WAIT_MS, WRITE_UNDER_WAY, type StampSource } from '../http/publicCache'
import type { Logger } from '../logger'

/**
 * The version stamps behind the public-read cache (http/publicCache.ts): one small document per
 * public source in `publicstamps`, `{ _id: 'calls', version, writing: [{ _id, at }] }`, read by its
 * `_id` — one document whatever the size of the collection it stands for.
 *
 * There are no transactions, so the stamp cannot change in the same write as a call. Instead every
 * write the public could see is bracketed (`publicChange`): a marker is pushed into `writing` before
 * the write, and pulled, with `version` raised by one in the same update, after it (failed or not).
 * A stamp read that finds `writing` empty answers the version; one that finds a marker answers a
 * stamp of its own that no other read ever answers, so nothing computed under it is reused. Why a
 * change committed before a request arrives is then in that request's answer: docs/ARCHITECTURE.md,
 * "Public reads from memory".
 *
 * Rules for the write paths:
 * - every write that changes what a public read shows runs inside `publicChange` (publishing,
 *   correcting and closing a call; the demo data's insert);
 * - changes the public cannot see (a draft's edits, deleting a draft) need not.
 */
export const PUBLIC_STAMPS = 'publicstamps'

/**
 * A marker older than this is a writer that died between its two updates (a write takes
 * milliseconds): the next stamp read pulls it, raising the version, so the cache works again.
 * Until then every read is answered from the database, which is slower but never stale.
 */
export const ABANDONED_WRITE_MS = 5 * 60_000

interface StampDoc {
  _id: string
  version?: number
  writing?: { _id: mongoose.Types.ObjectId; at: Date }[]
}

/** The public stamp named `name` (e.g. 'calls') as the public-read cache's source. */
export function publicStamp(connection: mongoose.Connection, name: string, { now = () => Date.now() }: { now?: () => number } = {}): StampSource {
  // A plain command: one batch, no mongoose casting and no driver cursor to open and close.
  const command = { find: PUBLIC_STAMPS, filter: { _id: name }, projection: { version: 1, writing: 1 }, limit: 1, singleBatch: true }
  let unsettled = 0
  return {
    name,
    async read() {
      const answer = (await connection.db!.command(command)) as { cursor: { firstBatch: StampDoc[] } }
      const doc = answer.cursor.firstBatch[0]
      const writing = doc?.writing ?? []
      if (writing.length === 0) return String(doc?.version ?? 0)
      const cutoff = now() - ABANDONED_WRITE_MS
      if (writing.some((w) => w.at.getTime() < cutoff)) {
        await connection.collection<StampDoc>(PUBLIC_STAMPS).updateOne({ _id: name }, { $pull: { writing: { at: { $lt: new Date(cutoff) } } }, $inc: { version: 1 } })
      }
      // A write is under way: this read's own stamp, which no later read answers.
      return `${WRITE_UNDER_WAY}${++unsettled}`
    },
  }
}

/**
 * One source made of several, for an answer that shows what more than one source's writes change (a
 * publicity list shows its call's title): the stamps read together. A marker in any of them gives a
 * stamp no other read answers, since that part is unique.
 */
export function combinedStamp(name: string, sources: readonly StampSource[]): StampSource {
  return { name, read: async () => (await Promise.all(sources.map((s) => s.read()))).join('|') }
}

/**
 * Waits `ms` by the monotonic clock, counted from now. Not one setTimeout: a timer counts from the
 * event loop's cached time, which a busy turn leaves behind the real one, so it can fire early.
 */
export async function waitAtLeast(ms: number): Promise<void> {
  const until = performance.now() + ms
  for (let left = ms; left > 0; left = until - performance.now()) await new Promise((resolve) => setTimeout(resolve, Math.ceil(left)))
}

/**
 * Runs `change` — a write the public sees — between the two updates of `name`'s stamp: the marker
 * is in the database, and every stamp lease granted before it has run out (WRITER_WAIT_MS), before
 * the write starts; it is gone (with the version raised) once the write has finished, whether it
 * succeeded or not. `change`'s answer or error is the caller's; a failure to
 * pull the marker is only logged (the change stands; reads go to the database until the marker is
 * pulled as abandoned).
 */
export async function publicChange<T>(connection: mongoose.Connection, name: string, change: () => Promise<T>, { logger }: { logger?: Logger } = {}): Promise<T> {
  const stamps = connection.collection<StampDoc>(PUBLIC_STAMPS)
  const marker = { _id: new mongoose.Types.ObjectId(), at: new Date() }
  const begin = () => stamps.updateOne({ _id: name }, { $push: { writing: marker }, $setOnInsert: { version: 0 } }, { upsert: true })
  try {
    await begin()
  } catch (err) {
    // Two first writers of a stamp both tried to insert it: the other one did.
    if ((err as { code?: number }).code !== 11000) throw err
    await begin()
  }
  try {
    // Leases granted by stamp reads that missed the marker run out first (http/publicCache.ts).
    await waitAtLeast(WRITER_WAIT_MS)
    return await change()
  } finally {
    try {
      await stamps.updateOne({ _id: name }, { $pull: { writing: { _id: marker._id } }, $inc: { version: 1 } })
    } catch (err) {
      logger?.warn({ err, stamp: name }, 'public stamp: the write marker was not pulled; public reads skip the cache until it is pulled as abandoned')
    }
  }
}
