import type { Models } from '../models'
import type { LeaseRecord } from '../models/lease'
import { isDuplicateKey } from '../db/duplicateKey'

/**
 * Leases in the database (models/lease.ts): the only coordination between server instances. There
 * are no transactions or sessions on our engine, so each step is one conditional single-document update:
 *
 * - take: `{ _id, $or: [{ expiresAt ≤ now }, { holder: me }] }` → holder = me, with upsert. If the
 *   lease exists and someone else holds it, nothing matches and the upsert's insert collides on `_id`
 *   (E11000); if two instances race to create it, one insert wins and the other gets E11000. Either
 *   way, E11000 means "someone else has it".
 * - renew: `{ _id, holder: me }` → expiresAt = now + leaseMs; no match means the lease was lost.
 * - release: `{ _id, holder: me }` → holder = null, expiresAt = when it may next be taken.
 *
 * A holder that crashes stops renewing; after `expiresAt` another instance takes the lease over.
 */

export interface LeaseTerms {
  name: string
  holder: string
  now: Date
  leaseMs: number
}

/** The same condition as take()'s filter, for a cheap read before trying to write. */
export function mayTake(lease: Pick<LeaseRecord, 'holder' | 'expiresAt'> | null, holder: string, now: Date): boolean {
  return !lease || lease.expiresAt.getTime() <= now.getTime() || lease.holder === holder
}

/**
 * Takes the lease, or answers null when another holder has it. `set` and `inc` are written in the
 * same update (a job's run record), so "took the lease" and "started a run" cannot come apart.
 */
export async function takeLease(
  models: Models,
  { name, holder, now, leaseMs }: LeaseTerms,
  extra: { set?: Partial<LeaseRecord>; inc?: Partial<Record<'runs', number>> } = {},
): Promise<LeaseRecord | null> {
  try {
    return await models.Lease.findOneAndUpdate(
      { _id: name, $or: [{ expiresAt: { $lte: now } }, { holder }] },
      {
        $set: { ...extra.set, holder, expiresAt: new Date(now.getTime() + leaseMs), acquiredAt: now },
        ...(extra.inc ? { $inc: extra.inc } : {}),
      },
      { upsert: true, new: true },
    ).lean()
  } catch (err) {
    if (isDuplicateKey(err)) return null
    throw err
  }
}

/** Pushes the holder's lease forward; false when it is no longer the holder (the lease was taken over). */
export async function renewLease(models: Models, { name, holder, now, leaseMs }: LeaseTerms): Promise<boolean> {
  const res = await models.Lease.updateOne({ _id: name, holder }, { $set: { expiresAt: new Date(now.getTime() + leaseMs) } })
  return res.matchedCount === 1
}

/**
 * Lets go of the lease: nobody may take it before `availableAt` (a job's next due run; `now` for a
 * lease that anyone may take again at once). False when it was not ours any more.
 */
export async function releaseLease(
  models: Models,
  { name, holder, availableAt, set }: { name: string; holder: string; availableAt: Date; set?: Partial<LeaseRecord> },
): Promise<boolean> {
  const res = await models.Lease.updateOne({ _id: name, holder }, { $set: { ...set, holder: null, expiresAt: availableAt } })
  return res.matchedCount === 1
}
