#!/usr/bin/env bash
# Copies the embedded database's jars (db/pom.xml) into db/lib, once per version of the pom, and
# compiles the launcher (db/EmbeddedMongo.java) into db/lib/classes once per change of it: Java's
# source launcher would compile it again at every start of the engine (about 2 s of CPU each; a
# test run starts it seven times). scripts/db.ts falls back to the source when the class is missing
# or older than the source.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=db/lib/.pom.sha1
want=$(sha1sum db/pom.xml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  command -v mvn >/dev/null || { echo "缺少 Maven (mvn)：无法下载内嵌数据库 mongo-java-server 的 jar 包" >&2; exit 1; }
  echo "Fetching the embedded database jars (mongo-java-server) with Maven…"
  rm -rf db/lib
  mvn -q -B -f db/pom.xml dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime
  echo "$want" > "$stamp"
fi
# The JDK scripts/db.ts runs (JAVA_HOME's, else the PATH's); class files for Java 17, which it needs.
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac
class=db/lib/classes/EmbeddedMongo.class
if command -v "$javac" >/dev/null && { [ ! -f "$class" ] || [ db/EmbeddedMongo.java -nt "$class" ]; }; then
  rm -rf db/lib/classes
  "$javac" --release 17 -nowarn -d db/lib/classes -cp 'db/lib/*' db/EmbeddedMongo.java
fi
