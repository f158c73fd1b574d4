import mongoose, { Schema } from 'mongoose'
import { loadConfig } from '../../server/src/config'
import { releaseLease, renewLease, takeLease } from '../../server/src/jobs/lease'
import { RETENTION } from '../../server/src/jobs/purge'
import { DEFAULT_LEASE_MS, jobLeaseName, type JobDefinition, type JobRunner } from '../../server/src/jobs/runner'
import { enqueue } from '../../server/src/outbox/enqueue'
import { runServer } from '../../server/src/server'
import { browserUser } from '../support/api'
import { jobRunnerFor, silent, testClock, type TestClock } from '../support/notifications'
import { startTestServer, type TestServer } from '../support/server'

/**
 * Scheduled jobs run once across instances (issue 5). Two server instances share one database here,
 * as behind a load balancer; time is a test clock, so "due" and "expired" are decided by moving it.
 */
let a: TestServer
let b: TestServer
beforeAll(async () => {
  a = await startTestServer('jobs')
  b = await startTestServer('jobs-b', { databaseUri: a.databaseUri })
})
afterAll(async () => {
  await b.close()
  await a.close()
})

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** A job that records each run in its own collection: who ran it and at what (test) time. */
const RunSchema = new Schema({ job: String, instanceId: String, at: Date })
function probe(t: TestServer, name: string, options: Partial<JobDefinition> = {}): JobDefinition {
  const Run = (t.db.connection.models.ProbeRun ?? t.db.connection.model('ProbeRun', RunSchema)) as mongoose.Model<{ job: string; instanceId: string; at: Date }>
  return {
    name,
    everyMs: HOUR,
    async run({ instanceId, now }) {
      await Run.create({ job: name, instanceId, at: now() })
    },
    ...options,
  }
}
const runsOf = (job: string) => a.db.connection.collection('proberuns').countDocuments({ job })
const lease = (job: string) => a.db.models.Lease.findById(jobLeaseName(job)).lean()

describe('leases in the database', () => {
  const now = new Date()
  const terms = (holder: string, at = now) => ({ name: 'test:race', holder, now: at, leaseMs: 1000 })

  test('of five instances racing for a new lease exactly one gets it; the others see E11000 as "taken"', async () => {
    const results = await Promise.all(['i1', 'i2', 'i3', 'i4', 'i5'].map((h) => takeLease(a.db.models, terms(h))))
    const winners = results.filter(Boolean)
    expect(winners).toHaveLength(1)
    expect(results.filter((r) => r === null)).toHaveLength(4)
    expect(await a.db.models.Lease.findById('test:race').lean()).toMatchObject({ holder: winners[0]!.holder })
  })

  test('the holder renews; another cannot renew it or take it before it expires, and may right after', async () => {
    const holder = (await a.db.models.Lease.findById('test:race').lean())!.holder!
    expect(await renewLease(a.db.models, terms(holder, new Date(now.getTime() + 500)))).toBe(true)
    expect(await renewLease(a.db.models, terms('someone-else'))).toBe(false)
    // Renewed at +500 for 1000 ms: still held at +1499, free at +1500.
    expect(await takeLease(a.db.models, terms('other', new Date(now.getTime() + 1499)))).toBeNull()
    expect(await takeLease(a.db.models, terms('other', new Date(now.getTime() + 1500)))).toMatchObject({ holder: 'other' })
    // The old holder has lost it: its renewal and release fail and change nothing.
    expect(await renewLease(a.db.models, terms(holder, new Date(now.getTime() + 1600)))).toBe(false)
    expect(await releaseLease(a.db.models, { name: 'test:race', holder, availableAt: now })).toBe(false)
    expect(await a.db.models.Lease.findById('test:race').lean()).toMatchObject({ holder: 'other' })
  })

  test('released, it is free from availableAt on — not before', async () => {
    const later = new Date(now.getTime() + 10_000)
    expect(await releaseLease(a.db.models, { name: 'test:race', holder: 'other', availableAt: later })).toBe(true)
    expect(await takeLease(a.db.models, terms('third', new Date(later.getTime() - 1)))).toBeNull()
    expect(await takeLease(a.db.models, terms('third', later))).toMatchObject({ holder: 'third' })
  })
})

