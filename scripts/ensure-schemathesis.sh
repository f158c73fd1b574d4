#!/usr/bin/env bash
# Installs schemathesis (PyPI, pinned) into a git-ignored venv for the API contract test
# (test/api/schemathesis.test.ts). Safe to run again: does nothing when the pinned version is there.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
venv=.tools/schemathesis
if [ -x "$venv/bin/st" ] && "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('schemathesis') != '$SCHEMATHESIS_VERSION')" 2>/dev/null; then
  exit 0
fi
command -v python3 >/dev/null 2>&1 || { echo "缺少 python3：schemathesis 契约测试需要 Python 3.9 或更高版本" >&2; exit 1; }
echo "Installing schemathesis $SCHEMATHESIS_VERSION into $venv…"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
