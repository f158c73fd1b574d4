import { z } from 'zod'

/** The real service. Only used when WECHAT_APPID/WECHAT_SECRET are set; tests and `npm start` use the stand-in. */
export const WECHAT_API_BASE = 'https://api.weixin.qq.com'

/**
 * What went wrong, as the caller needs to decide: a bad or spent login code is the user's (ask for a
 * new wx.login), busy / rate-limited / unavailable are worth a later retry, the rest is ours to fix.
 */
export type WeChatErrorKind = 'invalid_code' | 'code_used' | 'rate_limited' | 'system_busy' | 'unavailable' | 'other'

const KIND_BY_ERRCODE: Record<number, WeChatErrorKind> = {
  40029: 'invalid_code',
  40163: 'code_used',
  45011: 'rate_limited',
  [-1]: 'system_busy',
}

/**
 * A failed WeChat call. `errcode`/`errmsg` are WeChat's own when it answered; when it did not (network
 * error, timeout, non-200, unreadable body) `errcode` is null and `errmsg` says what happened. Neither
 * the message nor any field carries the app secret, the query string or a session key, so it is safe
 * to log as is.
 */
export class WeChatError extends Error {
  override readonly name = 'WeChatError'
  readonly kind: WeChatErrorKind
  constructor(
    readonly endpoint: string,
    readonly errcode: number | null,
    readonly errmsg: string,
  ) {
    super(`WeChat ${endpoint}: ${errcode ?? 'no answer'} ${errmsg}`)
    this.kind = errcode === null ? 'unavailable' : (KIND_BY_ERRCODE[errcode] ?? 'other')
  }
}

export interface WeChatClientOptions {
  /** Without a trailing path: the real service (WECHAT_API_BASE) or the stand-in's base URL. */
  baseUrl: string
  appId: string
  secret: string
  /** For the whole call, answer body included. */
  timeoutMs: number
}

export interface WeChatSession {
  openid: string
  unionid?: string
  /** Encrypts the user's data on the device; stays on the server, never sent to the mini-program. */
  sessionKey: string
}

export interface WeChatClient {
  /** Exchanges a wx.login code for the user's openid (登录凭证校验). A code works once, for 5 minutes. */
  code2Session(code: string): Promise<WeChatSession>
}

interface Call {
  method: 'GET' | 'POST'
  /** Also the endpoint name in errors. */
  path: string
  query: Record<string, string>
  body?: unknown
}

/**
 * Every WeChat API answers HTTP 200 with a JSON body and reports failures as a non-zero `errcode`, so
 * one request function serves them all; each method adds its path and the schema of its success body.
 * access_token, msgSecCheck and subscribeMessage.send go here the same way.
 */
function requester({ baseUrl, secret, timeoutMs }: WeChatClientOptions) {
  const base = baseUrl.replace(/\/+$/, '')
  // WeChat has been known to echo what it was sent; never let the secret ride out in an error.
  const scrub = (text: string) => (secret ? text.split(secret).join('***') : text)

  return async function request<S extends z.ZodType>(call: Call, success: S): Promise<z.output<S>> {
    const url = `${base}${call.path}?${new URLSearchParams(call.query)}`
    let text: string
    try {
      const res = await fetch(url, {
        method: call.method,
        headers: call.body === undefined ? {} : { 'content-type': 'application/json' },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(timeoutMs),
      })
      // Read the body before checking the status so the connection is released either way.
      text = await res.text()
      if (res.status !== 200) throw new WeChatError(call.path, null, `HTTP ${res.status}`)
    } catch (err) {
      if (err instanceof WeChatError) throw err
      throw new WeChatError(call.path, null, describeNetworkFailure(err, timeoutMs))
    }

    // Parsed from text whatever the content type: WeChat answers some JSON as text/plain.
    let answer: unknown
    try {
      answer = JSON.parse(text)
    } catch {
      throw new WeChatError(call.path, null, 'answer is not JSON')
    }
    const failure = z.object({ errcode: z.number().int(), errmsg: z.string().default('') }).safeParse(answer)
    if (failure.success && failure.data.errcode !== 0) {
      throw new WeChatError(call.path, failure.data.errcode, scrub(failure.data.errmsg))
    }
    const parsed = success.safeParse(answer)
    if (!parsed.success) throw new WeChatError(call.path, null, 'answer has an unexpected shape')
    return parsed.data
  }
}

/** Names the failure without the URL (which holds the secret) or the raw error object. */
function describeNetworkFailure(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; cause?: { code?: unknown } }
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutMs} ms`
  const code = typeof e?.cause?.code === 'string' ? e.cause.code : undefined
  return code ? `network error (${code})` : 'network error'
}

const Code2SessionAnswer = z.object({
  openid: z.string().min(1),
  session_key: z.string().min(1),
  unionid: z.string().min(1).optional(),
})

/** One client per app (appid + secret); holds no per-user state, so any server instance can use it. */
export function createWeChatClient(options: WeChatClientOptions): WeChatClient {
  const request = requester(options)
  return {
    async code2Session(code) {
      const answer = await request(
        {
          method: 'GET',
          path: '/sns/jscode2session',
          query: { appid: options.appId, secret: options.secret, js_code: code, grant_type: 'authorization_code' },
        },
        Code2SessionAnswer,
      )
      return {
        openid: answer.openid,
        ...(answer.unionid ? { unionid: answer.unionid } : {}),
        sessionKey: answer.session_key,
      }
    },
  }
}
