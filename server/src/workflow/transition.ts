import mongoose from 'mongoose'
import type { ErrorCode, Machine, Role } from '@zlbg/shared'
import { AppError, stateConflict, validationFailed } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { AuditEntry } from '../models/audit'
import { outboxItems, type Notice } from '../outbox/enqueue'
import type { EffectSource, PendingEffect } from '../models/pendingEffects'
import { auditEffect, outboxEffects, relayPendingEffects } from '../outbox/relay'
import type { Actor } from '../policies'

/** What an effect builder sees: the document as it was, and the step. */
export interface EffectInput<S extends string, E extends string, D> {
  doc: D
  from: S
  to: S
  event: E
  actor: Actor
  reason?: string
}

/** Turns one named effect of a transition (`effects: ['notifyApplicant']` in the machine) into notices. */
export type EffectBuilder<S extends string, E extends string, D> = (input: EffectInput<S, E, D>) => Notice[] | Promise<Notice[]>

export interface TransitionRequest<S extends string, E extends string, D> {
  models: Models
  /** The resource's model: its documents have `state` and `pendingEffects` (withPendingEffects). */
  model: EffectSource
  id: string | mongoose.Types.ObjectId
  machine: Machine<S, E, Role>
  event: E
  actor: Actor
  reason?: string
  /** A builder for every effect the machine names on this transition; a missing one is a programming error. */
  effects?: Partial<Record<string, EffectBuilder<S, E, D>>>
  /**
   * Further conditions the document must still meet for the step to apply, checked in the same
   * update (e.g. `{ updatedAt }` read when a precondition was checked): otherwise 409 like a state race.
   */
  where?: Record<string, unknown>
  /** Further fields to set in the same update (a deadline, a decision date). */
  set?: Record<string, unknown>
  /** Fields to unset in the same update (a supplement request once answered). */
  unset?: readonly string[]
  /** Further array elements to push in the same update. */
  push?: Record<string, unknown>
  /** An array field that records `{ state: to, at: now }` of every step (the applicant's stage dates). */
  history?: string
  /** For the audit record and the outbox cause; the model name in lower camel case by default. */
  resourceType?: string
  /** Answered when the document does not exist. */
  notFound?: ErrorCode
  logger?: Logger
  now?: Date
}

export interface TransitionDone<S extends string, D> {
  doc: D
  from: S
  to: S
  /** Names this occurrence of the step: in the audit key and every outbox key it caused. */
  transitionId: string
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

/**
 * Applies one workflow event to one resource, the way every workflow step is persisted:
 *
 * 1. read the document and let the machine compute the step (shared/src/workflow/machine.ts): an
 *    event the state does not accept is 409 STATE_CONFLICT with the current state, a role the step
 *    does not allow 403, a missing required reason 400;
 * 2. one conditional update, `findOneAndUpdate({ _id, state: from }, { $set: { state: to },
 *    $push: { pendingEffects } })`: the state change, its audit record (who, from, to, why) and its
 *    messages land together or not at all — no transaction needed. If another request moved the
 *    state first, nothing is written and the answer is 409 STATE_CONFLICT with the state it is in now;
 * 3. relay the pending effects to the audit log and the outbox (outbox/relay.ts). If that is cut
 *    short, the step still stands and the `outbox.relay` job completes the relay.
 */
export async function applyTransition<S extends string, E extends string, D extends { state: S }>(
  request: TransitionRequest<S, E, D>,
): Promise<TransitionDone<S, D>> {
  const { models, model, machine, event, actor, logger } = request
  const reason = request.reason?.trim() || undefined
  const id = String(request.id)
  const now = request.now ?? new Date()
  const resourceType = request.resourceType ?? lowerFirst(model.modelName)

  const doc = await model.findById(id).lean<D>()
  if (!doc) throw new AppError(request.notFound ?? 'NOT_FOUND')
  const step = machine.transition(doc.state, event, { roles: actor.roles, ...(reason !== undefined ? { reason } : {}) })
  if (!step.ok) {
    if (step.reason === 'EVENT_NOT_ACCEPTED') throw stateConflict(step.from)
    if (step.reason === 'ROLE_NOT_ALLOWED') throw new AppError('FORBIDDEN')
    throw validationFailed([{ path: 'reason', message: '请填写原因' }])
  }
  const { from, to, spec } = step

  const transitionId = new mongoose.Types.ObjectId().toHexString()
  const cause = { type: resourceType, id }
  const pending: PendingEffect[] = []
  for (const effect of spec.effects ?? []) {
    const build = request.effects?.[effect]
    if (!build) throw new Error(`${resourceType}.${event}: no builder for the effect ${effect}`)
    const notices = await build({ doc, from, to, event, actor, ...(reason !== undefined ? { reason } : {}) })
    pending.push(...outboxEffects(notices.flatMap((n) => outboxItems(n, `${resourceType}:${id}:${transitionId}:${effect}`, cause)), now))
  }
  const entry: AuditEntry = {
    action: `${resourceType}.${event}`,
    resource: { type: resourceType, id },
    from,
    to,
    ...(reason ? { reason } : {}),
    at: now,
  }
  pending.push(auditEffect(`transition:${transitionId}`, actor, entry, now))

  const updated = await model
    .findOneAndUpdate(
      { ...request.where, _id: id, state: from },
      {
        $set: { ...request.set, state: to },
        $push: { ...request.push, ...(request.history ? { [request.history]: { state: to, at: now } } : {}), pendingEffects: { $each: pending } },
        ...(request.unset?.length ? { $unset: Object.fromEntries(request.unset.map((f) => [f, 1])) } : {}),
      },
      { new: true },
    )
    .lean<D>()
  if (!updated) {
    const current = await model.findById(id, { state: 1 }).lean<{ state: S }>()
    if (!current) throw new AppError(request.notFound ?? 'NOT_FOUND')
    // Same state but a `where` condition failed: the document changed meanwhile; still a conflict.
    throw stateConflict(current.state)
  }

  try {
    await relayPendingEffects(models, model, id)
  } catch (err) {
    logger?.warn({ err, resourceType, id, transitionId }, 'relay after a transition failed; the relay job will finish it')
  }
  return { doc: updated, from, to, transitionId }
}
