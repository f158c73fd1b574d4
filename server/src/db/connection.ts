import mongoose from 'mongoose'
import { createModels, type Models } from '../models'

export interface Database {
  connection: mongoose.Connection
  models: Models
  /** True when the server answers a ping (readiness). */
  ping(): Promise<boolean>
  close(): Promise<void>
}

/**
 * One connection per app instance (not mongoose's global one), so several apps — API tests, two
 * server instances — can share a process. The embedded engine needs a direct connection and no
 * retryable writes (docs/ARCHITECTURE.md, "The database"); both are harmless against a real MongoDB, but we only add them when
 * the URI says nothing.
 */
export async function connectDatabase(uri: string): Promise<Database> {
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 5_000,
    autoIndex: true,
  })
  await connection.asPromise()
  const models = createModels(connection)
  await Promise.all(Object.values(models).map((m) => m.init()))
  return {
    connection,
    models,
    async ping() {
      try {
        await connection.db!.command({ ping: 1 })
        return true
      } catch {
        return false
      }
    },
    close: () => connection.close(),
  }
}
