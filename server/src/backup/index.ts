import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { once } from 'node:events'
import readline from 'node:readline'
import { finished } from 'node:stream/promises'
import mongoose from 'mongoose'
import type { Database } from '../db/connection'
import type { FileStorage } from '../storage'
import { StorageMissError } from '../storage'

/**
 * Backup and restore of the whole database and the uploaded files (issue 20), on the embedded engine
 * and MongoDB alike (only find, insertMany, deleteMany, listCollections).
 *
 * The file is JSON Lines: a header, one line per document (`collection` + the document in canonical
 * Extended JSON, so ObjectIds, dates and number types come back exactly), one line per uploaded file
 * (base64, with its SHA-256), and a trailer with the count of every collection, the number of files
 * and the SHA-256 of every byte before it. A restore reads the whole file and checks all of that
 * before it writes anything: a truncated, edited or corrupt file is refused and the database is left
 * as it was.
 */
export const BACKUP_FORMAT = 'zlbg-backup'
export const BACKUP_VERSION = 1
const EJSON = mongoose.mongo.BSON.EJSON
const BATCH = 500

interface Header {
  format: typeof BACKUP_FORMAT
  version: number
  createdAt: string
  /** The migrations the database had: a restore refuses a backup from a newer schema. */
  migrations: string[]
}
interface DocumentLine {
  collection: string
  document: Record<string, unknown>
}
interface FileLine {
  file: string
  sha256: string
  size: number
  data: string
}
interface Trailer {
  end: true
  collections: Record<string, number>
  files: number
  /** Attachments whose bytes were not in the storage when the backup ran. */
  missingFiles: string[]
  sha256: string
}

export class BackupError extends Error {}

export interface BackupSummary {
  collections: Record<string, number>
  files: number
  missingFiles: string[]
  bytes: number
}

/** The collections to back up: everything but the engine's own. */
async function collectionNames(db: Database): Promise<string[]> {
  const listed = await db.connection.db!.listCollections({}, { nameOnly: true }).toArray()
  return listed
    .map((c) => c.name)
    .filter((n) => !n.startsWith('system.'))
    .sort()
}

export async function writeBackup(db: Database, storage: FileStorage, file: string, now: Date = new Date()): Promise<BackupSummary> {
  const out = createWriteStream(file, { flags: 'wx' })
  // 'wx' never overwrites an earlier backup; without waiting for the open, an existing file would
  // surface as an unhandled stream error instead of a message.
  try {
    await once(out, 'open')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new BackupError(`备份文件已存在，不会覆盖：${file}`)
    throw err
  }
  const hash = createHash('sha256')
  let bytes = 0
  const write = async (value: unknown) => {
    const line = `${JSON.stringify(value)}\n`
    hash.update(line)
    bytes += Buffer.byteLength(line)
    if (!out.write(line)) await once(out, 'drain')
  }
  const migrations = await db.connection
    .collection<{ _id: string }>('migrations')
    .find({}, { projection: { _id: 1 } })
    .sort({ _id: 1 })
    .toArray()
  const header: Header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: now.toISOString(), migrations: migrations.map((m) => m._id) }
  await write(header)
  const collections: Record<string, number> = {}
  for (const name of await collectionNames(db)) {
    collections[name] = 0
    for await (const doc of db.connection.collection(name).find({}).sort({ _id: 1 })) {
      await write({ collection: name, document: EJSON.serialize(doc, { relaxed: false }) })
      collections[name]++
    }
  }
  let files = 0
  const missingFiles: string[] = []
  for await (const a of db.models.Attachment.find({}, { storageKey: 1, sha256: 1 }).sort({ _id: 1 }).lean().cursor()) {
    let data: Buffer
    try {
      data = await storage.get(a.storageKey)
    } catch (err) {
      if (err instanceof StorageMissError) {
        missingFiles.push(a.storageKey)
        continue
      }
      throw err
    }
    await write({ file: a.storageKey, sha256: createHash('sha256').update(data).digest('hex'), size: data.length, data: data.toString('base64') } satisfies FileLine)
    files++
  }
  const trailer: Trailer = { end: true, collections, files, missingFiles, sha256: hash.digest('hex') }
  const last = `${JSON.stringify(trailer)}\n`
  out.end(last)
  await finished(out)
  return { collections, files, missingFiles, bytes: bytes + Buffer.byteLength(last) }
}

type Line = { kind: 'header'; value: Header } | { kind: 'document'; value: DocumentLine } | { kind: 'file'; value: FileLine }

