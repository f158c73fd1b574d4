import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHash, randomBytes } from 'node:crypto'
import Koa, { type Context, type Next } from 'koa'
import Router from '@koa/router'

/**
 * A local WeChat for development and tests (no WeChat server is reachable here). It speaks the real
 * HTTP API at the same paths and is honest about it: it checks the appid and secret, accepts each
 * login code once and answers failures the way WeChat does (HTTP 200 with errcode/errmsg), so the
 * client is exercised exactly as against the real service. Everything lives in memory and ends
 * with close(). access_token, msgSecCheck and subscribeMessage.send are added as further routes.
 */

/** WeChat's answers for the failures tests most often inject. */
export const WECHAT_FAILURES = {
  system_busy: { errcode: -1, errmsg: 'system error' },
  rate_limited: { errcode: 45011, errmsg: 'api minute-quota reach limit mustslower retry next minute' },
} as const

export type StandInFailure =
  /** Answered like WeChat: HTTP 200 with this errcode and errmsg. */
  | { errcode: number; errmsg: string }
  /** An HTTP status other than 200 with no WeChat body, as a gateway in between would answer. */
  | { status: number }
  /** Never answered: held until the client gives up or the stand-in closes. */
  | 'timeout'

export interface FailureOptions {
  /** Only requests to this path (e.g. '/sns/jscode2session'); all paths when left out. */
  path?: string
}

export interface StandInRequest {
  method: string
  path: string
  /** As received, except that secrets read '***'. */
  query: Record<string, string>
  /** The HTTP status answered, or 'held' for an injected timeout. */
  status: number | 'held'
  /** WeChat's errcode in the answer: 0 on success, absent when there was no WeChat body. */
  errcode?: number
  /** Set when the answer was an injected failure rather than the stand-in's own. */
  injected?: StandInFailure
}

export interface WeChatStandIn {
  /** e.g. http://127.0.0.1:3100; give it to the client (or WECHAT_API_BASE). */
  baseUrl: string
  port: number
  /** The next matching request fails this way, once. Queued: call it twice to fail the next two. */
  failNext(failure: StandInFailure, options?: FailureOptions): void
  /**
   * Every matching request fails this way until cleared with setFailure(null), which also drops
   * anything queued by failNext. One-shot failures are used up first. An injected failure does not
   * touch the stand-in's state: a login code sent with it is not spent and works on retry.
   */
  setFailure(failure: StandInFailure | null, options?: FailureOptions): void
  /** What was called, oldest first (a copy). */
  requests(): StandInRequest[]
  close(): Promise<void>
}

export interface StandInOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  appId: string
  secret: string
}

/** WeChat's login codes are opaque; ours also allow '.', so `alice.1`, `alice.2` are the same person. */
const CODE = /^[A-Za-z0-9._-]{6,64}$/
const SECRET_PARAMS = new Set(['secret'])

/**
 * The same code user part always gives the same openid for the same app (as WeChat's openid is per
 * user per app): 28 characters starting with 'o', like real ones.
 */
export function standInOpenId(appId: string, code: string): string {
  const dot = code.indexOf('.')
  const userPart = dot >= 0 ? code.slice(0, dot) : code
  return `o${createHash('sha256').update(`${appId}:${userPart}`).digest('base64url')}`.slice(0, 28)
}

type Answer = { errcode: number; errmsg: string } | Record<string, unknown>

const answer = (ctx: Context, body: Answer) => {
  ctx.status = 200
  ctx.body = body
}

