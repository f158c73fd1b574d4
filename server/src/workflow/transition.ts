import mongoose from 'mongoose'
import type { ErrorCode, Machine, Role } from '@zlbg/shared'
import { AppError, ruleFailed, stateConflict } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { AuditEntry } from '../models/audit'
import { outboxItems, type Notice } from '../outbox/enqueue'
import type { EffectSource, PendingEffect } from '../models/pendingEffects'
import { auditEffect, outboxEffects, relayPendingEffects } from '../outbox/relay'
import type { Actor } from '../policies/actor'
import { actorInCall, hasRoleOf } from '../policies/roles'

/** What an effect builder sees: the document as it was, and the step. */
/** What a command taking one step on one record is given: the record's id, who acts, and when. */
export interface Step {
  models: Models
  actor: Actor
  id: string
  now?: Date
  logger?: Logger
}

/** A step's own fields for a transition request, leaving out what the step does not set. */
export const stepArgs = ({ models, actor, id, now, logger }: Step) => ({ models, actor, id, ...(now ? { now } : {}), ...(logger ? { logger } : {}) })

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

/** What a step of either kind (a transition, or an action the state allows) is told. */
interface StepRequest<S extends string, E extends string, A extends string, D> {
  models: Models
  /** The resource's model: its documents have a state field and `pendingEffects` (withPendingEffects). */
  model: EffectSource
  id: string | mongoose.Types.ObjectId
  machine: Machine<S, E, Role, A>
  actor: Actor
  reason?: string
  /**
   * The call the document belongs to: the actor's roles in it (committee, assignments) count for the
   * machine's role check (policies/roles.ts actorInCall). Omitted for a resource outside any call.
   */
  callOf?: (doc: D) => string | undefined
  /** The field that holds the machine's state; `state` unless the resource names it otherwise. */
  stateField?: string
  /**
   * Further conditions the document must still meet for the step to apply, checked in the same
   * update (e.g. `{ updatedAt }` read when a precondition was checked): otherwise 409 like a state race.
   */
  where?: Record<string, unknown>
  /** Further fields to set in the same update (a deadline, a decision date). */
  set?: Record<string, unknown>
  /** Fields to unset in the same update (a supplement request once answered). */
  unset?: readonly string[]
  /** Counters to increment in the same update. */
  inc?: Record<string, number>
  /** Further array elements to push in the same update. */
  push?: Record<string, unknown>
  /** For the audit record and the outbox cause; the model name in lower camel case by default. */
  resourceType?: string
  /**
   * What the audit record says where the machine's names are not what a reader wants: one action for
   * a decision with two outcomes (`organization.reviewName`), the old and new name of a rename.
   */
  audit?: { action?: string; from?: string; to?: string }
  /** Answered when the document does not exist. */
  notFound?: ErrorCode
  logger?: Logger
  now?: Date
}

export interface TransitionRequest<S extends string, E extends string, D, A extends string = string> extends StepRequest<S, E, A, D> {
  event: E
  /** A builder for every effect the machine names on this transition; a missing one is a programming error. */
  effects?: Partial<Record<string, EffectBuilder<S, E, D>>>
  /** An array field that records `{ state: to, at: now }` of every step (the applicant's stage dates). */
  history?: string
}

/** An action the machine allows in a state without leaving it (edit a draft, correct a published call). */
export interface ActionRequest<S extends string, E extends string, D, A extends string> extends StepRequest<S, E, A, D> {
  action: A
  /** Notices the change sends (a published event's registrants told of an edit), queued in the same update. */
  notices?: readonly Notice[]
}

