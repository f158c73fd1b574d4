import type { E2eGlobals } from './globalSetup'

export default async function globalTeardown() {
  const g = (globalThis as { __e2e?: E2eGlobals }).__e2e
  if (!g) return
  g.server.closeAllConnections()
  await new Promise((resolve) => g.server.close(resolve))
  await g.wechat.close()
  await g.db.connection.dropDatabase()
  await g.db.close()
  await g.mongo?.stop()
}
