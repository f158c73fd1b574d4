import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Config } from './config'
import { connectDatabase, type Database } from './db/connection'
import { createApp } from './app'
import { createWeChatClient } from './wechat/client'
import type { Logger } from './logger'

export interface RunningServer {
  port: number
  db: Database
  /** Stops accepting, lets open requests finish (up to 10 s), then closes the database. */
  close(): Promise<void>
}

export class PortInUseError extends Error {}

/** Connects, builds the app and listens: used by `main.ts` and, in-process, by `npm start`. */
export async function runServer(config: Config, logger: Logger): Promise<RunningServer> {
  const db = await connectDatabase(config.MONGODB_URI)
  const wechat = createWeChatClient(config.wechat)
  const server = http.createServer(createApp({ config, db, logger, wechat }).callback())
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

  let closing: Promise<void> | undefined
  return {
    port,
    db,
    close() {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), 10_000).unref()
        server.close(async () => {
          clearTimeout(force)
          await db.close()
          resolve()
        })
        server.closeIdleConnections()
      })
      return closing
    },
  }
}
