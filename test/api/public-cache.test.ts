import mongoose from 'mongoose'
import type { CallInput } from '@zlbg/shared'
import { ABANDONED_WRITE_MS, PUBLIC_STAMPS, publicChange } from '../../server/src/db/publicVersion'
import { STAMP_LEASE_MS, WRITER_WAIT_MS } from '../../server/src/http/publicCache'
import { browserUser, call, type Reply } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

/**
 * Public reads are answered from each instance's memory (server/src/http/publicCache.ts) yet stay
 * fresh: what one instance commits, the other answers on its very next request — no TTL, no waiting.
 */
let a: TestServer
let b: TestServer
let office: { token: string }

beforeAll(async () => {
  a = await startTestServer('public-cache')
  b = await startTestServer('public-cache-b', { databaseUri: a.databaseUri })
  office = await browserUser(a, ['office'])
})
afterAll(async () => {
  await b?.close()
  await a?.close()
})

function complete(title: string): CallInput {
  return {
    year: 2027,
    title,
    body: '中国质量协会决定开展质量标杆典型经验征集与交流活动，请各组织按要求申报。',
    keyFields: [{ title: '数字化质量管理', description: '质量管理数字化转型的实践经验' }],
    sectors: ['manufacturing'],
    schedule: [{ kind: 'application', startsAt: '2027-03-01T09:00:00+08:00', endsAt: '2027-05-31T17:00:00+08:00' }],
    contact: { department: '质量标杆工作办公室' },
  }
}

const onA = (method: string, path: string, body?: unknown) => call(a, method, path, { token: office.token, body })
/** A public GET on `t`, with the If-None-Match of an earlier answer when given. */
async function read(t: TestServer, path: string, etag?: string): Promise<Reply & { text: string }> {
  const res = await fetch(t.base + path, { headers: etag ? { 'if-none-match': etag } : {} })
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, text }
}

async function publishOnA(title: string): Promise<string> {
  const created = await onA('POST', '/api/office/calls', complete(title))
  expect(created.status).toBe(201)
  expect((await onA('POST', `/api/office/calls/${created.body.id}/publish`)).status).toBe(200)
  return created.body.id
}

const titles = (r: Reply) => r.body.items.map((c: { title: string }) => c.title)

test('a call published through one instance is listed by the other on its next request', async () => {
  const created = await onA('POST', '/api/office/calls', complete('跨实例发布的征集通知'))
  expect(created.status).toBe(201)
  const before = await read(b, '/api/calls?page=1&pageSize=10')
  expect(before.status).toBe(200)
  // Cached on b now: the next answer is from memory, and the same.
  expect((await read(b, '/api/calls?page=1&pageSize=10')).text).toBe(before.text)

  expect((await onA('POST', `/api/office/calls/${created.body.id}/publish`)).status).toBe(200)
  const after = await read(b, '/api/calls?page=1&pageSize=10')
  expect(titles(after)).toEqual(['跨实例发布的征集通知', ...titles(before)])
  expect(after.body.total).toBe(before.body.total + 1)
  expect((await read(b, `/api/calls/${created.body.id}`)).body).toMatchObject({ id: created.body.id, state: 'published' })
})

test('an unchanged list answers 304 to its ETag; after a change, 200 with a new ETag (第五条 更正 and 结束征集 show at once)', async () => {
  const id = await publishOnA('将被更正的征集通知')
  const list = await read(b, '/api/calls')
  const detail = await read(b, `/api/calls/${id}`)
  for (const r of [list, detail]) {
    expect(r.status).toBe(200)
    expect(r.headers.get('etag')).toMatch(/^"[\w-]+"$/)
    expect(r.headers.get('cache-control')).toBe('public, no-cache')
  }

  const unchanged = await read(b, '/api/calls', list.headers.get('etag')!)
  expect(unchanged.status).toBe(304)
  expect(unchanged.text).toBe('')
  expect(unchanged.headers.get('etag')).toBe(list.headers.get('etag'))
  // A list of several ETags, as a browser may send, matches too.
  expect((await read(b, '/api/calls', `"stale", ${list.headers.get('etag')}`)).status).toBe(304)

  const corrected = await onA('PUT', `/api/office/calls/${id}`, { ...complete('将被更正的征集通知（更正）'), correctionSummary: '更正标题' })
  expect(corrected.status).toBe(200)
  const changed = await read(b, '/api/calls', list.headers.get('etag')!)
  expect(changed.status).toBe(200)
  expect(changed.headers.get('etag')).not.toBe(list.headers.get('etag'))
  expect(titles(changed)).toContain('将被更正的征集通知（更正）')
  const correctedDetail = await read(b, `/api/calls/${id}`, detail.headers.get('etag')!)
  expect(correctedDetail.status).toBe(200)
  expect(correctedDetail.body.corrections.map((c: { summary: string }) => c.summary)).toEqual(['更正标题'])

  expect((await onA('POST', `/api/office/calls/${id}/close`)).status).toBe(200)
  const closed = await read(b, `/api/calls/${id}`, correctedDetail.headers.get('etag')!)
  expect(closed.status).toBe(200)
  expect(closed.body.state).toBe('closed')
})

