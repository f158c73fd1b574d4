import { randomBytes } from 'node:crypto'
import type { RequestListener } from 'node:http'
import Koa from 'koa'
import { bodyParser } from '@koa/bodyparser'
import cors from '@koa/cors'
import helmet from 'koa-helmet'
import serve from 'koa-static'
import { useChineseMessages, type OfficialAccountMode } from '@zlbg/shared'
import type { Config } from './config'
import type { Database } from './db/connection'
import { admission } from './http/admission'
import { allowedMethods, bindRoutes } from './http/bind'
import { hotPublicReads, leanPublicReads, precomputedSecurityHeaders, type HelmetOptions } from './http/leanPublicReads'
import { errorHandler, requestContext } from './http/middleware'
import { buildOpenApi } from './http/openapi'
import { FIXED_FOR_PROCESS, PublicReadCache } from './http/publicCache'
import { combinedStamp, publicStamp } from './db/publicVersion'
import type { Logger } from './logger'
import { createMetrics, metricsEndpoint, type Metrics } from './metrics'
import { resolveActor } from './auth/sessions'
import { auditHandlers } from './routes/audit'
import { authHandlers } from './routes/auth'
import { callHandlers } from './routes/calls'
import { messageHandlers } from './routes/messages'
import { organizationHandlers } from './routes/organizations'
import { outboxHandlers } from './routes/outbox'
import { userHandlers } from './routes/users'
import { applicationHandlers } from './routes/applications'
import { attachmentHandlers } from './routes/attachments'
import { officeCallHandlers } from './routes/officeCalls'
import { profileHandlers } from './routes/profiles'
import { verificationHandlers } from './routes/verifications'
import { qualificationHandlers } from './routes/qualification'
import { expertHandlers } from './routes/experts'
import { committeeHandlers } from './routes/committees'
import { reviewHandlers } from './routes/review'
import { similarityHandlers } from './routes/similarity'
import { scoringHandlers } from './routes/scoring'
import { rankingHandlers } from './routes/ranking'
import { deliberationsHandlers } from './routes/deliberations'
import { calendarHandlers } from './routes/calendar'
import { publicityHandlers } from './routes/publicity'
import { FILING_BURST_SHARE, FILING_CONCURRENCY, FILING_MAX_WAITING, FILING_PER_CALLER } from './commands/objections/objectionFiler'
import { REGISTRATION_CONCURRENCY, REGISTRATION_MAX_WAITING, REGISTRATION_PER_CALLER } from './commands/events/registrar'
import { PASSWORD_CHECKS, PASSWORD_CHECKS_PER_CALLER, PASSWORD_CHECKS_WAITING } from './auth/loginThrottle'
import { objectionHandlers } from './routes/objections'
import { approvalHandlers } from './routes/approval'
import { listedHandlers } from './routes/listed'
import { removalHandlers } from './routes/removals'
import { feedHandlers } from './routes/feed'
import { articleHandlers } from './routes/articles'
import { eventHandlers } from './routes/events'
import { checkinHandlers } from './routes/checkin'
import { ticketKey, ticketSigner } from './commands/events/checkInTickets'
import type { FileStorage } from './storage'
import type { WeChatClient } from './wechat/client'
import { createWeChatServices } from './wechat/services'
import { STANDIN_TEMPLATES, type TemplateSettings } from './wechat/templates'
import { systemHandlers } from './routes/system'
import { version } from '../package.json'

export interface AppDeps {
  config: Pick<Config, 'CORS_ORIGINS' | 'BODY_LIMIT' | 'H5_DIST' | 'SESSION_TTL_HOURS' | 'PUBLIC_BASE_URL'> & { TRUST_PROXY?: boolean; METRICS_TOKEN?: string; CHECKIN_TOKEN_SECRET?: string }
  db: Database
  logger: Logger
  wechat: WeChatClient
  /** Where uploaded files' bytes go (a local folder, or a cloud store behind the same interface). */
  storage: FileStorage
  /** The subscription-message templates (config.templates); the stand-in's when left out, as in tests. */
  templates?: TemplateSettings
  /** Whether `wechat` talks to the local stand-in; the H5 build then offers its simulated sign-in. */
  wechatMode?: 'real' | 'standin'
  /** This instance's Prometheus metrics (shared with its job runner); a fresh set when left out. */
  metrics?: Metrics
  /** Whether articles can be pushed to the official account's draft box (config.officialAccount.mode); off when left out. */
  officialAccountMode?: OfficialAccountMode
}

