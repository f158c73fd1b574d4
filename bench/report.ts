/** One printed line of the bench: a measured route or step, and its verdict. */
export interface Row {
  name: string
  reqPerSec: number
  p50: number
  p99: number
  /** The baseline's figures in the same run, when the row is measured against it. */
  baseline?: { reqPerSec: number; p99: number }
  non2xx: number
  errors: number
  /** The server's resident memory right after the row was measured, bytes. */
  rss: number
  verdict: 'PASS' | 'FAIL' | 'INFO'
  /** Why it failed, or what else to know. */
  note?: string
}

/** The issue's bar for a public read (done at ≥ 0.5× the baseline's req/s and p99 ≤ 2× its p99) and its goal. */
export const READ_TARGET = { minRatio: 0.5, maxP99Ratio: 2 }
export const READ_GOAL = { minRatio: 0.7, maxP99Ratio: 1.5 }

/**
 * A read's verdict against the baseline. The p99 bar is 2× the baseline's p99 with autocannon's
 * 1 ms resolution as the floor, so a baseline p99 of 1 ms does not demand 2 ms to the microsecond.
 */
export function readVerdict(server: { reqPerSec: number; p99: number; non2xx: number; errors: number }, baseline: { reqPerSec: number; p99: number }): Pick<Row, 'verdict' | 'note'> {
  const problems: string[] = []
  const ratio = server.reqPerSec / baseline.reqPerSec
  if (ratio < READ_TARGET.minRatio) problems.push(`req/s ${ratio.toFixed(2)}× < ${READ_TARGET.minRatio}×`)
  const p99Bar = Math.max(baseline.p99, 1) * READ_TARGET.maxP99Ratio
  if (server.p99 > p99Bar) problems.push(`p99 ${server.p99} ms > ${p99Bar} ms`)
  if (server.non2xx > 0) problems.push(`${server.non2xx} non-2xx answers`)
  if (server.errors > 0) problems.push(`${server.errors} errors`)
  if (problems.length) return { verdict: 'FAIL', note: problems.join('; ') }
  const goal = ratio >= READ_GOAL.minRatio && server.p99 <= Math.max(baseline.p99, 1) * READ_GOAL.maxP99Ratio
  return { verdict: 'PASS', note: goal ? 'meets the goal (≥ 0.7×, p99 ≤ 1.5×)' : 'below the goal (≥ 0.7×, p99 ≤ 1.5×)' }
}

const pad = (s: string, n: number, right = false) => (right ? s.padStart(n) : s.padEnd(n))
const mb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : '?')

/** The table the bench prints (and the README copies). */
export function formatRows(rows: Row[]): string {
  const header = ['route', 'req/s', 'p50', 'p99', 'baseline req/s', 'baseline p99', 'ratio', 'p99 ratio', 'non-2xx', 'RSS', 'verdict']
  const lines = rows.map((r) => [
    r.name,
    r.reqPerSec.toFixed(0),
    `${r.p50} ms`,
    `${r.p99} ms`,
    r.baseline ? r.baseline.reqPerSec.toFixed(0) : '—',
    r.baseline ? `${r.baseline.p99} ms` : '—',
    r.baseline ? `${(r.reqPerSec / r.baseline.reqPerSec).toFixed(2)}×` : '—',
    r.baseline ? `${(r.p99 / Math.max(r.baseline.p99, 1)).toFixed(2)}×` : '—',
    String(r.non2xx + r.errors),
    mb(r.rss),
    r.verdict,
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => pad(c, widths[i]!, i > 0 && i < cells.length - 1)).join(' | ')} |`
  const out = [fmt(header), `|${widths.map((w, i) => (i > 0 && i < widths.length - 1 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...lines.map(fmt)]
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.name}: ${r.verdict} — ${r.note}`)
  return [...out, '', ...notes].join('\n')
}
