/**
 * A workflow as data (after statelyai/xstate, without the library): each state lists the events it
 * accepts and where they lead, guarded by the roles allowed to send them. `transition()` is pure: it
 * computes the target so a handler can persist it with one conditional update
 * (`findOneAndUpdate({ _id, state: from }, { state: to })`), audit it, and queue side effects, named
 * here as `effects`, through the outbox.
 *
 * Next to the events, each state lists the *actions* it allows that change the document but not its
 * state (edit a draft, correct a published call, delete a draft): the same table answers "may this be
 * edited now?" for the command that edits, the screen that shows the button and the test factory.
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

/** An action a state allows without leaving it. */
export interface ActionSpec<R extends string> {
  roles: readonly R[]
  /** A human reason must be recorded with it (a public correction's summary). */
  needsReason?: boolean
  article?: string
}

export type MachineTable<S extends string, E extends string, R extends string> = {
  readonly [state in S]: { readonly [event in E]?: TransitionSpec<S, R> }
}

export type ActionTable<S extends string, A extends string, R extends string> = {
  readonly [state in S]?: { readonly [action in A]?: ActionSpec<R> }
}

/**
 * Who is asking: a list of roles (pure uses, tests), or the server's role function
 * (server/src/policies/roles.ts), which knows that one role implies another and the roles a person
 * holds in one call.
 */
export type RoleCheck<R extends string> = { roles: readonly R[] } | { hasRole: (role: R) => boolean }

const holds = <R extends string>(who: RoleCheck<R>, roles: readonly R[]) =>
  'hasRole' in who ? roles.some((r) => who.hasRole(r)) : roles.some((r) => who.roles.includes(r))

export type TransitionResult<S extends string, R extends string> =
  | { ok: true; from: S; to: S; spec: TransitionSpec<S, R> }
  | { ok: false; reason: 'EVENT_NOT_ACCEPTED' | 'ROLE_NOT_ALLOWED' | 'REASON_REQUIRED'; from: S }

export type ActionResult<S extends string, R extends string> =
  | { ok: true; state: S; spec: ActionSpec<R> }
  | { ok: false; reason: 'ACTION_NOT_ALLOWED_IN_STATE' | 'ROLE_NOT_ALLOWED' | 'REASON_REQUIRED'; state: S }

export interface Machine<S extends string, E extends string, R extends string, A extends string = never> {
  readonly states: readonly S[]
  readonly events: readonly E[]
  readonly actions: readonly A[]
  readonly table: MachineTable<S, E, R>
  readonly actionTable: ActionTable<S, A, R>
  readonly initial: S
  transition(from: S, event: E, actor: RoleCheck<R> & { reason?: string }): TransitionResult<S, R>
  /** Events the state accepts for these roles: the buttons a screen may show. */
  allowedEvents(from: S, who: RoleCheck<R> | readonly R[]): E[]
  /** Whether the state allows the action (not a transition) to this actor. */
  allows(state: S, action: A, actor: RoleCheck<R> & { reason?: string }): ActionResult<S, R>
  /** Actions the state allows these roles, in the order the machine lists them. */
  allowedActions(state: S, who: RoleCheck<R> | readonly R[]): A[]
  /** States that allow the action to anyone: for queries ("drafts that may still be deleted"). */
  statesAllowing(action: A): S[]
  /** The shortest run of states from the initial one to `state` (the initial one left out), or undefined. */
  pathTo(state: S): S[] | undefined
  isFinal(state: S): boolean
}

const asCheck = <R extends string>(who: RoleCheck<R> | readonly R[]): RoleCheck<R> => (Array.isArray(who) ? { roles: who as readonly R[] } : (who as RoleCheck<R>))

export function defineMachine<S extends string, E extends string, R extends string, A extends string = never>(def: {
  states: readonly S[]
  events: readonly E[]
  actions?: readonly A[]
  initial: S
  table: MachineTable<S, E, R>
  actionTable?: ActionTable<S, A, R>
}): Machine<S, E, R, A> {
  const { table } = def
  const actionTable: ActionTable<S, A, R> = def.actionTable ?? {}
  const actions: readonly A[] = def.actions ?? []
  const accepts = (from: S, event: E) => table[from][event]
  const actionIn = (state: S, action: A): ActionSpec<R> | undefined => actionTable[state]?.[action]
  return {
    states: def.states,
    events: def.events,
    actions,
    table,
    actionTable,
    initial: def.initial,
    transition(from, event, actor) {
      const spec = accepts(from, event)
      if (!spec) return { ok: false, reason: 'EVENT_NOT_ACCEPTED', from }
      if (!holds(actor, spec.roles)) return { ok: false, reason: 'ROLE_NOT_ALLOWED', from }
      if (spec.needsReason && !actor.reason?.trim()) return { ok: false, reason: 'REASON_REQUIRED', from }
      return { ok: true, from, to: spec.to, spec }
    },
    allowedEvents(from, who) {
      const check = asCheck(who)
      return def.events.filter((e) => {
        const spec = accepts(from, e)
        return !!spec && holds(check, spec.roles)
      })
    },
    allows(state, action, actor) {
      const spec = actionIn(state, action)
      if (!spec) return { ok: false, reason: 'ACTION_NOT_ALLOWED_IN_STATE', state }
      if (!holds(actor, spec.roles)) return { ok: false, reason: 'ROLE_NOT_ALLOWED', state }
      if (spec.needsReason && !actor.reason?.trim()) return { ok: false, reason: 'REASON_REQUIRED', state }
      return { ok: true, state, spec }
    },
    allowedActions(state, who) {
      const check = asCheck(who)
      return actions.filter((a) => {
        const spec = actionIn(state, a)
        return !!spec && holds(check, spec.roles)
      })
    },
    statesAllowing(action) {
      return def.states.filter((s) => !!actionIn(s, action))
    },
    pathTo(state) {
      // Breadth first over the table: the shortest run, the one a test factory records as history.
      const previous = new Map<S, S | null>([[def.initial, null]])
      const queue: S[] = [def.initial]
      while (queue.length) {
        const at = queue.shift()!
        if (at === state) {
          const path: S[] = []
          for (let s: S | null = at; s !== null && s !== def.initial; s = previous.get(s)!) path.unshift(s)
          return path
        }
        for (const spec of Object.values(table[at]) as TransitionSpec<S, R>[]) {
          if (!previous.has(spec.to)) {
            previous.set(spec.to, at)
            queue.push(spec.to)
          }
        }
      }
      return undefined
    },
    isFinal(state) {
      return Object.keys(table[state]).length === 0
    },
  }
}
