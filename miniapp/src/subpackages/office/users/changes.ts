/** Set by pages that change accounts elsewhere (新建账号), so the list reloads when shown again. */
let stale = false

export function markUsersStale(): void {
  stale = true
}

export function takeUsersStale(): boolean {
  const was = stale
  stale = false
  return was
}
