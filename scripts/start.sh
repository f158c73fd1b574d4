#!/usr/bin/env bash
# `npm start`: install what is missing, then start the embedded database (with demo data), the
# server and the H5 build, and print the URLs. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
exec node_modules/.bin/tsx scripts/start.ts "$@"
