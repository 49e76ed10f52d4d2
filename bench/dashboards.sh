#!/usr/bin/env bash
# Issue #14's dashboards benchmark, measured in one run on this machine: partner earnings, the admin revenue and
# the admin overview through the gateway (127.0.0.1:8080) with an admin's token, over [bookings] (100,000) bookings
# seeded with SQL, cold and warm. A measurement: it prints figures with the issue's targets next to them (warm
# p99 < 50 ms, cold p99 < 300 ms) and never fails on a number; it FAILS (exit 1, after printing everything) when
# something is broken: any 5xx or broken connection, an answer of the wrong shape or with wrong figures (see below).
#
#   bench/dashboards.sh [bookings]        (default 100000)
#
# Phases (bench/dashboards/DashboardLoad.java, run from source with `java`; BENCH_CLIENTS (50) closed-loop clients,
# BENCH_SECONDS (30) s each, no think time unless BENCH_THINK_MS (0) says so: then each client pauses 0.5–1.5 times
# it after every answer, a person's pace instead of the machine's ceiling, and sends its first request of a phase
# at a random moment within the first BENCH_THINK_MS instead of all clients at once):
#   CHECK          8 partners' earnings (by month, over 1–4 months) equal, per currency, the gross, refunds and
#                  rentals the script computes with SQL from the seeded rows
#   JIT warm-up    BENCH_WARMUP s (20), without think time (for the JIT): earnings, revenue and overview on entries no later phase asks for
#                  (half of the earnings and revenue requests ask an entry again: the hit path is compiled too)
#   EARNINGS COLD  GET /api/partners/{id}/earnings?from&to&groupBy=month|vehicle, every request the first for its
#                  cache entry: request n to partner n mod BENCH_PARTNERS, with that partner's next window
#                  (month-aligned, 1–12 months, by month then by vehicle, then shifted by whole hours; every
#                  window of a run, the CHECK's too, moved by the same odd number of seconds, so that a run a few
#                  minutes earlier, whose entries are still cached, leaves nothing this one asks for: they would
#                  be hits, and stale ones, since the seed's rows depend on when it ran and SQL bumps no version)
#   EARNINGS WARM  the same entries again, in the same order: hits (cached 10 min)
#   REVENUE COLD   GET /api/admin/revenue?from&to&groupBy=day|month|partner|city, every request a new entry (by day
#   REVENUE WARM   or partner over 1–12 weeks, by month or city over 1–12 months); then the same entries again
#   OVERVIEW       GET /api/admin/overview (user-service: users, vehicles, bookings, revenue, storage). Its parts are
#                  one cache entry each for everybody; so the platform runs with a part TTL of BENCH_OVERVIEW_TTL
#                  (1s, user-service's minimum; booking-service's overview entry alike) and each answer is classed
#                  by its parts' asOf: COLD when a part was computed after the request was sent (it waited for a
#                  source: user-service's single flight), WARM when every part came from the cache
#                  (BENCH_OVERVIEW_TTL=1m: the parts stay for the whole phase, all hits but the first)
# A request still unanswered after 10 s (a silent 30 s hang was seen twice) makes the load generator save, while it
# waits, a thread dump of every service (virtual threads included) and their actuators' Prometheus pages in
# .smartlink/logs/hangs/dashboards-<time>/ (once per run), and print where.
# Every answer is checked: 200; the partner, window and grouping asked for; per currency gross − refunds −
# commission = net exactly, the groups adding up to the totals, XAF in whole francs, EUR in cents, utilisation in
# 0..1; the overview's five parts, its bookings of this month and today at least the seeded ones. Per phase:
# requests/s, p50/p99/max, statuses, the hit ratio from smartlink_cache_requests_total{cache,result} deltas over
# every booking-service instance and user-service (their actuators' /actuator/prometheus), how many dashboards
# booking-service computed and their mean time (smartlink_bookings_dashboard_query_seconds), CPU per process
# from /proc (gateway, each booking-service instance, user-service, vehicle-service, the storage controller and
# nodes, all PostgreSQL processes, both Redis servers, the load generator; "everything else" is the rest of the
# machine, e.g. discovery, config, other builds). Before the load, EXPLAIN (ANALYZE, BUFFERS) of the dashboards'
# SQL over the seeded rows (bench/dashboards/explain.sql: copies of booking-service's DashboardQueries): the
# scans each uses, and whether any reads bookings or payment_ledger sequentially.
#
# Setup: refuses to start while the platform's services run (they would lack the benchmark configuration;
# ./smartlink down first). Then `./smartlink up gateway-service user-service vehicle-service booking-service
# storage-controller-service storage-node-service` (builds if sources changed; discovery and config come with
# them; payment-service is not started; booking-service with as many instances as the runner is scaled to,
# 2 by default) with, in its environment (the runner hands it to every service):
#   SMARTLINK_RATE_LIMIT_RATE / _BURST = BENCH_RATE_LIMIT (1000000): the gateway's per-client limit (50/s,
#   burst 100) would otherwise answer 429 to clients sharing 127.0.0.1
#   SMARTLINK_USERS_OVERVIEW_CACHE_TTL and SMARTLINK_BOOKINGS_CACHE_OVERVIEWTTL = BENCH_OVERVIEW_TTL (1s): the
#   overview's parts expire during the OVERVIEW phase (above); the earnings' and revenue's TTLs stay (10 min)
# Data: [bookings] bookings and their payment ledger written with SQL into booking-service's database
# (bench/dashboards/seed.sql, role `bookings`): a year, BENCH_PARTNERS (400) partners, BENCH_VEHICLES (3000)
# vehicles, 20,000 renters, XAF and EUR, every status, payments and refunds (seed.sql's header has the mix); ids
# in the ranges b5ea0c20-… (partners) to b5ea0c25-…, none of them an account or a listing (the dashboards read only
# booking-service's database); then VACUUM ANALYZE. The admin logs in through the gateway with the runner's
# credentials (.smartlink/admin.txt, or SMARTLINK_ADMIN_EMAIL / _PASSWORD; in a mode-600 file, never on a command
# line). At the end (also on failure or Ctrl-C): deletes exactly the seeded rows (bench/dashboards/cleanup.sql),
# stops the services it started (PostgreSQL, Redis and Kafka too when they were not running before: ./smartlink
# down) and removes its temp dir. The cache entries it leaves in the state Redis (a few tens of MB) expire within
# 10 minutes; the admin's access token lapses within 15.
#
# Knobs: BENCH_CLIENTS, BENCH_SECONDS, BENCH_WARMUP, BENCH_THINK_MS, BENCH_PARTNERS, BENCH_VEHICLES,
# BENCH_OVERVIEW_TTL, BENCH_RATE_LIMIT. Needs bash, curl, psql, a JDK 17+ (as ./smartlink). ~4 min plus the platform's start.
# Talks to 127.0.0.1 only. Do not rebuild jars while it runs.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
ROOT=$PWD
BOOKINGS=${1:-100000}
CLIENTS=${BENCH_CLIENTS:-50}
PHASE_SECONDS=${BENCH_SECONDS:-30}
WARMUP=${BENCH_WARMUP:-20}
THINK_MS=${BENCH_THINK_MS:-0}
PARTNERS=${BENCH_PARTNERS:-400}
VEHICLES=${BENCH_VEHICLES:-3000}
RENTERS=20000
OVERVIEW_TTL=${BENCH_OVERVIEW_TTL:-1s}
RATE_LIMIT=${BENCH_RATE_LIMIT:-1000000}
TARGET_WARM_P99=50
TARGET_COLD_P99=300
GATEWAY=http://127.0.0.1:8080
PIDS="$ROOT/.smartlink/pids"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
SECRETS="$ROOT/.smartlink/secrets.env"
HERE="$ROOT/bench/dashboards"
PARTNER_LOW=b5ea0c20-0000-4000-8000-000000000000
PARTNER_HIGH=b5ea0c20-0000-4000-8000-ffffffffffff

secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

if [[ ! $BOOKINGS =~ ^[1-9][0-9]*$ ]] || (( BOOKINGS > 1000000 )); then die "usage: bench/dashboards.sh [bookings]   (1 .. 1000000)"; fi
for n in "$CLIENTS" "$PHASE_SECONDS" "$WARMUP" "$THINK_MS" "$PARTNERS" "$VEHICLES" "$RATE_LIMIT"; do
  [[ $n =~ ^[0-9]+$ ]] || die "BENCH_* knobs are whole numbers (BENCH_OVERVIEW_TTL a duration: 1s, 1500ms)"
done
[[ $OVERVIEW_TTL =~ ^[1-9][0-9]*(ms|s|m)$ ]] || die "BENCH_OVERVIEW_TTL is a duration such as 1s or 1500ms (user-service's minimum is 1s)"
(( CLIENTS >= 1 && CLIENTS <= 1000 && PHASE_SECONDS >= 5 && PHASE_SECONDS <= 120 && WARMUP <= 300 && THINK_MS <= 10000 )) \
  || die "BENCH_CLIENTS 1..1000, BENCH_SECONDS 5..120 (the warm phases replay entries cached 10 min), BENCH_WARMUP <= 300, BENCH_THINK_MS <= 10000"
(( PARTNERS >= 8 && PARTNERS <= 100000 && VEHICLES >= PARTNERS && VEHICLES <= 1000000 )) \
  || die "BENCH_PARTNERS 8..100000, BENCH_VEHICLES from BENCH_PARTNERS to 1000000"
