// Prints Jest's own counts as the plain closing line CI reads; exits non-zero on any failure or
// when Jest left no results (it crashed, or ran no test).
import { existsSync, readFileSync } from 'node:fs'

const file = process.argv[2]
if (!file || !existsSync(file)) {
  console.log('0 passed, 1 failed')
  process.exit(1)
}
const r = JSON.parse(readFileSync(file, 'utf8'))
// A suite that failed to run (syntax error, failing hook) has no failed tests of its own: count it.
const brokenSuites = r.testResults.filter((s) => s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed')).length
const failed = r.numFailedTests + brokenSuites
const skipped = r.numPendingTests + r.numTodoTests
console.log(`${r.numPassedTests} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || r.numPassedTests === 0 || !r.success ? 1 : 0)
