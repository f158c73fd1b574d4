import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import type { OfficialAccountMode } from '@zlbg/shared'
import { databaseIn } from '../../scripts/db'
import { createApp } from '../../server/src/app'
import { localFolderStorage, type FileStorage } from '../../server/src/storage'
import { connectDatabase, type Database } from '../../server/src/db/connection'
import { createLogger, type Logger } from '../../server/src/logger'
import { createWeChatClient } from '../../server/src/wechat/client'
import { STANDIN_APP_ID, STANDIN_SECRET } from '../../server/src/wechat/config'
import { startWeChatStandIn, type WeChatStandIn } from '../../server/src/wechat/standin'

/** Uploaded files of one test server, in a temporary folder of their own. */
export function testStorage(label: string): FileStorage {
  return localFolderStorage(path.join(os.tmpdir(), 'zlbg-test-files', `${label.replace(/\W+/g, '_')}-${randomBytes(4).toString('hex')}`))
}

/** A database URI of its own for one test file: on MONGODB_URI's server, or the run's embedded engine. */
export function testDatabaseUri(label: string): string {
  const name = `zlbg_test_${label.replace(/\W+/g, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`
  if (process.env.MONGODB_URI) return databaseIn(process.env.MONGODB_URI, name)
  const port = process.env.ZLBG_TEST_MONGO_PORT
  if (!port) throw new Error('no test database: run through `npm test` (jest globalSetup starts one)')
  return `mongodb://127.0.0.1:${port}/${name}?directConnection=true&retryWrites=false`
}

export interface TestServer {
  base: string
  /** The database this server uses; give it to another startTestServer to run a second instance on it. */
  databaseUri: string
  db: Database
  /** Where this server keeps uploaded files. */
  storage: FileStorage
  /** The local WeChat stand-in this server signs people in against. */
  wechat: WeChatStandIn
  close(): Promise<void>
}

/**
 * A real server (Koa on a real socket) on a fresh database, with its own WeChat stand-in. With
 * `databaseUri` (another test server's), it is a second instance on that same database, as behind a
 * load balancer; the database then stays for its owner to drop.
 */
export async function startTestServer(
  label: string,
  options: { sessionTtlHours?: number; databaseUri?: string; h5Dist?: string; logger?: Logger; metricsToken?: string; officialAccountMode?: OfficialAccountMode } = {},
): Promise<TestServer> {
  const databaseUri = options.databaseUri ?? testDatabaseUri(label)
  const ownsDatabase = options.databaseUri === undefined
  const db = await connectDatabase(databaseUri)
  const wechat = await startWeChatStandIn({ appId: STANDIN_APP_ID, secret: STANDIN_SECRET })
  const storage = testStorage(label)
  // Listening first: the app's absolute links (feeds, articles) name the server's own address, as npm start's do.
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const base = `http://127.0.0.1:${port}`
  const app = createApp({
    config: {
      CORS_ORIGINS: ['http://localhost:10086'],
      BODY_LIMIT: '1mb',
      H5_DIST: options.h5Dist ?? '',
      SESSION_TTL_HOURS: options.sessionTtlHours ?? 24,
      PUBLIC_BASE_URL: base,
      ...(options.metricsToken ? { METRICS_TOKEN: options.metricsToken } : {}),
    },
    db,
    logger: options.logger ?? createLogger('silent'),
    storage,
    wechatMode: 'standin',
    officialAccountMode: options.officialAccountMode ?? 'standin',
    wechat: createWeChatClient({ baseUrl: wechat.baseUrl, appId: STANDIN_APP_ID, secret: STANDIN_SECRET, timeoutMs: 2000 }),
  })
  server.on('request', app.listener)
  return {
    base,
    databaseUri,
    db,
    storage,
    wechat,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await wechat.close()
      if (ownsDatabase && db.connection.readyState === 1) await db.connection.dropDatabase()
      await db.close()
    },
  }
}
