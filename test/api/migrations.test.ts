import { setTimeout as sleep } from 'node:timers/promises'
import { createLogger } from '../../server/src/logger'
import { MIGRATION_LEASE, migrate, migrationRecords, MIGRATIONS, type Migration } from '../../server/src/migrations'
import { startTestServer, type TestServer } from '../support/server'

/** Schema migrations at start-up (issue 20): versioned, idempotent, recorded, one migrator under the lease. */
let t: TestServer
beforeAll(async () => {
  t = await startTestServer('migrations')
})
afterAll(() => t.close())
beforeEach(async () => {
  await migrationRecords(t.db).deleteMany({})
  await t.db.models.Lease.deleteMany({ _id: MIGRATION_LEASE })
})
const logger = createLogger('silent')

test('the real migrations run twice: the first run applies and records them, the second changes nothing', async () => {
  // An index no model declares (left behind by an older version): 0001 drops it.
  await t.db.models.User.collection.createIndex({ displayName: 1 }, { name: 'stale_displayName' })

  const first = await migrate({ db: t.db, instanceId: 'a', logger })
  expect(first).toEqual(MIGRATIONS.map((m) => m.id))
  const indexes = (await t.db.models.User.collection.indexes()).map((i) => i.name)
  expect(indexes).not.toContain('stale_displayName')
  expect(indexes).toEqual(expect.arrayContaining(['_id_']))
  const records = await migrationRecords(t.db).find().sort({ _id: 1 }).toArray()
  expect(records.map((r) => [r._id, r.by])).toEqual(MIGRATIONS.map((m) => [m.id, 'a']))
  expect(records[0]!.outcome).toContain('users.stale_displayName')

  const declared = await t.db.models.User.collection.indexes()
  expect(await migrate({ db: t.db, instanceId: 'b', logger })).toEqual([])
  expect(await migrationRecords(t.db).find().sort({ _id: 1 }).toArray()).toEqual(records)
  expect(await t.db.models.User.collection.indexes()).toEqual(declared)
  // The lease is let go: nobody holds it after a run.
  expect((await t.db.models.Lease.findById(MIGRATION_LEASE).lean())?.holder).toBeNull()
})

test('each migration also runs idempotently when applied again from scratch (a migrator died before recording it)', async () => {
  await migrate({ db: t.db, instanceId: 'a', logger })
  const before = await t.db.models.User.collection.indexes()
  await migrationRecords(t.db).deleteMany({})
  expect(await migrate({ db: t.db, instanceId: 'a', logger })).toEqual(MIGRATIONS.map((m) => m.id))
  expect(await t.db.models.User.collection.indexes()).toEqual(before)
})

test('instances starting together: one migrates, the others wait for it, every migration runs once', async () => {
  let runs = 0
  const slow: Migration[] = [
    {
      id: '9001-test-slow',
      description: 'test',
      async up() {
        runs++
        await sleep(300)
      },
    },
    { id: '9002-test-next', description: 'test', up: async () => void runs++ },
  ]
  const results = await Promise.all(['a', 'b', 'c'].map((instanceId) => migrate({ db: t.db, instanceId, logger, migrations: slow, pollMs: 50 })))
  expect(runs).toBe(2)
  expect(results.flat().sort()).toEqual(['9001-test-slow', '9002-test-next'])
  expect(results.filter((r) => r.length > 0)).toHaveLength(1)
  expect(await migrationRecords(t.db).countDocuments()).toBe(2)
})

test('a failing migration is not recorded, stops the start-up, and runs again next time; later ones wait', async () => {
  let fail = true
  const later = jest.fn(async () => {})
  const list: Migration[] = [
    {
      id: '9001-test-flaky',
      description: 'test',
      async up() {
        if (fail) throw new Error('disk full')
      },
    },
    { id: '9002-test-later', description: 'test', up: later },
  ]
  await expect(migrate({ db: t.db, instanceId: 'a', logger, migrations: list })).rejects.toThrow('disk full')
  expect(await migrationRecords(t.db).countDocuments()).toBe(0)
  expect(later).not.toHaveBeenCalled()
  fail = false
  expect(await migrate({ db: t.db, instanceId: 'b', logger, migrations: list })).toEqual(['9001-test-flaky', '9002-test-later'])
})

test("a crashed migrator's lease runs out and another instance takes over", async () => {
  await t.db.models.Lease.create({ _id: MIGRATION_LEASE, holder: 'crashed', expiresAt: new Date(Date.now() + 150) })
  const list: Migration[] = [{ id: '9001-test', description: 'test', up: async () => {} }]
  expect(await migrate({ db: t.db, instanceId: 'b', logger, migrations: list, pollMs: 50 })).toEqual(['9001-test'])
})

test('ids out of order are refused before anything runs', async () => {
  const up = jest.fn(async () => {})
  await expect(
    migrate({ db: t.db, instanceId: 'a', logger, migrations: [{ id: '0002-b', description: '', up }, { id: '0001-a', description: '', up }] }),
  ).rejects.toThrow(/ascending/)
  expect(up).not.toHaveBeenCalled()
})