describe('two server instances, one database: each due job runs once', () => {
  let clock: TestClock
  let ra: JobRunner
  let rb: JobRunner

  beforeAll(async () => {
    clock = testClock()
    // Both instances talk to one WeChat (a's stand-in), as in production.
    ra = jobRunnerFor(a, { instanceId: 'instance-a', clock, extra: [probe(a, 'probe.hourly')], standin: a.wechat })
    rb = jobRunnerFor(b, { instanceId: 'instance-b', clock, extra: [probe(b, 'probe.hourly')], standin: a.wechat })

    // Work that is due: an expired session, a stale counter, in-app messages to deliver.
    const user = await browserUser(a, ['office'])
    const { Session, Counter } = a.db.models
    await Session.create({
      tokenHash: 'expired-long-ago',
      userId: user.id,
      via: 'password',
      createdAt: new Date(clock.now().getTime() - 30 * DAY),
      expiresAt: new Date(clock.now().getTime() - RETENTION.sessions - 1),
    })
    await Counter.create({ key: 'two-instances:stale', windowStart: new Date(0), count: 3, updatedAt: new Date(clock.now().getTime() - 2 * DAY) })
    await enqueue(
      a.db.models,
      Array.from({ length: 12 }, (_, i) => ({
        key: `two-instances:${i}:inapp`,
        channel: 'inapp' as const,
        recipientUserId: user.id,
        kind: 'test.twoInstances',
        content: { title: `消息 ${i}`, body: '两个实例只送一次' },
        cause: { type: 'test' },
      })),
      clock.now(),
    )
  })

  const jobNames = () => ['purge.sessions', 'purge.oneTimeCodes', 'purge.counters', 'purge.subscriptionCredits', 'purge.outbox', 'purge.fileLinks', 'purge.unclaimedAttachments', 'qualification.supplementDeadline', 'outbox.relay', 'outbox.deliver', 'wechat.accessToken', 'probe.hourly']

  test('first round, both instances at once: every job ran exactly once, on one instance or the other', async () => {
    const [ofA, ofB] = await Promise.all([ra.runDue(), rb.runDue()])
    for (const job of jobNames()) {
      const ran = [...ofA, ...ofB].filter((r) => r.job === job && r.ran)
      expect({ job, runs: ran.length }).toEqual({ job, runs: 1 })
      expect(ran[0]!.error).toBeUndefined()
      const record = await lease(job)
      expect(record).toMatchObject({ runs: 1, holder: null, lastError: null })
      expect(['instance-a', 'instance-b']).toContain(record!.lastRunBy)
    }
    expect(await runsOf('probe.hourly')).toBe(1)
  })

  test('the due work was done once: purged, each message delivered once, one token fetched', async () => {
    expect(await a.db.models.Session.countDocuments({ tokenHash: 'expired-long-ago' })).toBe(0)
    expect(await a.db.models.Counter.countDocuments({ key: 'two-instances:stale' })).toBe(0)
    const records = await a.db.models.Outbox.find({ kind: 'test.twoInstances' }).lean()
    expect(records.map((r) => [r.status, r.attempts])).toEqual(records.map(() => ['sent', 1]))
    const keys = records.map((r) => r.key)
    expect(await a.db.models.Message.countDocuments({ outboxKey: { $in: keys } })).toBe(12)
    expect(a.wechat.tokensIssued()).toBe(1)
    expect(b.wechat.tokensIssued()).toBe(0)
  })

  test('a second later nothing is due: neither instance runs anything', async () => {
    clock.advance(1000)
    const results = [...(await ra.runDue()), ...(await rb.runDue())]
    expect(results.filter((r) => r.ran)).toEqual([])
    expect(await runsOf('probe.hourly')).toBe(1)
  })

  test('ten seconds on, only the delivery job is due again — and runs once', async () => {
    clock.advance(10_000)
    const results = (await Promise.all([ra.runDue(), rb.runDue()])).flat()
    expect(results.filter((r) => r.ran).map((r) => r.job)).toEqual(['outbox.deliver'])
  })

  test('an hour on, everything is due again: each job’s second run, still once across both', async () => {
    clock.advance(HOUR)
    const results = (await Promise.all([rb.runDue(), ra.runDue()])).flat()
    for (const job of jobNames()) expect({ job, runs: results.filter((r) => r.job === job && r.ran).length }).toEqual({ job, runs: 1 })
    expect(await runsOf('probe.hourly')).toBe(2)
    expect((await lease('probe.hourly'))!.runs).toBe(2)
    expect((await lease('outbox.deliver'))!.runs).toBe(3)
  })

  test('runOnce runs a job that is not due, on demand', async () => {
    expect(await ra.runOnce('probe.hourly')).toEqual({ job: 'probe.hourly', ran: true })
    expect(await runsOf('probe.hourly')).toBe(3)
  })

  test('ticking: start() runs due jobs on its own timer, stop() waits and leaves the leases released', async () => {
    clock.advance(2 * HOUR)
    const ticking = jobRunnerFor(a, { instanceId: 'instance-ticking', clock, extra: [probe(a, 'probe.hourly')], tickMs: 10 })
    ticking.start()
    // Waits for the timer to have run the job; the test's own timeout is the only limit.
    while ((await runsOf('probe.hourly')) < 4) await new Promise((r) => setTimeout(r, 10))
    await ticking.stop()
    expect(await lease('probe.hourly')).toMatchObject({ holder: null, lastRunBy: 'instance-ticking', runs: 4 })
  })
})

