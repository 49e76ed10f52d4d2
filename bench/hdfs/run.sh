#!/usr/bin/env bash
# The HDFS reference (issue #16's yardstick): HDFS 3.4.3 in one JVM (MiniDFSCluster, 3 DataNodes on
# loopback; 4 for re-replication), built out-of-tree with mvn -q (the first build fetches ~110 MB of
# Hadoop jars from Maven Central into ~/.m2) and run. Not part of the root reactor; bench/compare-hdfs.sh
# runs it beside bench/storage.sh and prints the ratios.
# Output: per-iteration lines, RESULT lines, and as the last line one "SUMMARY ..." line.
#   ./run.sh                 # 1 warm-up + 3 measured iterations, 3 re-replication trials
#   ITERS=5 WARMUPS=1 RERP=3 ./run.sh
# Env: JAVA_HOME (default: JDK 17), HEAP (default 3g), KEEP_LOG=1 keeps the Hadoop log.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ITERS="${ITERS:-3}"
WARMUPS="${WARMUPS:-1}"
RERP="${RERP:-3}"
HEAP="${HEAP:-3g}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

WORK="$(mktemp -d -t hdfs-anchor.XXXXXX)"
JPID=""
cleanup() {
  local rc=$?
  if [[ -n "$JPID" ]] && kill -0 "$JPID" 2>/dev/null; then
    kill "$JPID" 2>/dev/null || true
    sleep 2
    kill -9 "$JPID" 2>/dev/null || true
  fi
  if [[ $rc -ne 0 && -f "$WORK/hadoop.log" ]]; then
    echo "---- last 40 lines of Hadoop log ----" >&2
    tail -n 40 "$WORK/hadoop.log" >&2 || true
  fi
  if [[ "${KEEP_LOG:-0}" == 1 && -f "$WORK/hadoop.log" ]]; then
    cp "$WORK/hadoop.log" "${TMPDIR:-/tmp}/hdfs-anchor-hadoop-$$.log" && echo "hadoop log kept beside the temp dirs" >&2
  fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Build out-of-tree so the source directory never gets a target/ folder.
mkdir -p "$WORK/proj"
cp -r "$HERE/pom.xml" "$HERE/src" "$WORK/proj/"
T0=$(date +%s)
mvn -q -f "$WORK/proj/pom.xml" compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" >"$WORK/mvn.log" 2>&1 || { cat "$WORK/mvn.log" >&2; exit 1; }
T1=$(date +%s)
echo "build: $((T1 - T0)) s ($("$JAVA" -version 2>&1 | head -1))"

# Run (MiniDFSCluster data lives in $WORK/dfs; removed on exit). Hadoop logging (WARN+) -> hadoop.log
: >"$WORK/out.txt"
timeout 285 "$JAVA" -Xms"$HEAP" -Xmx"$HEAP" -XX:+AlwaysPreTouch -cp "$WORK/proj/target/classes:$(cat "$WORK/cp.txt")" \
  anchor.HdfsAnchor "$WORK/dfs" "$ITERS" "$WARMUPS" "$RERP" \
  >"$WORK/out.txt" 2>"$WORK/hadoop.log" &
JPID=$!
tail -n +1 -f --pid="$JPID" "$WORK/out.txt" | grep -v '^SUMMARY' || true
wait "$JPID"
JPID=""
T2=$(date +%s)
grep -q '^SUMMARY' "$WORK/out.txt" || { echo "no SUMMARY line" >&2; exit 1; }
echo "$(grep '^SUMMARY' "$WORK/out.txt") | build $((T1 - T0))s run $((T2 - T1))s"
