import type mongoose from 'mongoose'
import { Schema } from 'mongoose'
import type { Actor } from '../policies/actor'
import type { AuditEntry } from './audit'
import type { OutboxItem } from './outbox'

/**
 * "In the same step as the state change", without transactions: a step writes its side effects —
 * outbox items and its audit record — into the resource document itself (`pendingEffects`), in the
 * same single-document update that changes it (workflow/transition.ts). Either both happen or
 * neither. Then they are relayed (outbox/relay.ts): each is written to its own collection
 * idempotently and pulled from the document; a crash in between leaves them in the document, and the
 * `outbox.relay` job finishes the relay.
 *
 * The field lives here, in the models layer, so a model never imports the relay (only types cross
 * the other way): test/unit/import-cycles.test.ts keeps it so.
 */
export interface PendingEffect {
  /** Unique; the outbox key, or the audit record's key. */
  key: string
  createdAt: Date
  outbox?: OutboxItem
  audit?: { actor: Pick<Actor, 'userId' | 'displayName' | 'roles' | 'ip'>; entry: AuditEntry }
}

const PendingEffectSchema = new Schema(
  { key: { type: String, required: true }, createdAt: { type: Date, required: true }, outbox: Schema.Types.Mixed, audit: Schema.Types.Mixed },
  { _id: false, strict: 'throw' },
)

/** A model whose documents carry `pendingEffects` (see withPendingEffects); any record type. */
export type EffectSource = mongoose.Model<any>

/**
 * Adds `pendingEffects` to a resource's schema, with the index the relay job's query uses. That is
 * all a resource does to have its interrupted relays finished: the relay job finds its sources by
 * this field (carriesPendingEffects), not from a list.
 */
export function withPendingEffects(schema: Schema): void {
  schema.add({ pendingEffects: { type: [PendingEffectSchema], default: [] } })
  schema.index({ 'pendingEffects.createdAt': 1 })
}

export const carriesPendingEffects = (model: mongoose.Model<any>): boolean => model.schema.path('pendingEffects') !== undefined

/** The models of a connection whose schema carries pending effects: the relay job's sources. */
export function effectSourcesOf(connection: mongoose.Connection): EffectSource[] {
  return connection.modelNames().map((name) => connection.model(name)).filter(carriesPendingEffects)
}
