import { setTimeout as sleep } from 'node:timers/promises'
import type { Database } from '../db/connection'
import { isDuplicateKey } from '../db/duplicateKey'
import { releaseLease, renewLease, takeLease } from '../jobs/lease'
import type { Logger } from '../logger'
import { bucketUnrevisedFingerprints } from '../similarity/buckets'

/**
 * Schema migrations (issue 20): versioned scripts run at start-up, in id order, each once per
 * database. One instance migrates, under the `migrations` lease; the others wait for it to finish
 * before they serve. Each applied migration is recorded in the `migrations` collection.
 *
 * A migration must be idempotent: without transactions, a migrator that dies midway (or loses its
 * lease) leaves the migration unrecorded, and the next one runs it again from the start.
 */
export interface Migration {
  /** Sortable and never changed once released: `0001-…`. */
  id: string
  description: string
  up(ctx: MigrationContext): Promise<string | void>
}

export interface MigrationContext {
  db: Database
  logger: Logger
  /** Aborted when this instance lost the lease; a long migration checks it between batches. */
  signal: AbortSignal
}

export interface MigrationRecord {
  _id: string
  description: string
  appliedAt: Date
  by: string
  ms: number
  outcome?: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '0001-sync-indexes',
    description: '每个集合建立模型声明的索引，删除模型不再声明的索引',
    // connectDatabase creates missing indexes but never drops one a model no longer declares; a stale
    // unique index would refuse writes the code now allows.
    async up({ db, signal }) {
      const dropped: string[] = []
      for (const model of Object.values(db.models)) {
        signal.throwIfAborted()
        for (const name of await model.syncIndexes()) dropped.push(`${model.collection.name}.${name}`)
      }
      return dropped.length ? `dropped ${dropped.join(', ')}` : 'nothing to drop'
    },
  },
  {
    id: '0002-similarity-buckets',
    description: '相似度比对：为已有的文本指纹建立 LSH 分桶集合（similarity_buckets），并删除不再使用的 bands 索引',
    async up({ db, signal }) {
      const dropped = await db.models.SimilarityFingerprint.syncIndexes()
      const bucketed = await bucketUnrevisedFingerprints(db.models, signal)
      return `${bucketed} fingerprints bucketed${dropped.length ? `; dropped ${dropped.join(', ')}` : ''}`
    },
  },
]

export const MIGRATION_LEASE = 'migrations'
const LEASE_MS = 60_000

export const migrationRecords = (db: Database) => db.connection.collection<MigrationRecord>('migrations')

/** Ids of the migrations this database has had, in order. */
export async function appliedMigrations(db: Database): Promise<string[]> {
  const records = await migrationRecords(db).find({}, { projection: { _id: 1 } }).sort({ _id: 1 }).toArray()
  return records.map((r) => r._id)
}

export interface MigrateOptions {
  db: Database
  instanceId: string
  logger: Logger
  migrations?: readonly Migration[]
  /** How often a waiting instance looks again (default 1 s). */
  pollMs?: number
  now?: () => Date
}

/**
 * Brings the database up to date; resolves once every migration is applied (by this instance or
 * another). Answers the ids this instance applied.
 */
export async function migrate({ db, instanceId, logger, migrations = MIGRATIONS, pollMs = 1000, now = () => new Date() }: MigrateOptions): Promise<string[]> {
  const ids = migrations.map((m) => m.id)
  if (new Set(ids).size !== ids.length || ids.some((id, i) => i > 0 && id <= ids[i - 1]!)) {
    throw new Error('migration ids must be unique and in ascending order')
  }
  let loggedAt = 0
  for (;;) {
    const applied = new Set(await appliedMigrations(db))
    const pending = migrations.filter((m) => !applied.has(m.id))
    if (pending.length === 0) return []
    const lease = await takeLease(db.models, { name: MIGRATION_LEASE, holder: instanceId, now: now(), leaseMs: LEASE_MS })
    if (!lease) {
      if (Date.now() - loggedAt >= 10_000) {
        loggedAt = Date.now()
        logger.info({ pending: pending.map((m) => m.id), holder: 'another instance' }, 'waiting for another instance to finish the migrations')
      }
      await sleep(pollMs)
      continue
    }
    return await runUnderLease(db, instanceId, logger, migrations, now)
  }
}

async function runUnderLease(db: Database, instanceId: string, logger: Logger, migrations: readonly Migration[], now: () => Date): Promise<string[]> {
  const controller = new AbortController()
  const renewal = setInterval(() => {
    renewLease(db.models, { name: MIGRATION_LEASE, holder: instanceId, now: now(), leaseMs: LEASE_MS }).then(
      (held) => {
        if (!held) controller.abort(new Error('migration lease lost'))
      },
      (err: unknown) => logger.warn({ err }, 'migration lease renewal failed'),
    )
  }, LEASE_MS / 3)
  renewal.unref()
  const done: string[] = []
  try {
    // Read again under the lease: another instance may have finished between our read and the take.
    const applied = new Set(await appliedMigrations(db))
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue
      controller.signal.throwIfAborted()
      const started = performance.now()
      logger.info({ migration: migration.id }, 'applying migration')
      const outcome = await migration.up({ db, logger: logger.child({ migration: migration.id }), signal: controller.signal })
      const ms = Math.round(performance.now() - started)
      try {
        await migrationRecords(db).insertOne({
          _id: migration.id,
          description: migration.description,
          appliedAt: now(),
          by: instanceId,
          ms,
          ...(outcome ? { outcome: outcome.slice(0, 500) } : {}),
        })
      } catch (err) {
        // A former holder that lost the lease midway finished it too: the migration is idempotent.
        if (!isDuplicateKey(err)) throw err
      }
      logger.info({ migration: migration.id, ms, outcome }, 'migration applied')
      done.push(migration.id)
    }
    return done
  } finally {
    clearInterval(renewal)
    await releaseLease(db.models, { name: MIGRATION_LEASE, holder: instanceId, availableAt: now() })
  }
}
