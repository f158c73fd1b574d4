// Prints Jest's own counts, summed over the result files given (one per Jest process of `npm test`),
// as the plain closing line CI reads; exits non-zero on any failure. A missing file (Jest crashed,
// or its lane never started because a build failed) counts as one failure, as does a file whose run
// did not succeed or ran no test.
import { existsSync, readFileSync } from 'node:fs'

const files = process.argv.slice(2)
let passed = 0
let failed = files.length === 0 ? 1 : 0
let skipped = 0
for (const file of files) {
  if (!existsSync(file)) {
    failed += 1
    continue
  }
  const r = JSON.parse(readFileSync(file, 'utf8'))
  // A suite that failed to run (syntax error, failing hook) has no failed tests of its own: count it.
  const brokenSuites = r.testResults.filter((s) => s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed')).length
  const failedHere = r.numFailedTests + brokenSuites
  passed += r.numPassedTests
  // A run that failed for a reason of its own (a failing globalSetup, no test found) counts once.
  failed += failedHere > 0 || (r.success && r.numPassedTests > 0) ? failedHere : 1
  skipped += r.numPendingTests + r.numTodoTests
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)
