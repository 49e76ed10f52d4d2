#!/usr/bin/env bash
# Issue #5's search benchmark, measured in one run on this machine (a measurement, not a test: it prints
# figures with the issue's targets next to them and never fails on a number; it fails when a step breaks).
#
#   bench/search.sh [vehicles]        (default 10000)
#
# Anonymous GET /api/vehicles through the gateway (127.0.0.1:8080) by BENCH_CLIENTS concurrent clients
# (100), each sending its next search as soon as the last one answered (closed loop, no think time), on a
# catalogue of [vehicles] bookable vehicles in 50 cities of 5 countries:
#   JIT warm-up   BENCH_WARMUP s (20) of mixed traffic without think time (for the JIT), not a result
#   COLD          BENCH_SECONDS s (45): every search one never asked before (its dates are unique per
#                 request), so each one is a cache miss and a database query (checked with the counters)
#   warm set      BENCH_QUERIES (200) fixed searches asked once each (filling the cache)
#   WARM          BENCH_SECONDS s: those searches over and over (entries expire after the 30 s TTL and are
#                 filled again: the hit ratio counts that)
# Searches: 55 % by city, 25 % within 10/25/50 km of a point, 20 % by country with a price cap; all with
# from/to dates (1-14 days), some with price/transmission/seats/fuel/make filters, other sorts or page 1-2.
# Per phase: requests, requests/s, p50/p99/max latency as the client sees it, errors (anything but a 200
# result page), the cache hit ratio from vehicle-service's smartlink_cache_requests_total{cache="search"}
# deltas, the database query timer (smartlink_vehicles_search_query_seconds) and CPU per process (from
# /proc; "everything else" is the rest of the machine, e.g. other builds). The load generator is a small
# Java program (bench/search/SearchLoad.java, run from source) on the same 2 cores: its CPU is listed too.
#
# Setup: refuses to start while the platform's services run (they would lack the benchmark configuration;
# stop them with ./smartlink down). Then `./smartlink up` (builds if sources changed) with, in its
# environment (the runner hands it to every service):
#   SMARTLINK_RATE_LIMIT_RATE / _BURST = BENCH_RATE_LIMIT (1000000): the gateway's per-client limit (50/s,
#   burst 100) would otherwise answer 429 to 100 clients sharing 127.0.0.1
# The catalogue is written with SQL straight into vehicle-service's database once its Flyway migration ran
# (bench/search/seed.sql as role `vehicles`, password VEHICLES_DB_PASSWORD of .smartlink/secrets.env): the
# vehicles of 100 benchmark partners (ids b5ea0c00-…), ~1 blackout per 3 vehicles, 3 bookings per vehicle
# in the booking projection, a cover photo row for 70 %. At the end (also on failure or Ctrl-C) it deletes
# exactly those rows (bench/search/cleanup.sql), stops the services it started (PostgreSQL, Redis and Kafka
# too when they were not running before: ./smartlink down) and removes its temp dir. Cache entries it
# leaves in Redis expire within 30 s.
#
# Knobs: BENCH_CLIENTS, BENCH_SECONDS, BENCH_WARMUP, BENCH_QUERIES (above), BENCH_THINK_MS (0; the mean pause
# after each answer, per client, each drawn from 0.5-1.5 x it so clients do not move in lockstep; and each
# client's first search of a phase at a random moment within the first BENCH_THINK_MS, not all at once), BENCH_RATE_LIMIT. Needs bash, curl, psql, a JDK 17+ (as ./smartlink).
# ~5 min plus the platform's start. Talks to 127.0.0.1 only. Do not rebuild jars while it runs.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
ROOT=$PWD
VEHICLES=${1:-10000}
CLIENTS=${BENCH_CLIENTS:-100}
PHASE_SECONDS=${BENCH_SECONDS:-45}
WARMUP=${BENCH_WARMUP:-20}
QUERIES=${BENCH_QUERIES:-200}
THINK_MS=${BENCH_THINK_MS:-0}
RATE_LIMIT=${BENCH_RATE_LIMIT:-1000000}
GATEWAY=http://127.0.0.1:8080
METRICS=http://127.0.0.1:8082/actuator/prometheus
PIDS="$ROOT/.smartlink/pids"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
SECRETS="$ROOT/.smartlink/secrets.env"
HERE="$ROOT/bench/search"

secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

if [[ ! $VEHICLES =~ ^[1-9][0-9]*$ ]] || (( VEHICLES > 1000000 )); then die "usage: bench/search.sh [vehicles]   (1 .. 1000000)"; fi
for n in "$CLIENTS" "$PHASE_SECONDS" "$WARMUP" "$QUERIES" "$THINK_MS" "$RATE_LIMIT"; do
  [[ $n =~ ^[0-9]+$ ]] || die "BENCH_* knobs are whole numbers"
done
(( CLIENTS >= 1 && PHASE_SECONDS >= 5 && QUERIES >= 1 )) || die "BENCH_CLIENTS >= 1, BENCH_SECONDS >= 5, BENCH_QUERIES >= 1"
for tool in curl psql awk timeout mktemp; do command -v "$tool" >/dev/null || die "$tool is needed"; done
[[ -x ./smartlink && -f $HERE/SearchLoad.java && -f $HERE/seed.sql && -f $HERE/cleanup.sql && -f $HERE/cities.csv ]] \
  || die "run from the repository (./smartlink, bench/search/)"

# ----------------------------------------------------------------- state for cleanup --
WORK=""
STARTED_PLATFORM=0
INFRA_WAS_UP=0
SEEDED=0


secret() { sed -n "s/^$1=//p" "$SECRETS" | head -n 1; }
vsql() {   # SQL as vehicle-service's role, on its database
  PGPASSWORD=$(secret VEHICLES_DB_PASSWORD) PGCONNECT_TIMEOUT=10 \
    psql -h 127.0.0.1 -p 5432 -U vehicles -d vehicles -X -q -v ON_ERROR_STOP=1 "$@"
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if (( STARTED_PLATFORM )); then
    step "cleanup"
    if (( SEEDED )); then
      if vsql -f "$HERE/cleanup.sql" > "$WORK/cleanup.log" 2>&1; then
        info "the benchmark's vehicles, blackouts, bookings, photo rows and partners deleted"
      else
        tail -n 5 "$WORK/cleanup.log"; info "deleting the benchmark's rows failed: run bench/search/cleanup.sql as role vehicles"
      fi
    fi
    leave_platform "$WORK"
  fi
  [[ -n $WORK && -d $WORK ]] && rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------------------------ setup --
refuse_running_platform
for port in 8080 8082; do
  ! port_open "$port" || die "something not started by this checkout's ./smartlink listens on 127.0.0.1:$port: stop it first"
done
bench_start search
info "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# ------------------------------------------------------------------- the platform --
step "platform: ./smartlink up with the gateway's rate limit raised to $RATE_LIMIT/s (burst $RATE_LIMIT)"
port_open 5432 && port_open 6379 && port_open 9092 && INFRA_WAS_UP=1
STARTED_PLATFORM=1
export SMARTLINK_RATE_LIMIT_RATE=$RATE_LIMIT SMARTLINK_RATE_LIMIT_BURST=$RATE_LIMIT
t0=$(now)
timeout --kill-after=30 1800 ./smartlink up > "$WORK/up.log" 2>&1 || { tail -n 60 "$WORK/up.log"; die "./smartlink up failed"; }
info "up in $(secs "$t0" "$(now)") s (build included when sources had changed)"
svc_pid() {   # svc_pid <service>: its pid, checked to be that service's jar
  local pid; pid=$(tr -dc '0-9' 2>/dev/null < "$PIDS/$1.pid" || true)
  [[ -n $pid && $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) == *"$1.jar"* ]] || die "$1 is not a process ./smartlink started ($PIDS/$1.pid)"
  echo "$pid"
}
GATEWAY_PID=$(svc_pid gateway-service)
VEHICLE_PID=$(svc_pid vehicle-service)
grep -qx "SMARTLINK_RATE_LIMIT_RATE=$RATE_LIMIT" < <(tr '\0' '\n' < "/proc/$GATEWAY_PID/environ") \
  || die "the gateway (pid $GATEWAY_PID) did not get SMARTLINK_RATE_LIMIT_RATE from ./smartlink up"
