#!/usr/bin/env bash
# Copies the embedded database's jars (db/pom.xml) into db/lib, once per version of the pom.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=db/lib/.pom.sha1
want=$(sha1sum db/pom.xml | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then exit 0; fi
command -v mvn >/dev/null || { echo "缺少 Maven (mvn)：无法下载内嵌数据库 mongo-java-server 的 jar 包" >&2; exit 1; }
echo "Fetching the embedded database jars (mongo-java-server) with Maven…"
rm -rf db/lib
mvn -q -B -f db/pom.xml dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime
echo "$want" > "$stamp"
