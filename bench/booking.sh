#!/usr/bin/env bash
# Issue #12's booking benchmark, measured in one run on this machine, with two booking-service instances
# behind the gateway (127.0.0.1:8080). A measurement: it prints figures with the issue's target next to them
# and never fails on a number; it FAILS (exit 1, after printing everything) when the engine breaks its
# promise: the flash sale not exactly one 201 with every other answer 409/423, the hot vehicle not exactly one
# success, any 5xx or broken connection, or overlapping active bookings in the `bookings` database.
#
#   bench/booking.sh [vehicles]        (default 1000)
#
# Phases (bench/booking/BookingLoad.java, run from source with `java`; closed loop, no think time):
#   login        BENCH_FLASH (500) renters log in through the gateway (6 at a time: BCrypt)
#   JIT warm-up  BENCH_WARMUP s (240): BENCH_CLIENTS (50) clients alternating a hold and GET /api/users/me
#                (after 15 s, JFR showed the JVMs' C2 still compiling through the measured phases: 42 compilations
#                of >= 100 ms within 25 s of HOLDS in one booking instance; both rates roughly doubled with 90 s and rose
#                again with 240 s, the ratio unchanged: README, booking benchmark)
#   (a) FLASH    BENCH_FLASH renters (distinct tokens and Idempotency-Keys) released at once on one vehicle
#                and one range: exactly one 201, the rest 409/423, no 5xx; p50/p99/max
#   (b) HOLDS    BENCH_CLIENTS clients, BENCH_SECONDS s (30): holds across [vehicles] vehicles in turn, each on a
#                slot nobody else asks for (no conflict possible): holds/s, p99
#       ME       the same clients and tokens, BENCH_SECONDS s of GET /api/users/me through the gateway: the
#                yardstick. holds/s / me/s is the figure (target >= 0.4)
#   (c) HOT      the same clients, BENCH_HOT_SECONDS s (30) all retrying one vehicle (2-day ranges starting
#                within the same hour: every attempt overlaps every other): rejections (409 + 423)/s,
#                still exactly one 201
# Then, with SQL over the `bookings` database: 0 pairs of overlapping HELD/CONFIRMED bookings of one vehicle
# (turnaround included), exactly one active booking on the flash and on the hot vehicle, and as many bookings
# on the uncontended vehicles as 201s were answered. Per phase: CPU per process from /proc (gateway, both
# booking-service instances, user-service, vehicle-service, all PostgreSQL processes, Redis; "everything
# else" is the rest of the machine, e.g. other builds) and each instance's smartlink_bookings_holds_total
# deltas (the gateway balancing over both).
#
# The reference harness (raw SQL holds under the same exclusion constraint, pgbench; not part of this
# repository): when BENCH_ANCHOR_SQL_BOOKING names it (its path), it runs after the platform was stopped and
# the script prints ratios: our uncontended holds/s / its uncontended INSERT ... ON CONFLICT DO NOTHING
# successes/s (phase a3), our hot-vehicle rejections/s / its hot-vehicle ON CONFLICT rejections/s (b2).
# Unset: the comparison is skipped with a note. ~3 min more.
#
# Setup: refuses to start while the platform's services run (they would lack the benchmark configuration;
# ./smartlink down first) or when booking-service is scaled to another count than 2. Then
# `./smartlink up gateway-service user-service vehicle-service booking-service` (builds if sources changed;
# discovery and config come with them; storage is not started) with, in its environment (the runner hands
# it to every service):
#   SMARTLINK_RATE_LIMIT_RATE / _BURST = BENCH_RATE_LIMIT (1000000): the gateway's per-client limit (50/s,
#   burst 100) would otherwise answer 429 to clients sharing 127.0.0.1
#   SMARTLINK_USERS_SIGNUPS_PER_ADDRESS = 1000000: the one sign-up below must not meet the per-address budget
#   (user-service's login throttle counts failures only, and a success gives its token back: six logins at
#   a time from 127.0.0.1 stay far inside it)
# Data: [vehicles] + 2 bookable vehicles written with SQL into vehicle-service's database
# (bench/booking/vehicles.sql, role `vehicles`), renter 1 signed up through the gateway with a random
# password made for this run (in a mode-600 file, never on a command line), renters 2..BENCH_FLASH copied
# from it with SQL into user-service's database (bench/booking/renters.sql, role `users`: one BCrypt, the
# same password). At the end (also on failure or Ctrl-C): waits (<= 60 s) until booking-service's outbox
# is empty and vehicle-service's projection has every benchmark booking, deletes the benchmark's bookings,
# idempotency keys, vehicles, projection rows and renters (bench/booking/*-cleanup.sql), stops the services
# it started (PostgreSQL, Redis and Kafka too when they were not running before: ./smartlink down) and
# removes its temp dir. Redis keys it leaves (locks, in-flight keys, limiter buckets) expire by themselves;
# the renters' access tokens lapse within 15 minutes.
#
# Knobs: BENCH_CLIENTS, BENCH_SECONDS, BENCH_HOT_SECONDS, BENCH_WARMUP, BENCH_FLASH, BENCH_RATE_LIMIT,
# BENCH_ANCHOR_SQL_BOOKING. Needs bash, curl, psql, a JDK 17+ (as ./smartlink). ~5.5 min plus the platform's
# start (+ ~3 min with the reference harness). Talks to 127.0.0.1 only. Do not rebuild jars while it runs.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
ROOT=$PWD
VEHICLES=${1:-1000}
CLIENTS=${BENCH_CLIENTS:-50}
PHASE_SECONDS=${BENCH_SECONDS:-30}
HOT_SECONDS=${BENCH_HOT_SECONDS:-30}
WARMUP=${BENCH_WARMUP:-240}
FLASH=${BENCH_FLASH:-500}
RATE_LIMIT=${BENCH_RATE_LIMIT:-1000000}
ANCHOR=${BENCH_ANCHOR_SQL_BOOKING:-}
TARGET_RATIO=0.4
GATEWAY=http://127.0.0.1:8080
PIDS="$ROOT/.smartlink/pids"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
SECRETS="$ROOT/.smartlink/secrets.env"
HERE="$ROOT/bench/booking"
PARTNER=b5ea0c10-0000-4000-8000-000000000001
VEHICLE_LOW=b5ea0c11-0000-4000-8000-000000000000
VEHICLE_HIGH=b5ea0c11-0000-4000-8000-ffffffffffff
EMAIL_DOMAIN=booking-bench.example

secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

if [[ ! $VEHICLES =~ ^[1-9][0-9]*$ ]] || (( VEHICLES > 100000 )); then die "usage: bench/booking.sh [vehicles]   (1 .. 100000)"; fi
for n in "$CLIENTS" "$PHASE_SECONDS" "$HOT_SECONDS" "$WARMUP" "$FLASH" "$RATE_LIMIT"; do
  [[ $n =~ ^[0-9]+$ ]] || die "BENCH_* knobs are whole numbers"
done
(( CLIENTS >= 1 && CLIENTS <= 1000 && FLASH >= 2 && FLASH <= 9999 && PHASE_SECONDS >= 5 && PHASE_SECONDS <= 600 \
   && HOT_SECONDS >= 5 && HOT_SECONDS <= 600 && WARMUP <= 600 )) \
  || die "BENCH_CLIENTS 1..1000, BENCH_FLASH 2..9999, BENCH_SECONDS and BENCH_HOT_SECONDS 5..600, BENCH_WARMUP <= 600"
if [[ -n $ANCHOR ]]; then
  [[ -f $ANCHOR && -r $ANCHOR ]] || die "BENCH_ANCHOR_SQL_BOOKING=$ANCHOR is not a readable file"
  command -v pgbench >/dev/null || die "the reference harness needs pgbench"
fi
for tool in curl psql awk timeout mktemp; do command -v "$tool" >/dev/null || die "$tool is needed"; done
for f in BookingLoad.java vehicles.sql vehicles-cleanup.sql renters.sql renters-cleanup.sql bookings-cleanup.sql; do
  [[ -f $HERE/$f ]] || die "run from the repository (bench/booking/$f is missing)"
done
[[ -x ./smartlink ]] || die "run from the repository (./smartlink)"
RENTERS=$(( FLASH > CLIENTS ? FLASH : CLIENTS ))

# ----------------------------------------------------------------- state for cleanup --
WORK=""
STARTED_PLATFORM=0
INFRA_WAS_UP=0
SEEDED=0

