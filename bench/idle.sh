#!/usr/bin/env bash
# Issue #16's idle figure: how much of the machine the whole platform keeps busy while nobody calls it (target:
# under 5 % of the two cores). A measurement: it prints figures and never fails on a number; it fails only when
# the platform does not start.
#
#   bench/idle.sh [seconds]        (default 60: the length of each measured window)
#
# Refuses to start while the platform's services run. `./smartlink up` (every service, storage nodes and
# booking-service instances as the runner is scaled; builds if sources changed), then BENCH_SETTLE s (600) for
# start-up work to end (the JIT, first registry fetches, Kafka's group joins: after 120 s the platform still took
# ~15 % of the machine, after 600 s 10-11 %, mostly JIT compilers gone quiet), then BENCH_WINDOWS (2) windows of
# [seconds] each. Per window: CPU per process from /proc (utime + stime of every thread, as % of one core; 200 % =
# this machine): each service JVM, Kafka, both Redis servers, every process named postgres summed, and "everything
# else" (the machine's busy time from /proc/stat minus ours: the kernel's own threads, other work).
# With BENCH_THREADS=n (0) the last window also prints, per process, its n busiest threads by name (threads of one
# name summed: "C2 CompilerThre", "DiscoveryClient", "kafka-coordinat"...; Linux keeps 15 characters of a name):
# where an idle JVM's time goes, which a sampling profiler misses (JIT compilers, the collector, the VM thread).
# At the end (also on failure or Ctrl-C) the services are stopped by pid, the infrastructure too unless it ran before.
#
# Knobs: BENCH_SETTLE, BENCH_WINDOWS, BENCH_THREADS. Talks to 127.0.0.1 only. Do not rebuild jars while it runs.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
ROOT=$PWD
SECONDS_PER_WINDOW=${1:-60}
SETTLE=${BENCH_SETTLE:-600}
WINDOWS=${BENCH_WINDOWS:-2}
THREADS=${BENCH_THREADS:-0}
TARGET_PCT=5
PIDS="$ROOT/.smartlink/pids"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

for n in "$SECONDS_PER_WINDOW" "$SETTLE" "$WINDOWS" "$THREADS"; do
  [[ $n =~ ^[0-9]+$ ]] || die "usage: bench/idle.sh [seconds]; BENCH_SETTLE, BENCH_WINDOWS, BENCH_THREADS are whole numbers"
done
(( SECONDS_PER_WINDOW >= 10 && SECONDS_PER_WINDOW <= 600 && SETTLE <= 1800 && WINDOWS >= 1 && WINDOWS <= 10 )) \
  || die "seconds 10..600, BENCH_SETTLE <= 1800, BENCH_WINDOWS 1..10"
[[ -x ./smartlink ]] || die "run from the repository (./smartlink)"

WORK=""
STARTED_PLATFORM=0
INFRA_WAS_UP=0
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if (( STARTED_PLATFORM )); then
    step "cleanup"
    leave_platform "$WORK"
  fi
  [[ -n $WORK && -d $WORK ]] && rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

refuse_running_platform
bench_start idle
info "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

step "platform: ./smartlink up (every service)"
port_open 5432 && port_open 6379 && port_open 9092 && INFRA_WAS_UP=1
STARTED_PLATFORM=1
t0=$(now)
timeout --kill-after=30 1800 ./smartlink up > "$WORK/up.log" 2>&1 || { tail -n 60 "$WORK/up.log"; die "./smartlink up failed"; }
info "up in $(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }') s; settling for $SETTLE s"
sleep "$SETTLE"