describe('a crashed holder', () => {
  test('its lease expires and another instance runs the job; not a moment before', async () => {
    const clock = testClock()
    const job = 'probe.crash'
    // An instance took the lease and died without releasing it.
    await takeLease(a.db.models, { name: jobLeaseName(job), holder: 'crashed-instance', now: clock.now(), leaseMs: DEFAULT_LEASE_MS })
    const survivor = jobRunnerFor(b, { instanceId: 'survivor', clock, extra: [probe(b, job)] })

    clock.advance(DEFAULT_LEASE_MS - 1)
    expect(await survivor.runDue()).toContainEqual({ job, ran: false })
    expect(await survivor.runOnce(job)).toEqual({ job, ran: false })
    expect(await runsOf(job)).toBe(0)

    clock.advance(1)
    expect(await survivor.runDue()).toContainEqual({ job, ran: true })
    expect(await runsOf(job)).toBe(1)
    expect(await lease(job)).toMatchObject({ holder: null, lastRunBy: 'survivor' })
  })

  test('a holder that stops renewing loses the lease to another instance, and its job is told to stop', async () => {
    // The slow instance's clock stands still, so its renewals never push the lease past T+300 — as if
    // it had stopped renewing; the other instance's clock is already past that.
    const slowClock = testClock()
    const otherClock = testClock(slowClock.now())
    const job = 'probe.stuck'
    let aborted!: () => void
    const sawAbort = new Promise<void>((resolve) => (aborted = resolve))
    const stuck: JobDefinition = {
      name: job,
      everyMs: HOUR,
      leaseMs: 300,
      run: ({ signal }) =>
        new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            aborted()
            resolve()
          })
        }),
    }
    const slow = jobRunnerFor(a, { instanceId: 'slow', clock: slowClock, extra: [stuck] })
    const running = slow.runOnce(job)
    while ((await lease(job))?.holder !== 'slow') await new Promise((r) => setTimeout(r, 5))

    otherClock.advance(300)
    const other = jobRunnerFor(b, { instanceId: 'other', clock: otherClock, extra: [probe(b, job, { leaseMs: 300 })] })
    expect(await other.runOnce(job)).toEqual({ job, ran: true })
    expect(await runsOf(job)).toBe(1)
    // The slow instance's next renewal finds the lease gone and aborts its run.
    await sawAbort
    expect(await running).toEqual({ job, ran: true })
    // Its late release did not overwrite the new holder's record.
    expect(await lease(job)).toMatchObject({ holder: null, lastRunBy: 'other', runs: 2 })
  })
})

