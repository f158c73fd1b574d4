#!/usr/bin/env bash
# `npm test`: installs what the tests need, builds both mini-program targets, runs every Jest
# project (unit, api, e2e, build) and ends with one plain line: "N passed, N failed, N skipped".
#
# ZLBG_FAKE_OFFSET=+365d (`npm run test:next-year`; any libfaketime offset such as -30d or +2y, or a
# moment "@2027-01-16 09:00" turned into the offset from now) runs Jest and everything it starts —
# the server, the embedded database (Java) and Chromium — under Debian's faketime with the wall clock
# moved, so the suite shows it still passes then. An offset, never an absolute FAKETIME: each process
# would start its own clock at that moment, and the browser, the server and the database would
# disagree. Every clock moves by the same constant offset and runs at normal speed — the monotonic
# one too: with FAKETIME_DONT_FAKE_MONOTONIC=1 Chromium hung on every navigation (measured). File times
# stay real (NO_FAKE_STAT), so Jest's and webpack's caches are not fooled. The builds run on the real clock.
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

fake=()
if [ -n "${ZLBG_FAKE_OFFSET:-}" ]; then
  bash scripts/ensure-deps.sh --browser --faketime || fail_early "installing dependencies failed"
  offset=$ZLBG_FAKE_OFFSET
  if [ "${offset#@}" != "$offset" ]; then
    target=$(date -d "${offset#@}" +%s) || fail_early "ZLBG_FAKE_OFFSET=$ZLBG_FAKE_OFFSET: not a date"
    offset=$(( target - $(date +%s) ))
    [ "$offset" -ge 0 ] && offset="+$offset"
  fi
  export NO_FAKE_STAT=1
  faked=$(faketime -f "$offset" date -u '+%Y-%m-%d %H:%M UTC') && [ "$faked" != "$(date -u '+%Y-%m-%d %H:%M UTC')" ] \
    || fail_early "ZLBG_FAKE_OFFSET=$ZLBG_FAKE_OFFSET does not move the clock (try +365d)"
  fake=(faketime -f "$offset")
else
  bash scripts/ensure-deps.sh --browser || fail_early "installing dependencies failed"
fi

for target in h5 weapp; do
  start=$(date +%s)
  echo "▶ Building the $target target…"
  npm run --silent "build:$target" -w miniapp > "test/artifacts/build-$target.log" 2>&1 \
    || { tail -40 "test/artifacts/build-$target.log" >&2; fail_early "the $target build failed (test/artifacts/build-$target.log)"; }
  echo "✔ $target built in $(( $(date +%s) - start )) s"
done

[ ${#fake[@]} -gt 0 ] && echo "▶ Running the tests with the clock at $faked (ZLBG_FAKE_OFFSET=$ZLBG_FAKE_OFFSET)…"
# A hung run must not eat CI's time: Jest gets 20 minutes.
timeout 1200 ${fake[@]+"${fake[@]}"} node_modules/.bin/jest --ci --json --outputFile="$results" "$@"
jest_rc=$?
node scripts/jest-summary.mjs "$results"
summary_rc=$?
[ $jest_rc -eq 0 ] && [ $summary_rc -eq 0 ]
