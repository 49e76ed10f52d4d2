# shellcheck shell=bash
# ./smartlink, common part: where the runner keeps its state, output, the lock, pids, ports, waiting.
# Sourced by ./smartlink (which sets ROOT); every other part uses these.

STATE="$ROOT/.smartlink"
LOGS="$STATE/logs"
PIDS="$STATE/pids"
MARKS="$STATE/infra"           # markers: infra the runner started itself
SECRETS="$STATE/secrets.env"
ADMIN_FILE="$STATE/admin.txt"  # the generated admin login (email=, password=)
STAMP="$STATE/build.stamp"
KAFKA_HOME="$STATE/kafka"
KAFKA_LIBS="$KAFKA_HOME/libs"
EUREKA="http://127.0.0.1:8761"

if [[ -t 1 ]]; then B=$'\e[1m'; R=$'\e[31m'; G=$'\e[32m'; Y=$'\e[33m'; N=$'\e[0m'; else B=; R=; G=; Y=; N=; fi
step() { printf '%s==>%s %s\n' "$B" "$N" "$*"; }
info() { printf '    %s\n' "$*"; }
warn() { printf '%sWARN%s %s\n' "$Y" "$N" "$*" >&2; }
die()  { printf '%sERROR%s %s\n' "$R" "$N" "$*" >&2; exit 1; }
now()  { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1fs", e - s }'; }
is_root() { [[ $(id -u) -eq 0 ]]; }
upper() { tr '[:lower:]' '[:upper:]' <<< "$1"; }

# ----------------------------------------------------------------- helpers --

ensure_dirs() {
  mkdir -p "$LOGS" "$PIDS" "$MARKS" "$KAFKA_HOME" "$STATE/redis" "$STATE/cds"
}

# One ./smartlink at a time changes state. fd 9 must not leak into the
# long-lived processes we start (they would hold the lock): every spawn
# closes it with 9>&-.
LOCKED=0
lock() {
  (( LOCKED )) && return 0
  ensure_dirs
  exec 9>"$STATE/lock"
  LOCKED=1
  if ! flock -n 9; then
    info "another ./smartlink is running; waiting for it (up to 15 min)"
    flock -w 900 9 || die "could not get $STATE/lock"
  fi
}

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

wait_until() {   # wait_until <seconds> <command...>
  local limit=$1; shift
  local deadline=$(( $(date +%s) + limit ))
  until "$@"; do
    (( $(date +%s) < deadline )) || return 1
    sleep 0.5
  done
}

pid_alive() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; }

# pid_matches <pid> <substring of its command line>: guards against pid reuse
pid_matches() {
  pid_alive "$1" || return 1
  local cmd
  cmd=$(tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null) || return 1
  [[ $cmd == *"$2"* ]]
}

read_pid() { if [[ -f "$PIDS/$1.pid" ]]; then tr -dc '0-9' < "$PIDS/$1.pid"; fi; }

rss_mib() {   # VmRSS of a pid, in MiB ("-" if unknown)
  local kb
  kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || true)
  [[ -n $kb ]] && echo $(( kb / 1024 )) || echo "-"
}

STOP_TIMEOUT="${SMARTLINK_STOP_TIMEOUT:-30}"      # seconds, then KILL (services shut down gracefully within 20 s + Eureka deregistration)
# stop_pid <name> <pid> <cmdline-substring> [timeout]: TERM, wait, KILL
stop_pid() {
  local name=$1 pid=$2 match=$3 limit=${4:-$STOP_TIMEOUT}
  if ! pid_matches "$pid" "$match"; then
    return 0
  fi
  local t; t=$(now)
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$(( $(date +%s) + limit ))
  while pid_alive "$pid" && (( $(date +%s) < deadline )); do sleep 0.3; done
  if pid_alive "$pid"; then
    warn "$name (pid $pid) still running after ${limit}s: KILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  info "stopped $name (pid $pid) in $(since "$t")"
}

fail_log() {   # fail_log <name> <message>
  printf '%sERROR%s %s: %s\n' "$R" "$N" "$1" "$2" >&2
  if [[ -f $LOGS/$1.log ]]; then
    echo "---- last 60 lines of ${LOGS#"$ROOT"/}/$1.log ----" >&2
    tail -n 60 "$LOGS/$1.log" >&2
    echo "----" >&2
  fi
  exit 1
}
