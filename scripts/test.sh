#!/usr/bin/env bash
# `npm test`: installs what the tests need, builds both mini-program targets, runs every Jest
# project (unit, api, e2e, build) and ends with one plain line: "N passed, N failed, N skipped".
#
# Two lanes run at once, so both cores work (each lane is one Jest process, its files one after
# another as before): the api project starts as soon as the packages are in, while the other lane
# builds h5 and weapp and then runs unit, e2e and build. The lanes share nothing: each Jest process
# starts its own embedded database and servers. The api lane prints as it goes; the other lane's
# output (test/artifacts/jest-browser.log) follows when both are done, then the one summary line
# over both. With arguments (`npm test -- --selectProjects unit`) everything runs in one Jest
# process after the builds, the arguments passed to it.
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
artifacts=test/artifacts
mkdir -p "$artifacts"
rm -f "$artifacts"/jest-results*.json "$artifacts/jest-browser.log"

fail_early() {
  echo "✘ $1" >&2
  echo "0 passed, 1 failed"
  exit 1
}

# schemathesis' venv (PyPI) needs only Python: fetched while npm ci runs. Its test installs it
# itself when this failed, and says why there.
bash scripts/ensure-schemathesis.sh > "$artifacts/schemathesis-install.log" 2>&1 &
schemathesis_pid=$!

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
wait "$schemathesis_pid" || echo "⚠ installing schemathesis failed ($artifacts/schemathesis-install.log); its test will try again" >&2

build() {
  local start
  start=$(date +%s)
  echo "▶ Building the $1 target…"
  if npm run --silent "build:$1" -w miniapp > "$artifacts/build-$1.log" 2>&1; then
    echo "✔ $1 built in $(( $(date +%s) - start )) s"
  else
    tail -40 "$artifacts/build-$1.log" >&2
    echo "✘ the $1 build failed ($artifacts/build-$1.log)" >&2
    return 1
  fi
}

# A hung run must not eat CI's time: each Jest process gets 20 minutes. Each lane is one process that
# runs its files one after another (one worker on 2 cores runs in band), and what the files leave behind
# adds up: the api lane passed Node's default 4 GB heap after ~60 files (measured, "heap out of memory"),
# so the heap may grow to 8 GB of the machine's 24.
run_jest() {
  local results=$1
  shift
  NODE_OPTIONS="--max-old-space-size=8192 ${NODE_OPTIONS:-}" timeout 1200 ${fake[@]+"${fake[@]}"} node_modules/.bin/jest --ci --json --outputFile="$results" "$@"
}

[ ${#fake[@]} -gt 0 ] && echo "▶ Running the tests with the clock at $faked (ZLBG_FAKE_OFFSET=$ZLBG_FAKE_OFFSET)…"

if [ $# -gt 0 ]; then
  build h5 && build weapp || fail_early "a build failed"
  run_jest "$artifacts/jest-results.json" "$@"
  jest_rc=$?
  node scripts/jest-summary.mjs "$artifacts/jest-results.json"
  summary_rc=$?
  [ $jest_rc -eq 0 ] && [ $summary_rc -eq 0 ]
  exit
fi

api_pid= browser_pid=
# Ends a lane still running when this script is stopped (timeout passes the signal on to Jest).
trap 'kill $api_pid $browser_pid 2>/dev/null; exit 130' INT TERM

echo "▶ Lane 1: the api tests; lane 2: the builds, then the unit, e2e and build tests ($artifacts/jest-browser.log)"
# Jest's default workers (one on 2 cores): with two here the api lane ended sooner but the other lane
# did not, and schemathesis, which fuzzes for a fixed time per role, made a sixth to a half as many
# requests (measured).
run_jest "$artifacts/jest-results-api.json" --selectProjects api &
api_pid=$!

browser_rc=1
if build h5 && build weapp; then
  # In band: the e2e files share one server and database (globalSetup), so they never overlap.
  run_jest "$artifacts/jest-results-browser.json" --runInBand --selectProjects unit e2e build > "$artifacts/jest-browser.log" 2>&1 &
  browser_pid=$!
  wait "$browser_pid"
  browser_rc=$?
  browser_pid=
fi
wait "$api_pid"
api_rc=$?
api_pid=

if [ -f "$artifacts/jest-browser.log" ]; then
  echo "── unit, e2e and build ($artifacts/jest-browser.log) ──" >&2
  cat "$artifacts/jest-browser.log" >&2
fi
# A lane that left no results (a failed build, a crash) counts as one failure.
node scripts/jest-summary.mjs "$artifacts/jest-results-api.json" "$artifacts/jest-results-browser.json"
summary_rc=$?
[ $api_rc -eq 0 ] && [ $browser_rc -eq 0 ] && [ $summary_rc -eq 0 ]
