import http from 'node:http'
import { ConfigError, loadConfig } from './config'
import { connectDatabase } from './db/connection'
import { createApp } from './app'
import { createLogger } from './logger'

async function main() {
  let config
  try {
    config = loadConfig()
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message)
      process.exit(78)
    }
    throw e
  }
  const logger = createLogger(config.LOG_LEVEL)
  const db = await connectDatabase(config.MONGODB_URI)
  const server = http.createServer(createApp({ config, db, logger }).callback())
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : config.PORT
    logger.info({ port, host: config.HOST }, 'server listening')
    // The start script waits for this line to learn the port when PORT=0.
    process.send?.({ type: 'listening', port })
  })

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down: finishing open requests')
    const force = setTimeout(() => process.exit(1), 10_000).unref()
    server.close(async () => {
      await db.close()
      clearTimeout(force)
      process.exit(0)
    })
    server.closeIdleConnections()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main().catch((err) => {
  console.error('server failed to start:', err instanceof Error ? err.message : err)
  process.exit(1)
})
