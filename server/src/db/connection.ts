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
    // Failed commands feed the database-error metric (server/src/metrics.ts).
    monitorCommands: true,
    ...durableWrites(uri),
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

/**
 * A write is acknowledged only once a majority of the replica set has it in its journal, so a
 * failover or a crash cannot take back a receipt the API already gave (issue 20). A standalone
 * server treats majority as itself; the embedded engine commits before answering anyway
 * (db/EmbeddedMongo.java). A URI that names its own `w` or `journal` keeps them.
 */
export function durableWrites(uri: string): { writeConcern?: { w: 'majority'; journal: true } } {
  const query = uri.includes('?') ? new URLSearchParams(uri.slice(uri.indexOf('?') + 1)) : new URLSearchParams()
  const named = [...query.keys()].some((k) => ['w', 'journal', 'j'].includes(k.toLowerCase()))
  return named ? {} : { writeConcern: { w: 'majority', journal: true } }
}
