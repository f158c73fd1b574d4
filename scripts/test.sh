#!/usr/bin/env bash
# `npm test`: installs what the tests need, builds both mini-program targets, runs every Jest
# project (unit, api, e2e, build) and ends with one plain line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
results=test/artifacts/jest-results.json
mkdir -p test/artifacts
rm -f "$results"

fail_early() {
  echo "✘ $1" >&2
  echo "0 passed, 1 failed"
  exit 1
}

bash scripts/ensure-deps.sh --browser || fail_early "installing dependencies failed"

for target in h5 weapp; do
  start=$(date +%s)
  echo "▶ Building the $target target…"
  npm run --silent "build:$target" -w miniapp > "test/artifacts/build-$target.log" 2>&1 \
    || { tail -40 "test/artifacts/build-$target.log" >&2; fail_early "the $target build failed (test/artifacts/build-$target.log)"; }
  echo "✔ $target built in $(( $(date +%s) - start )) s"
done

# A hung run must not eat CI's time: Jest gets 20 minutes.
timeout 1200 node_modules/.bin/jest --ci --json --outputFile="$results" "$@"
jest_rc=$?
node scripts/jest-summary.mjs "$results"
summary_rc=$?
[ $jest_rc -eq 0 ] && [ $summary_rc -eq 0 ]
