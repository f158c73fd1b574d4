import http from 'node:http'
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { startEmbeddedMongo, type EmbeddedMongo } from '../../scripts/db'
import { createApp } from '../../server/src/app'
import { connectDatabase, type Database } from '../../server/src/db/connection'
import { createLogger } from '../../server/src/logger'
import { seedDemoData } from '../../server/src/seed/seed'
import { testDatabaseUri } from '../support/server'

export interface E2eGlobals {
  mongo?: EmbeddedMongo
  db: Database
  server: http.Server
}

/** The real server with demo data, serving the H5 build at / — what a person opens. */
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
  const db = await connectDatabase(testDatabaseUri('e2e'))
  await seedDemoData(db.models)
  const app = createApp({ config: { CORS_ORIGINS: [], BODY_LIMIT: '1mb', H5_DIST: h5 }, db, logger: createLogger('silent') })
  const server = http.createServer(app.callback())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  process.env.ZLBG_E2E_BASE = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  ;(globalThis as { __e2e?: E2eGlobals }).__e2e = { mongo, db, server }
}
