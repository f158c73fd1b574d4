/**
 * Registrations under contention (issue 18, 第二十条): 500 members of 500 distinct listed organizations
 * register one attendee each for an event of 100 seats, all at once, and every tenth taps twice (the
 * same idempotency key, sent together). Checked afterwards on the database: exactly 100 confirmed and
 * 400 waitlisted, the seat counter at 100, one registration per member (none lost, none duplicated),
 * distinct places in line, every answer the stored registration. The members sign in from their own
 * addresses (X-Forwarded-For, TRUST_PROXY=true in bench/environment.ts); their organizations are made
 * listed in the bench's own process through the listing helpers, as publication does.
 */
import mongoose from 'mongoose'
import { EventInputSchema, inShanghai } from '@zlbg/shared'
import { eventStepper } from '../server/src/commands/events/eventStepper'
import { eventCreator } from '../server/src/commands/events/eventWriter'
import { ensureListedOrganization, refreshListedOrganization } from '../server/src/commands/listing/listedRecords'
import type { Actor } from '../server/src/policies'
import type { BenchEnv } from './environment'
import { addressOf, pool } from './objections'
import { load, LOAD } from './measure'
import { readVerdict, type Row } from './report'
import type { Scenario } from './scenarios/types'

export const REGISTRANTS = Number(process.env.BENCH_REGISTRANTS ?? 500)
export const SEATS = Number(process.env.BENCH_SEATS ?? 100)
const DAY = 86_400_000

/** An event of SEATS seats for last year's listed organizations, open for registration now. */
async function openEvent(env: BenchEnv, year: number): Promise<string> {
  const office: Actor = { displayName: 'bench', roles: ['office'], organizationIds: [], userId: new mongoose.Types.ObjectId().toHexString() }
  const now = Date.now()
  const at = (ms: number) => new Date(now + ms).toISOString()
  const input = EventInputSchema.parse({
    title: `基准测试交流会 ${new Date(now).toISOString().slice(11, 19)}`,
    description: '基准测试：500 位入选组织成员同时报名 100 个名额。',
    mode: 'offline',
    place: '基准测试会场',
    startsAt: at(10 * DAY),
    endsAt: at(10 * DAY + 4 * 3600_000),
    registrationOpensAt: at(-DAY),
    registrationClosesAt: at(8 * DAY),
    cancellationDeadline: at(9 * DAY),
    capacity: SEATS,
    listedYears: [year],
  })
  const event = await eventCreator({ models: env.db.models, actor: office, input })
  await eventStepper({ models: env.db.models, actor: office, id: event._id.toHexString(), step: 'publish' })
  return event._id.toHexString()
}

/** The public list of events, read while the burst claims its seats (each claim changes the `events` stamp). */
const READ_PATH = '/api/events?page=1&pageSize=10'

