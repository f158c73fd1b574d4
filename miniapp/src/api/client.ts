import Taro from '@tarojs/taro'
import { ROUTES, type ResponseOf, type RouteName } from '@zlbg/shared'
import type { z } from 'zod'
import { ApiError, apiErrorFromResponse, networkError, toApiError, unexpectedResponse } from './errors'
import { buildUrl, type PathParams, type QueryParams } from './url'

/** The one request layer: every call goes through a route of the shared contract (ROUTES). */

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

/** Shows an API failure the way every page does: a Chinese toast without an icon. */
export function showApiError(error: ApiError): void {
  void Taro.showToast({ title: error.message, icon: 'none', duration: 2500 })
}

async function send<N extends RouteName>(name: N, options: CallOptions<N>): Promise<ResponseOf<N>> {
  const route: { method: string; path: string } = ROUTES[name]
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
      header: { Accept: 'application/json' },
      dataType: 'json',
      timeout: TIMEOUT_MS,
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

export async function callApi<N extends RouteName>(name: N, options: CallOptions<N>): Promise<ResponseOf<N>> {
  try {
    return await send(name, options)
  } catch (error) {
    const apiError = toApiError(error)
    if (options.toast !== false) showApiError(apiError)
    throw apiError
  }
}