secret() { sed -n "s/^$1=//p" "$SECRETS" | head -n 1; }
dbsql() {   # dbsql <database> psql-args...: SQL as that service's role on its database
  local db=$1; shift
  PGPASSWORD=$(secret "$(tr '[:lower:]' '[:upper:]' <<< "$db")_DB_PASSWORD") PGCONNECT_TIMEOUT=10 \
    psql -h 127.0.0.1 -p 5432 -U "$db" -d "$db" -X -q -v ON_ERROR_STOP=1 "$@"
}

# waits (bounded) until the benchmark's bookings reached vehicle-service's projection, then deletes every
# row the benchmark wrote; quiet about what was never written
remove_data() {
  (( SEEDED )) || return 0
  local deadline=$(( $(date +%s) + 60 )) pending booked projected
  while :; do
    pending=$(dbsql bookings -tA -c "select count(*) from event_publication" 2>/dev/null || echo "?")
    booked=$(dbsql bookings -tA -c "select count(*) from bookings where vehicle_id between '$VEHICLE_LOW' and '$VEHICLE_HIGH'" 2>/dev/null || echo "?")
    projected=$(dbsql vehicles -tA -c "select count(*) from vehicle_bookings where vehicle_id between '$VEHICLE_LOW' and '$VEHICLE_HIGH'" 2>/dev/null || echo "?")
    [[ $pending == 0 && $booked == "$projected" ]] && break
    if (( $(date +%s) >= deadline )); then
      info "NB: after 60 s booking-service's outbox still holds $pending events and vehicle-service's projection has $projected of $booked bookings: deleting anyway (late events may leave projection rows of deleted vehicles)"
      break
    fi
    sleep 1
  done
  if dbsql bookings -f "$HERE/bookings-cleanup.sql" > "$WORK/cleanup.log" 2>&1 \
     && dbsql vehicles -f "$HERE/vehicles-cleanup.sql" >> "$WORK/cleanup.log" 2>&1 \
     && dbsql users -f "$HERE/renters-cleanup.sql" >> "$WORK/cleanup.log" 2>&1; then
    info "the benchmark's bookings ($booked), idempotency keys, vehicles, projection rows and renters deleted"
  else
    tail -n 5 "$WORK/cleanup.log"
    info "deleting the benchmark's rows failed: run bench/booking/{bookings,vehicles,renters}-cleanup.sql as roles bookings, vehicles, users"
  fi
  SEEDED=0
}

stop_platform() {
  (( STARTED_PLATFORM )) || return 0
  remove_data
  leave_platform "$WORK"
  STARTED_PLATFORM=0
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if (( STARTED_PLATFORM )); then
    step "cleanup"
    stop_platform
  fi
  [[ -n $WORK && -d $WORK ]] && rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------------------------ setup --
refuse_running_platform
for port in 8080 8081 8082 8083 18084; do
  ! port_open "$port" || die "something not started by this checkout's ./smartlink listens on 127.0.0.1:$port: stop it first"
done
scaled=$(tr -dc '0-9' 2>/dev/null < "$ROOT/.smartlink/booking-services" || true)
[[ -z $scaled || $scaled == 2 ]] || die "booking-service is scaled to $scaled instances (.smartlink/booking-services): the benchmark runs two (./smartlink scale booking-service 2)"
bench_start booking
info "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# ------------------------------------------------------------------- the platform --
step "platform: ./smartlink up gateway, user, vehicle and booking services (2 instances), rate limit raised to $RATE_LIMIT/s"
port_open 5432 && port_open 6379 && port_open 9092 && INFRA_WAS_UP=1
STARTED_PLATFORM=1
export SMARTLINK_RATE_LIMIT_RATE=$RATE_LIMIT SMARTLINK_RATE_LIMIT_BURST=$RATE_LIMIT SMARTLINK_USERS_SIGNUPS_PER_ADDRESS=1000000
t0=$(now)
timeout --kill-after=30 1800 ./smartlink up gateway-service user-service vehicle-service booking-service > "$WORK/up.log" 2>&1 \
  || { tail -n 60 "$WORK/up.log"; die "./smartlink up failed"; }
info "up in $(secs "$t0" "$(now)") s (build included when sources had changed)"
svc_pid() {   # svc_pid <instance> <service>: its pid, checked to be that service's jar
  local pid; pid=$(tr -dc '0-9' 2>/dev/null < "$PIDS/$1.pid" || true)
  [[ -n $pid && $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) == *"$2.jar"* ]] || die "$1 is not a process ./smartlink started ($PIDS/$1.pid)"
  echo "$pid"
}
svc_port() { tr '\0' '\n' < "/proc/$1/environ" | sed -n 's/^SERVER_PORT=//p'; }   # the runner hands it the port
GATEWAY_PID=$(svc_pid gateway-service gateway-service)
USER_PID=$(svc_pid user-service user-service)
VEHICLE_PID=$(svc_pid vehicle-service vehicle-service)
BOOKING1_PID=$(svc_pid booking-service-1 booking-service)
BOOKING2_PID=$(svc_pid booking-service-2 booking-service)
[[ $(platform_pids | awk '$1 ~ /^booking-service/' | wc -l) == 2 ]] || die "expected exactly two booking-service instances: $(platform_pids | paste -sd' ')"
grep -qx "SMARTLINK_RATE_LIMIT_RATE=$RATE_LIMIT" < <(tr '\0' '\n' < "/proc/$GATEWAY_PID/environ") \
  || die "the gateway (pid $GATEWAY_PID) did not get SMARTLINK_RATE_LIMIT_RATE from ./smartlink up"