/** Every line before the trailer, parsed and shape-checked, with the trailer last. */
async function* readLines(file: string): AsyncGenerator<Line, Trailer> {
  const hash = createHash('sha256')
  let trailer: Trailer | undefined
  let n = 0
  const lines = readline.createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })
  for await (const text of lines) {
    n++
    if (trailer) throw new BackupError(`第 ${n} 行：结束标记之后还有内容，文件不完整或被改动`)
    let value: Record<string, unknown>
    try {
      value = JSON.parse(text)
    } catch {
      throw new BackupError(`第 ${n} 行不是有效的 JSON：文件损坏`)
    }
    if (n === 1) {
      if (value.format !== BACKUP_FORMAT) throw new BackupError('不是本系统的备份文件')
      if (value.version !== BACKUP_VERSION) throw new BackupError(`备份格式版本 ${String(value.version)} 不受支持（本系统为 ${BACKUP_VERSION}）`)
      if (!Array.isArray(value.migrations)) throw new BackupError('第 1 行：缺少迁移记录')
      hash.update(`${text}\n`)
      yield { kind: 'header', value: value as unknown as Header }
      continue
    }
    if (value.end === true) {
      trailer = value as unknown as Trailer
      if (trailer.sha256 !== hash.digest('hex')) throw new BackupError('校验和不符：文件损坏或被改动')
      continue
    }
    hash.update(`${text}\n`)
    if (typeof value.collection === 'string' && value.document && typeof value.document === 'object') {
      yield { kind: 'document', value: value as unknown as DocumentLine }
    } else if (typeof value.file === 'string' && typeof value.data === 'string' && typeof value.sha256 === 'string') {
      yield { kind: 'file', value: value as unknown as FileLine }
    } else {
      throw new BackupError(`第 ${n} 行内容无法识别：文件损坏`)
    }
  }
  if (!trailer) throw new BackupError('缺少结束标记：文件不完整（备份可能被中断或截断）')
  return trailer
}

export interface VerifiedBackup {
  header: Header
  collections: Record<string, number>
  files: number
  missingFiles: string[]
}

/** Reads the whole file and checks it (see the module comment); throws BackupError naming the problem. */
export async function verifyBackup(file: string): Promise<VerifiedBackup> {
  const counts: Record<string, number> = {}
  let files = 0
  let header: Header | undefined
  const lines = readLines(file)
  for (;;) {
    const next = await lines.next()
    if (next.done) {
      const trailer = next.value
      const expected = trailer.collections ?? {}
      const names = new Set([...Object.keys(expected), ...Object.keys(counts)])
      for (const name of names) {
        if ((counts[name] ?? 0) !== expected[name]) {
          throw new BackupError(`集合 ${name} 的文档数不符：结束标记记为 ${expected[name] ?? '（无）'}，文件中有 ${counts[name] ?? 0}`)
        }
      }
      if (files !== trailer.files) throw new BackupError(`上传文件数不符：结束标记记为 ${trailer.files}，文件中有 ${files}`)
      return { header: header!, collections: expected, files, missingFiles: trailer.missingFiles ?? [] }
    }
    const line = next.value
    if (line.kind === 'header') header = line.value
    else if (line.kind === 'document') {
      try {
        EJSON.deserialize(line.value.document, { relaxed: false })
      } catch {
        throw new BackupError(`集合 ${line.value.collection} 中有无法解析的文档：文件损坏`)
      }
      counts[line.value.collection] = (counts[line.value.collection] ?? 0) + 1
    } else {
      const data = Buffer.from(line.value.data, 'base64')
      if (createHash('sha256').update(data).digest('hex') !== line.value.sha256 || data.length !== line.value.size) {
        throw new BackupError(`上传文件 ${line.value.file} 的内容与其校验和不符：文件损坏`)
      }
      files++
    }
  }
}

export interface RestoreOptions {
  /** Replace what the database holds. Without it a restore only goes into an empty database. */
  replace?: boolean
  /** Migration ids this server knows: a backup made by a newer schema is refused. */
  knownMigrations: readonly string[]
}

/**
 * Verifies the file completely, then replaces the database's contents and puts the files back. Run
 * with every server stopped. There are no transactions: if the restore itself is cut short, run it
 * again (with --replace); the file is unchanged and the restore starts over.
 */
export async function restoreBackup(db: Database, storage: FileStorage, file: string, { replace = false, knownMigrations }: RestoreOptions): Promise<VerifiedBackup> {
  const verified = await verifyBackup(file)
  const unknown = verified.header.migrations.filter((m) => !knownMigrations.includes(m))
  if (unknown.length) throw new BackupError(`备份来自更新的版本（迁移 ${unknown.join(', ')} 本系统没有）：请用相同或更新版本的服务器恢复`)
  const existing = await collectionNames(db)
  if (!replace) {
    for (const name of existing) {
      if ((await db.connection.collection(name).estimatedDocumentCount()) > 0) {
        throw new BackupError(`目标数据库非空（集合 ${name} 有数据）：确认要覆盖时加 --replace`)
      }
    }
  }
  for (const name of new Set([...existing, ...Object.keys(verified.collections)])) await db.connection.collection(name).deleteMany({})

  let batch: Record<string, unknown>[] = []
  let batchOf = ''
  const flush = async () => {
    if (batch.length) await db.connection.collection(batchOf).insertMany(batch, { ordered: true })
    batch = []
  }
  const lines = readLines(file)
  for (;;) {
    const next = await lines.next()
    if (next.done) break
    const line = next.value
    if (line.kind === 'document') {
      if (line.value.collection !== batchOf || batch.length >= BATCH) {
        await flush()
        batchOf = line.value.collection
      }
      batch.push(EJSON.deserialize(line.value.document, { relaxed: false }))
    } else if (line.kind === 'file') {
      await flush()
      await storage.put(line.value.file, Buffer.from(line.value.data, 'base64'))
    }
  }
  await flush()
  return verified
}
