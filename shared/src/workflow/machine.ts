/**
 * A workflow as data (after statelyai/xstate, without the library): each state lists the events it
 * accepts and where they lead, guarded by the roles allowed to send them. `transition()` is pure: it
 * computes the target so a handler can persist it with one conditional update
 * (`findOneAndUpdate({ _id, state: from }, { state: to })`), audit it, and queue side effects, named
 * here as `effects`, through the outbox.
 */
export interface TransitionSpec<S extends string, R extends string> {
  to: S
  /** Who may send this event; checked again by the policy module on the route. */
  roles: readonly R[]
  /** Side effects to enqueue in the outbox, by name. */
  effects?: readonly string[]
  /** A human reason must be recorded with this transition (audit `why`). */
  needsReason?: boolean
  /** The measures' article that allows this step. */
  article?: string
}

export type MachineTable<S extends string, E extends string, R extends string> = {
  readonly [state in S]: { readonly [event in E]?: TransitionSpec<S, R> }
}

export type TransitionResult<S extends string, R extends string> =
  | { ok: true; from: S; to: S; spec: TransitionSpec<S, R> }
  | { ok: false; reason: 'EVENT_NOT_ACCEPTED' | 'ROLE_NOT_ALLOWED' | 'REASON_REQUIRED'; from: S }

export interface Machine<S extends string, E extends string, R extends string> {
  readonly states: readonly S[]
  readonly events: readonly E[]
  readonly table: MachineTable<S, E, R>
  readonly initial: S
  transition(from: S, event: E, actor: { roles: readonly R[]; reason?: string }): TransitionResult<S, R>
  /** Events the state accepts for these roles: the buttons a screen may show. */
  allowedEvents(from: S, roles: readonly R[]): E[]
  isFinal(state: S): boolean
}

export function defineMachine<S extends string, E extends string, R extends string>(def: {
  states: readonly S[]
  events: readonly E[]
  initial: S
  table: MachineTable<S, E, R>
}): Machine<S, E, R> {
  const { table } = def
  const accepts = (from: S, event: E) => table[from][event]
  return {
    states: def.states,
    events: def.events,
    table,
    initial: def.initial,
    transition(from, event, actor) {
      const spec = accepts(from, event)
      if (!spec) return { ok: false, reason: 'EVENT_NOT_ACCEPTED', from }
      if (!spec.roles.some((r) => actor.roles.includes(r))) return { ok: false, reason: 'ROLE_NOT_ALLOWED', from }
      if (spec.needsReason && !actor.reason?.trim()) return { ok: false, reason: 'REASON_REQUIRED', from }
      return { ok: true, from, to: spec.to, spec }
    },
    allowedEvents(from, roles) {
      return def.events.filter((e) => {
        const spec = accepts(from, e)
        return !!spec && spec.roles.some((r) => roles.includes(r))
      })
    },
    isFinal(state) {
      return Object.keys(table[state]).length === 0
    },
  }
}