# the processes measured: "name pid" lines (the runner's JVMs, then Kafka and the two Redis servers)
procs() {
  platform_pids
  local name pid
  for name in kafka redis redis-cache; do
    pid=$(tr -dc '0-9' 2>/dev/null < "$PIDS/$name.pid" || true)
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && echo "$name $pid"
  done
  return 0
}
jiffies() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }   # utime + stime
postgres_jiffies() {   # every process named postgres, in one pass (a process may end while it is read)
  cat /proc/[0-9]*/stat 2>/dev/null | awk '/^[0-9]+ \(postgres\) / { sub(/^.*\) /, ""); t += $12 + $13 } END { print t + 0 }'
}
machine_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }   # user nice system irq softirq steal
HZ=$(getconf CLK_TCK)
CORES=$(nproc)
mapfile -t PROCS < <(procs)
(( ${#PROCS[@]} > 0 )) || die "no service of the runner is running"
info "${#PROCS[@]} processes: $(printf '%s\n' "${PROCS[@]}" | awk '{ print $1 }' | paste -sd' ')"

# "process tid thread-name jiffies" for every thread of the measured processes (names' spaces made "_")
thread_snapshot() {
  local line name pid
  for line in "${PROCS[@]}"; do
    read -r name pid <<< "$line"
    cat "/proc/$pid/task/"*/stat 2>/dev/null | awk -v p="$name" '{
      l = index($0, "("); r = match($0, /\) [A-Za-z] /); c = substr($0, l + 1, r - l - 1); gsub(/ /, "_", c)
      rest = substr($0, r + 2); split(rest, f, " "); print p, $1, c, f[12] + f[13] }'
  done
}

declare -A before after
for ((w = 1; w <= WINDOWS; w++)); do
  (( THREADS && w == WINDOWS )) && thread_snapshot > "$WORK/threads.before"
  before=()
  for line in "${PROCS[@]}"; do read -r name pid <<< "$line"; before[$name]=$(jiffies "$pid"); done
  pg0=$(postgres_jiffies); m0=$(machine_busy); t0=$(now)
  sleep "$SECONDS_PER_WINDOW"
  after=()
  for line in "${PROCS[@]}"; do read -r name pid <<< "$line"; after[$name]=$(jiffies "$pid"); done
  pg1=$(postgres_jiffies); m1=$(machine_busy); t1=$(now)
  (( THREADS && w == WINDOWS )) && thread_snapshot > "$WORK/threads.after"
  elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  step "window $w: ${elapsed%.*} s, % of one core ($((CORES * 100)) % = the machine)"
  {
    for line in "${PROCS[@]}"; do
      read -r name pid <<< "$line"
      echo "$name $(( after[$name] - before[$name] ))"
    done
    echo "postgres(all) $((pg1 - pg0))"
  } | awk -v hz="$HZ" -v s="$elapsed" -v busy="$((m1 - m0))" -v cores="$CORES" -v target="$TARGET_PCT" '
      { name[NR] = $1; j[NR] = $2; ours += $2 }
      END {
        n = NR
        for (i = 1; i <= n; i++) for (k = i + 1; k <= n; k++) if (j[k] > j[i]) {
          t = j[i]; j[i] = j[k]; j[k] = t; t = name[i]; name[i] = name[k]; name[k] = t }
        for (i = 1; i <= n; i++) printf "   %-28s %5.1f %%\n", name[i], 100 * j[i] / hz / s
        else_j = busy - ours; if (else_j < 0) else_j = 0
        printf "   %-28s %5.1f %%\n", "everything else", 100 * else_j / hz / s
        pct = 100 * ours / hz / s / cores
        printf "   %-28s %5.1f %% of one core = %.1f %% of the %d cores (target < %d %%: %s); the machine %.1f %%\n",
          "the platform", 100 * ours / hz / s, pct, cores, target, (pct < target ? "met" : "NOT met"), 100 * busy / hz / s / cores
        printf "RESULT window platform_pct_of_machine=%.2f\n", pct
      }'
done

if (( THREADS )); then
  step "window $WINDOWS by thread: each process's $THREADS busiest thread names, % of one core"
  awk '
    FNR == NR { b[$1 " " $2] = $4; next }
    { d = $4 - ($1 " " $2 in b ? b[$1 " " $2] : 0); if (d > 0) { t[$1 SUBSEP $3] += d; tot[$1] += d } }
    END {
      for (k in t) { split(k, x, SUBSEP); print tot[x[1]], x[1], t[k], x[2] }
    }' "$WORK/threads.before" "$WORK/threads.after" \
    | sort -k1,1nr -k2,2 -k3,3nr \
    | awk -v hz="$HZ" -v s="$elapsed" -v top="$THREADS" '
        $2 != p { if (p != "") print "   " line; p = $2; n = 0; line = sprintf("%-26s %5.1f %%:", $2, 100 * $1 / hz / s) }
        n < top { line = line sprintf(" %s %.1f,", $4, 100 * $3 / hz / s); n++ }
        END { if (p != "") print "   " line }'
fi