test('a draft\'s edits and its deletion leave the public answers as they were', async () => {
  const list = await read(b, '/api/calls')
  const created = await onA('POST', '/api/office/calls', { year: 2027, title: '未发布的草稿' })
  expect(created.status).toBe(201)
  expect((await onA('PUT', `/api/office/calls/${created.body.id}`, { year: 2027, title: '未发布的草稿（改）' })).status).toBe(200)
  // 第十三条: nothing unpublished is public, from the cache or otherwise.
  expect((await read(b, `/api/calls/${created.body.id}`)).status).toBe(404)
  expect((await read(b, '/api/calls', list.headers.get('etag')!)).status).toBe(304)
  expect((await onA('DELETE', `/api/office/calls/${created.body.id}`)).status).toBe(204)
  expect((await read(b, '/api/calls', list.headers.get('etag')!)).status).toBe(304)
})

test('the answer is the same for everyone: a signed-in office user and an expired token get the public bytes', async () => {
  const anonymous = await read(b, '/api/calls')
  const asOffice = await call(b, 'GET', '/api/calls', { token: office.token })
  expect(asOffice.status).toBe(200)
  expect(asOffice.headers.get('etag')).toBe(anonymous.headers.get('etag'))
  // The office may see drafts elsewhere (call.manage); the public list never shows them.
  expect(asOffice.body.items.every((c: { state: string }) => c.state !== 'draft')).toBe(true)
  const bogus = await call(b, 'GET', '/api/calls', { token: 'not-a-session' })
  expect(bogus.status).toBe(200)
  expect(bogus.headers.get('etag')).toBe(anonymous.headers.get('etag'))
})

test('the OpenAPI document is cached with an ETag too, and documents the 304 of every cached read', async () => {
  const doc = await read(a, '/openapi.json')
  expect(doc.status).toBe(200)
  expect(doc.body.openapi).toMatch(/^3\.1/)
  for (const [path, cached] of [['/api/calls', true], ['/api/calls/{id}', true], ['/openapi.json', true], ['/api/me', false]] as const) {
    expect({ path, cached: '304' in doc.body.paths[path].get.responses }).toEqual({ path, cached })
  }
  expect((await read(a, '/openapi.json', doc.headers.get('etag')!)).status).toBe(304)
  // Both instances run the same build, so they answer the same bytes.
  expect((await read(b, '/openapi.json')).headers.get('etag')).toBe(doc.headers.get('etag'))
})

test('a write in flight: between the change and the end of its bracket, the other instance answers from the database', async () => {
  const { Call } = a.db.models
  const id = await publishOnA('写入期间的征集通知')
  const before = await read(b, `/api/calls/${id}`)
  expect(before.body.title).toBe('写入期间的征集通知')
  await publicChange(a.db.connection, 'calls', async () => {
    await Call.updateOne({ _id: id }, { $set: { title: '写入期间的征集通知（已改）' } })
    // Committed, the marker still in the stamp: no cached answer may be served now.
    for (const path of [`/api/calls/${id}`, '/api/calls?pageSize=50']) {
      const during = await read(b, path)
      expect(during.text).toContain('写入期间的征集通知（已改）')
    }
  })
  const after = await read(b, `/api/calls/${id}`, before.headers.get('etag')!)
  expect(after.status).toBe(200)
  expect(after.body.title).toBe('写入期间的征集通知（已改）')
  // Cached again once the bracket closed: an unchanged answer is a 304.
  expect((await read(b, `/api/calls/${id}`, after.headers.get('etag')!)).status).toBe(304)
})