export interface TransitionDone<S extends string, D> {
  doc: D
  from: S
  to: S
  /** Names this occurrence of the step: in the audit key and every outbox key it caused. */
  transitionId: string
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

/** Reads the document and the actor as they act in its call. */
async function readStep<S extends string, E extends string, A extends string, D>(request: StepRequest<S, E, A, D>) {
  const stateField = request.stateField ?? 'state'
  const doc = await request.model.findById(String(request.id)).lean<D>()
  if (!doc) throw new AppError(request.notFound ?? 'NOT_FOUND')
  const actor = await actorInCall(request.models, request.actor, request.callOf?.(doc))
  return { doc, actor, state: (doc as Record<string, unknown>)[stateField] as S, stateField }
}

/**
 * The one conditional update of a step: on the state it was read in (and the `where` conditions), it
 * sets, unsets and pushes what the step changes together with its pending effects. Nothing written
 * means another request moved it first: 409 with the state it is in now. Then the effects are relayed.
 */
async function persistStep<S extends string, E extends string, A extends string, D>(
  request: StepRequest<S, E, A, D>,
  { from, stateField, set, push, pending, resourceType, stepId }: { from: S; stateField: string; set: Record<string, unknown>; push: Record<string, unknown>; pending: PendingEffect[]; resourceType: string; stepId: string },
): Promise<D> {
  const { models, model, logger } = request
  const id = String(request.id)
  const updated = await model
    .findOneAndUpdate(
      { ...request.where, _id: id, [stateField]: from },
      {
        $set: { ...request.set, ...set },
        $push: { ...request.push, ...push, pendingEffects: { $each: pending } },
        ...(request.inc ? { $inc: request.inc } : {}),
        ...(request.unset?.length ? { $unset: Object.fromEntries(request.unset.map((f) => [f, 1])) } : {}),
      },
      { new: true },
    )
    .lean<D>()
  if (!updated) {
    const current = await model.findById(id, { [stateField]: 1 }).lean<Record<string, S>>()
    if (!current) throw new AppError(request.notFound ?? 'NOT_FOUND')
    // Same state but a `where` condition failed: the document changed meanwhile; still a conflict.
    throw stateConflict(current[stateField]!)
  }
  try {
    await relayPendingEffects(models, model, id)
  } catch (err) {
    logger?.warn({ err, resourceType, id, stepId }, 'relay after a step failed; the relay job will finish it')
  }
  return updated
}

const reasonRequired = () => ruleFailed([{ path: 'reason', message: '请填写原因' }])

/**
 * Applies one workflow event to one resource, the way every workflow step is persisted:
 *
 * 1. read the document and let the machine compute the step (shared/src/workflow/machine.ts), with
 *    the actor's roles checked by the one role function (policies/roles.ts), their roles in the
 *    document's call included: an event the state does not accept is 409 STATE_CONFLICT with the
 *    current state, a role the step does not allow 403, a missing required reason 400;
 * 2. one conditional update, `findOneAndUpdate({ _id, state: from }, { $set: { state: to },
 *    $push: { pendingEffects } })`: the state change, its audit record (who, from, to, why) and its
 *    messages land together or not at all — no transaction needed. If another request moved the
 *    state first, nothing is written and the answer is 409 STATE_CONFLICT with the state it is in now;
 * 3. relay the pending effects to the audit log and the outbox (outbox/relay.ts). If that is cut
 *    short, the step still stands and the `outbox.relay` job completes the relay.
 */
export async function applyTransition<S extends string, E extends string, D, A extends string = string>(
  request: TransitionRequest<S, E, D, A>,
): Promise<TransitionDone<S, D>> {
  const { model, machine, event } = request
  const reason = request.reason?.trim() || undefined
  const id = String(request.id)
  const now = request.now ?? new Date()
  const resourceType = request.resourceType ?? lowerFirst(model.modelName)

  const { doc, actor, state, stateField } = await readStep(request)
  const step = machine.transition(state, event, { hasRole: hasRoleOf(actor), ...(reason !== undefined ? { reason } : {}) })
  if (!step.ok) {
    if (step.reason === 'EVENT_NOT_ACCEPTED') throw stateConflict(step.from)
    if (step.reason === 'ROLE_NOT_ALLOWED') throw new AppError('FORBIDDEN')
    throw reasonRequired()
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
  const entry: AuditEntry = { action: `${resourceType}.${event}`, resource: cause, from, to, ...request.audit, ...(reason ? { reason } : {}), at: now }
  pending.push(auditEffect(`transition:${transitionId}`, actor, entry, now))

  const updated = await persistStep(request, {
    from,
    stateField,
    set: { [stateField]: to },
    push: request.history ? { [request.history]: { state: to, at: now } } : {},
    pending,
    resourceType,
    stepId: transitionId,
  })
  return { doc: updated, from, to, transitionId }
}

/**
 * Applies an action the machine allows in the document's state without moving it (an edit, a
 * correction), persisted like a transition: the machine decides (409 in a state that does not allow
 * it, 403 for a role it does not name, 400 without a required reason), then one conditional update on
 * that state carries the change and its audit record (who, why) — an edit racing a publication is a
 * 409, never a change landing unannounced in a published document.
 */
export async function applyAction<S extends string, E extends string, D, A extends string>(request: ActionRequest<S, E, D, A>): Promise<D> {
  const { model, machine, action } = request
  const reason = request.reason?.trim() || undefined
  const id = String(request.id)
  const now = request.now ?? new Date()
  const resourceType = request.resourceType ?? lowerFirst(model.modelName)

  const { actor, state, stateField } = await readStep(request)
  const step = machine.allows(state, action, { hasRole: hasRoleOf(actor), ...(reason !== undefined ? { reason } : {}) })
  if (!step.ok) {
    if (step.reason === 'ACTION_NOT_ALLOWED_IN_STATE') throw stateConflict(state)
    if (step.reason === 'ROLE_NOT_ALLOWED') throw new AppError('FORBIDDEN')
    throw reasonRequired()
  }
  const stepId = new mongoose.Types.ObjectId().toHexString()
  const entry: AuditEntry = { action: `${resourceType}.${action}`, resource: { type: resourceType, id }, ...request.audit, ...(reason ? { reason } : {}), at: now }
  const cause = { type: resourceType, id }
  const notices = outboxEffects((request.notices ?? []).flatMap((n) => outboxItems(n, `${resourceType}:${id}:${stepId}:${action}`, cause)), now)
  return persistStep(request, { from: state, stateField, set: {}, push: {}, pending: [auditEffect(`${action}:${stepId}`, actor, entry, now), ...notices], resourceType, stepId })
}

/**
 * Whether the actor may take the action in the document's state, by the machine's table and the one
 * role function: for steps that are not a single update (a deletion, a draft save whose precondition
 * depends on the state), which then make their own conditional write on that state.
 */
export async function assertAllowed<S extends string, E extends string, A extends string>(
  models: Models,
  machine: Machine<S, E, Role, A>,
  state: S,
  action: A,
  actor: Actor,
  callId?: string,
): Promise<void> {
  const step = machine.allows(state, action, { hasRole: hasRoleOf(await actorInCall(models, actor, callId)) })
  if (!step.ok) {
    if (step.reason === 'ACTION_NOT_ALLOWED_IN_STATE') throw stateConflict(state)
    if (step.reason === 'ROLE_NOT_ALLOWED') throw new AppError('FORBIDDEN')
    throw reasonRequired()
  }
}

/**
 * Creates a resource in its machine's initial state with its audit record inside (pending effects),
 * so it never exists unrecorded; then relays the record.
 */
export async function applyCreate<D>(
  request: Pick<StepRequest<string, string, string, D>, 'models' | 'model' | 'actor' | 'logger' | 'now' | 'resourceType'> & {
    doc: Record<string, unknown> & { _id: mongoose.Types.ObjectId }
    /** The state it starts in, for the audit record's `to`. */
    to: string
    /** Notices the creation sends (a receipt), queued with it so they cannot be lost between two writes. */
    notices?: readonly Notice[]
  },
): Promise<D> {
  const { models, model, doc, actor, logger } = request
  const now = request.now ?? new Date()
  const resourceType = request.resourceType ?? lowerFirst(model.modelName)
  const id = doc._id.toHexString()
  const entry: AuditEntry = { action: `${resourceType}.create`, resource: { type: resourceType, id }, to: request.to, at: now }
  const cause = { type: resourceType, id }
  const notices = outboxEffects((request.notices ?? []).flatMap((n) => outboxItems(n, `${resourceType}:${id}:create`, cause)), now)
  const pendingEffects = [auditEffect(`create:${id}`, actor, entry, now), ...notices]
  // insertMany: validated and timestamped like create, without save()'s document machinery (cheaper per filing).
  const [created] = await model.insertMany([{ ...doc, pendingEffects }])
  try {
    await relayPendingEffects(models, model, id, pendingEffects)
  } catch (err) {
    logger?.warn({ err, resourceType, id }, 'relay after a creation failed; the relay job will finish it')
  }
  // What was stored (defaults and timestamps included), without reading it back; its effects are relayed.
  const { pendingEffects: _relayed, ...stored } = created!.toObject({ depopulate: true })
  return stored as D
}