describe('a run is recorded on its lease', () => {
  test('a failing run records its error and is due again on schedule; a good run clears the error', async () => {
    const clock = testClock()
    let fail = true
    const flaky: JobDefinition = {
      name: 'probe.flaky',
      everyMs: HOUR,
      async run() {
        if (fail) throw new Error('database went away')
        return 'did 3 things'
      },
    }
    const runner = jobRunnerFor(a, { instanceId: 'recorder', clock, extra: [flaky] })
    expect(await runner.runOnce('probe.flaky')).toEqual({ job: 'probe.flaky', ran: true, error: 'database went away' })
    const started = clock.now()
    expect(await lease('probe.flaky')).toMatchObject({
      holder: null,
      lastError: 'database went away',
      lastStartedAt: started,
      lastFinishedAt: started,
      expiresAt: new Date(started.getTime() + HOUR),
    })
    fail = false
    clock.advance(HOUR)
    expect(await runner.runDue()).toContainEqual({ job: 'probe.flaky', ran: true, outcome: 'did 3 things' })
    expect(await lease('probe.flaky')).toMatchObject({ lastError: null, lastOutcome: 'did 3 things', runs: 2 })
  })
})

describe('purges: what has no TTL index is deleted by date', () => {
  test('sessions, one-time codes, counters, spent credits and old delivered outbox records — only past retention', async () => {
    const clock = testClock()
    const now = clock.now().getTime()
    const ago = (ms: number) => new Date(now - ms)
    const { Session, OneTimeCode, Counter, SubscriptionCredit, Outbox, FileLink } = a.db.models
    const userId = new mongoose.Types.ObjectId()
    const session = (tokenHash: string, fields: object) =>
      Session.create({ tokenHash, userId, via: 'password', createdAt: ago(40 * DAY), expiresAt: new Date(now + DAY), ...fields })
    await session('purge:expired-old', { expiresAt: ago(RETENTION.sessions + 1) })
    await session('purge:expired-recent', { expiresAt: ago(RETENTION.sessions - HOUR) })
    await session('purge:revoked-old', { revokedAt: ago(RETENTION.sessions + 1) })
    await session('purge:live', {})
    const code = (codeHash: string, fields: object) =>
      OneTimeCode.create({ codeHash, purpose: 'bind', userId, createdAt: ago(30 * DAY), expiresAt: new Date(now + DAY), ...fields })
    await code('purge:code-expired-old', { expiresAt: ago(RETENTION.oneTimeCodes + 1) })
    await code('purge:code-used-old', { usedAt: ago(RETENTION.oneTimeCodes + 1) })
    await code('purge:code-used-recent', { usedAt: ago(HOUR) })
    await code('purge:code-live', {})
    await Counter.create({ key: 'purge:stale', windowStart: ago(3 * DAY), count: 1, updatedAt: ago(RETENTION.counters + 1) })
    await Counter.create({ key: 'purge:stale-but-locked', windowStart: ago(3 * DAY), count: 9, updatedAt: ago(RETENTION.counters + 1), lockedUntil: new Date(now + HOUR) })
    await Counter.create({ key: 'purge:fresh', windowStart: ago(HOUR), count: 1, updatedAt: ago(HOUR) })
    const credit = (usedBy: string | null, usedAt: Date | null) =>
      SubscriptionCredit.create({ openid: 'o-purge', userId, template: 'event_reminder', templateId: 'T', grantedAt: ago(60 * DAY), usedBy, usedAt })
    await credit('purge:credit-old', ago(RETENTION.subscriptionCredits + 1))
    await credit('purge:credit-recent', ago(DAY))
    await credit(null, null)
    const record = (key: string, status: string, updatedAt: Date) =>
      Outbox.collection.insertOne({
        key,
        channel: 'inapp',
        recipientUserId: userId,
        kind: 'test.purge',
        content: { title: 't', body: 'b' },
        cause: { type: 'test' },
        status,
        attempts: 1,
        nextAttemptAt: updatedAt,
        createdAt: updatedAt,
        updatedAt,
      })
    await record('purge:sent-old', 'sent', ago(RETENTION.outbox + 1))
    await record('purge:skipped-old', 'skipped', ago(RETENTION.outbox + 1))
    await record('purge:dead-old', 'dead', ago(RETENTION.outbox + 1))
    await record('purge:sent-recent', 'sent', ago(DAY))
    const link = (tokenHash: string, expiresAt: Date) => FileLink.create({ tokenHash, userId, assignmentId: userId, attachmentId: userId, expiresAt })
    await link('purge:link-old', ago(RETENTION.fileLinks + 1))
    await link('purge:link-recent', ago(HOUR))

    const runner = jobRunnerFor(a, { instanceId: 'purger', clock })
    for (const job of ['purge.sessions', 'purge.oneTimeCodes', 'purge.counters', 'purge.subscriptionCredits', 'purge.outbox', 'purge.fileLinks']) {
      expect(await runner.runOnce(job)).toMatchObject({ job, ran: true, outcome: expect.stringMatching(/^deleted \d+$/) })
    }

    expect((await Session.find({ tokenHash: /^purge:/ }).lean()).map((s) => s.tokenHash).sort()).toEqual(['purge:expired-recent', 'purge:live'])
    expect((await OneTimeCode.find({ codeHash: /^purge:/ }).lean()).map((c) => c.codeHash).sort()).toEqual(['purge:code-live', 'purge:code-used-recent'])
    expect((await Counter.find({ key: /^purge:/ }).lean()).map((c) => c.key).sort()).toEqual(['purge:fresh', 'purge:stale-but-locked'])
    expect((await SubscriptionCredit.find({ openid: 'o-purge' }).lean()).map((c) => c.usedBy).sort()).toEqual([null, 'purge:credit-recent'])
    expect((await Outbox.find({ key: /^purge:/ }).lean()).map((r) => r.key).sort()).toEqual(['purge:dead-old', 'purge:sent-recent'])
    expect((await FileLink.find({ tokenHash: /^purge:/ }).lean()).map((l) => l.tokenHash)).toEqual(['purge:link-recent'])

    // Idempotent: running again deletes nothing more.
    expect(await runner.runOnce('purge.sessions')).toMatchObject({ outcome: 'deleted 0' })
  })
})

describe('runServer and JOBS_ENABLED', () => {
  const config = (JOBS_ENABLED: string) =>
    loadConfig({ MONGODB_URI: a.databaseUri, PORT: '0', LOG_LEVEL: 'silent', WECHAT_API_BASE: a.wechat.baseUrl, JOBS_ENABLED })

  test('on by default: the server starts its runner, and close() stops it before the database closes', async () => {
    const server = await runServer(config('true'), silent)
    try {
      expect(server.jobs?.instanceId).toMatch(/:\d+:[0-9a-f]{6}$/)
      expect(await server.jobs!.runOnce('purge.counters')).toMatchObject({ ran: true })
    } finally {
      await server.close()
    }
    expect(await lease('purge.counters')).toMatchObject({ holder: null, lastRunBy: server.jobs!.instanceId })
  })

  test('JOBS_ENABLED=false: no runner, the instance only serves requests', async () => {
    const server = await runServer(config('false'), silent)
    try {
      expect(server.jobs).toBeUndefined()
      expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200)
    } finally {
      await server.close()
    }
  })
})
