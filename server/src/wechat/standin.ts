import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHash, randomBytes } from 'node:crypto'
import Koa, { type Context, type Next } from 'koa'
import { bodyParser } from '@koa/bodyparser'
import Router from '@koa/router'

/**
 * A local WeChat for development and tests (no WeChat server is reachable here). It speaks the real
 * HTTP API at the same paths and is honest about it: it checks the appid and secret, accepts each
 * login code once and answers failures the way WeChat does (HTTP 200 with errcode/errmsg), so the
 * client is exercised exactly as against the real service. Everything lives in memory and ends
 * with close().
 *
 * Besides login it issues access tokens (with a short lifetime when asked, rejecting unknown and
 * expired ones with 40001/42001), checks text with msgSecCheck v2 against lists of words that come
 * back `risky` or `review`, and records every subscription message it is sent (sentMessages()).
 * As the official account (公众号) it keeps permanent image material (material/add_material) and a
 * draft box (draft/add, draft/batchget): drafts() is what an office would find there.
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
  /**
   * Done, but the answer never arrives (held like 'timeout' after the work): what a client sees when
   * WeChat created a draft and the connection dropped before its media_id came back.
   */
  | 'lostAnswer'

export interface FailureOptions {
  /** Only requests to this path (e.g. '/sns/jscode2session'); all paths when left out. */
  path?: string
}

export interface StandInRequest {
  method: string
  path: string
  /** As received, except that secrets and access tokens read '***'. */
  query: Record<string, string>
  /** The JSON body of a POST, as received. */
  body?: unknown
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
  /** How many access tokens it has issued. */
  tokensIssued(): number
  /** Every token issued so far stops working at once (42001), as after WeChat resets the app's tokens. */
  expireTokens(): void
  /** Replaces the words that make msgSecCheck answer `risky` (and, if given, `review`). */
  setContentRules(rules: { risky: readonly string[]; review?: readonly string[] }): void
  /**
   * The user accepted `templateId` `count` times (what the WeChat client would tell WeChat). Only
   * counted with `requireSubscription`; otherwise every send is taken as subscribed.
   */
  grantSubscription(openid: string, templateId: string, count?: number): void
  /** Makes sends without a granted subscription fail with 43101 (true) or succeed (false). */
  setRequireSubscription(required: boolean): void
  /** The subscription messages it accepted, oldest first (a copy). */
  sentMessages(): SentSubscribeMessage[]
  /** The official account's draft box, oldest first (a copy). */
  drafts(): StandInDraft[]
  /** Permanent material uploaded (images), oldest first. */
  materials(): { mediaId: string; filename: string; contentType: string; size: number }[]
  close(): Promise<void>
}

export interface StandInDraft {
  mediaId: string
  articles: { title: string; author?: string; digest?: string; content: string; contentSourceUrl?: string; thumbMediaId: string }[]
  at: Date
}

export interface SentSubscribeMessage {
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
  miniprogramState?: string
  /** The stand-in's clock when it was accepted. */
  at: Date
}

export interface StandInOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  appId: string
  secret: string
  /** Seconds an access token lives; WeChat's is 7200. Tests make it short. */
  tokenLifetimeSeconds?: number
  /** Its clock in ms (token expiry, message times); tests move it instead of waiting. */
  now?: () => number
  /** Words that make msgSecCheck answer `risky`; STANDIN_RISKY_WORDS by default. */
  riskyWords?: readonly string[]
  /** Words that make msgSecCheck answer `review` (WeChat is unsure; a person should look). */
  reviewWords?: readonly string[]
  /**
   * Whether a send needs a subscription granted with grantSubscription(). The stand-in cannot see the
   * user's answer to the mini-program's prompt, so by default (false) it treats every send as
   * subscribed; tests that exercise 43101 turn this on.
   */
  requireSubscription?: boolean
}

