#!/usr/bin/env bash
# Sums the garbage collections of the runner's services from their GC logs: start the platform (or a benchmark)
# with SMARTLINK_GC_LOG=1, which writes .smartlink/logs/gc/<name>-<pid>.log, then
#
#   bench/gc-summary.sh [from to]     from/to: Unix time in seconds (decimals allowed), default: all of each log
#
# Per service instance: young and full collections, their summed pause, the longest pause, and the pause as a
# share of one core over the window (the runner's services use the serial collector, so a pause is CPU time of
# one core and stops every request of that JVM). Prints nothing but the table; reads only the logs.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=$ROOT/.smartlink/logs/gc   # where scripts/smartlink/java.sh writes them ($LOGS/gc)
FROM=${1:-0}
TO=${2:-0}
[[ $FROM =~ ^[0-9]+(\.[0-9]+)?$ && $TO =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "usage: $0 [from to] (Unix seconds)" >&2; exit 2; }
compgen -G "$DIR/*.log" > /dev/null || { echo "no GC logs in $DIR: start with SMARTLINK_GC_LOG=1" >&2; exit 1; }

# a line: [12.345s][1733450000123ms] GC(3) Pause Young (Allocation Failure) 20M->5M(60M) 3.456ms
awk -v from="$FROM" -v to="$TO" '
  FNR == 1 { f = FILENAME; sub(/.*\//, "", f); sub(/\.log$/, "", f); files[f] = 1 }
  / Pause / {
    match($0, /\[[0-9]+ms\]/); t = substr($0, RSTART + 1, RLENGTH - 4) / 1000
    if (from > 0 && (t < from || t > to)) next
    if (!(f in first) || t < first[f]) first[f] = t
    if (t > last[f]) last[f] = t
    ms = $NF; sub(/ms$/, "", ms); ms += 0
    if ($0 ~ /Pause Full/) { full[f]++ } else { young[f]++ }
    pause[f] += ms; if (ms > worst[f]) worst[f] = ms
  }
  END {
    for (f in files) {
      span = (from > 0) ? to - from : last[f] - first[f]
      share = (span > 0) ? sprintf("%.1f", pause[f] / 10 / span) : "-"
      printf "%-34s %7d %6d %11.0f %10.1f %11s\n", f, young[f], full[f], pause[f], worst[f], share
    }
  }' "$DIR"/*.log | sort | { printf "%-34s %7s %6s %11s %10s %11s\n" "process (name-pid)" "young" "full" "pause (ms)" "max (ms)" "% of a core"; cat; }
