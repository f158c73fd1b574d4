import { ConfigError, loadConfig } from './config'
import { createLogger } from './logger'
import { runServer } from './server'

/** The server alone (`npm run serve`), configured by the environment; SIGTERM/SIGINT drain it. */
async function main() {
  const config = loadConfig()
  const logger = createLogger(config.LOG_LEVEL)
  const server = await runServer(config, logger)
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing open requests')
    void server.close().then(() => process.exit(0))
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `server failed to start: ${err instanceof Error ? err.message : err}`)
  process.exit(err instanceof ConfigError ? 78 : 1)
})
