#!/usr/bin/env bash
# Installs what the project needs, only when missing or out of date: npm packages, the embedded
# database jars, and (for tests) Debian's chromium (--browser) and faketime (--faketime, for the
# suite run with the clock moved: ZLBG_FAKE_OFFSET). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1 || { echo "缺少 $1：$2" >&2; exit 1; }; }
need node "请安装 Node.js 20.11 或更高版本"
need npm "请安装 npm"
need java "内嵌数据库需要 Java 17（或设置 MONGODB_URI 使用真实 MongoDB）"
need mvn "需要 Maven 下载内嵌数据库的 jar 包"

# The database jars (Maven) come while npm ci runs: neither needs the other.
bash scripts/db-jars.sh &
jars=$!

stamp=node_modules/.zlbg-lock.sha1
want=$(sha1sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing npm packages (npm ci)…"
  # The lockfile pins every version and its integrity, so packages already in npm's cache are taken
  # from it without asking the registry again (thousands of round trips on this network). A cached
  # registry entry older than a version the lockfile names makes that attempt fail: then online.
  npm ci --no-audit --no-fund --loglevel=error --prefer-offline \
    || { echo "npm ci from the cache failed: again, asking the registry…"; npm ci --no-audit --no-fund --loglevel=error; }
  echo "$want" > "$stamp"
fi

wait "$jars"

apt_install() {
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}

for flag in "$@"; do
  case "$flag" in
    --browser)
      if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then
        echo "Installing Debian's chromium and a Chinese font for the browser tests…"
        apt_install chromium fonts-wqy-microhei
      fi
      ;;
    --faketime)
      if ! command -v faketime >/dev/null 2>&1; then
        echo "Installing Debian's faketime (libfaketime) to run the tests with the clock moved…"
        apt_install faketime
      fi
      ;;
    *) echo "ensure-deps.sh: unknown option $flag" >&2; exit 2 ;;
  esac
done
