import type mongoose from 'mongoose'
import { recordAudit } from '../audit/recorder'
import type { AuditEntry } from '../models/audit'
import type { JobDefinition } from '../jobs/runner'
import type { Logger } from '../logger'
import type { Models } from '../models'
import { effectSourcesOf, type EffectSource, type PendingEffect } from '../models/pendingEffects'
import type { Actor } from '../policies'
import type { OutboxItem } from '../models/outbox'
import { enqueue } from './enqueue'

/*
 * The relay half of "in the same step as the state change" (models/pendingEffects.ts): a step's
 * outbox items and audit record ride in its document, and are written out from here.
 */

/** The outbox records of a step, as pending effects of its document. */
export const outboxEffects = (items: readonly OutboxItem[], createdAt: Date): PendingEffect[] =>
  items.map((item) => ({ key: item.key, createdAt, outbox: item }))

/** The step's audit record (who, from, to, why), as a pending effect keyed so it is written once. */
export function auditEffect(key: string, actor: Actor, entry: AuditEntry, createdAt: Date): PendingEffect {
  const { userId, displayName, roles, ip } = actor
  return {
    key,
    createdAt,
    audit: { actor: { ...(userId ? { userId } : {}), ...(displayName ? { displayName } : {}), roles: [...roles], ...(ip ? { ip } : {}) }, entry },
  }
}

/**
 * Writes the document's pending effects where they belong, then removes them from it. Idempotent.
 * `known`: the effects the caller has just written into the document itself (a creation), which
 * spares reading them back; any others there are their own step's to relay, or the relay job's.
 */
export async function relayPendingEffects(models: Models, model: EffectSource, id: mongoose.Types.ObjectId | string, known?: readonly PendingEffect[]): Promise<number> {
  const pending = known ?? (await model.findById(id, { pendingEffects: 1 }).lean<{ pendingEffects?: PendingEffect[] }>())?.pendingEffects ?? []
  if (pending.length === 0) return 0
  const outbox = pending.flatMap((p) => (p.outbox ? [p.outbox] : []))
  if (outbox.length) await enqueue(models, outbox)
  for (const p of pending) {
    if (p.audit) await recordAudit(models, { ...p.audit.actor, organizationIds: [] }, { ...p.audit.entry, key: p.key })
  }
  // Bookkeeping, not a change of the resource: its updatedAt stays (the public sees it on calls).
  await model.updateOne({ _id: id }, { $pull: { pendingEffects: { key: { $in: pending.map((p) => p.key) } } } }, { timestamps: false })
  return pending.length
}

/**
 * Relays left behind by a crash are finished this long after the transition, so the job does not race
 * the request that is relaying its own effects right now (a race would be harmless for the outbox, but
 * could write an audit record twice: its key has no unique index, which the engine could not keep).
 */
export const RELAY_GRACE_MS = 60_000

/**
 * The job that finishes interrupted relays, for every model of the connection whose schema carries
 * pending effects (withPendingEffects): a new workflow resource needs no entry anywhere else.
 */
export function relayJob(logger?: Logger): JobDefinition {
  return {
    name: 'outbox.relay',
    everyMs: 60_000,
    async run({ models, now, signal }) {
      let relayed = 0
      for (const model of effectSourcesOf(models.Outbox.db)) {
        const stale = await model
          .find({ 'pendingEffects.createdAt': { $lte: new Date(now().getTime() - RELAY_GRACE_MS) } }, { _id: 1 })
          .limit(500)
          .lean<{ _id: mongoose.Types.ObjectId }[]>()
        for (const { _id } of stale) {
          if (signal.aborted) break
          relayed += await relayPendingEffects(models, model, _id)
        }
      }
      if (relayed) logger?.info({ relayed }, 'relayed effects left behind by an interrupted step')
      return `relayed ${relayed}`
    },
  }
}
