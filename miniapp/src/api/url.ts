/**
 * Turning a contract route into a URL. Pure (no Taro), so plain Jest can test it.
 */

export type PathParams = Record<string, string | number>
export type QueryValue = string | number | boolean | null | undefined
export type QueryParams = Record<string, QueryValue>

/** Substitutes Koa-style `:name` segments; every placeholder must have a value. */
export function fillPath(path: string, params: PathParams = {}): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_match, name: string) => {
    const value = params[name]
    if (value === undefined || value === '') throw new Error(`missing path parameter "${name}" for ${path}`)
    return encodeURIComponent(String(value))
  })
}

/** `?a=1&b=x`, skipping undefined and null; '' when nothing is left. */
export function queryString(query: QueryParams = {}): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  return pairs.length ? `?${pairs.join('&')}` : ''
}

/** `base` is an origin without a trailing slash, or '' for same origin (H5 served by the API server). */
export function buildUrl(base: string, path: string, params?: PathParams, query?: QueryParams): string {
  return `${base.replace(/\/+$/, '')}${fillPath(path, params)}${queryString(query)}`
}
