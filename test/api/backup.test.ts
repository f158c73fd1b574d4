import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import mongoose from 'mongoose'
import { BackupError, restoreBackup, verifyBackup, writeBackup } from '../../server/src/backup'
import { connectDatabase, type Database } from '../../server/src/db/connection'
import { migrate, MIGRATIONS } from '../../server/src/migrations'
import { createLogger } from '../../server/src/logger'
import { seedDemoApplications } from '../../server/src/seed/demoApplications'
import { seedDemoData } from '../../server/src/seed/seed'
import { STANDIN_APP_ID } from '../../server/src/wechat/config'
import { testDatabaseUri, testStorage } from '../support/server'

/** Backup and restore (issue 20): the demo year round-trips document for document; a damaged file is refused. */
const EJSON = mongoose.mongo.BSON.EJSON
const known = { knownMigrations: MIGRATIONS.map((m) => m.id) }
const dir = mkdtempSync(path.join(os.tmpdir(), 'zlbg-backup-'))
const source = { db: undefined as unknown as Database, storage: testStorage('backup-source') }
let file: string
const opened: Database[] = []
async function freshDatabase(label: string) {
  const db = await connectDatabase(testDatabaseUri(label))
  opened.push(db)
  return db
}

beforeAll(async () => {
  source.db = await freshDatabase('backup_source')
  await migrate({ db: source.db, instanceId: 'test', logger: createLogger('silent') })
  expect(await seedDemoData(source.db.models)).toBeGreaterThan(0)
  expect(await seedDemoApplications(source.db.models, { wechatAppId: STANDIN_APP_ID })).toBeGreaterThan(0)
  // An uploaded file with its record, as the attachments route leaves them.
  const bytes = Buffer.from('%PDF-1.4 质量标杆 示例附件')
  await source.storage.put('attachments/backup-test', bytes)
  await source.db.models.Attachment.create({
    filename: '证书.pdf',
    contentType: 'application/pdf',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    storageKey: 'attachments/backup-test',
    uploadedBy: new mongoose.Types.ObjectId(),
  })
  // Submitting queues a similarity check (第二十一条) that runs after the submit returns: the backup
  // is of the demo year once those have settled, so the comparison below is of a database at rest.
  for (let i = 0; i < 300 && (await source.db.models.Application.exists({ similarityDueAt: { $exists: true } })); i++) {
    await new Promise((r) => setTimeout(r, 100))
  }
  expect(await source.db.models.Application.exists({ similarityDueAt: { $exists: true } })).toBeNull()
  file = path.join(dir, 'demo.jsonl')
  await writeBackup(source.db, source.storage, file)
})
afterAll(async () => {
  for (const db of opened) {
    await db.connection.dropDatabase()
    await db.close()
  }
  rmSync(dir, { recursive: true, force: true })
})

/** Every document of every collection, in canonical Extended JSON (types included), by collection. */
async function dump(db: Database): Promise<Record<string, string[]>> {
  const names = (await db.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort()
  const out: Record<string, string[]> = {}
  for (const name of names) {
    const docs = await db.connection.collection(name).find({}).sort({ _id: 1 }).toArray()
    if (docs.length) out[name] = docs.map((d) => EJSON.stringify(d, { relaxed: false }))
  }
  return out
}

test('the demo year round-trips: every document of every collection, types included, and the uploaded files', async () => {
  const target = await freshDatabase('backup_target')
  const storage = testStorage('backup-target')
  const verified = await restoreBackup(target, storage, file, known)
  const before = await dump(source.db)
  expect(Object.keys(before)).toEqual(expect.arrayContaining(['calls', 'organizations', 'applications', 'users', 'audit', 'outbox', 'attachments', 'migrations']))
  expect(await dump(target)).toEqual(before)
  expect(verified.collections.calls).toBe(before.calls!.length)
  expect(verified.files).toBe(1)
  expect((await storage.get('attachments/backup-test')).toString()).toBe('%PDF-1.4 质量标杆 示例附件')
})

test('a restore into a database that holds data needs --replace, and then replaces it whole', async () => {
  const target = await freshDatabase('backup_replace')
  await target.models.Call.collection.insertOne({ title: '将被覆盖的数据' })
  await target.connection.collection('leftover').insertOne({ x: 1 })
  await expect(restoreBackup(target, testStorage('r'), file, known)).rejects.toThrow(/非空.*--replace/)
  expect(await target.models.Call.countDocuments({ title: '将被覆盖的数据' })).toBe(1)
  await restoreBackup(target, testStorage('r'), file, { ...known, replace: true })
  const after = await dump(target)
  expect(after).toEqual(await dump(source.db))
})

describe('a damaged file is refused before anything is written', () => {
  const lines = () => readFileSync(file, 'utf8').split('\n').filter(Boolean)
  const damaged = (name: string, text: string) => {
    const p = path.join(dir, name)
    writeFileSync(p, text)
    return p
  }
  const cases: [string, () => string, RegExp][] = [
    ['truncated (no trailer)', () => lines().slice(0, -1).join('\n') + '\n', /缺少结束标记/],
    ['cut in the middle of a line', () => readFileSync(file, 'utf8').slice(0, Math.floor(readFileSync(file, 'utf8').length / 2)), /不是有效的 JSON|缺少结束标记/],
    ['one document edited', () => lines().map((l, i) => (i === 3 ? l.replace(/"[^"]*"}/, '"篡改"}') : l)).join('\n') + '\n', /校验和不符/],
    ['a document dropped', () => lines().filter((_, i) => i !== 2).join('\n') + '\n', /校验和不符/],
    [
      'counts that do not match (checksum recomputed)',
      () => {
        const all = lines()
        const trailer = JSON.parse(all.at(-1)!)
        trailer.collections.calls += 1
        return [...all.slice(0, -1), JSON.stringify(trailer)].join('\n') + '\n'
      },
      /集合 calls 的文档数不符/,
    ],
    ['not a backup', () => '{"hello":1}\n', /不是本系统的备份文件/],
    ['something after the trailer', () => lines().join('\n') + '\n{"collection":"calls","document":{}}\n', /结束标记之后/],
  ]
  test.each(cases)('%s', async (_label, make, message) => {
    const p = damaged(`${_label.replace(/\W+/g, '_')}.jsonl`, make())
    await expect(verifyBackup(p)).rejects.toThrow(BackupError)
    await expect(verifyBackup(p)).rejects.toThrow(message)
    const target = await freshDatabase('backup_refused')
    await target.models.Call.collection.insertOne({ title: '原有数据' })
    await expect(restoreBackup(target, testStorage('x'), p, { ...known, replace: true })).rejects.toThrow(message)
    expect(await target.models.Call.find({}, { _id: 0, title: 1 }).lean()).toEqual([{ title: '原有数据' }])
  })

  test('a backup from a newer schema (a migration this server lacks) is refused', async () => {
    await expect(restoreBackup(await freshDatabase('backup_newer'), testStorage('n'), file, { knownMigrations: [] })).rejects.toThrow(/更新的版本/)
  })
})

test('a backup never overwrites an earlier one: an existing file is refused with a message, left as it was', async () => {
  const before = readFileSync(file, 'utf8')
  await expect(writeBackup(source.db, source.storage, file)).rejects.toThrow(BackupError)
  await expect(writeBackup(source.db, source.storage, file)).rejects.toThrow(/备份文件已存在，不会覆盖/)
  expect(readFileSync(file, 'utf8')).toBe(before)
})
