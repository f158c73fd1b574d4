import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { hostname } from 'node:os'
import path from 'node:path'
import type { Config } from './config'
import { connectDatabase, type Database } from './db/connection'
import { createApp } from './app'
import { localFolderStorage } from './storage'
import { serverJobs } from './jobs'
import { createJobRunner, type JobRunner } from './jobs/runner'
import { DEFAULT_RETRY } from './outbox/backoff'
import { createWeChatClient } from './wechat/client'
import { createWeChatServices } from './wechat/services'
import { createOfficialAccountServices } from './wechat/officialAccount'
import type { Logger } from './logger'
import { createMetrics } from './metrics'
import { migrate } from './migrations'

export interface RunningServer {
  port: number
  db: Database
  /** The scheduled jobs of this instance; absent with JOBS_ENABLED=false. */
  jobs?: JobRunner
  /** Stops the jobs and accepting, refuses requests waiting at an admission gate, lets open requests and running jobs finish (up to 10 s), then closes the database. */
  close(): Promise<void>
}

export class PortInUseError extends Error {}

/** Connects, builds the app and listens: used by `main.ts` and, in-process, by `npm start`. */
export async function runServer(config: Config, logger: Logger): Promise<RunningServer> {
  const db = await connectDatabase(config.MONGODB_URI)
  const wechat = createWeChatClient(config.wechat)
  // Names this process as a lease holder: unique even for two processes with one hostname and pid.
  const instanceId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  // Before serving: one instance migrates under the lease, the others wait for it.
  try {
    await migrate({ db, instanceId, logger })
  } catch (err) {
    await db.close()
    throw err
  }
  const storage = localFolderStorage(path.resolve(config.FILES_DIR))
  const metrics = createMetrics(db, logger)
  const jobs = config.JOBS_ENABLED
    ? createJobRunner({
        models: db.models,
        instanceId,
        logger,
        onRun: metrics.jobRun,
        jobs: serverJobs({
          wechat: createWeChatServices({ client: wechat, models: db.models, instanceId, logger }),
          templates: config.templates,
          storage,
          retry: { ...DEFAULT_RETRY, maxAttempts: config.OUTBOX_MAX_ATTEMPTS },
          logger,
          ...(config.officialAccount.mode === 'off'
            ? {}
            : { officialAccount: createOfficialAccountServices({ options: config.officialAccount, models: db.models, instanceId }) }),
        }),
      })
    : undefined
  const app = createApp({
    config,
    db,
    logger,
    wechat,
    storage,
    metrics,
    templates: config.templates,
    wechatMode: config.wechat.mode,
    officialAccountMode: config.officialAccount.mode,
  })
  const server = http.createServer(app.listener)
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(config.PORT, config.HOST, resolve)
    })
  } catch (err) {
    await db.close()
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PortInUseError(`端口 ${config.PORT} 已被占用：请关闭占用它的程序，或设置 PORT 使用其他端口`)
    }
    throw err
  }
  const { port } = server.address() as AddressInfo
  logger.info({ port, host: config.HOST }, 'server listening')
  jobs?.start()

  let closing: Promise<void> | undefined
  return {
    port,
    db,
    ...(jobs ? { jobs } : {}),
    close() {
      closing ??= new Promise<void>((resolve) => {
        // Filings and registrations waiting their turn are told to try again now, not failed after the database closes.
        app.closeAdmissions()
        const jobsStopped = jobs?.stop()
        const force = setTimeout(() => server.closeAllConnections(), 10_000).unref()
        server.close(async () => {
          clearTimeout(force)
          // Running jobs let go of their leases before the database goes.
          await jobsStopped
          await db.close()
          resolve()
        })
        server.closeIdleConnections()
      })
      return closing
    },
  }
}
