import http from 'node:http'
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { startEmbeddedMongo, type EmbeddedMongo } from '../../scripts/db'
import { createApp } from '../../server/src/app'
import { hashPassword } from '../../server/src/auth/passwords'
import { connectDatabase, type Database } from '../../server/src/db/connection'
import { createLogger } from '../../server/src/logger'
import { loginKey } from '../../server/src/models/user'
import { seedDemoData } from '../../server/src/seed/seed'
import { createWeChatClient } from '../../server/src/wechat/client'
import { STANDIN_APP_ID, STANDIN_SECRET } from '../../server/src/wechat/config'
import { startWeChatStandIn, type WeChatStandIn } from '../../server/src/wechat/standin'
import { testDatabaseUri, testStorage } from '../support/server'

export interface E2eGlobals {
  mongo?: EmbeddedMongo
  db: Database
  server: http.Server
  wechat: WeChatStandIn
}

const ADMIN = { login: 'e2e-admin', password: 'E2eAdmin2026' }

/** The real server with demo data and an office administrator, serving the H5 build at /. */
export default async function globalSetup() {
  const h5 = path.resolve(__dirname, '../../miniapp/dist/h5')
  if (!existsSync(path.join(h5, 'index.html'))) {
    throw new Error('miniapp/dist/h5 is missing: build it first (npm run build:h5), or run everything with npm test')
  }
  let mongo: EmbeddedMongo | undefined
  if (!process.env.MONGODB_URI) {
    mongo = await startEmbeddedMongo({ backend: 'memory' })
    process.env.ZLBG_TEST_MONGO_PORT = String(mongo.port)
  }
  const uri = testDatabaseUri('e2e')
  // Tests that need data no screen can create yet (e.g. outbox records) write it here directly.
  process.env.ZLBG_E2E_DATABASE_URI = uri
  const db = await connectDatabase(uri)
  const seededAt = new Date()
  await seedDemoData(db.models, { now: seededAt })
  // Tests recompute the demo calls from this clock (test/support/demo.ts).
  process.env.ZLBG_E2E_SEEDED_AT = seededAt.toISOString()
  await db.models.User.create({
    logins: [loginKey.username(ADMIN.login)],
    username: ADMIN.login,
    displayName: '办公室管理员',
    passwordHash: await hashPassword(ADMIN.password),
    roles: ['office', 'admin'],
  })
  const wechat = await startWeChatStandIn({ appId: STANDIN_APP_ID, secret: STANDIN_SECRET })
  // Listening first: the app's absolute links (feeds, articles) name the server's own address.
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const app = createApp({
    config: { CORS_ORIGINS: [], BODY_LIMIT: '1mb', H5_DIST: h5, SESSION_TTL_HOURS: 24, PUBLIC_BASE_URL: base },
    db,
    logger: createLogger('silent'),
    storage: testStorage('e2e'),
    wechatMode: 'standin',
    officialAccountMode: 'standin',
    wechat: createWeChatClient({ baseUrl: wechat.baseUrl, appId: STANDIN_APP_ID, secret: STANDIN_SECRET, timeoutMs: 2000 }),
  })
  server.on('request', app.listener)
  process.env.ZLBG_E2E_BASE = base
  // The stand-in the server talks to, which also plays the official account: walks deliver pushes against it.
  process.env.ZLBG_E2E_WECHAT_BASE = wechat.baseUrl
  process.env.ZLBG_E2E_ADMIN_LOGIN = ADMIN.login
  process.env.ZLBG_E2E_ADMIN_PASSWORD = ADMIN.password
  ;(globalThis as { __e2e?: E2eGlobals }).__e2e = { mongo, db, server, wechat }
}