export async function startWeChatStandIn({ port = 0, appId, secret }: StandInOptions): Promise<WeChatStandIn> {
  const log: StandInRequest[] = []
  const queued: Array<{ failure: StandInFailure; path?: string }> = []
  let sticky: { failure: StandInFailure; path?: string } | null = null
  const held = new Set<() => void>()
  const usedCodes = new Set<string>()

  const param = (ctx: Context, name: string): string | undefined => {
    const v = ctx.query[name]
    return typeof v === 'string' ? v : undefined
  }

  /** WeChat checks the app before anything else; shared by every endpoint that takes appid+secret. */
  const credentialsError = (ctx: Context) => {
    if (param(ctx, 'appid') !== appId) return { errcode: 40013, errmsg: 'invalid appid' }
    if (param(ctx, 'secret') !== secret) return { errcode: 40125, errmsg: 'invalid appsecret' }
    return undefined
  }

  const router = new Router()
  router.get('/sns/jscode2session', (ctx) => {
    const denied = credentialsError(ctx)
    if (denied) return answer(ctx, denied)
    if (param(ctx, 'grant_type') !== 'authorization_code') return answer(ctx, { errcode: 40002, errmsg: 'invalid grant_type' })
    const code = param(ctx, 'js_code')
    if (!code) return answer(ctx, { errcode: 41008, errmsg: 'missing code' })
    if (!CODE.test(code)) return answer(ctx, { errcode: 40029, errmsg: 'invalid code' })
    if (usedCodes.has(code)) return answer(ctx, { errcode: 40163, errmsg: 'code been used' })
    usedCodes.add(code)
    answer(ctx, { openid: standInOpenId(appId, code), session_key: randomBytes(16).toString('base64') })
  })

  const entries = new WeakMap<Context, StandInRequest>()

  const recordRequest = async (ctx: Context, next: Next) => {
    const query: Record<string, string> = {}
    for (const [k, v] of Object.entries(ctx.query)) {
      const value = Array.isArray(v) ? v.join(',') : (v ?? '')
      query[k] = SECRET_PARAMS.has(k) ? '***' : value
    }
    const entry: StandInRequest = { method: ctx.method, path: ctx.path, query, status: 'held' }
    log.push(entry)
    entries.set(ctx, entry)
    await next()
    if (entry.injected === 'timeout') return
    entry.status = ctx.status
    const errcode = (ctx.body as { errcode?: unknown } | undefined)?.errcode
    if (typeof errcode === 'number') entry.errcode = errcode
    else if (ctx.status === 200) entry.errcode = 0
  }

  const injectFailure = async (ctx: Context, next: Next) => {
    const matches = (f: { path?: string }) => f.path === undefined || f.path === ctx.path
    const i = queued.findIndex(matches)
    const chosen = i >= 0 ? queued.splice(i, 1)[0] : sticky && matches(sticky) ? sticky : undefined
    if (!chosen) return next()
    const { failure } = chosen
    entries.get(ctx)!.injected = failure
    if (failure === 'timeout') {
      // Released when the client hangs up (its timeout) or by close(), so nothing waits forever;
      // by then nobody is listening, so Koa writes nothing.
      await new Promise<void>((resolve) => {
        const release = () => {
          held.delete(release)
          resolve()
        }
        held.add(release)
        ctx.res.once('close', release)
      })
      ctx.respond = false
      return
    }
    if ('status' in failure) {
      ctx.status = failure.status
      ctx.body = ''
      return
    }
    answer(ctx, { errcode: failure.errcode, errmsg: failure.errmsg })
  }

  const app = new Koa()
  app.silent = true
  app.use(recordRequest)
  app.use(injectFailure)
  app.use(router.routes())
  app.use(router.allowedMethods())

  const server = http.createServer(app.callback())
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const bound = (server.address() as AddressInfo).port

  let closing: Promise<void> | undefined
  return {
    baseUrl: `http://127.0.0.1:${bound}`,
    port: bound,
    failNext(failure, options = {}) {
      queued.push({ failure, path: options.path })
    },
    setFailure(failure, options = {}) {
      if (failure === null) {
        sticky = null
        queued.length = 0
      } else {
        sticky = { failure, path: options.path }
      }
    },
    requests: () => log.map((r) => ({ ...r, query: { ...r.query } })),
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const release of held) release()
        held.clear()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    },
  }
}
