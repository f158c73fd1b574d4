import mongoose from 'mongoose'
import { MIGRATIONS } from '../../server/src/migrations'
import { createLogger } from '../../server/src/logger'
import { bucketUnrevisedFingerprints, candidatesOf, removeFingerprint, storeFingerprint, type FingerprintContent } from '../../server/src/similarity/buckets'
import { startTestServer, type TestServer } from '../support/server'

/**
 * 第二十一条: the LSH buckets a new submission's candidates are found in (similarity/buckets.ts), kept
 * by primary key beside the fingerprints, on the real embedded engine.
 */
let t: TestServer
beforeAll(async () => {
  t = await startTestServer('similarity-buckets')
})
afterAll(() => t.close())
beforeEach(async () => {
  await t.db.models.SimilarityFingerprint.deleteMany({})
  await t.db.models.SimilarityBucket.deleteMany({})
})

const id = () => new mongoose.Types.ObjectId()
const content = (bands: number[], text = 'x'): FingerprintContent => ({
  kind: 'application',
  year: 2026,
  organizationName: '某组织',
  title: '某经验',
  fields: [{ field: 'summary', text }],
  countedChars: text.length,
  bands,
  checkedAt: new Date(),
})
const found = async (self: mongoose.Types.ObjectId, bands: number[]) =>
  (await candidatesOf(t.db.models, self, bands)).map((c) => c._id.toHexString()).sort()
const bucket = async (key: number) => (await t.db.models.SimilarityBucket.findById(key).lean())?.members ?? []

test('a stored document is found through any bucket it shares, never by itself, and not through others', async () => {
  const [a, b, c] = [id(), id(), id()]
  await storeFingerprint(t.db.models, a, content([1, 2, 3]))
  await storeFingerprint(t.db.models, b, content([3, 4]))
  await storeFingerprint(t.db.models, c, content([5]))
  expect(await found(id(), [3])).toEqual([a.toHexString(), b.toHexString()].sort())
  expect(await found(a, [1, 2, 3])).toEqual([b.toHexString()])
  expect(await found(id(), [6, 7])).toEqual([])
  expect(await found(id(), [])).toEqual([])
  const [hit] = await candidatesOf(t.db.models, id(), [5])
  expect(hit).toMatchObject({ kind: 'application', fields: [{ field: 'summary', text: 'x' }] })
})

test('new bands move the document to its new buckets; a retry with the same bands writes no bucket', async () => {
  const a = id()
  await storeFingerprint(t.db.models, a, content([1, 2]))
  const first = (await t.db.models.SimilarityFingerprint.findById(a).lean())!.revision
  await storeFingerprint(t.db.models, a, content([2, 3], 'y'))
  const second = (await t.db.models.SimilarityFingerprint.findById(a).lean())!
  expect(second.revision).not.toEqual(first)
  expect(await bucket(1)).toEqual([])
  expect(await bucket(2)).toEqual([`${a.toHexString()}.${second.revision}`])
  expect(await found(id(), [1])).toEqual([])
  expect(await found(id(), [3])).toEqual([a.toHexString()])

  // The same bands again (a retried check): same revision, the new text, the buckets as they were.
  const before = await t.db.models.SimilarityBucket.find().sort({ _id: 1 }).lean()
  await storeFingerprint(t.db.models, a, content([3, 2], 'z'))
  const third = (await t.db.models.SimilarityFingerprint.findById(a).lean())!
  expect(third.revision).toEqual(second.revision)
  expect(third.fields[0]!.text).toBe('z')
  expect(await t.db.models.SimilarityBucket.find().sort({ _id: 1 }).lean()).toEqual(before)
})

test('a member of an earlier revision (a check that died midway) is ignored', async () => {
  const a = id()
  await storeFingerprint(t.db.models, a, content([1]))
  // What a check leaves when it dies after adding its revision and before writing the fingerprint.
  await t.db.models.SimilarityBucket.updateOne({ _id: 9 }, { $addToSet: { members: `${a.toHexString()}.deadbeef` } }, { upsert: true })
  expect(await found(id(), [9])).toEqual([])
  expect(await found(id(), [1, 9])).toEqual([a.toHexString()])
})

test('a removed document leaves its buckets', async () => {
  const [a, b] = [id(), id()]
  await storeFingerprint(t.db.models, a, content([1, 2]))
  await storeFingerprint(t.db.models, b, content([2]))
  await removeFingerprint(t.db.models, a)
  expect(await t.db.models.SimilarityFingerprint.exists({ _id: a })).toBeNull()
  expect(await bucket(1)).toEqual([])
  expect(await found(id(), [1, 2])).toEqual([b.toHexString()])
  await removeFingerprint(t.db.models, a)
})

test('migration 0002 buckets the fingerprints stored before the buckets existed, once', async () => {
  expect(MIGRATIONS.map((m) => m.id)).toContain('0002-similarity-buckets')
  const [a, b] = [id(), id()]
  await t.db.models.SimilarityFingerprint.insertMany([
    { _id: a, ...content([1, 2]) },
    { _id: b, ...content([2, 3]) },
  ])
  expect(await found(id(), [2])).toEqual([])
  const migration = MIGRATIONS.find((m) => m.id === '0002-similarity-buckets')!
  const outcome = await migration.up({ db: t.db, logger: createLogger('silent'), signal: new AbortController().signal })
  expect(outcome).toContain('2 fingerprints bucketed')
  expect(await found(id(), [2])).toEqual([a.toHexString(), b.toHexString()].sort())
  const buckets = await t.db.models.SimilarityBucket.find().sort({ _id: 1 }).lean()
  expect(await bucketUnrevisedFingerprints(t.db.models)).toBe(0)
  expect(await t.db.models.SimilarityBucket.find().sort({ _id: 1 }).lean()).toEqual(buckets)
})
