import { z } from 'zod'

/** The real service. Only used when WECHAT_APPID/WECHAT_SECRET are set; tests and `npm start` use the stand-in. */
export const WECHAT_API_BASE = 'https://api.weixin.qq.com'

/**
 * What went wrong, as the caller needs to decide: a bad or spent login code is the user's (ask for a
 * new wx.login), busy / rate-limited / unavailable are worth a later retry, the rest is ours to fix.
 */
export type WeChatErrorKind =
  | 'invalid_code'
  | 'code_used'
  | 'rate_limited'
  | 'system_busy'
  | 'unavailable'
  /** The access_token is invalid, not the latest, or expired: fetch a new one and try again once. */
  | 'token_invalid'
  /** subscribeMessage.send: the user holds no subscription for this template (any more). */
  | 'no_subscription'
  /** The request can never succeed as sent (a bad openid, template id, page or data): do not retry. */
  | 'rejected'
  /** A media_id WeChat does not know (any more): the official account's cover was deleted on the platform. */
  | 'media_invalid'
  | 'other'

const KIND_BY_ERRCODE: Record<number, WeChatErrorKind> = {
  40029: 'invalid_code',
  40163: 'code_used',
  45011: 'rate_limited',
  [-1]: 'system_busy',
  40001: 'token_invalid',
  40014: 'token_invalid',
  42001: 'token_invalid',
  43101: 'no_subscription',
  40003: 'rejected',
  40037: 'rejected',
  41030: 'rejected',
  47003: 'rejected',
  40007: 'media_invalid',
  // The official account's draft box: a bad media type, a title or digest too long, content it refuses.
  40004: 'rejected',
  45003: 'rejected',
  45004: 'rejected',
  45166: 'rejected',
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

/** msgSecCheck v2 scenes: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export type SecurityScene = 1 | 2 | 3 | 4

export interface MsgSecCheckInput {
  content: string
  /** The writer's openid; WeChat requires that the user opened the mini-program in the last two hours. */
  openid: string
  scene: SecurityScene
}

export interface MsgSecCheckResult {
  /** WeChat's overall verdict: pass, review (uncertain: a person should look), risky. */
  suggest: 'pass' | 'review' | 'risky'
  /** 100 normal; 10001 ads, 20001 politics, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud, 20012 vulgar, 20013 copyright, 21000 other. */
  label: number
  traceId?: string
}

export interface SubscribeMessageInput {
  touser: string
  templateId: string
  /** The mini-program page the message opens, e.g. pages/me/messages?id=…; none opens the home page. */
  page?: string
  /** One entry per template keyword: `{ thing1: { value: '…' } }`. */
  data: Record<string, { value: string }>
  miniprogramState?: 'developer' | 'trial' | 'formal'
}

export interface WeChatClient {
  readonly appId: string
  /** Exchanges a wx.login code for the user's openid (登录凭证校验). A code works once, for 5 minutes. */
  code2Session(code: string): Promise<WeChatSession>
  /**
   * A new access_token (获取接口调用凭据). Each fetch retires the previous token within 5 minutes and
   * the daily quota is small: call it through the shared store (accessToken.ts), never per request.
   */
  getAccessToken(): Promise<{ accessToken: string; expiresInSeconds: number }>
  /** Content security check v2 (文本内容安全识别). */
  msgSecCheck(accessToken: string, input: MsgSecCheckInput): Promise<MsgSecCheckResult>
  /** Sends one subscription message (发送订阅消息); uses up one of the user's acceptances on WeChat's side. */
  sendSubscribeMessage(accessToken: string, input: SubscribeMessageInput): Promise<void>
}

export interface Call {
  method: 'GET' | 'POST'
  /** Also the endpoint name in errors. */
  path: string
  query: Record<string, string>
  /** JSON, or a multipart form (a file upload: material/add_material). */
  body?: unknown
}

/**
 * Every WeChat API answers HTTP 200 with a JSON body and reports failures as a non-zero `errcode`, so
 * one request function serves them all; each method adds its path and the schema of its success body.
 */
export function requester({ baseUrl, secret, timeoutMs }: WeChatClientOptions) {
  const base = baseUrl.replace(/\/+$/, '')
  // WeChat has been known to echo what it was sent; never let the secret or a token ride out in an error.
  const scrubber = (call: Call) => (text: string) =>
    [secret, call.query.access_token].reduce<string>((t, hidden) => (hidden ? t.split(hidden).join('***') : t), text)

  return async function request<S extends z.ZodType>(call: Call, success: S): Promise<z.output<S>> {
    const url = `${base}${call.path}?${new URLSearchParams(call.query)}`
    let text: string
    try {
      const form = call.body instanceof FormData
      const res = await fetch(url, {
        method: call.method,
        // A form sets its own multipart boundary.
        headers: call.body === undefined || form ? {} : { 'content-type': 'application/json' },
        body: call.body === undefined ? undefined : form ? (call.body as FormData) : JSON.stringify(call.body),
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
      throw new WeChatError(call.path, failure.data.errcode, scrubber(call)(failure.data.errmsg))
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

const AccessTokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() })

const MsgSecCheckAnswer = z.object({
  result: z.object({ suggest: z.enum(['pass', 'review', 'risky']), label: z.number().int() }),
  trace_id: z.string().optional(),
})

/** errcode 0 and nothing else to read. */
const Done = z.looseObject({})

/** One client per app (appid + secret); holds no per-user state, so any server instance can use it. */
export function createWeChatClient(options: WeChatClientOptions): WeChatClient {
  const request = requester(options)
  return {
    appId: options.appId,

    async getAccessToken() {
      const answer = await request(
        {
          method: 'GET',
          path: '/cgi-bin/token',
          query: { grant_type: 'client_credential', appid: options.appId, secret: options.secret },
        },
        AccessTokenAnswer,
      )
      return { accessToken: answer.access_token, expiresInSeconds: answer.expires_in }
    },

    async msgSecCheck(accessToken, { content, openid, scene }) {
      const answer = await request(
        {
          method: 'POST',
          path: '/wxa/msg_sec_check',
          query: { access_token: accessToken },
          body: { content, version: 2, scene, openid },
        },
        MsgSecCheckAnswer,
      )
      return { ...answer.result, ...(answer.trace_id ? { traceId: answer.trace_id } : {}) }
    },

    async sendSubscribeMessage(accessToken, { touser, templateId, page, data, miniprogramState }) {
      await request(
        {
          method: 'POST',
          path: '/cgi-bin/message/subscribe/send',
          query: { access_token: accessToken },
          body: {
            touser,
            template_id: templateId,
            ...(page ? { page } : {}),
            data,
            ...(miniprogramState ? { miniprogram_state: miniprogramState } : {}),
            lang: 'zh_CN',
          },
        },
        Done,
      )
    },

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