BOOKING1_PORT=$(svc_port "$BOOKING1_PID"); BOOKING2_PORT=$(svc_port "$BOOKING2_PID")
[[ -n $BOOKING1_PORT && -n $BOOKING2_PORT ]] || die "cannot tell the booking-service instances' ports"
redis_pid() { ps -eo pid=,args= | awk -v p=":$1" '$2 ~ /redis-server$/ && substr($3, length($3) - length(p) + 1) == p { print $1; exit }'; }
REDIS_PID=$(redis_pid 6379); REDIS_CACHE_PID=$(redis_pid 6380)
sample="gateway=$GATEWAY_PID,booking-service-1=$BOOKING1_PID,booking-service-2=$BOOKING2_PID,user-service=$USER_PID,vehicle-service=$VEHICLE_PID"
[[ -n $REDIS_PID ]] && sample+=",redis=$REDIS_PID"
[[ -n $REDIS_CACHE_PID ]] && sample+=",redis-cache=$REDIS_CACHE_PID"
metrics="booking-service-1=http://127.0.0.1:$BOOKING1_PORT/actuator/prometheus,booking-service-2=http://127.0.0.1:$BOOKING2_PORT/actuator/prometheus"
info "gateway $GATEWAY_PID, booking-service-1 $BOOKING1_PID (:$BOOKING1_PORT), booking-service-2 $BOOKING2_PID (:$BOOKING2_PORT), user-service $USER_PID, vehicle-service $VEHICLE_PID, redis ${REDIS_PID:-?} / cache ${REDIS_CACHE_PID:-?}"

# ---------------------------------------------------------------------- the data --
step "data: $VEHICLES + 2 bookable vehicles (SQL into the vehicles database), $RENTERS renters"
for db in vehicles users bookings; do
  [[ -n $(secret "$(tr '[:lower:]' '[:upper:]' <<< "$db")_DB_PASSWORD") ]] || die "no password for $db in $SECRETS"
  [[ $(dbsql "$db" -tA -c "select count(*) from flyway_schema_history where success") -ge 1 ]] \
    || die "the $db database has no Flyway migration yet"
done
SEEDED=1
# leftovers of an interrupted run first (the vehicles' cleanup is part of vehicles.sql)
dbsql bookings -f "$HERE/bookings-cleanup.sql" > "$WORK/seed.log" 2>&1 || { tail -n 20 "$WORK/seed.log"; die "removing old benchmark bookings failed"; }
dbsql users -f "$HERE/renters-cleanup.sql" >> "$WORK/seed.log" 2>&1 || { tail -n 20 "$WORK/seed.log"; die "removing old benchmark renters failed"; }
t0=$(now)
dbsql vehicles -v n="$VEHICLES" -f "$HERE/vehicles.sql" >> "$WORK/seed.log" 2>&1 || { tail -n 20 "$WORK/seed.log"; die "seeding vehicles failed"; }
dbsql vehicles -tA -c "select id from vehicles where partner_id = '$PARTNER' order by id" > "$WORK/all-vehicles.txt"
(( $(wc -l < "$WORK/all-vehicles.txt") == VEHICLES + 2 )) || die "seeded $(wc -l < "$WORK/all-vehicles.txt") vehicles, expected $(( VEHICLES + 2 ))"
head -n "$VEHICLES" "$WORK/all-vehicles.txt" > "$WORK/vehicles.txt"
FLASH_VEHICLE=$(sed -n "$(( VEHICLES + 1 ))p" "$WORK/all-vehicles.txt")
HOT_VEHICLE=$(sed -n "$(( VEHICLES + 2 ))p" "$WORK/all-vehicles.txt")
info "$(( VEHICLES + 2 )) vehicles in $(secs "$t0" "$(now)") s (flash sale $FLASH_VEHICLE, hot $HOT_VEHICLE)"