# each vehicle's bookings take turns in slots of 395 days / their count: 150 a vehicle at most (slots of 2.6 days)
(( BOOKINGS <= VEHICLES * 150 )) || die "at most 150 bookings per vehicle: raise BENCH_VEHICLES or lower [bookings]"
for tool in curl psql awk timeout mktemp; do command -v "$tool" >/dev/null || die "$tool is needed"; done
for f in DashboardLoad.java seed.sql cleanup.sql explain.sql; do
  [[ -f $HERE/$f ]] || die "run from the repository (bench/dashboards/$f is missing)"
done
[[ -x ./smartlink ]] || die "run from the repository (./smartlink)"

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

remove_data() {   # deletes every row the seed wrote (its ranges only); quiet about what was never written
  (( SEEDED )) || return 0
  if dbsql bookings -f "$HERE/cleanup.sql" > "$WORK/cleanup.log" 2>&1; then
    dbsql bookings -c "vacuum (analyze) bookings" -c "vacuum (analyze) payment_ledger" >> "$WORK/cleanup.log" 2>&1 || true
    info "the benchmark's bookings and ledger entries deleted (partners $PARTNER_LOW .. ffffffffffff)"
  else
    tail -n 5 "$WORK/cleanup.log"
    info "deleting the benchmark's rows failed: run bench/dashboards/cleanup.sql as role bookings"
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
for port in 8080 8081 8082 8083 8085; do
  ! port_open "$port" || die "something not started by this checkout's ./smartlink listens on 127.0.0.1:$port: stop it first"
done
bench_start dashboards
info "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# ------------------------------------------------------------------- the platform --
SERVICES=(gateway-service user-service vehicle-service booking-service storage-controller-service storage-node-service)
step "platform: ./smartlink up ${SERVICES[*]}; rate limit raised to $RATE_LIMIT/s, overview parts cached $OVERVIEW_TTL"
port_open 5432 && port_open 6379 && port_open 9092 && INFRA_WAS_UP=1
STARTED_PLATFORM=1
export SMARTLINK_RATE_LIMIT_RATE=$RATE_LIMIT SMARTLINK_RATE_LIMIT_BURST=$RATE_LIMIT \
  SMARTLINK_USERS_OVERVIEW_CACHE_TTL=$OVERVIEW_TTL SMARTLINK_BOOKINGS_CACHE_OVERVIEWTTL=$OVERVIEW_TTL
t0=$(now)
timeout --kill-after=30 1800 ./smartlink up "${SERVICES[@]}" > "$WORK/up.log" 2>&1 \
  || { tail -n 60 "$WORK/up.log"; die "./smartlink up failed"; }
info "up in $(secs "$t0" "$(now)") s (build included when sources had changed)"
svc_pid() {   # svc_pid <instance> <service>: its pid, checked to be that service's jar
  local pid; pid=$(tr -dc '0-9' 2>/dev/null < "$PIDS/$1.pid" || true)
  [[ -n $pid && $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) == *"$2.jar"* ]] || die "$1 is not a process ./smartlink started ($PIDS/$1.pid)"
  echo "$pid"
}
svc_port() { tr '\0' '\n' < "/proc/$1/environ" | sed -n 's/^SERVER_PORT=//p'; }   # the runner hands it the port
has_env() { grep -qx "$2" < <(tr '\0' '\n' < "/proc/$1/environ"); }
GATEWAY_PID=$(svc_pid gateway-service gateway-service)
USER_PID=$(svc_pid user-service user-service)
VEHICLE_PID=$(svc_pid vehicle-service vehicle-service)
STORAGE_PID=$(svc_pid storage-controller-service storage-controller-service)
has_env "$GATEWAY_PID" "SMARTLINK_RATE_LIMIT_RATE=$RATE_LIMIT" \
  || die "the gateway (pid $GATEWAY_PID) did not get SMARTLINK_RATE_LIMIT_RATE from ./smartlink up"
