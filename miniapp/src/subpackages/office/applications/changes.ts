/** Set by the review page after a decision, so the list shows the new stage when it is shown again. */
let stale = false

export function markApplicationsStale(): void {
  stale = true
}

export function takeApplicationsStale(): boolean {
  const was = stale
  stale = false
  return was
}