# renter 1 through the gateway, with a password made for this run (files, never argv)
umask 077
printf '%s' "Bb7-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" > "$WORK/password"
printf '{"email":"renter-0001@%s","password":"%s","firstName":"Bench","lastName":"Renter 1","phoneNumber":"+4915100000001"}' \
  "$EMAIL_DOMAIN" "$(cat "$WORK/password")" > "$WORK/signup.json"
code=$(curl -s -o "$WORK/signup.out" -w '%{http_code}' --max-time 60 -H 'Content-Type: application/json' \
  --data-binary @"$WORK/signup.json" "$GATEWAY/api/auth/register")
rm -f "$WORK/signup.json"
[[ $code == 201 ]] || { cat "$WORK/signup.out"; echo; die "renter 1's sign-up through the gateway answered $code"; }
dbsql users -v n="$RENTERS" -f "$HERE/renters.sql" >> "$WORK/seed.log" 2>&1 || { tail -n 20 "$WORK/seed.log"; die "seeding renters failed"; }
(( $(dbsql users -tA -c "select count(*) from users u join user_roles r on r.user_id = u.id and r.role = 'RENTER' where email like 'renter-%@$EMAIL_DOMAIN'") == RENTERS )) \
  || die "expected $RENTERS renters in the users database"
for i in $(seq 1 "$RENTERS"); do printf 'renter-%04d@%s\n' "$i" "$EMAIL_DOMAIN"; done > "$WORK/renters.txt"
info "renter 1 signed up through the gateway (201), renters 2..$RENTERS copied with SQL"

# the gateway balances /api/bookings over both instances: quotes (as renter 1: token in a header file, never
# on a command line) until each has answered one
printf '{"email":"renter-0001@%s","password":"%s"}' "$EMAIL_DOMAIN" "$(cat "$WORK/password")" > "$WORK/login.json"
curl -fsS --max-time 60 -H 'Content-Type: application/json' --data-binary @"$WORK/login.json" "$GATEWAY/api/auth/login" \
  | sed -nE 's/.*"accessToken" *: *"([^"]+)".*/Authorization: Bearer \1/p' > "$WORK/auth.header" || true
rm -f "$WORK/login.json"
[[ -s $WORK/auth.header ]] || die "renter 1 cannot log in through the gateway"
quote="$GATEWAY/api/bookings/quote?vehicleId=$FLASH_VEHICLE&pickupAt=$(date -u -d 'today + 3 days' +%FT00:00:00Z)&returnAt=$(date -u -d 'today + 4 days' +%FT00:00:00Z)"
answered() { curl -fsS --max-time 3 "http://127.0.0.1:$1/actuator/prometheus" 2>/dev/null \
  | awk '/^http_server_requests_seconds_count\{/ && /uri="\/api\/bookings\/quote"/ && /status="200"/ { n += $NF } END { exit !(n > 0) }'; }
deadline=$(( $(date +%s) + 90 ))
until answered "$BOOKING1_PORT" && answered "$BOOKING2_PORT"; do
  (( $(date +%s) < deadline )) || die "after 90 s of quotes through the gateway not both booking-service instances answered one ($quote: $(curl -s --max-time 5 -o /dev/null -w '%{http_code}' -H @"$WORK/auth.header" "$quote"))"
  curl -s --max-time 5 -o /dev/null -H @"$WORK/auth.header" "$quote" || true
  sleep 0.2
done
info "both booking-service instances answer quotes through the gateway"

