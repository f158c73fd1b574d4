import Taro from '@tarojs/taro'
import type { Me, Session } from '@zlbg/shared'
import { STRINGS } from '../strings'

/**
 * The signed-in session, kept in one module-level store: the bearer token (in storage, so it
 * survives a restart), the caller's account (`me`) and, after a session ended without the person
 * signing out, the reason to show with the sign-in prompt. No cookie is involved anywhere.
 */

const STORAGE_KEY = 'zlbg.session'

export type MeStatus = 'idle' | 'loading' | 'error'

export interface SessionState {
  token: string | null
  expiresAt: string | null
  me: Me | null
  /** Loading /api/me for the current token. */
  meStatus: MeStatus
  meError: string | null
  /** Why the last session ended (expired, revoked, disabled); cleared by the next sign-in. */
  endedMessage: string | null
}

interface Stored {
  token: string
  expiresAt: string
}

function isStored(value: unknown): value is Stored {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.token === 'string' && v.token !== '' && typeof v.expiresAt === 'string'
}

function readStored(): Stored | null {
  try {
    const value: unknown = Taro.getStorageSync(STORAGE_KEY)
    return isStored(value) ? value : null
  } catch {
    return null
  }
}

function removeStored(): void {
  try {
    Taro.removeStorageSync(STORAGE_KEY)
  } catch {
    // Storage unavailable: nothing was kept either.
  }
}

function initialState(): SessionState {
  const stored = readStored()
  const empty: SessionState = {
    token: null,
    expiresAt: null,
    me: null,
    meStatus: 'idle',
    meError: null,
    endedMessage: null,
  }
  if (!stored) return empty
  // A token past its expiry would only earn a SESSION_EXPIRED: say so without asking.
  if (Date.parse(stored.expiresAt) <= Date.now()) {
    removeStored()
    return { ...empty, endedMessage: STRINGS.session.expired }
  }
  return { ...empty, token: stored.token, expiresAt: stored.expiresAt }
}

let state: SessionState | null = null
const listeners = new Set<() => void>()

export function getSession(): SessionState {
  if (state === null) state = initialState()
  return state
}

function setState(patch: Partial<SessionState>): void {
  state = { ...getSession(), ...patch }
  for (const listener of [...listeners]) listener()
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export function currentToken(): string | null {
  return getSession().token
}

/** After a sign-in route answered with a Session. */
export function startSession(session: Session): void {
  try {
    Taro.setStorageSync(STORAGE_KEY, { token: session.token, expiresAt: session.expiresAt } satisfies Stored)
  } catch {
    // Without storage the session still lasts until the app is closed.
  }
  setState({
    token: session.token,
    expiresAt: session.expiresAt,
    me: session.me,
    meStatus: 'idle',
    meError: null,
    endedMessage: null,
  })
}

/**
 * Drops the token. `message` says why when the person did not sign out themselves (shown with the
 * sign-in prompt); null after a deliberate sign-out.
 */
export function endSession(message: string | null): void {
  removeStored()
  setState({ token: null, expiresAt: null, me: null, meStatus: 'idle', meError: null, endedMessage: message })
}

export function setMe(me: Me): void {
  if (getSession().token === null) return
  setState({ me, meStatus: 'idle', meError: null })
}

export function setMeStatus(meStatus: MeStatus, meError: string | null = null): void {
  setState({ meStatus, meError })
}

/** Roles that open the office workbench (账号管理, 审计日志). */
export function isOfficeStaff(me: Pick<Me, 'roles'> | null): boolean {
  return !!me && me.roles.some((role) => role === 'office' || role === 'admin')
}
