# shellcheck shell=bash
# ./smartlink, tests part: `./smartlink test` (infra, the web UI's build and unit tests, ./mvnw verify, up, the
# e2e tests, the browser tests, down: only what this run started), with a trap that stops a long step and its
# children on INT/TERM; `./smartlink test --browser-only` (the browser tests against a running platform).

# What the e2e tests expect of the services beyond their production defaults: booking-service's holds expire
# after 20 s and its sweeper looks every second, so that BookingE2EIT sees a hold lapse and the car come back
# within its bounds (config-repo/booking-service.yml keeps 10 min and 5 s), and the admin overview's cache is short. `./smartlink test` starts the
# services with these; `./smartlink up --e2e` does too, for running the e2e tests by hand (a service already
# running keeps what it was started with). They reach the services only (svc_env), never the ITs of verify.
# shellcheck disable=SC2034   # read by svc_env (processes.sh)
E2E_SERVICE_ENV=(
  SMARTLINK_BOOKINGS_HOLD_DURATION=20s
  SMARTLINK_BOOKINGS_SWEEPER_INTERVAL=1s
  # the sandbox payment provider may hold a webhook back on request (PaymentE2EIT's late payments)
  PAYMENTS_SANDBOX_ALLOW_WEBHOOK_DELAY=true
  # the admin overview's parts are cached 5 s instead of a minute: AdminOverviewE2EIT sees its own figures
  SMARTLINK_USERS_OVERVIEW_CACHE_TTL=5s
)
# shellcheck disable=SC2034   # set by `up --e2e`, read by svc_env
E2E_MODE=0

# A long step of `test` runs in the background so that INT/TERM reach our trap
# at once (bash defers traps until a foreground child ends); the trap then
# stops that child and its descendants, found by parent pid.
CHILD=""
run_child() {
  "$@" &
  CHILD=$!
  local rc=0
  wait "$CHILD" || rc=$?
  CHILD=""
  return "$rc"
}

children_of() {   # pids whose parent is $1 (from /proc: procps may be missing)
  local p st
  for p in /proc/[0-9]*; do
    read -r st < "$p/stat" 2>/dev/null || continue
    st=${st##*) }                      # drop "pid (comm) "; comm may hold spaces
    [[ ${st#* } == "$1 "* ]] && echo "${p#/proc/}"
  done
  return 0
}

kill_tree() {   # kill_tree <pid>: TERM a process and all its descendants
  local c
  for c in $(children_of "$1"); do kill_tree "$c"; done
  kill -TERM "$1" 2>/dev/null || true
}

on_signal() {
  trap - INT TERM
  warn "interrupted"
  [[ -n $CHILD ]] && kill_tree "$CHILD"
  exit "$1"
}

# what was running before `test` (left running afterwards)
TEST_KEEP=()
TEST_STOP_INFRA=()
test_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  step "test: down (only what this run started)"
  stop_services "${TEST_KEEP[@]}"
  (( ${#TEST_STOP_INFRA[@]} == 0 )) || infra_down "${TEST_STOP_INFRA[@]}"
  if (( rc == 0 )); then step "${G}test: PASSED${N}"; else step "${R}test: FAILED (exit $rc)${N}"; fi
  exit "$rc"
}

cmd_test() {
  local t n a url="" browser_only=0
  while (( $# )); do
    case $1 in
      --browser-only) browser_only=1 ;;
      --url) [[ $# -ge 2 ]] || die "--url needs a value"; url=$2; shift ;;
      --url=*) url=${1#--url=} ;;
      *) die "unknown option $1 (./smartlink test [--browser-only [--url http://host:port]])" ;;
    esac
    shift
  done
  if (( browser_only )); then
    test_browser_only "$url"
    return
  fi
  [[ -z $url ]] || die "--url goes with --browser-only (./smartlink test runs its own platform)"
  t=$(now)
  for n in $(all_instances); do [[ -n $(svc_pid "$n") ]] && TEST_KEEP+=("$n"); done
  port_open "$KAFKA_PORT" || TEST_STOP_INFRA+=(kafka)
  local r
  for r in "${REDIS_NAMES[@]}"; do redis_answers "$r" || TEST_STOP_INFRA+=("$r"); done
  pg_answers || TEST_STOP_INFRA+=(postgres)
  trap test_cleanup EXIT
  trap 'on_signal 130' INT
  trap 'on_signal 143' TERM
  infra_up
  export SMARTLINK_PG_ADMIN_PASSWORD; SMARTLINK_PG_ADMIN_PASSWORD=$(secret PG_ADMIN_PASSWORD)
  # test-support uses Testcontainers only where a Docker engine answers; say so up front instead of
  # letting every test JVM probe for one
  docker_ok || export SMARTLINK_TEST_DOCKER=false
  # the web UI first: the gateway's jar (built by verify) carries web-ui/dist; its unit tests belong to verify
  local start; start=$(date +%s.%N)
  web_build
  run_child web_test || { warn "the web UI's unit tests failed"; exit 1; }
  step "unit + integration tests: ./mvnw -B verify"
  run_child mvnw -B verify || { warn "./mvnw -B verify failed"; exit 1; }
  touch -d "@$start" "$STAMP"     # the jars were just built by verify
  cmd_up --no-build --e2e
  step "e2e tests: ./mvnw -B -Pe2e -pl e2e-tests verify"
  # the e2e tests read .smartlink/admin.txt and .smartlink/secrets.env themselves; an admin from the
  # environment reaches them the same way, as SMARTLINK_ADMIN_EMAIL/SMARTLINK_ADMIN_PASSWORD in the
  # environment Maven and its test JVMs inherit (never as -D arguments: argv is visible in ps)
  local failed=()
  run_child mvnw -B -Pe2e -pl e2e-tests verify -Dsmartlink.gateway.url="http://127.0.0.1:${S_PORT[gateway-service]}" \
      -Dsmartlink.gateway.management.url="http://127.0.0.1:$(mgmt_port gateway-service)" \
    || { warn "e2e tests failed"; failed+=("e2e tests"); }
  # the browser tests run even when the Java e2e tests failed: one run reports both
  run_child browser_tests || { warn "browser tests failed"; failed+=("browser tests"); }
  (( ${#failed[@]} == 0 )) || { warn "failed: ${failed[*]}"; exit 1; }
  step "all tests passed in $(since "$t")"
}

# `./smartlink test --browser-only [--url URL]`: the browser tests against a platform that is already up (started
# with ./smartlink up --e2e, or any gateway at URL); starts and stops nothing.
test_browser_only() {
  local url=${1:-http://127.0.0.1:${S_PORT[gateway-service]}}
  if [[ -z ${1:-} ]] && ! health_up "$(mgmt_port gateway-service)"; then
    die "the gateway is not up on port ${S_PORT[gateway-service]}: ./smartlink up --e2e first (or --url http://host:port)"
  fi
  # the admin the runner generated (.smartlink/admin.txt) is read by the tests themselves
  ensure_dirs
  trap 'on_signal 130' INT
  trap 'on_signal 143' TERM
  local t; t=$(now)
  run_child browser_tests "$url" || { step "${R}browser tests: FAILED${N}"; exit 1; }
  step "${G}browser tests: PASSED${N} in $(since "$t")"
}
