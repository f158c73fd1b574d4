import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmbeddedMongo, type EmbeddedMongo } from '../../scripts/db'
import { connectDatabase } from '../../server/src/db/connection'
import { browserUser, call, wechatUser } from '../support/api'
import { thisYear } from '../support/factories'
import { startTestServer } from '../support/server'

/**
 * What the API acknowledged survives a crash of the embedded engine (issue 20). Before the engine
 * committed ahead of its reply, an organization created (201) and a kill -9 within the second lost
 * both the organization and its creator.
 */
const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

function killed(engine: EmbeddedMongo): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => {
      try {
        process.kill(engine.pid, 0)
        setTimeout(poll, 20)
      } catch {
        resolve()
      }
    }
    process.kill(engine.pid, 'SIGKILL')
    poll()
  })
}

// Two engine starts (each compiles the Java launcher) per case: slow on a busy machine, hence the timeout.
test.each(['commit', 'fsync'] as const)('every write acknowledged before a SIGKILL of the engine (%s) is there after restart', async (durability) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zlbg-durability-'))
  dirs.push(dir)
  const file = path.join(dir, 'zlbg.mv')
  const engine = await startEmbeddedMongo({ backend: 'h2', file, durability })
  const t = await startTestServer('durability', { databaseUri: engine.uri('zlbg') })
  expect(t.db.connection.getClient().writeConcern).toMatchObject({ w: 'majority', journal: true })

  const office = await browserUser(t, ['office'])
  const founder = await wechatUser(t)
  const org = await call(t, 'POST', '/api/organizations', { token: founder.token, body: { name: '崩溃测试制造有限公司' } })
  expect(org.status).toBe(201)
  // A burst of concurrent writes, each answered 201; the engine dies right after the last answer.
  const burst = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      call(t, 'POST', '/api/office/calls', { token: office.token, body: { year: thisYear(), title: `征集通知草稿 ${i}` } }),
    ),
  )
  expect(burst.map((r) => r.status)).toEqual(burst.map(() => 201))
  await killed(engine)
  await t.close()

  const restarted = await startEmbeddedMongo({ backend: 'h2', file, durability })
  const db = await connectDatabase(restarted.uri('zlbg'))
  try {
    const ids = burst.map((r) => r.body.id as string)
    const calls = await db.models.Call.find({ _id: { $in: ids } }, { title: 1 }).lean()
    expect(calls.map((c) => String(c._id)).sort()).toEqual([...ids].sort())
    expect(await db.models.Organization.exists({ _id: org.body.id })).toBeTruthy()
    expect(await db.models.User.exists({ _id: founder.id })).toBeTruthy()
    expect(await db.models.User.exists({ _id: office.id })).toBeTruthy()
    // The audit record of each acknowledged creation is part of the same acknowledged request.
    expect(await db.models.Audit.countDocuments({ 'resource.id': { $in: ids } })).toBe(ids.length)
  } finally {
    await db.close()
    await restarted.stop()
  }
}, 180_000)
