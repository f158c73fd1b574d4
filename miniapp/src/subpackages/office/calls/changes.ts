/** Set by the editor when it saves, publishes, closes or deletes a call, so the list reloads when shown again. */
let stale = false

export function markCallsStale(): void {
  stale = true
}

export function takeCallsStale(): boolean {
  const was = stale
  stale = false
  return was
}
