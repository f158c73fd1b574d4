import Taro from '@tarojs/taro'
import type { ErrorCode, Me, ResponseOf, ROUTES, RouteName, Session } from '@zlbg/shared'
import type { z } from 'zod'
import type { RouteEntry } from './routeRegistry'
import { ApiError, apiErrorFromResponse, networkError, toApiError, unexpectedResponse } from './errors'
import { routeOf } from './routeTable'
import { currentToken, endSession, setMe, startSession } from './session'
import { buildUrl, type PathParams, type QueryParams } from './url'

/**
 * The one request layer: every call goes through a route of the shared contract (ROUTES; at run time
 * only its methods and paths, inlined by the build so the schemas stay out of the bundle: routeTable.ts), with
 * `Authorization: Bearer <token>` when signed in. Sessions start and end here, so no page handles
 * a token: sign-in routes store theirs, `logout` and session failures drop it.
 */

/** Routes that answer with a Session. */
const SIGN_IN_ROUTES: ReadonlySet<RouteName> = new Set<RouteName>(['loginWeChat', 'loginPassword', 'acceptInvite'])
/** Routes that answer with the caller's own account. */
const ME_ROUTES: ReadonlySet<RouteName> = new Set<RouteName>(['me', 'bind'])
/** A token was sent and the server no longer honours it: drop it. */
const SESSION_ENDING: ReadonlySet<ErrorCode | string> = new Set(['SESSION_EXPIRED', 'SESSION_REVOKED', 'UNAUTHENTICATED'])

type Route<N extends RouteName> = (typeof ROUTES)[N]
type SchemaOf<N extends RouteName, K extends 'params' | 'query' | 'body'> =
  Route<N> extends { [key in K]: infer S extends z.ZodType } ? z.output<S> : never

export type ParamsOf<N extends RouteName> = SchemaOf<N, 'params'>
export type QueryOf<N extends RouteName> = SchemaOf<N, 'query'>
export type BodyOf<N extends RouteName> = SchemaOf<N, 'body'>

export type CallOptions<N extends RouteName> = ([ParamsOf<N>] extends [never]
  ? { params?: undefined }
  : { params: ParamsOf<N> }) &
  ([QueryOf<N>] extends [never] ? { query?: undefined } : { query?: Partial<QueryOf<N>> }) &
  ([BodyOf<N>] extends [never] ? { body?: undefined } : { body: BodyOf<N> }) & {
    /** Show the error in a toast (default). Pages that render their own message may turn it off. */
    toast?: boolean
  }

const TIMEOUT_MS = 15_000
/**
 * Routes the server may hold in line: in a burst of objections each instance files one at a time
 * (issue 16), and a filer waiting longer than the usual timeout would see a network error although
 * the filing is being taken. WeChat's own ceiling for a request is 60 s (app.json networkTimeout).
 */
const SLOW_ROUTES: Partial<Record<RouteName, number>> = { fileObjection: 60_000 }

/** The header every request carries while signed in. */
export function authHeader(token: string | null = currentToken()): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {}
}

/**
 * Whether `error`, answered to a request that carried `sentToken`, ends the session; if so the token
 * is dropped (unless a newer sign-in replaced it meanwhile) and the reason kept for the sign-in prompt.
 */
export function endSessionOnFailure(name: RouteName, error: ApiError, sentToken: string | null): boolean {
  if (!sentToken || SIGN_IN_ROUTES.has(name)) return false
  const ends =
    (error.status === 401 && SESSION_ENDING.has(error.code)) ||
    // A disabled account's session is cut; should the server say so with 403, it ends here too.
    error.code === 'ACCOUNT_DISABLED'
  if (!ends) return false
  if (currentToken() === sentToken) endSession(error.message)
  return true
}

/** Shows an API failure the way every page does: a Chinese toast without an icon. */
export function showApiError(error: ApiError): void {
  void Taro.showToast({ title: error.message, icon: 'none', duration: 2500 })
}

async function send<N extends RouteName>(
  route: RouteEntry,
  options: CallOptions<N>,
  sentToken: string | null,
  timeout: number,
): Promise<ResponseOf<N>> {
  const url = buildUrl(
    API_BASE_URL,
    route.path,
    options.params as PathParams | undefined,
    options.query as QueryParams | undefined,
  )
  let response: { statusCode: number; data: unknown }
  try {
    response = await Taro.request({
      url,
      method: route.method.toUpperCase() as keyof Taro.request.Method,
      data: options.body,
      header: { Accept: 'application/json', ...authHeader(sentToken) },
      dataType: 'json',
      timeout,
      // H5: the bearer header is the only credential; never send or accept cookies.
      credentials: 'omit',
    })
  } catch {
    // Taro.request rejects only when no HTTP answer arrived (offline, refused, timed out).
    throw networkError()
  }
  const { statusCode, data } = response
  if (statusCode >= 200 && statusCode < 300) {
    if (statusCode !== 204 && (data === null || data === undefined || typeof data !== 'object')) {
      throw unexpectedResponse(statusCode)
    }
    return data as ResponseOf<N>
  }
  throw apiErrorFromResponse(statusCode, data)
}

function afterSuccess(name: RouteName, data: unknown): void {
  if (SIGN_IN_ROUTES.has(name)) startSession(data as Session)
  else if (ME_ROUTES.has(name)) setMe(data as Me)
}

export async function callApi<N extends RouteName>(name: N, options: CallOptions<N>): Promise<ResponseOf<N>> {
  // Outside the try: a route missing from the loaded tables is a build bug, not an API failure to toast.
  const route = routeOf(name)
  const sentToken = currentToken()
  try {
    const data = await send(route, options, sentToken, SLOW_ROUTES[name] ?? TIMEOUT_MS)
    afterSuccess(name, data)
    return data
  } catch (error) {
    const apiError = toApiError(error)
    // The end of a session is news on every page, so it is shown even where the caller renders its own errors.
    const ended = endSessionOnFailure(name, apiError, sentToken)
    if (ended || options.toast !== false) showApiError(apiError)
    throw apiError
  } finally {
    // Signing out ends the session on this device whatever the server answered.
    if (name === 'logout' && sentToken && currentToken() === sentToken) endSession(null)
  }
}