# ------------------------------------------------------------------------- the load --
step "load: through the gateway ($GATEWAY); $CLIENTS clients, phases of $PHASE_SECONDS s, hot vehicle $HOT_SECONDS s, flash sale $FLASH"
info "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
timeout --kill-after=10 $(( WARMUP + 2 * PHASE_SECONDS + HOT_SECONDS + 600 )) \
  "$JAVA" -Xmx512m -XX:+UseSerialGC "$HERE/BookingLoad.java" gateway="$GATEWAY" renters="$WORK/renters.txt" \
  password-file="$WORK/password" vehicles="$WORK/vehicles.txt" flash-vehicle="$FLASH_VEHICLE" hot-vehicle="$HOT_VEHICLE" \
  flash="$FLASH" clients="$CLIENTS" seconds="$PHASE_SECONDS" hot-seconds="$HOT_SECONDS" warmup="$WARMUP" \
  pids="$sample" metrics="$metrics" 2>&1 | tee "$WORK/load.out" | grep --line-buffered -v '^RESULT '
load_status=${PIPESTATUS[0]}
set -e
(( load_status == 0 )) || die "the load generator failed (exit $load_status)"
grep -q '^RESULT phase=hot ' "$WORK/load.out" || die "the load generator printed no result"
info "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

field() { sed -nE "s/^RESULT phase=$1 (.* )?$2=([^ ]+).*/\2/p" "$WORK/load.out"; }
num() { local v; v=$(field "$1" "$2"); echo "${v:-0}"; }   # a count (0 for a phase that did not run)

