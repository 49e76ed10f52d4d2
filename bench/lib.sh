# shellcheck shell=bash
# Shared by the benchmark scripts (bench/*.sh), sourced after they set ROOT and PIDS (the runner's pid files): output helpers,
# the JDK the runner would pick, and the runner's service processes found and stopped by pid.

die() { printf 'ERROR %s\n' "$*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }
info() { printf '   %s\n' "$*"; }
now() { date +%s.%N; }
div_ratio() {   # div_ratio <a> <b>: a / b to two decimals; "-" when either is missing or b is 0
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.2f", a / b }'
}
port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

pick_java() {   # the newest JDK >= 17, as ./smartlink picks it (SMARTLINK_JAVA_HOME wins)
  local c v best="" best_v=0
  if [[ -n ${SMARTLINK_JAVA_HOME:-} ]]; then echo "$SMARTLINK_JAVA_HOME/bin/java"; return; fi
  for c in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*/bin/java "$(command -v java || true)"; do
    [[ -n $c && -x $c ]] || continue
    v=$("$c" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }'); v=${v#1.}; v=${v%%[.+-]*}
    [[ $v =~ ^[0-9]+$ ]] && (( v > best_v )) && { best=$c; best_v=$v; }
  done
  (( best_v >= 17 )) || die "no JDK 17+ found (set SMARTLINK_JAVA_HOME)"
  echo "$best"
}

java_major() { local v; v=$("$1" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }'); echo "${v%%[.+-]*}"; }

# name pid: every live service process the runner recorded (java -jar .smartlink/run/<svc>/<stamp>/<svc>.jar)
platform_pids() {
  local f name pid
  # shellcheck disable=SC2153  # PIDS: set by the sourcing script
  for f in "$PIDS"/*.pid; do
    [[ -e $f ]] || continue
    name=$(basename "$f" .pid)
    [[ $name == kafka || $name == redis || $name == redis-cache ]] && continue
    pid=$(tr -dc '0-9' < "$f")
    if [[ -z $pid ]] || ! kill -0 "$pid" 2>/dev/null; then continue; fi
    [[ $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) == *"-jar "*"/${name%-[0-9]*}"*".jar"* ]] || continue
    echo "$name $pid"
  done
}

# stops the runner's services by pid: TERM, then KILL after 45 s (they stop within 20 s + deregistration);
# discovery-service last, as ./smartlink down does (the others deregister from it on the way out)
stop_services() {
  local name pid discovery=""
  local -a pids=()
  while read -r name pid; do
    [[ -n $pid ]] || continue
    if [[ $name == discovery-service ]]; then discovery=$pid; continue; fi
    info "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    pids+=("$pid")
  done < <(platform_pids)
  await_exit "${pids[@]}"
  if [[ -n $discovery ]]; then
    info "stopping discovery-service (pid $discovery)"
    kill -TERM "$discovery" 2>/dev/null || true
    await_exit "$discovery"
  fi
}

await_exit() {   # await_exit <pid>...: waits <= 45 s for all of them, then KILLs the rest
  local pid deadline=$(( $(date +%s) + 45 ))
  for pid in "$@"; do
    while kill -0 "$pid" 2>/dev/null && (( $(date +%s) < deadline )); do sleep 0.3; done
    if kill -0 "$pid" 2>/dev/null; then info "pid $pid still running after 45 s: KILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  done
}

# The platform the benchmarks start themselves: refused while its services run (they would lack the benchmark's
# configuration), stopped at the end by pid, the infrastructure too (./smartlink down) unless it ran before
# (INFRA_WAS_UP, set by the sourcing script).
refuse_running_platform() {
  [[ -z $(platform_pids) ]] || die "the platform is running ($(platform_pids | awk '{ print $1 }' | paste -sd' ')): its services must be restarted with the benchmark configuration; stop them first (./smartlink down) and run again"
}

leave_platform() {   # leave_platform <dir for the log of ./smartlink down>
  # shellcheck disable=SC2153  # INFRA_WAS_UP: set by the sourcing script
  if (( INFRA_WAS_UP )); then
    stop_services
    info "PostgreSQL, Redis and Kafka were running before the benchmark: left running"
  else
    ./smartlink down > "$1/down.log" 2>&1 || { tail -n 20 "$1/down.log"; info "./smartlink down failed"; }
    info "./smartlink down: services and infra stopped"
  fi
}

# bench_start <name>: the private temp dir under .smartlink (WORK), the JDK (JAVA, JAVA_MAJOR) and the first
# line of the report: the machine, the commit, the JDK
bench_start() {
  mkdir -p "$ROOT/.smartlink"
  WORK=$(mktemp -d "$ROOT/.smartlink/bench-$1.XXXXXX")
  chmod 700 "$WORK"
  JAVA=$(pick_java)
  JAVA_MAJOR=$(java_major "$JAVA")
  step "$1 benchmark: $(date '+%F %T'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), Java $JAVA_MAJOR"
}