REDIS_PID=$(tr -dc '0-9' 2>/dev/null < "$PIDS/redis.pid" || true)
if [[ -z $REDIS_PID ]] || ! kill -0 "$REDIS_PID" 2>/dev/null; then REDIS_PID=$(pgrep -xo redis-server || true); fi
sample="gateway=$GATEWAY_PID,vehicle-service=$VEHICLE_PID"
[[ -n $REDIS_PID ]] && sample+=",redis=$REDIS_PID"
# the gateway finds vehicle-service through Eureka (load-balancer cache 5 s)
deadline=$(( $(date +%s) + 60 ))
until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$GATEWAY/api/vehicles?size=1") == 200 ]]; do
  (( $(date +%s) < deadline )) || die "GET $GATEWAY/api/vehicles does not answer 200 after 60 s"
  sleep 1
done
curl -fsS --max-time 5 -o "$WORK/metrics.txt" "$METRICS" || die "$METRICS does not answer"
grep -q '^smartlink_cache_requests_total{.*cache="search"' "$WORK/metrics.txt" \
  || die "$METRICS has no smartlink_cache_requests_total{cache=\"search\"}"
info "gateway pid $GATEWAY_PID, vehicle-service pid $VEHICLE_PID, redis pid ${REDIS_PID:-?}; search answers through the gateway"

# ------------------------------------------------------------------- the catalogue --
step "catalogue: $VEHICLES vehicles in 50 cities (SQL into the vehicles database, after vehicle-service's migration)"
[[ -n $(secret VEHICLES_DB_PASSWORD) ]] || die "no VEHICLES_DB_PASSWORD in $SECRETS"
[[ $(vsql -tA -c "select count(*) from flyway_schema_history where success") -ge 1 ]] \
  || die "vehicle-service's Flyway migration has not run on the vehicles database"
before=$(vsql -tA -c "select count(*) from vehicles where status = 'ACTIVE' and partner_verified")
SEEDED=1
t0=$(now)
vsql -v n="$VEHICLES" -f "$HERE/seed.sql" < "$HERE/cities.csv" > "$WORK/seed.log" 2>&1 || { tail -n 20 "$WORK/seed.log"; die "seeding failed"; }
read -r nv nb nbk nph < <(vsql -tA -F' ' -c "
  with b as (select id from vehicles where partner_id between 'b5ea0c00-0000-4000-8000-000000000000' and 'b5ea0c00-0000-4000-8000-ffffffffffff')
  select (select count(*) from b), (select count(*) from blackouts where vehicle_id in (select id from b)),
         (select count(*) from vehicle_bookings where vehicle_id in (select id from b)),
         (select count(*) from vehicle_photos where vehicle_id in (select id from b))")
(( nv == VEHICLES )) || die "seeded $nv vehicles, expected $VEHICLES"
info "$nv vehicles, $nb blackouts, $nbk bookings, $nph photo rows in $(secs "$t0" "$(now)") s (bookable before: $before, left alone)"

# ------------------------------------------------------------------------- the load --
step "load: $CLIENTS clients through the gateway ($GATEWAY), phases of $PHASE_SECONDS s"
info "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
timeout --kill-after=10 $(( 3 * PHASE_SECONDS + WARMUP + 300 )) \
  "$JAVA" -Xmx512m -XX:+UseSerialGC "$HERE/SearchLoad.java" gateway="$GATEWAY" metrics="$METRICS" cities="$HERE/cities.csv" \
  clients="$CLIENTS" seconds="$PHASE_SECONDS" warmup="$WARMUP" queries="$QUERIES" think-ms="$THINK_MS" pids="$sample" \
  2>&1 | tee "$WORK/load.out" | grep --line-buffered -v '^RESULT '
load_status=${PIPESTATUS[0]}
set -e
(( load_status == 0 )) || die "the load generator failed (exit $load_status)"
grep -q '^RESULT phase=warm ' "$WORK/load.out" || die "the load generator printed no result"

field() { sed -nE "s/^RESULT phase=$1 (.* )?$2=([^ ]+).*/\2/p" "$WORK/load.out"; }
cold_req=$(field cold requests); cold_miss=$(field cold misses)
if awk -v m="$cold_miss" -v r="$cold_req" 'BEGIN { exit !(m < 0.99 * r) }'; then
  info "NB: the cold phase had $cold_miss cache misses for $cold_req requests: not every request reached the database"
else
  info "cold phase: $cold_miss cache misses for $cold_req requests (every search went to the database)"
fi
info "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