# ------------------------------------------------------------------------- the checks --
step "checks (SQL over the bookings database)"
FAILURES=()
overlaps=$(dbsql bookings -tA -c "
  select count(*) from bookings a join bookings b
    on a.vehicle_id = b.vehicle_id and a.id < b.id
   and tstzrange(a.pickup_at, a.blocked_until, '[)') && tstzrange(b.pickup_at, b.blocked_until, '[)')
  where a.status in ('HELD', 'CONFIRMED') and b.status in ('HELD', 'CONFIRMED')")
active() { dbsql bookings -tA -c "select count(*) from bookings where vehicle_id = '$1' and status in ('HELD', 'CONFIRMED')"; }
flash_active=$(active "$FLASH_VEHICLE"); hot_active=$(active "$HOT_VEHICLE")
uncontended_rows=$(dbsql bookings -tA -c "select count(*) from bookings where vehicle_id between '$VEHICLE_LOW' and '$VEHICLE_HIGH' and vehicle_id not in ('$FLASH_VEHICLE', '$HOT_VEHICLE')")
uncontended_201=$(( $(num warmup s201) + $(num holds s201) ))
info "overlapping active pairs (whole table, turnaround included): $overlaps"
info "active bookings on the flash-sale vehicle: $flash_active; on the hot vehicle: $hot_active"
info "bookings on the $VEHICLES uncontended vehicles: $uncontended_rows (201s answered in the warm-up and HOLDS: $uncontended_201)"
(( overlaps == 0 )) || FAILURES+=("$overlaps overlapping active pairs in the bookings table")
(( flash_active == 1 )) || FAILURES+=("$flash_active active bookings on the flash-sale vehicle")
(( hot_active == 1 )) || FAILURES+=("$hot_active active bookings on the hot vehicle")
if (( uncontended_rows != uncontended_201 )) && (( $(num warmup io_errors) + $(num holds io_errors) == 0 )); then
  FAILURES+=("$uncontended_rows bookings on the uncontended vehicles for $uncontended_201 answers 201")
fi
f201=$(num flash s201); f409=$(num flash s409); f423=$(num flash s423)
(( f201 == 1 )) || FAILURES+=("flash sale: $f201 answers 201, not exactly one")
(( f201 + f409 + f423 == FLASH )) || FAILURES+=("flash sale: $(( FLASH - f201 - f409 - f423 )) answers neither 201 nor 409/423 ($(num flash s5xx) x 5xx, $(num flash s4xx_other) other 4xx, $(num flash io_errors) broken connections)")
(( $(num hot s201) == 1 )) || FAILURES+=("hot vehicle: $(num hot s201) answers 201, not exactly one")
for phase in warmup flash holds me hot; do
  bad=$(( $(num "$phase" s5xx) + $(num "$phase" io_errors) ))
  (( bad == 0 )) || FAILURES+=("$phase: $(num "$phase" s5xx) x 5xx, $(num "$phase" io_errors) broken connections")
done
(( $(num holds s4xx_other) + $(num holds s409) + $(num holds s423) == 0 )) \
  || info "NB: uncontended holds were refused: $(num holds s409) x 409, $(num holds s423) x 423, $(num holds s4xx_other) other 4xx"

# --------------------------------------------------------------- stop, then the anchor --
step "cleanup"
stop_platform

holds_rps=$(field holds ok_rps); me_rps=$(field me ok_rps); hot_rej=$(field hot rejected_rps)
ratio=$(awk -v h="$holds_rps" -v m="$me_rps" 'BEGIN { printf "%.2f", (m > 0 ? h / m : 0) }')
anchor_line="skipped (BENCH_ANCHOR_SQL_BOOKING unset: the path of the raw-SQL booking harness, sql-booking.sh)"
if [[ -n $ANCHOR ]]; then
  step "reference harness: $ANCHOR (raw SQL holds under the exclusion constraint; the platform is stopped)"
  info "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
  set +e
  timeout --kill-after=30 900 bash "$ANCHOR" > "$WORK/anchor.out" 2>&1
  anchor_status=$?
  set -e
  grep -E '^(RESULT|SUMMARY)' "$WORK/anchor.out" | sed 's/^/   /'
  a3=$(awk '$1 == "RESULT" && $2 == "a3" { print $6 }' "$WORK/anchor.out")
  a1=$(awk '$1 == "RESULT" && $2 == "a1" { print $6 }' "$WORK/anchor.out")
  b2=$(awk '$1 == "RESULT" && $2 == "b2" { print $8 }' "$WORK/anchor.out")
  if (( anchor_status != 0 )) || [[ -z $a3 || -z $b2 ]]; then
    tail -n 20 "$WORK/anchor.out"
    anchor_line="the harness failed (exit $anchor_status): no ratios"
  else
    anchor_line=$(awk -v h="$holds_rps" -v a3="$a3" -v a1="${a1:-0}" -v r="$hot_rej" -v b2="$b2" 'BEGIN {
      printf "uncontended holds %.0f/s vs raw SQL %.0f/s (a3, ON CONFLICT DO NOTHING; a1 plain INSERT %.0f/s) = %.3f; hot-vehicle rejections %.0f/s vs raw SQL %.0f/s (b2, ON CONFLICT) = %.4f",
        h, a3, a1, (a3 > 0 ? h / a3 : 0), r, b2, (b2 > 0 ? r / b2 : 0) }')
  fi
fi

# ------------------------------------------------------------------------- summary --
step "summary (through the gateway, two booking-service instances, everything on the same $(nproc) cores)"
printf '   %-34s %s\n' \
  "(a) flash sale, $FLASH at once" "$f201 x 201, $f409 x 409, $f423 x 423, $(num flash s5xx) x 5xx; p50 $(field flash p50_ms) ms, p99 $(field flash p99_ms) ms, max $(field flash max_ms) ms   (target: exactly one 201, no 5xx)" \
  "(b) uncontended holds, $CLIENTS clients" "$holds_rps holds/s, p50 $(field holds p50_ms) ms, p99 $(field holds p99_ms) ms" \
  "    GET /api/users/me, $CLIENTS clients" "$me_rps/s, p50 $(field me p50_ms) ms, p99 $(field me p99_ms) ms" \
  "    holds/s / me/s" "$ratio   (target >= $TARGET_RATIO: $(awk -v r="$ratio" -v t="$TARGET_RATIO" 'BEGIN { print (r >= t ? "met" : "NOT met") }'))" \
  "(c) hot vehicle, $CLIENTS clients, ${HOT_SECONDS} s" "$hot_rej rejections/s ($(num hot s409) x 409, $(num hot s423) x 423), $(num hot s201) x 201, p50 $(field hot p50_ms) ms, p99 $(field hot p99_ms) ms   (target: exactly one 201)" \
  "SQL" "$overlaps overlapping active pairs; $flash_active / $hot_active active on the flash / hot vehicle" \
  "reference harness" "$anchor_line"
if (( ${#FAILURES[@]} )); then
  printf '\nFAILED:\n'; printf '   %s\n' "${FAILURES[@]}"
  exit 1
fi
printf '\nOK: exactly one hold per contested vehicle, no 5xx, no overlapping bookings\n'
