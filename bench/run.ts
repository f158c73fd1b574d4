import { cpus } from 'node:os'
import { startEnvironment } from './environment'
import { LOAD } from './measure'
import { formatRows, type Row } from './report'
import { publicReads } from './scenarios/publicReads'
import { aggregation } from './aggregation'
import { similarityScenario } from './similarity'
import { objectionsScenario } from './objections'
import { registrationsScenario } from './registrations'
import type { Scenario } from './scenarios/types'

/** What `npm run bench` measures, in order. Later issues add theirs here. */
// BENCH_SCENARIO=objection runs only the scenarios whose name contains it.
const SCENARIOS: Scenario[] = [publicReads(), aggregation(), similarityScenario(), objectionsScenario(), registrationsScenario()].filter((s) => !process.env.BENCH_SCENARIO || s.name.includes(process.env.BENCH_SCENARIO))

/**
 * `npm run bench` (after `npm run build:server`): starts the environment (bench/environment.ts), runs
 * every scenario, prints one table with a verdict per row, stops everything it started, and exits 1
 * when a row FAILs.
 */
async function main() {
  console.log(`▶ Starting ${process.env.MONGODB_URI ? 'on a database of its own in MONGODB_URI' : 'the embedded database'}, the compiled server and the baseline…`)
  const { env, stop } = await startEnvironment(async (server) => {
    const urls: string[] = []
    for (const s of SCENARIOS) urls.push(...((await s.baselineUrls?.(server)) ?? []))
    return urls
  })
  const interrupted = () => {
    console.error('\ninterrupted: stopping what the bench started')
    void stop().then(() => process.exit(130))
  }
  process.once('SIGINT', interrupted)
  process.once('SIGTERM', interrupted)

  const rows: Row[] = []
  try {
    console.log(`▶ ${LOAD.connections} connections, ${LOAD.seconds} s per target in ${LOAD.rounds} alternating rounds, ${cpus().length} CPUs shared by load generator, server, database and baseline`)
    for (const scenario of SCENARIOS) {
      console.log(`▶ ${scenario.name}`)
      rows.push(...(await scenario.run(env)))
    }
  } finally {
    await stop()
  }
  console.log(`\n${formatRows(rows)}`)
  const failed = rows.filter((r) => r.verdict === 'FAIL')
  console.log(failed.length ? `\n✘ ${failed.length} of ${rows.length} FAIL` : `\n✔ all ${rows.length} PASS`)
  return failed.length ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`✘ bench failed: ${err instanceof Error ? err.stack : err}`)
    process.exit(1)
  },
)