export function registrationsScenario(): Scenario {
  return {
    name: 'event registrations',
    async baselineUrls() {
      return [READ_PATH]
    },
    async run(env) {
      const models = env.db.models
      const tag = Date.now().toString(36)
      const year = inShanghai(new Date()).year() - 1
      // Sign everyone in and make their organizations listed first (not measured).
      const members: { token: string; ip: string; organizationId: string }[] = new Array(REGISTRANTS)
      await pool([...Array(REGISTRANTS).keys()], 50, async (i) => {
        const ip = addressOf(i + 1)
        const res = await fetch(`${env.server}/api/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify({ code: `reg${tag}u${i}.1` }) })
        if (!res.ok) throw new Error(`sign-in ${i}: HTTP ${res.status} ${await res.text()}`)
        const { token, me } = (await res.json()) as { token: string; me: { id: string } }
        const name = `基准入选组织${tag}-${i}`
        const org = await models.Organization.create({
          name,
          nameKey: `bench${tag}${i}`,
          nameReview: 'passed',
          members: [{ userId: new mongoose.Types.ObjectId(me.id), joinedAt: new Date(), founder: true }],
          createdBy: new mongoose.Types.ObjectId(me.id),
        })
        const listed = await ensureListedOrganization(models, { name, organizationId: org._id })
        await models.ListedExperience.create({ key: `bench:${tag}:${i}`, year, source: 'import', state: 'listed', listedOrganizationId: listed._id, organizationName: name, title: '基准测试典型经验', organizationId: org._id })
        await refreshListedOrganization(models, listed._id)
        members[i] = { token, ip, organizationId: org._id.toHexString() }
      })
      const eventId = await openEvent(env, year)
      console.log(`  ${REGISTRANTS} members of listed organizations signed in; an event of ${SEATS} seats open`)

      const body = (i: number) =>
        JSON.stringify({
          idempotencyKey: `bench-${tag}-${i}`,
          organizationId: members[i]!.organizationId,
          attendees: [{ name: `参会人${i}`, title: '质量经理', phone: `137${String(i).padStart(8, '0')}` }],
        })
      const register = async (i: number) => {
        const res = await fetch(`${env.server}/api/events/${eventId}/registrations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${members[i]!.token}`, 'x-forwarded-for': members[i]!.ip },
          body: body(i),
        })
        return { status: res.status, body: (await res.json()) as { items?: { id: string; state: string }[]; error?: { code: string } } }
      }

      const baseline = await load(env.baseline + READ_PATH, { ownThread: true })
      const answers: Awaited<ReturnType<typeof register>>[][] = Array.from({ length: REGISTRANTS }, () => [])
      const latencies: number[] = []
      const started = performance.now()
      const reading = load(env.server + READ_PATH, { seconds: LOAD.seconds, ownThread: true })
      // All at once: every member's request in flight together; every tenth twice with the same key.
      await Promise.all(
        [...Array(REGISTRANTS).keys()].map(async (i) => {
          const t0 = performance.now()
          const tries = i % 10 === 0 ? await Promise.all([register(i), register(i)]) : [await register(i)]
          latencies.push(performance.now() - t0)
          answers[i]!.push(...tries)
        }),
      )
      const seconds = (performance.now() - started) / 1000
      const read = await reading

      const stored = await models.Registration.find({ eventId: new mongoose.Types.ObjectId(eventId) }, { idempotencyKey: 1, state: 1, waitSeq: 1 }).lean()
      const event = await models.Event.findById(eventId, { seats: 1 }).lean()
      const problems: string[] = []
      const confirmed = stored.filter((r) => r.state === 'confirmed').length
      const waitlisted = stored.filter((r) => r.state === 'waitlisted').length
      if (confirmed !== SEATS) problems.push(`${confirmed} confirmed for ${SEATS} seats`)
      if (waitlisted !== REGISTRANTS - SEATS) problems.push(`${waitlisted} waitlisted, expected ${REGISTRANTS - SEATS}`)
      if (stored.length !== REGISTRANTS) problems.push(`${stored.length} registrations stored for ${REGISTRANTS} members`)
      if (event?.seats.listed !== SEATS) problems.push(`seat counter at ${event?.seats.listed}`)
      const seqs = stored.filter((r) => r.state === 'waitlisted').map((r) => r.waitSeq)
      if (new Set(seqs).size !== seqs.length || seqs.some((s) => s === undefined)) problems.push('places in line repeat or are missing')
      const failed = answers.flat().filter((a) => a.status !== 201)
      if (failed.length) problems.push(`${failed.length} answers not 201 (${[...new Set(failed.map((f) => f.body.error?.code ?? f.status))].join(', ')})`)
      const byKey = new Map(stored.map((r) => [r.idempotencyKey.split(':').slice(1, -1).join(':'), r]))
      let mismatched = 0
      answers.forEach((tries, i) => {
        const doc = byKey.get(`bench-${tag}-${i}`)
        if (!doc || tries.some((a) => a.body.items?.[0]?.id !== doc._id.toHexString())) mismatched++
      })
      if (mismatched) problems.push(`${mismatched} members' answers do not match the database`)

      latencies.sort((a, b) => a - b)
      const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0)
      const requests = answers.flat().length
      console.log(
        `  ${REGISTRANTS} registrations (+${requests - REGISTRANTS} retries) in ${seconds.toFixed(1)} s: ${confirmed} confirmed, ${waitlisted} waitlisted, counter ${event?.seats.listed}, p99 ${pct(0.99)} ms${problems.length ? ` — ${problems.join('; ')}` : ', none lost or duplicated'}`,
      )
      const row: Row = {
        name: `POST /api/events/:id/registrations ×${REGISTRANTS} for ${SEATS} seats (+${requests - REGISTRANTS} retries)`,
        reqPerSec: requests / seconds,
        p50: pct(0.5),
        p99: pct(0.99),
        non2xx: failed.length,
        errors: 0,
        rss: env.serverProcess.rss(),
        verdict: problems.length ? 'FAIL' : 'PASS',
        note: problems.length ? problems.join('; ') : `exactly ${SEATS} confirmed, ${REGISTRANTS - SEATS} waitlisted in distinct places, none lost or duplicated`,
      }
      console.log(`  ${READ_PATH} during the burst: ${read.reqPerSec.toFixed(0)} req/s (baseline ${baseline.reqPerSec.toFixed(0)}), p99 ${read.p99} ms (baseline ${baseline.p99} ms)`)
      return [
        row,
        {
          name: `GET ${READ_PATH} during the registrations`,
          ...read,
          baseline: { reqPerSec: baseline.reqPerSec, p99: baseline.p99 },
          rss: env.serverProcess.rss(),
          ...readVerdict(read, baseline),
        },
      ]
    },
  }
}