/** A few words `npm start`'s stand-in refuses, to try the refusal by hand (README, "WeChat"). */
export const STANDIN_RISKY_WORDS = ['违禁测试词', '代开发票', '刷单返现'] as const
export const STANDIN_REVIEW_WORDS = ['待人工审核测试词'] as const
/** WeChat keeps a replaced token working for five more minutes. */
const TOKEN_GRACE_MS = 5 * 60_000
const OPENID = /^o[A-Za-z0-9_-]{27}$/
const MAX_CHECK_LENGTH = 2500

/** WeChat's login codes are opaque; ours also allow '.', so `alice.1`, `alice.2` are the same person. */
const CODE = /^[A-Za-z0-9._-]{6,64}$/
const SECRET_PARAMS = new Set(['secret', 'access_token'])

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

export async function startWeChatStandIn({
  port = 0,
  appId,
  secret,
  tokenLifetimeSeconds = 7200,
  now = Date.now,
  riskyWords = STANDIN_RISKY_WORDS,
  reviewWords = STANDIN_REVIEW_WORDS,
  requireSubscription = false,
}: StandInOptions): Promise<WeChatStandIn> {
  const log: StandInRequest[] = []
  const queued: Array<{ failure: StandInFailure; path?: string }> = []
  let sticky: { failure: StandInFailure; path?: string } | null = null
  const held = new Set<() => void>()
  const usedCodes = new Set<string>()
  /** Issued access tokens and when each stops working (ms on the stand-in's clock). */
  const tokens = new Map<string, number>()
  let issued = 0
  let rules = { risky: [...riskyWords], review: [...reviewWords] }
  let subscriptionRequired = requireSubscription
  const grants = new Map<string, number>()
  const grantKey = (openid: string, templateId: string) => `${openid}\n${templateId}`
  const sent: SentSubscribeMessage[] = []
  let msgid = 1_000_000
  const materials: { mediaId: string; filename: string; contentType: string; size: number }[] = []
  const draftBox: StandInDraft[] = []

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

  router.get('/cgi-bin/token', (ctx) => {
    if (param(ctx, 'grant_type') !== 'client_credential') return answer(ctx, { errcode: 40002, errmsg: 'invalid grant_type' })
    const denied = credentialsError(ctx)
    if (denied) return answer(ctx, denied)
    const at = now()
    // A new token retires the ones before it, after a grace period.
    for (const [old, until] of tokens) tokens.set(old, Math.min(until, at + TOKEN_GRACE_MS))
    const token = randomBytes(48).toString('base64url')
    tokens.set(token, at + tokenLifetimeSeconds * 1000)
    issued++
    answer(ctx, { access_token: token, expires_in: tokenLifetimeSeconds })
  })

  /** What WeChat answers for a missing, unknown or expired access_token; undefined when it is good. */
  const tokenError = (ctx: Context) => {
    const token = param(ctx, 'access_token')
    if (!token) return { errcode: 41001, errmsg: 'access_token missing' }
    const until = tokens.get(token)
    if (until === undefined) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' }
    if (until <= now()) return { errcode: 42001, errmsg: 'access_token expired' }
    return undefined
  }
  const argumentInvalid = (what: string) => ({ errcode: 47003, errmsg: `argument invalid! ${what}` })
  const bodyOf = (ctx: Context) => ((ctx.request as { body?: unknown }).body ?? {}) as Record<string, unknown>

  router.post('/wxa/msg_sec_check', (ctx) => {
    const denied = tokenError(ctx)
    if (denied) return answer(ctx, denied)
    const { content, version, scene, openid } = bodyOf(ctx)
    if (version !== 2) return answer(ctx, argumentInvalid('version'))
    if (typeof content !== 'string' || !content || content.length > MAX_CHECK_LENGTH) return answer(ctx, argumentInvalid('content'))
    if (scene !== 1 && scene !== 2 && scene !== 3 && scene !== 4) return answer(ctx, argumentInvalid('scene'))
    if (typeof openid !== 'string' || !OPENID.test(openid)) return answer(ctx, { errcode: 40003, errmsg: 'invalid openid' })
    const risky = rules.risky.find((w) => content.includes(w))
    const review = risky ? undefined : rules.review.find((w) => content.includes(w))
    const suggest = risky ? 'risky' : review ? 'review' : 'pass'
    const label = suggest === 'pass' ? 100 : 21000
    answer(ctx, {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [{ strategy: 'keyword', errcode: 0, suggest, label, ...(risky || review ? { keyword: risky ?? review, level: 90 } : {}) }],
      trace_id: randomBytes(8).toString('hex'),
    })
  })

  router.post('/cgi-bin/message/subscribe/send', (ctx) => {
    const denied = tokenError(ctx)
    if (denied) return answer(ctx, denied)
    const { touser, template_id: templateId, page, data, miniprogram_state: miniprogramState } = bodyOf(ctx)
    if (typeof touser !== 'string' || !OPENID.test(touser)) return answer(ctx, { errcode: 40003, errmsg: 'invalid openid' })
    if (typeof templateId !== 'string' || !templateId) return answer(ctx, { errcode: 40037, errmsg: 'invalid template_id' })
    if (page !== undefined && typeof page !== 'string') return answer(ctx, { errcode: 41030, errmsg: 'invalid page' })
    const entries = data && typeof data === 'object' ? Object.entries(data as Record<string, unknown>) : []
    const valid = entries.length > 0 && entries.every(([, v]) => typeof (v as { value?: unknown })?.value === 'string' && (v as { value: string }).value !== '')
    if (!valid) return answer(ctx, argumentInvalid('data'))
    if (subscriptionRequired) {
      const left = grants.get(grantKey(touser, templateId)) ?? 0
      if (left <= 0) return answer(ctx, { errcode: 43101, errmsg: 'user refuse to accept the msg' })
      grants.set(grantKey(touser, templateId), left - 1)
    }
    sent.push({
      touser,
      templateId,
      ...(typeof page === 'string' ? { page } : {}),
      data: data as Record<string, { value: string }>,
      ...(typeof miniprogramState === 'string' ? { miniprogramState } : {}),
      at: new Date(now()),
    })
    answer(ctx, { errcode: 0, errmsg: 'ok', msgid: msgid++ })
  })

  // ---- The official account: permanent material and the draft box.

  router.post('/cgi-bin/material/add_material', async (ctx) => {
    const denied = tokenError(ctx)
    if (denied) return answer(ctx, denied)
    const type = param(ctx, 'type')
    if (!type || !['image', 'voice', 'video', 'thumb'].includes(type)) return answer(ctx, { errcode: 40004, errmsg: 'invalid media type' })
    let file: File | null = null
    try {
      const chunks: Buffer[] = []
      for await (const chunk of ctx.req) chunks.push(chunk as Buffer)
      const form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': ctx.get('content-type') } }).formData()
      const media = form.get('media')
      file = media instanceof File ? media : null
    } catch {
      file = null
    }
    if (!file || file.size === 0) return answer(ctx, { errcode: 41005, errmsg: 'media data missing' })
    if (type === 'image' && (file.size > 10 * 1024 * 1024 || !/^image\/(png|jpeg|gif|bmp)$/.test(file.type))) {
      return answer(ctx, { errcode: 40005, errmsg: 'invalid file type' })
    }
    const mediaId = `standin-material-${randomBytes(12).toString('hex')}`
    materials.push({ mediaId, filename: file.name, contentType: file.type, size: file.size })
    answer(ctx, { media_id: mediaId, url: `http://mmbiz.standin.invalid/${mediaId}` })
  })

  router.post('/cgi-bin/draft/add', (ctx) => {
    const denied = tokenError(ctx)
    if (denied) return answer(ctx, denied)
    const { articles } = bodyOf(ctx)
    if (!Array.isArray(articles) || articles.length < 1 || articles.length > 8) return answer(ctx, { errcode: 44003, errmsg: 'empty news data' })
    const kept: StandInDraft['articles'] = []
    for (const a of articles as Record<string, unknown>[]) {
      const text = (k: string) => (typeof a?.[k] === 'string' ? (a[k] as string) : undefined)
      const [title, author, digest, content, url, thumb] = ['title', 'author', 'digest', 'content', 'content_source_url', 'thumb_media_id'].map(text)
      if (!title || [...title].length > 32) return answer(ctx, { errcode: 45003, errmsg: 'title size out of limit' })
      if (author && [...author].length > 16) return answer(ctx, { errcode: 45110, errmsg: 'author size out of limit' })
      if (digest && [...digest].length > 128) return answer(ctx, { errcode: 45004, errmsg: 'description size out of limit' })
      if (!content || content.length >= 20_000) return answer(ctx, { errcode: 45166, errmsg: 'invalid content' })
      if (url && Buffer.byteLength(url) > 1024) return answer(ctx, argumentInvalid('content_source_url'))
      if ((a.article_type ?? 'news') === 'news' && (!thumb || !materials.some((m) => m.mediaId === thumb))) {
        return answer(ctx, { errcode: 40007, errmsg: 'invalid media_id' })
      }
      kept.push({ title, ...(author ? { author } : {}), ...(digest ? { digest } : {}), content, ...(url ? { contentSourceUrl: url } : {}), thumbMediaId: thumb! })
    }
    const mediaId = `standin-draft-${randomBytes(12).toString('hex')}`
    draftBox.push({ mediaId, articles: kept, at: new Date(now()) })
    answer(ctx, { media_id: mediaId })
  })

  router.post('/cgi-bin/draft/batchget', (ctx) => {
    const denied = tokenError(ctx)
    if (denied) return answer(ctx, denied)
    const { offset, count, no_content: noContent } = bodyOf(ctx)
    if (typeof offset !== 'number' || offset < 0 || typeof count !== 'number' || count < 1 || count > 20) return answer(ctx, argumentInvalid('offset/count'))
    // Newest first, as the platform lists its draft box.
    const page = [...draftBox].reverse().slice(offset, offset + count)
    answer(ctx, {
      total_count: draftBox.length,
      item_count: page.length,
      item: page.map((d) => ({
        media_id: d.mediaId,
        update_time: Math.floor(d.at.getTime() / 1000),
        content: {
          news_item: d.articles.map((a) => ({
            title: a.title,
            author: a.author ?? '',
            digest: a.digest ?? '',
            ...(noContent === 1 ? {} : { content: a.content }),
            content_source_url: a.contentSourceUrl ?? '',
            thumb_media_id: a.thumbMediaId,
          })),
        },
      })),
    })
  })

  const entries = new WeakMap<Context, StandInRequest>()

  const recordRequest = async (ctx: Context, next: Next) => {
    const query: Record<string, string> = {}
    for (const [k, v] of Object.entries(ctx.query)) {
      const value = Array.isArray(v) ? v.join(',') : (v ?? '')
      query[k] = SECRET_PARAMS.has(k) ? '***' : value
    }
    const entry: StandInRequest = { method: ctx.method, path: ctx.path, query, status: 'held' }
    const body = (ctx.request as { body?: unknown }).body
    if (ctx.method === 'POST' && body !== undefined) entry.body = body
    log.push(entry)
    entries.set(ctx, entry)
    await next()
    if (entry.injected === 'timeout' || entry.injected === 'lostAnswer') return
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
    if (failure === 'lostAnswer') await next()
    if (failure === 'timeout' || failure === 'lostAnswer') {
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
  app.use(bodyParser({ enableTypes: ['json'], encoding: 'utf-8' }))
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
    tokensIssued: () => issued,
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, -Infinity)
    },
    setContentRules(next) {
      rules = { risky: [...next.risky], review: [...(next.review ?? rules.review)] }
    },
    grantSubscription(openid, templateId, count = 1) {
      grants.set(grantKey(openid, templateId), (grants.get(grantKey(openid, templateId)) ?? 0) + count)
    },
    setRequireSubscription(required) {
      subscriptionRequired = required
    },
    sentMessages: () => sent.map((m) => ({ ...m, data: structuredClone(m.data) })),
    drafts: () => draftBox.map((d) => ({ ...d, articles: d.articles.map((a) => ({ ...a })) })),
    materials: () => materials.map((m) => ({ ...m })),
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
