import mongoose from 'mongoose'
import type { Models } from '../models'
import type { AuditEntry } from '../models/audit'
import type { Actor } from '../policies'

/** Appends one record: who (user, roles, IP), when, what, from → to, why. */
export async function recordAudit({ Audit }: Models, actor: Actor, { at, ...entry }: AuditEntry): Promise<void> {
  const doc = {
    at: at ?? new Date(),
    actor: {
      ...(actor.userId ? { userId: new mongoose.Types.ObjectId(actor.userId) } : {}),
      ...(actor.displayName ? { displayName: actor.displayName } : {}),
      roles: [...actor.roles],
      ...(actor.ip ? { ip: actor.ip } : {}),
    },
    ...entry,
  }
  if (entry.key) {
    await Audit.updateOne({ key: entry.key }, { $setOnInsert: doc }, { upsert: true })
  } else {
    await Audit.create(doc)
  }
}
