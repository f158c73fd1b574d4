import type { BenchEnv } from '../environment'
import type { Row } from '../report'

/**
 * One thing `npm run bench` measures. Public reads come with the baseline; a later burst (objection
 * filings, registrations) or an aggregation brings its own `run` and rows. Add a scenario to
 * `SCENARIOS` in bench/run.ts.
 */
export interface Scenario {
  name: string
  /** URLs (path and query) the baseline must answer with the server's own bytes, resolved once the server is up. */
  baselineUrls?(server: string): Promise<string[]>
  run(env: BenchEnv): Promise<Row[]>
}