const routers = new WeakMap<Koa, ReturnType<typeof bindRoutes>>()

/** The routes an app serves, read from its router (for the policy matrix test). */
export function servedRoutes(app: Koa): { name: string; path: string; methods: string[] }[] {
  return routers.get(app)!.stack.map((layer) => ({ name: String(layer.name), path: String(layer.path), methods: layer.methods }))
}

/** Builds the Koa app; importing or calling this does not listen. */
export function createApp({
  config,
  db,
  logger,
  wechat,
  storage,
  templates = STANDIN_TEMPLATES,
  wechatMode = 'real',
  metrics = createMetrics(db, logger),
  officialAccountMode = 'off',
}: AppDeps): Koa & { listener: RequestListener; closeAdmissions(): void } {
  useChineseMessages()
  const app = new Koa({ proxy: config.TRUST_PROXY ?? false })
  // Errors are rendered by errorHandler; Koa's default would print every 4xx as well.
  app.silent = true
  // Request-path WeChat calls (content checks) share the database-cached access token with the jobs.
  const wechatServices = createWeChatServices({
    client: wechat,
    models: db.models,
    instanceId: `app:${randomBytes(4).toString('hex')}`,
    logger,
  })

  // Public reads from memory, fresh on every instance (http/publicCache.ts). A call's answer also shows
  // its templates' file details, which never change once a call names them.
  const calls = publicStamp(db.connection, 'calls')
  // Publicity lists and their feeds: the lists' own writes, and the call's title they show.
  const publicityLists = publicStamp(db.connection, 'publicity')
  const publicity = combinedStamp('publicity', [publicityLists, calls])
  // The official lists, listed organizations and removal announcements (第十九条、第二十一条): every
  // write to listings, listedexperiences, listedorganizations and a removal's public part runs in
  // publicChange(connection, 'listing', …).
  const listing = publicStamp(db.connection, 'listing')
  // Exchange events (第二十条): every write the public sees (an event, its seats left) runs in
  // publicChange(connection, 'events', …).
  const events = publicStamp(db.connection, 'events')
  const listedOrganization = combinedStamp('listedOrganization', [listing, events])
  // The one feed shows calls and their corrections, publicity lists, published lists and announcements.
  const feed = combinedStamp('feed', [calls, publicityLists, listing])
  const publicReads = {
    cache: new PublicReadCache(),
    routes: {
      openapi: FIXED_FOR_PROCESS,
      listCalls: calls,
      getCall: calls,
      listPublicity: publicity,
      getPublicity: publicity,
      publicityFeedJson: publicity,
      publicityFeedAtom: publicity,
      // 名单 (第十九条): experiences, years, listed organizations.
      listListed: listing,
      listListedYears: listing,
      getListed: listing,
      // Its page also shows the organization's event attendance (第二十条): the events stamp too.
      getListedOrganization: listedOrganization,
      listAnnouncements: listing,
      getAnnouncement: listing,
      feedJson: feed,
      feedAtom: feed,
      listEvents: events,
      getEvent: events,
    },
  }
  // Built on its first request (then cached for the process): converting every schema costs ~0.8 s of
  // CPU, which each server start paid before — 70-odd times in the API tests alone.
  let openapi: ReturnType<typeof buildOpenApi> | undefined

  // A burst waits its turn on this instance; objections leave the public reads most of it (issue 16).
  const lines = {
    fileObjection: admission(FILING_CONCURRENCY, { burstShare: FILING_BURST_SHARE, maxWaiting: FILING_MAX_WAITING, perCaller: FILING_PER_CALLER }),
    registerForEvent: admission(REGISTRATION_CONCURRENCY, { maxWaiting: REGISTRATION_MAX_WAITING, perCaller: REGISTRATION_PER_CALLER }),
    // Every route that checks a password shares one line (auth/loginThrottle.ts).
    passwordChecks: admission(PASSWORD_CHECKS, { maxWaiting: PASSWORD_CHECKS_WAITING, perCaller: PASSWORD_CHECKS_PER_CALLER }),
  }
  const admissions = {
    fileObjection: lines.fileObjection,
    registerForEvent: lines.registerForEvent,
    loginPassword: lines.passwordChecks,
    changePassword: lines.passwordChecks,
    bind: lines.passwordChecks,
  }
  metrics.admissionLines(lines)
  const router = bindRoutes(
    {
      ...systemHandlers(db),
      ...callHandlers(db.models),
      ...authHandlers(db.models, { wechat, wechatMode, sessions: { ttlHours: config.SESSION_TTL_HOURS } }),
      ...userHandlers(db.models),
      ...organizationHandlers(db.models, { contentSecurity: wechatServices.contentSecurity }),
      ...auditHandlers(db.models),
      ...messageHandlers(db.models, { templates }),
      ...outboxHandlers(db.models),
      ...attachmentHandlers(db.models, { storage }),
      ...officeCallHandlers(db.models, { storage, logger }),
      ...profileHandlers(db.models, { storage }),
      ...verificationHandlers(db.models, { logger }),
      ...applicationHandlers(db.models, { storage, logger }),
      ...qualificationHandlers(db.models, { logger }),
      ...expertHandlers(db.models),
      ...committeeHandlers(db.models, { logger }),
      ...reviewHandlers(db.models, { storage, logger }),
      ...similarityHandlers(db.models, { logger }),
      ...scoringHandlers(db.models, { logger }),
      ...rankingHandlers(db.models, { logger }),
      ...deliberationsHandlers(db.models, { logger, storage }),
      ...calendarHandlers(db.models, { logger }),
      ...publicityHandlers(db.models, { logger, publicBaseUrl: config.PUBLIC_BASE_URL }),
      ...feedHandlers(db.models, { publicBaseUrl: config.PUBLIC_BASE_URL }),
      ...articleHandlers(db.models, { publicBaseUrl: config.PUBLIC_BASE_URL, miniProgramAppId: wechat.appId, officialAccountMode }),
      ...objectionHandlers(db.models, { contentSecurity: wechatServices.contentSecurity, storage, logger }),
      ...approvalHandlers(db.models, { logger }),
      ...listedHandlers(db.models, { logger }),
      ...removalHandlers(db.models, { storage, logger }),
      ...eventHandlers(db.models, { contentSecurity: wechatServices.contentSecurity, storage, logger }),
      ...checkinHandlers(db.models, { tickets: ticketSigner(ticketKey(config.CHECKIN_TOKEN_SECRET)), logger }),
      async openapi() {
        openapi ??= buildOpenApi(version, new Set(Object.keys(publicReads.routes)))
        return openapi
      },
    },
    {
      parseBody: bodyParser({ enableTypes: ['json'], jsonLimit: config.BODY_LIMIT, encoding: 'utf-8' }),
      resolveActor: (ctx) => resolveActor(db.models, ctx),
      publicReads,
      admissions,
    },
  )

  const helmetOptions: HelmetOptions = {
    // The H5 build runs inline bootstrapping from Taro; the API itself serves JSON only.
    contentSecurityPolicy: false,
    crossOriginEmbedderPolicy: false,
  }
  // Cached public reads first, ahead of everything below (http/leanPublicReads.ts says what they still get).
  const securityHeaders = precomputedSecurityHeaders(helmetOptions)
  app.use(leanPublicReads({ router: router.publicReadRouter, logger, metrics, securityHeaders }))
  app.use(requestContext(logger))
  app.use(metrics.http())
  app.use(errorHandler())
  app.use(helmet(helmetOptions))
  const origins = new Set(config.CORS_ORIGINS)
  app.use(cors({ origin: (ctx) => (origins.has(ctx.get('Origin')) ? ctx.get('Origin') : ''), maxAge: 600 }))
  routers.set(app, router)
  // Beside the route table like /healthz would be, but Prometheus text, not a JSON contract.
  app.use(metricsEndpoint(metrics, config.METRICS_TOKEN ?? ''))
  // A cached read carrying Origin comes this way, so that CORS answers it.
  app.use(router.publicReadRouter.routes())
  app.use(router.routes())
  app.use(allowedMethods(router))
  if (config.H5_DIST) app.use(serve(config.H5_DIST, { index: 'index.html', maxAge: 0 }))
  // What the HTTP server listens with: hot public reads ahead of Koa, the rest through it.
  const listener = hotPublicReads({ cache: publicReads.cache, metrics, logger, securityHeaders, koa: app.callback() })
  return Object.assign(app, {
    listener,
    /** On shutdown: requests waiting their turn are refused at once instead of running after the database is closed. */
    closeAdmissions() {
      for (const line of Object.values(lines)) line.close()
    },
  })
}