test('the cache does answer from memory: a write outside publicChange is not seen (so every public write path brackets)', async () => {
  const { Call } = a.db.models
  const id = await publishOnA('未经标记写入的征集通知')
  expect((await read(b, `/api/calls/${id}`)).body.title).toBe('未经标记写入的征集通知')
  await Call.updateOne({ _id: id }, { $set: { title: '未经标记写入的征集通知（已改）' } })
  expect((await read(b, `/api/calls/${id}`)).body.title).toBe('未经标记写入的征集通知')
  await publicChange(a.db.connection, 'calls', async () => undefined)
  expect((await read(b, `/api/calls/${id}`)).body.title).toBe('未经标记写入的征集通知（已改）')
})

test('a writer that died inside its bracket: reads skip the cache, and its marker is pulled once abandoned, raising the version', async () => {
  const stamps = a.db.connection.collection<{ _id: string; version: number; writing: { _id: mongoose.Types.ObjectId; at: Date }[] }>(PUBLIC_STAMPS)
  const { version } = (await stamps.findOne({ _id: 'calls' }))!
  const recent = { _id: new mongoose.Types.ObjectId(), at: new Date() }
  const abandoned = { _id: new mongoose.Types.ObjectId(), at: new Date(Date.now() - ABANDONED_WRITE_MS - 60_000) }
  await stamps.updateOne({ _id: 'calls' }, { $push: { writing: { $each: [abandoned, recent] } } })
  const id = await publishOnA('进程中断时的征集通知')
  // The dead writer's change, committed without the end of its bracket.
  await a.db.models.Call.updateOne({ _id: id }, { $set: { title: '进程中断时的征集通知（已改）' } })
  expect((await read(b, `/api/calls/${id}`)).body.title).toBe('进程中断时的征集通知（已改）')
  const cleared = (await stamps.findOne({ _id: 'calls' }))!
  expect(cleared.writing.map((w) => String(w._id))).toEqual([String(recent._id)])
  // Publishing raised it by one; pulling the abandoned marker by one more.
  expect(cleared.version).toBe(version + 2)
  await stamps.updateOne({ _id: 'calls' }, { $pull: { writing: { _id: recent._id } }, $inc: { version: 1 } })
  expect((await read(b, `/api/calls/${id}`)).body.title).toBe('进程中断时的征集通知（已改）')
})

test('a bad query is still refused before the cache, naming the field', async () => {
  const bad = await read(b, '/api/calls?pageSize=51')
  expect(bad.status).toBe(400)
  expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toContain('query.pageSize')
})

test('a writer starts its change only after its marker is in the database and a whole stamp lease has passed', async () => {
  const stamps = a.db.connection.collection<{ _id: string; writing: { _id: mongoose.Types.ObjectId; at: Date }[] }>(PUBLIC_STAMPS)
  let seen: { markers: number; waited: number } | undefined
  const started = performance.now()
  await publicChange(a.db.connection, 'calls', async () => {
    const doc = await stamps.findOne({ _id: 'calls' })
    seen = { markers: doc?.writing.length ?? 0, waited: performance.now() - started }
  })
  expect(seen!.markers).toBeGreaterThanOrEqual(1)
  // A lower bound only: a slow machine waits longer, never shorter.
  expect(seen!.waited).toBeGreaterThanOrEqual(WRITER_WAIT_MS)
  expect(WRITER_WAIT_MS).toBeGreaterThan(STAMP_LEASE_MS)
})

test('a read answered ahead of Koa carries what the lean path gives: ETag, 304, caching and security headers, a request id', async () => {
  const path = '/api/calls?page=1&pageSize=10'
  // The first read validates the URL (through Koa); the next ones are answered by the server's listener.
  const first = await read(b, path)
  const hot = await read(b, path)
  expect(hot.text).toBe(first.text)
  for (const name of ['etag', 'cache-control', 'content-type', 'x-content-type-options', 'vary']) expect(hot.headers.get(name)).toBe(first.headers.get(name))
  expect(hot.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  expect((await read(b, path, hot.headers.get('etag')!)).status).toBe(304)
  const own = await fetch(b.base + path, { headers: { 'x-request-id': 'my-request-0001' } })
  expect(own.headers.get('x-request-id')).toBe('my-request-0001')
  const head = await fetch(b.base + path, { method: 'HEAD' })
  expect(head.status).toBe(200)
  expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(first.text)))
  expect(await head.text()).toBe('')
})