has_env "$USER_PID" "SMARTLINK_USERS_OVERVIEW_CACHE_TTL=$OVERVIEW_TTL" \
  || die "user-service (pid $USER_PID) did not get SMARTLINK_USERS_OVERVIEW_CACHE_TTL from ./smartlink up"
USER_PORT=$(svc_port "$USER_PID")
BOOKING_INSTANCES=() NODE_PIDS=()
while read -r name pid; do
  case $name in
    booking-service-*) BOOKING_INSTANCES+=("$name") ;;
    storage-node-*) NODE_PIDS+=("$pid") ;;
  esac
done < <(platform_pids | sort -V)
(( ${#BOOKING_INSTANCES[@]} >= 1 )) || die "no booking-service instance is running: $(platform_pids | paste -sd' ')"
(( ${#NODE_PIDS[@]} >= 1 )) || die "no storage node is running: $(platform_pids | paste -sd' ')"
redis_pid() { ps -eo pid=,args= | awk -v p=":$1" '$2 ~ /redis-server$/ && substr($3, length($3) - length(p) + 1) == p { print $1; exit }'; }
REDIS_PID=$(redis_pid 6379); REDIS_CACHE_PID=$(redis_pid 6380)
sample="gateway=$GATEWAY_PID"
metrics="user-service=http://127.0.0.1:$USER_PORT/actuator/prometheus"
GATEWAY_MGMT_PORT=$(tr '\0' '\n' < "/proc/$GATEWAY_PID/environ" | sed -n 's/^MANAGEMENT_SERVER_PORT=//p')
GATEWAY_MGMT_PORT=${GATEWAY_MGMT_PORT:-$(svc_port "$GATEWAY_PID")}   # no management port of its own: the service port
[[ $GATEWAY_MGMT_PORT =~ ^[0-9]+$ ]] || die "cannot tell the gateway's management port"
HANG_DIR="$ROOT/.smartlink/logs/hangs/dashboards-$(date -u +%Y%m%dT%H%M%SZ)"
BOOKING_PORTS=()
for instance in "${BOOKING_INSTANCES[@]}"; do
  pid=$(svc_pid "$instance" booking-service); port=$(svc_port "$pid")
  [[ -n $port ]] || die "cannot tell $instance's port"
  BOOKING_PORTS+=("$port")
  sample+=",$instance=$pid"
  metrics+=",$instance=http://127.0.0.1:$port/actuator/prometheus"
done
sample+=",user-service=$USER_PID,vehicle-service=$VEHICLE_PID,storage-controller=$STORAGE_PID,storage-nodes=$(IFS=+; echo "${NODE_PIDS[*]}")"
[[ -n $REDIS_PID ]] && sample+=",redis=$REDIS_PID"
[[ -n $REDIS_CACHE_PID ]] && sample+=",redis-cache=$REDIS_CACHE_PID"
info "gateway $GATEWAY_PID, ${BOOKING_INSTANCES[*]} (:${BOOKING_PORTS[*]}), user-service $USER_PID (:$USER_PORT), vehicle-service $VEHICLE_PID, storage controller $STORAGE_PID and ${#NODE_PIDS[@]} nodes, redis ${REDIS_PID:-?} / cache ${REDIS_CACHE_PID:-?}"
for url in $(tr ',' '\n' <<< "$metrics" | sed 's/^[^=]*=//'); do
  curl -fsS --max-time 10 -o /dev/null "$url" || die "no Prometheus endpoint at $url (the hit ratios come from there)"
done

# ---------------------------------------------------------------------- the data --
step "data: $BOOKINGS bookings and their payment ledger (SQL into the bookings database), $PARTNERS partners, $VEHICLES vehicles"
[[ -n $(secret BOOKINGS_DB_PASSWORD) ]] || die "no password for bookings in $SECRETS"
[[ $(dbsql bookings -tA -c "select count(*) from flyway_schema_history where success") -ge 4 ]] \
  || die "the bookings database lacks booking-service's Flyway migrations"
SEEDED=1
t0=$(now)
dbsql bookings -v n="$BOOKINGS" -v vehicles="$VEHICLES" -v partners="$PARTNERS" -v renters="$RENTERS" \
  -f "$HERE/seed.sql" > "$WORK/seed.log" 2>&1 || { tail -n 20 "$WORK/seed.log"; die "seeding failed"; }
seeded=$(dbsql bookings -tA -c "select count(*) from bookings where partner_id between '$PARTNER_LOW' and '$PARTNER_HIGH'")
(( seeded == BOOKINGS )) || die "seeded $seeded bookings, expected $BOOKINGS"
dbsql bookings -tA -F' ' -c "
  select status, count(*) from bookings where partner_id between '$PARTNER_LOW' and '$PARTNER_HIGH' group by 1 order by 1" \
  | awk '{ s = s (s ? ", " : "") $2 " " $1 } END { print "   bookings: " s }'
dbsql bookings -tA -F' ' -c "
  select kind, currency, count(*), -- in major units
         round(sum(amount_minor) / case currency when 'XAF' then 1 else 100 end)
  from payment_ledger where partner_id between '$PARTNER_LOW' and '$PARTNER_HIGH' group by 1, 2 order by 1, 2" \
  | awk '{ s = s (s ? ", " : "") $3 " " tolower($1) "s " $4 " " $2 } END { print "   ledger: " s }'
read -r DAY MONTH_BOOKINGS TODAY_BOOKINGS < <(dbsql bookings -tA -F' ' -c "
  select to_char(now() at time zone 'UTC', 'YYYY-MM-DD'),
         count(*) filter (where created_at >= date_trunc('month', now() at time zone 'UTC') at time zone 'UTC'),
         count(*) filter (where created_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC')
  from bookings where partner_id between '$PARTNER_LOW' and '$PARTNER_HIGH'")
info "seeded in $(secs "$t0" "$(now)") s (VACUUM ANALYZE included): $MONTH_BOOKINGS of them booked this month (UTC), $TODAY_BOOKINGS today"
# This run's shift of every window it asks for, 1..1799 s and not whole minutes: a run started within 10 minutes
# of another would otherwise find the other's cache entries — not cold, and stale, for the seed's rows depend on
# the time it ran and writing them with SQL bumps no cache version.
RUN_OFFSET=$(( 1 + $(date +%s) % 1799 )); (( RUN_OFFSET % 60 )) || RUN_OFFSET=$(( RUN_OFFSET + 1 ))
# what the CHECK phase expects: 8 partners' totals per currency over 1-4 month windows (45 minutes and the run's
# offset past midnight: entries no other phase asks for), straight from the seeded rows
dbsql bookings -tA -F' ' -v partners="$PARTNERS" -v offset="$RUN_OFFSET" > "$WORK/checks.txt" <<'SQL'
with w as (
  select ('b5ea0c20-0000-4000-8000-' || lpad(to_hex(1 + (i * 47) % :partners), 12, '0'))::uuid as partner,
         (date_trunc('month', now() at time zone 'UTC') - make_interval(months => i + 1)) at time zone 'UTC'
           + make_interval(mins => 45, secs => :offset) as f,
         (date_trunc('month', now() at time zone 'UTC') - make_interval(months => i + 1) + make_interval(months => 1 + i % 4))
           at time zone 'UTC' + make_interval(mins => 45, secs => :offset) as t
  from generate_series(1, 8) i
), money as (
  select w.partner, w.f, w.t, l.currency,
         coalesce(sum(l.amount_minor) filter (where l.kind = 'PAYMENT'), 0) as gross,
         coalesce(-sum(l.amount_minor) filter (where l.kind = 'REFUND'), 0) as refunds
  from w join payment_ledger l on l.partner_id = w.partner and l.occurred_at >= w.f and l.occurred_at < w.t
  group by 1, 2, 3, 4
), rented as (
  select w.partner, w.f, w.t, b.currency, count(*) as rentals
  from w join bookings b on b.partner_id = w.partner and b.status in ('CONFIRMED', 'COMPLETED')
                        and b.pickup_at < w.t and b.return_at > w.f
  group by 1, 2, 3, 4
)
select coalesce(m.partner, r.partner), to_char(coalesce(m.f, r.f) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(coalesce(m.t, r.t) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), coalesce(m.currency, r.currency),
       coalesce(m.gross, 0), coalesce(m.refunds, 0), coalesce(r.rentals, 0)
from money m full join rented r on r.partner = m.partner and r.f = m.f and r.currency = m.currency
order by 1, 2, 4;
SQL
(( $(wc -l < "$WORK/checks.txt") >= 8 )) || die "the checks' SQL found figures for fewer than 8 partner windows"

# ----------------------------------------------------------------- the admin's token --
step "admin login through the gateway"
umask 077
ADMIN_EMAIL=${SMARTLINK_ADMIN_EMAIL:-} ADMIN_PASSWORD=${SMARTLINK_ADMIN_PASSWORD:-}
if [[ -z $ADMIN_EMAIL || -z $ADMIN_PASSWORD ]]; then
  [[ -r $ROOT/.smartlink/admin.txt ]] || die "no admin credentials: .smartlink/admin.txt (written by ./smartlink up) or SMARTLINK_ADMIN_EMAIL + _PASSWORD"
  ADMIN_EMAIL=$(awk -F= '$1 == "email" { sub(/^[^=]*=/, ""); print; exit }' "$ROOT/.smartlink/admin.txt")
  ADMIN_PASSWORD=$(awk -F= '$1 == "password" { sub(/^[^=]*=/, ""); print; exit }' "$ROOT/.smartlink/admin.txt")
fi
json_escape() { sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' <<< "$1"; }
printf '{"email":"%s","password":"%s"}' "$(json_escape "$ADMIN_EMAIL")" "$(json_escape "$ADMIN_PASSWORD")" > "$WORK/login.json"
unset ADMIN_PASSWORD
curl -fsS --max-time 60 -H 'Content-Type: application/json' --data-binary @"$WORK/login.json" "$GATEWAY/api/auth/login" \
  | sed -nE 's/.*"accessToken" *: *"([^"]+)".*/\1/p' > "$WORK/token" || true
rm -f "$WORK/login.json"
[[ -s $WORK/token ]] || die "the admin ($ADMIN_EMAIL) cannot log in through the gateway"
printf 'Authorization: Bearer %s\n' "$(cat "$WORK/token")" > "$WORK/auth.header"
info "logged in as $ADMIN_EMAIL"

# the gateway balances /api/partners/*/earnings over the instances: asks (a window no phase asks for) until each
# has answered one; then the overview until its five parts are there (the storage nodes report within seconds)
probe="$GATEWAY/api/partners/$(printf 'b5ea0c20-0000-4000-8000-%012x' 1)/earnings?from=$(date -u -d "$(date -u +%Y-%m-01) - 2 months" +%FT00:50:00Z)&to=$(date -u +%Y-%m-01T00:50:00Z)&groupBy=month"
answered() { curl -fsS --max-time 3 "http://127.0.0.1:$1/actuator/prometheus" 2>/dev/null \
  | awk 'index($0, "http_server_requests_seconds_count{") == 1 && index($0, "uri=\"/api/partners/{partnerId}/earnings\"") \
           && index($0, "status=\"200\"") { n += $NF } END { exit !(n > 0) }'; }
deadline=$(( $(date +%s) + 90 ))
while :; do
  all=1
  for port in "${BOOKING_PORTS[@]}"; do answered "$port" || all=0; done
  (( all )) && break
  (( $(date +%s) < deadline )) || die "after 90 s of earnings through the gateway not every booking-service instance answered one ($probe: $(curl -s --max-time 5 -o /dev/null -w '%{http_code}' -H @"$WORK/auth.header" "$probe"))"
  curl -s --max-time 5 -o /dev/null -H @"$WORK/auth.header" "$probe" || true
  sleep 0.2
done
info "every booking-service instance (${#BOOKING_INSTANCES[@]}) answers earnings through the gateway"
deadline=$(( $(date +%s) + 90 ))
until curl -fsS --max-time 10 -H @"$WORK/auth.header" "$GATEWAY/api/admin/overview" > "$WORK/overview.json" 2>/dev/null \
      && ! grep -q '"UNAVAILABLE"' "$WORK/overview.json"; do
  (( $(date +%s) < deadline )) || { cat "$WORK/overview.json" 2>/dev/null; echo; die "after 90 s the admin overview still lacks a part"; }
  sleep 1
done
info "the admin overview answers with its five parts"

# ---------------------------------------------------------------------- EXPLAIN --
step "EXPLAIN (ANALYZE, BUFFERS) over the seeded rows (bench/dashboards/explain.sql; partner 7, the last 6 months)"
month0=$(date -u +%Y-%m-01)
dbsql bookings -v partner="$(printf 'b5ea0c20-0000-4000-8000-%012x' 7)" \
  -v from="$(date -u -d "$month0 - 6 months" +%FT00:00:00Z)" -v to="${month0}T00:00:00Z" \
  -v day_from="$(date -u +%FT00:00:00Z)" -v day_to="$(date -u -d 'tomorrow' +%FT00:00:00Z)" \
  -v month_from="${month0}T00:00:00Z" -v month_to="$(date -u -d "$month0 + 1 month" +%FT00:00:00Z)" \
  -v last_month_from="$(date -u -d "$month0 - 1 month" +%FT00:00:00Z)" \
  -v year_from="$(date -u -d "$month0 - 12 months" +%FT00:00:00Z)" \
  -f "$HERE/explain.sql" > "$WORK/explain.txt" 2>&1 || { tail -n 20 "$WORK/explain.txt"; die "EXPLAIN failed"; }
# one line per statement: its scans (index, rows), heap fetches, buffers, time; then the sequential scans
awk '
  function flush() { if (name != "") printf "   %-58s %s; heap fetches %d; buffers %s; %s\n", name, scans, fetches, buffers, time }
  /^== / { flush(); name = substr($0, 4); scans = ""; fetches = 0; buffers = ""; time = ""; next }
  /Scan/ {
    line = $0; sub(/^ *(->)? */, "", line); sub(/  \(cost=.*actual time=[^ ]* /, " (", line); sub(/ loops=.*/, ")", line)
    scans = scans (scans ? " + " : "") line
  }
  /Heap Fetches:/ { fetches += $NF }
  /^ *Buffers:/ && buffers == "" { b = $0; sub(/^ *Buffers: */, "", b); buffers = b }
  /^Execution Time:/ { time = $3 " ms" }
  END { flush() }' "$WORK/explain.txt"
# the statements that read bookings or payment_ledger sequentially, but the one meant to read nearly all of it
SEQ_SCANS=$(awk '/^== / { name = substr($0, 4); sub(/ \(.*/, "", name) }
  /Seq Scan on (bookings|payment_ledger)/ && name !~ /a year by city/ && !seen[name]++ { s = s (s ? "; " : "") name }
  END { print s }' "$WORK/explain.txt")
if [[ -z $SEQ_SCANS ]]; then
  info "no sequential scan of bookings or payment_ledger (but in the year by city, which reads nearly every row)"
else
  info "NB: sequential scans of bookings / payment_ledger in: $SEQ_SCANS"
fi

# ------------------------------------------------------------------------- the load --
redis_used() {   # the state Redis' memory (the dashboards' cache lives there); the password via the environment
  REDISCLI_AUTH=$(secret REDIS_PASSWORD) timeout 5 redis-cli -h 127.0.0.1 -p 6379 info memory 2>/dev/null \
    | sed -n 's/^used_memory_human:\(.*\)\r\?$/\1/p' | tr -d '\r' || true
}
step "load: through the gateway ($GATEWAY); $CLIENTS clients, $( (( THINK_MS )) && echo "think time 0.5-1.5 x $THINK_MS ms" || echo "no think time"), phases of $PHASE_SECONDS s, JIT warm-up $WARMUP s"
info "load average now: $(cut -d' ' -f1-3 /proc/loadavg); state Redis using $(command -v redis-cli >/dev/null && redis_used || echo '?')"
set +e
timeout --kill-after=10 $(( WARMUP + 5 * PHASE_SECONDS + 600 )) \
  "$JAVA" -Xmx512m -XX:+UseSerialGC "$HERE/DashboardLoad.java" gateway="$GATEWAY" token-file="$WORK/token" \
  partners="$PARTNERS" clients="$CLIENTS" seconds="$PHASE_SECONDS" warmup="$WARMUP" think-ms="$THINK_MS" \
  offset-seconds="$RUN_OFFSET" checks="$WORK/checks.txt" \
  day="$DAY" month-bookings="$MONTH_BOOKINGS" today-bookings="$TODAY_BOOKINGS" \
  pids="$sample" metrics="$metrics" hang-dumps="$HANG_DIR" \
  hang-urls="gateway=http://127.0.0.1:$GATEWAY_MGMT_PORT/actuator/prometheus" \
  2>&1 | tee "$WORK/load.out" | grep --line-buffered -v '^RESULT '
load_status=${PIPESTATUS[0]}
set -e
(( load_status == 0 )) || die "the load generator failed (exit $load_status)"
grep -q '^RESULT phase=overview ' "$WORK/load.out" || die "the load generator printed no result"
info "load average after: $(cut -d' ' -f1-3 /proc/loadavg); state Redis using $(command -v redis-cli >/dev/null && redis_used || echo '?')"

field() { sed -nE "s/^RESULT phase=$1 (.* )?$2=([^ ]+).*/\2/p" "$WORK/load.out"; }
num() { local v; v=$(field "$1" "$2"); echo "${v:-0}"; }

FAILURES=()
while IFS= read -r line; do FAILURES+=("${line#FAILURE }"); done < <(grep '^FAILURE ' "$WORK/load.out" || true)
for phase in warmup earnings-cold earnings-warm revenue-cold revenue-warm overview; do
  bad=$(( $(num "$phase" s5xx) + $(num "$phase" io_errors) ))
  (( bad == 0 )) || FAILURES+=("$phase: $(num "$phase" s5xx) x 5xx, $(num "$phase" io_errors) broken connections")
  (( $(num "$phase" s4xx) == 0 )) || FAILURES+=("$phase: $(num "$phase" s4xx) x 4xx")
done

step "cleanup"
stop_platform

# ------------------------------------------------------------------------- summary --
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v != "" && v != "NaN" && v + 0 < t ? "met" : "NOT met") }'; }
ratio() { local r; r=$(field "$1" hit_ratio); awk -v r="$r" 'BEGIN { if (r == "-" || r == "") print "-"; else printf "%.1f %%", 100 * r }'; }
line() {   # line <phase> <target p99> <label>
  printf '   %-30s %7s/s  p50 %7s ms  p99 %7s ms (target < %s ms: %s)  max %7s ms  hit ratio %s\n' "$3" \
    "$(field "$1" rps)" "$(field "$1" p50_ms)" "$(field "$1" p99_ms)" "$2" "$(verdict "$(field "$1" p99_ms)" "$2")" \
    "$(field "$1" max_ms)" "$(ratio "$1")"
}
step "summary ($BOOKINGS bookings, $CLIENTS clients$( (( THINK_MS )) && echo " with ${THINK_MS} ms think time") through the gateway, ${#BOOKING_INSTANCES[@]} booking-service instances, everything on the same $(nproc) cores)"
line earnings-cold "$TARGET_COLD_P99" "earnings COLD (new entries)"
line earnings-warm "$TARGET_WARM_P99" "earnings WARM (same entries)"
line revenue-cold "$TARGET_COLD_P99" "revenue COLD (new entries)"
line revenue-warm "$TARGET_WARM_P99" "revenue WARM (same entries)"
line overview "$TARGET_COLD_P99" "overview, all (parts TTL $OVERVIEW_TTL)"
printf '   %-30s %7s answers  p50 %7s ms  p99 %7s ms (target < %s ms: %s)\n' "overview COLD (waited for a part)" \
  "$(field overview cold_n)" "$(field overview cold_p50_ms)" "$(field overview cold_p99_ms)" "$TARGET_COLD_P99" \
  "$(verdict "$(field overview cold_p99_ms)" "$TARGET_COLD_P99")"
printf '   %-30s %7s answers  p50 %7s ms  p99 %7s ms (target < %s ms: %s)\n' "overview WARM (all parts cached)" \
  "$(field overview warm_n)" "$(field overview warm_p50_ms)" "$(field overview warm_p99_ms)" "$TARGET_WARM_P99" \
  "$(verdict "$(field overview warm_p99_ms)" "$TARGET_WARM_P99")"
printf '   %-30s %s\n' "EXPLAIN" "${SEQ_SCANS:+sequential scans in: $SEQ_SCANS; }index scans elsewhere (the year-long revenue by city reads nearly every row)"
if (( ${#FAILURES[@]} )); then
  printf '\nFAILED:\n'; printf '   %s\n' "${FAILURES[@]}"
  exit 1
fi
printf '\nOK: every answer 200 and of the right shape, the checked earnings equal to the seeded rows\n'
