# shellcheck shell=bash
# ./smartlink, processes part: the services of platform.layout as local JVMs. Instances (a scalable
# service runs as <prefix>-1..N), their environment, start, health, stop; the commands up, down,
# scale, status and logs.

# Every service listens on this address only (SERVER_ADDRESS); the gateway too unless
# SMARTLINK_GATEWAY_BIND_ADDRESS says otherwise (e.g. 0.0.0.0 to reach it from the LAN). The runner
# probes 127.0.0.1, so an address must include loopback: 127.0.0.1, 0.0.0.0 or ::.
BIND_ADDRESS="${SMARTLINK_BIND_ADDRESS:-127.0.0.1}"
GATEWAY_BIND_ADDRESS="${SMARTLINK_GATEWAY_BIND_ADDRESS:-$BIND_ADDRESS}"
START_TIMEOUT="${SMARTLINK_START_TIMEOUT:-180}"   # seconds, per service (a ceiling: 11 JVMs start on 2 cores)
# Failure zones of storage nodes, round robin: storage-node-i is in zone STORAGE_ZONES[(i-1) % 3]
# (like the StatefulSet's zones[ordinal % 3] in Kubernetes).
STORAGE_ZONES=(a b c)

jar_of() { echo "$ROOT/$1/target/$1.jar"; }

# run_jar <service>: the copy of the built jar a JVM runs from, .smartlink/run/<service>/<jar mtime>/<service>.jar.
# A build rewrites target/<service>.jar in place; a JVM still reading it (classes load lazily) would fail with
# NoClassDefFoundError and leave requests hanging. The copy is never written again: a rebuild makes a new one.
run_jar() {
  local src; src=$(jar_of "$1")
  local dir; dir="$STATE/run/$1/$(stat -c %Y "$src")"
  if [[ ! -f $dir/$1.jar ]]; then
    mkdir -p "$dir"
    cp "$src" "$dir/.$1.jar.tmp" && mv "$dir/.$1.jar.tmp" "$dir/$1.jar"
  fi
  echo "$dir/$1.jar"
}

# prune_run_jars <service>: removes the copies no running process uses any more
prune_run_jars() {
  local dir
  for dir in "$STATE/run/$1"/*/; do
    [[ -d $dir ]] || continue
    grep -qasF -- "$dir" /proc/[0-9]*/cmdline 2>/dev/null || rm -rf "$dir"
  done
}

resolve_svc() {   # accepts gateway / gateway-service, and a scalable service's prefix (storage-node)
  local n
  for n in "${SVC_NAMES[@]}"; do
    if [[ $1 == "$n" || $1-service == "$n" || ( -n ${S_PREFIX[$n]} && $1 == "${S_PREFIX[$n]}" ) ]]; then
      echo "$n"; return 0
    fi
  done
  return 1
}

# --- instances: what runs. A one-instance service's instance is the service itself; a scalable
# service's are <prefix>-<i>. Logs and pid files are named after the instance.

# instance <name>: sets I_SVC (service), I_PORT, I_MGMT (the actuator's port: I_PORT unless the service
# has a management port of its own) and I_ORD (0 for a one-instance service); fails for a name that is no
# instance.
I_SVC="" I_PORT="" I_MGMT="" I_ORD=0
instance() {
  local s p
  if [[ -n ${S_PORT[$1]:-} && -z ${S_PREFIX[$1]} ]]; then
    I_SVC=$1 I_PORT=${S_PORT[$1]} I_ORD=0
    I_MGMT=$I_PORT; [[ ${S_MGMT[$1]} == - ]] || I_MGMT=${S_MGMT[$1]}
    return 0
  fi
  for s in "${SVC_NAMES[@]}"; do
    p=${S_PREFIX[$s]}
    if [[ -n $p && $1 =~ ^$p-([1-9][0-9]?)$ ]]; then
      I_SVC=$s I_ORD=${BASH_REMATCH[1]} I_PORT=$(instance_port "$s" "${BASH_REMATCH[1]}")
      I_MGMT=$I_PORT   # scalable services keep the actuator on their own port
      return 0
    fi
  done
  return 1
}

mgmt_port() { instance "$1" && echo "$I_MGMT"; }   # mgmt_port <instance>

is_scalable() { [[ -n ${S_PREFIX[$1]:-} ]]; }

count_file() { echo "$STATE/${S_PREFIX[$1]}s"; }   # .smartlink/storage-nodes

scale_count() {   # scale_count <service>: how many instances `up` runs
  is_scalable "$1" || { echo 1; return; }
  local n=""
  [[ -f $(count_file "$1") ]] && n=$(tr -dc '0-9' < "$(count_file "$1")")
  if [[ -n $n ]] && (( 10#$n <= MAX_INSTANCES )); then echo $(( 10#$n )); else echo "${S_COUNT[$1]}"; fi
}

running_ordinals() {   # running_ordinals <scalable service>: ordinals with a live process, ascending
  local f name
  for f in "$PIDS/${S_PREFIX[$1]}"-*.pid; do
    [[ -e $f ]] || continue
    name=$(basename "$f" .pid)
    if ! instance "$name" || [[ $I_SVC != "$1" ]]; then continue; fi
    [[ -n $(svc_pid "$name") ]] && echo "$I_ORD"
  done | sort -n
}

instances_of() {   # instances_of <service> [all]: the instances `up` runs; with all, also running extras
  local svc=$1 n max o
  if ! is_scalable "$svc"; then echo "$svc"; return; fi
  n=$(scale_count "$svc"); max=$n
  if [[ ${2:-} == all ]]; then
    for o in $(running_ordinals "$svc"); do (( o > max )) && max=$o; done
  fi
  for (( o = 1; o <= max; o++ )); do echo "${S_PREFIX[$svc]}-$o"; done
}

all_instances() {   # every instance of every service, in table order (running extras included)
  local s
  for s in "${SVC_NAMES[@]}"; do instances_of "$s" all; done
}

health_up() {   # health_up <port>: /actuator/health answers 200 with status UP
  local body
  body=$(curl -fsS --max-time 3 "http://127.0.0.1:$1/actuator/health" 2>/dev/null) || return 1
  grep -Eq '"status" *: *"UP"' <<< "$body"
}

# eureka_registered <service> <port>: Eureka lists an instance of the service on that port (its
# instance id is <service>:<ip>:<port>, from service-defaults). All storage nodes register under
# one application (STORAGE-NODE-SERVICE), told apart by their instance ids.
# The registry wants a credential for reads: the runner reads as the dashboard's (read-only) operator, the
# password handed to curl in a config on stdin (`-K -`), never on its command line.
eureka_registered() {
  local body
  body=$(printf 'user = "dashboard:%s"\n' "$(secret DISCOVERY_DASHBOARD_PASSWORD)" \
      | curl -K - -fsS --max-time 3 -H 'Accept: application/json' "$EUREKA/eureka/apps/$(upper "$1")" 2>/dev/null) || return 1
  grep -Eq "\"instanceId\" *: *\"[^\"]*:$2\"" <<< "$body"
}

svc_pid() {   # svc_pid <instance>: pid of a running instance we started (empty if none)
  instance "$1" || return 0
  local pid; pid=$(read_pid "$1")
  if pid_matches "$pid" "/$I_SVC.jar"; then echo "$pid"; fi
}
# launch <name> "<env assignments>" <command...>: detached, own session,
# stdout+stderr appended to .smartlink/logs/<name>.log, pid in .smartlink/pids/<name>.pid
# The assignments are one per line; secrets reach a process only through them.
launch() {
  local name=$1 envs=$2; shift 2
  local log="$LOGS/$name.log" pidf="$PIDS/$name.pid"
  rm -f "$pidf"
  printf '\n===== %s: starting %s =====\n' "$(date '+%F %T')" "$name" >> "$log"
  (
    unset SMARTLINK_ADMIN_EMAIL SMARTLINK_ADMIN_PASSWORD SMARTLINK_KEYS_ENCRYPTION_SECRET SMARTLINK_PG_ADMIN_PASSWORD \
          SMARTLINK_SERVICE_SECRET SMARTLINK_SERVICE_CLIENTS SMARTLINK_DISCOVERY_DASHBOARD_PASSWORD REDIS_PASSWORD
    local kv
    set -f; IFS=$'\n'
    for kv in $envs; do export "${kv?}"; done   # via the environment, not argv (passwords)
    set +f; IFS=$' \t\n'
    # shellcheck disable=SC2016
    exec setsid nohup bash -c 'echo $$ > "$0"; exec "$@"' "$pidf" "$@" >> "$log" 2>&1 < /dev/null 9>&-
  ) &
  local i
  for i in $(seq 50); do [[ -s $pidf ]] && break; sleep 0.1; done
  [[ -s $pidf ]] || fail_log "$name" "could not start"
}

svc_env() {   # svc_env <instance>: env assignments, one per line
  instance "$1" || die "unknown instance $1"
  local name=$I_SVC port=$I_PORT mgmt=$I_MGMT ord=$I_ORD
  echo "SERVER_PORT=$port"
  # loopback only unless told otherwise (SMARTLINK_BIND_ADDRESS; the gateway: SMARTLINK_GATEWAY_BIND_ADDRESS)
  if [[ $name == gateway-service ]]; then echo "SERVER_ADDRESS=$GATEWAY_BIND_ADDRESS"; else echo "SERVER_ADDRESS=$BIND_ADDRESS"; fi
  if [[ $mgmt != "$port" ]]; then
    # the actuator on a port of its own, never on the gateway's public one (and never beyond BIND_ADDRESS)
    echo "MANAGEMENT_SERVER_PORT=$mgmt"
    echo "MANAGEMENT_SERVER_ADDRESS=$BIND_ADDRESS"
  fi
  echo "EUREKA_URL=${EUREKA_URL:-$EUREKA/eureka/}"
  echo "CONFIG_SERVER_URL=${CONFIG_SERVER_URL:-http://127.0.0.1:8888}"
  echo "KAFKA_BOOTSTRAP_SERVERS=${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}"
  if (( JAVA_MAJOR >= 21 )); then echo "SPRING_THREADS_VIRTUAL_ENABLED=true"; fi
  if [[ " ${SERVICE_CLIENTS[*]} " == *" $name "* ]]; then
    echo "SMARTLINK_SERVICE_SECRET=$(secret "$(service_secret_key "$name")")"
  fi
  case $name in
    user-service|discovery-service) echo "SMARTLINK_SERVICE_CLIENTS=$(service_clients_env)" ;;
  esac
  # `up --e2e` / `test`: the settings the e2e tests expect (tests.sh, E2E_SERVICE_ENV: short booking holds)
  if (( E2E_MODE )); then printf '%s\n' "${E2E_SERVICE_ENV[@]}"; fi
  # the registry's read-only dashboard login (the runner reads the registry with it too)
  [[ $name == discovery-service ]] && echo "SMARTLINK_DISCOVERY_DASHBOARD_PASSWORD=$(secret DISCOVERY_DASHBOARD_PASSWORD)"
  local db=${S_DB[$name]} redis=${S_REDIS[$name]}   # platform.layout's needs
  if [[ -n $redis ]]; then   # one Redis per service: the state server, or (vehicle-service) the cache server
    echo "REDIS_HOST=${REDIS_HOST:-127.0.0.1}"
    echo "REDIS_PORT=${R_PORT[$redis]}"
    echo "REDIS_PASSWORD=$(redis_password_for "$redis")"
  fi
  if [[ -n $db ]]; then
    echo "DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/$db"
    echo "DB_USERNAME=$db"
    echo "DB_PASSWORD=$(secret "$(upper "$db")_DB_PASSWORD")"
  fi
  case $name in
    user-service)   # ensure_admin ran in cmd_up
      echo "SMARTLINK_ADMIN_EMAIL=$ADMIN_EMAIL"
      echo "SMARTLINK_ADMIN_PASSWORD=$ADMIN_PASSWORD"
      echo "SMARTLINK_KEYS_ENCRYPTION_SECRET=$(secret KEYS_ENCRYPTION_SECRET)" ;;
    payment-service)   # the sandbox provider signs its webhooks with this; Stripe's keys only when the operator set them
      echo "PAYMENTS_SANDBOX_WEBHOOK_SECRET=$(secret PAYMENTS_SANDBOX_WEBHOOK_SECRET)"
      if [[ -n ${STRIPE_SECRET_KEY:-} ]]; then echo "STRIPE_SECRET_KEY=$STRIPE_SECRET_KEY"; fi
      if [[ -n ${STRIPE_WEBHOOK_SECRET:-} ]]; then echo "STRIPE_WEBHOOK_SECRET=$STRIPE_WEBHOOK_SECRET"; fi ;;
    storage-node-service)   # identity and data directory per node (storage-node-service/README.md)
      echo "SMARTLINK_NODE_ID=node-$ord"
      echo "SMARTLINK_NODE_ZONE=${STORAGE_ZONES[(ord - 1) % ${#STORAGE_ZONES[@]}]}"
      echo "SMARTLINK_NODE_DATA_DIR=$STATE/storage/node-$ord" ;;
  esac
}

svc_args() {
  case $1 in
    config-service) echo "--spring.cloud.config.server.native.search-locations=file:$ROOT/config-repo/" ;;
  esac
}

# start_svc <instance>: starts it unless already running; returns without waiting
start_svc() {
  local name=$1
  instance "$name" || die "unknown instance $name"
  local svc=$I_SVC port=$I_PORT mgmt=$I_MGMT ord=$I_ORD jar; jar=$(jar_of "$I_SVC")
  local pid; pid=$(svc_pid "$name")
  if [[ -n $pid ]]; then
    if [[ $jar -nt $PIDS/$name.pid ]]; then
      # a running JVM whose jar was rebuilt under it fails with NoClassDefFoundError
      info "$name: jar rebuilt since it started: restarting"
      stop_pid "$name" "$pid" "/$svc.jar"
    else
      info "$name already running (pid $pid)"
      return 0
    fi
  fi
  rm -f "$PIDS/$name.pid"
  if port_open "$port"; then
    if health_up "$mgmt"; then
      warn "$name: port $port is served by a process not started by ./smartlink; using it"
      return 0
    fi
    die "$name: port $port is in use by another process"
  fi
  if [[ $mgmt != "$port" ]] && port_open "$mgmt"; then
    die "$name: its management port $mgmt is in use by another process"
  fi
  [[ -f $jar ]] || die "$name: $jar not found (build with ./mvnw -DskipTests package)"
  prune_run_jars "$svc"
  jar=$(run_jar "$svc")
  local opts; opts=$(jvm_opts "$svc" "${S_HEAP[$svc]}" "${S_JIT[$svc]}" "$(( ord <= 1 ))")
  # shellcheck disable=SC2086,SC2046
  launch "$name" "$(svc_env "$name")" "$JAVA" $opts -jar "$jar" $(svc_args "$svc")
  info "started $name (pid $(read_pid "$name"), port $port)"
}

# wait_svc <instance> <t0>: healthy, and (except discovery) registered in Eureka
wait_svc() {
  local name=$1 t0=$2
  instance "$name" || die "unknown instance $name"
  local svc=$I_SVC port=$I_PORT mgmt=$I_MGMT
  local pid; pid=$(read_pid "$name")
  local deadline=$(( $(date +%s) + START_TIMEOUT ))
  until health_up "$mgmt"; do
    if [[ -n $pid ]] && ! pid_alive "$pid"; then fail_log "$name" "exited during start"; fi
    (( $(date +%s) < deadline )) || fail_log "$name" "not healthy after ${START_TIMEOUT}s (http://127.0.0.1:$mgmt/actuator/health)"
    sleep 0.5
  done
  local healthy; healthy=$(since "$t0")
  if [[ $svc != discovery-service ]]; then
    until eureka_registered "$svc" "$port"; do
      if [[ -n $pid ]] && ! pid_alive "$pid"; then fail_log "$name" "exited"; fi
      (( $(date +%s) < deadline )) || fail_log "$name" "healthy but not registered in Eureka after ${START_TIMEOUT}s ($EUREKA/eureka/apps/$(upper "$svc"), port $port)"
      sleep 0.5
    done
    info "$name healthy in $healthy, registered in Eureka in $(since "$t0")"
  else
    info "$name healthy in $healthy"
  fi
}

# The gateway learns about a new instance from its Eureka cache (5 s fetch, 5 s load-balancer
# cache): wait until it routes to the service, so that `up` returning means the API answers.
gateway_routes() {   # gateway_routes <path>: a public GET through the gateway answers 200
  [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:${S_PORT[gateway-service]}$1" 2>/dev/null) == 200 ]]
}

wait_routed() {   # wait_routed <name> <t0>
  local path
  case $1 in
    user-service) path=/.well-known/jwks.json ;;
    *) return 0 ;;
  esac
  if wait_until "$START_TIMEOUT" gateway_routes "$path"; then
    info "gateway routes to $1 ($path) $(since "$2") after the start"
  else
    warn "the gateway does not route to $1 yet (http://127.0.0.1:${S_PORT[gateway-service]}$path)"
  fi
}

# The runner probes health on 127.0.0.1: a bind address must include loopback.
check_bind_addresses() {
  local a
  for a in "$BIND_ADDRESS" "$GATEWAY_BIND_ADDRESS"; do
    case $a in
      127.0.0.1|0.0.0.0|::|'[::]') ;;
      *) die "bind address '$a' (SMARTLINK_BIND_ADDRESS / SMARTLINK_GATEWAY_BIND_ADDRESS): use 127.0.0.1 (default), or 0.0.0.0 / :: to listen on every interface (the runner checks health on 127.0.0.1)" ;;
    esac
  done
  if [[ $BIND_ADDRESS != 127.0.0.1 ]]; then
    warn "services listen on $BIND_ADDRESS (SMARTLINK_BIND_ADDRESS): their /internal APIs and actuators are reachable from your network"
  fi
}

# A storage node heartbeats only with a service token from user-service (found through discovery), so it may
# be healthy and registered some seconds before the controller knows it: wait for its first accepted
# heartbeat (its smartlink_storage_node_heartbeats_total{outcome="success"}), so that `up` returning means
# files can be stored.
node_reported() {   # node_reported <port>
  curl -fsS --max-time 3 "http://127.0.0.1:$1/actuator/prometheus" 2>/dev/null |
    awk '/^smartlink_storage_node_heartbeats_total\{/ && /outcome="success"/ { if ($NF + 0 > 0) ok = 1 } END { exit !ok }'
}

wait_nodes_reported() {   # wait_nodes_reported <t0> <instance...>: the storage-node instances among them
  local t0=$1 n nodes=(); shift
  for n in "$@"; do
    if instance "$n" && [[ $I_SVC == storage-node-service ]]; then nodes+=("$n"); fi
  done
  (( ${#nodes[@]} )) || return 0
  health_up "${S_PORT[storage-controller-service]}" || return 0
  for n in "${nodes[@]}"; do
    instance "$n"
    if wait_until "$START_TIMEOUT" node_reported "$I_PORT"; then
      info "$n reported to the storage controller $(since "$t0") after the start"
    else
      warn "$n has not reached the storage controller yet (see ./smartlink logs $n)"
    fi
  done
}

# Builds what changed: the web UI first (web.sh; the gateway's jar copies web-ui/dist), then the jars when a
# source, pom or config file is newer than the build stamp. A new web UI build alone rebuilds only the gateway.
build_if_needed() {
  web_build
  local reason="" n gateway_only=0
  for n in "${SVC_NAMES[@]}"; do
    [[ -f $(jar_of "$n") ]] || { reason="${n}.jar missing"; break; }
  done
  if [[ -z $reason ]]; then
    if [[ ! -f $STAMP ]]; then
      reason="no build stamp"
    else
      local newer
      newer=$(cd "$ROOT" && find . \( -name .git -o -name .smartlink -o -name target -o -name node_modules -o -path ./infra \
          -o -path ./web-ui -o -path ./e2e-browser \) -prune -o \
          -type f \( -path '*/src/*' -o -path './libs/*' -o -path './config-repo/*' -o -name pom.xml \) -newer "$STAMP" -print -quit)
      [[ -z $newer ]] || reason="${newer#./} changed"
      if [[ -z $reason && $ROOT/web-ui/dist/index.html -nt $STAMP ]]; then
        reason="web-ui/dist changed"; gateway_only=1
      fi
    fi
  fi
  if [[ -z $reason ]]; then
    info "jars are up to date"
    return 0
  fi
  local t start
  t=$(now); start=$(date +%s.%N)
  if (( gateway_only )); then
    step "building ($reason): ./mvnw -B -q -DskipTests -pl gateway-service -am package"
    mvnw -B -q -DskipTests -pl gateway-service -am package || die "build failed"
  else
    step "building ($reason): ./mvnw -B -q -DskipTests package"
    mvnw -B -q -DskipTests package || die "build failed"
  fi
  touch -d "@$start" "$STAMP"
  info "built in $(since "$t")"
}

cmd_up() {
  local build=1 want=() a n
  for a in "$@"; do
    case $a in
      --no-build) build=0 ;;
      --e2e) E2E_MODE=1 ;;
      -*) die "unknown option $a" ;;
      *) n=$(resolve_svc "$a") || die "unknown service '$a' (known: ${SVC_NAMES[*]})"; want+=("$n") ;;
    esac
  done
  (( ${#want[@]} )) || want=("${SVC_NAMES[@]}")
  for n in "${want[@]}"; do
    if is_scalable "$n"; then check_instance_ports "$n" "$(scale_count "$n")"; fi
  done
  local t; t=$(now)
  check_bind_addresses
  lock
  select_java
  [[ " ${want[*]} " == *" user-service "* ]] && ensure_admin
  (( build )) && { step "build"; build_if_needed; }
  infra_up

  # phase by phase (platform.layout's start column): every service of the phases before the last (the
  # registry, the config server), then the ones asked for; a phase starts together and is healthy before
  # the next one starts; a scalable service runs as its N instances, its instance 1 with the phase and
  # its further instances once the phase's first wave is healthy (a phase of many JVMs on a small
  # machine would otherwise start too slowly for START_TIMEOUT)
  local last=${START_PHASES[${#START_PHASES[@]}-1]} order=() phase batch wave extra t0
  for n in "${SVC_NAMES[@]}"; do (( S_START[$n] < last )) && order+=("$n"); done
  for n in "${want[@]}"; do [[ " ${order[*]} " == *" $n "* ]] || order+=("$n"); done
  for phase in "${START_PHASES[@]}"; do
    batch=()
    for n in "${order[@]}"; do
      (( S_START[$n] == phase )) && mapfile -t -O "${#batch[@]}" batch < <(instances_of "$n")
    done
    (( ${#batch[@]} )) || continue
    step "${batch[*]}"
    t0=$(now)
    wave=() extra=()
    for n in "${batch[@]}"; do
      instance "$n"
      if (( I_ORD <= 1 )); then wave+=("$n"); else extra+=("$n"); fi
    done
    # a DB/Redis dependency is provisioned by infra_up; nothing else to do here
    for n in "${wave[@]}"; do start_svc "$n"; done
    for n in "${wave[@]}"; do wait_svc "$n" "$t0"; done
    if (( ${#extra[@]} )); then
      info "further instances: ${extra[*]}"
      for n in "${extra[@]}"; do start_svc "$n"; done
      for n in "${extra[@]}"; do wait_svc "$n" "$t0"; done
    fi
    if [[ " ${batch[*]} " == *" user-service "* ]] && health_up "$(mgmt_port gateway-service)"; then
      wait_routed user-service "$t0"
    fi
    wait_nodes_reported "$t0" "${batch[@]}"
  done
  step "up in $(since "$t")"
  print_urls
  admin_banner
}

print_urls() {
  local gw=${S_PORT[gateway-service]} gwm; gwm=$(mgmt_port gateway-service)
  echo
  echo "  Gateway            http://127.0.0.1:$gw   (listens on $GATEWAY_BIND_ADDRESS; SMARTLINK_GATEWAY_BIND_ADDRESS=0.0.0.0 for your LAN)"
  echo "  Eureka dashboard   $EUREKA/   (user dashboard, password DISCOVERY_DASHBOARD_PASSWORD in ${SECRETS#"$ROOT"/})"
  echo "  Config server      http://127.0.0.1:8888/<application>/default   (e.g. /gateway-service/default)"
  echo "  Prometheus scrape (management ports, never through the gateway):"
  local n
  for n in $(all_instances); do
    instance "$n"
    printf '    %-28s http://127.0.0.1:%s/actuator/prometheus\n' "$n" "$I_MGMT"
  done
  echo "  JWKS (public keys) http://127.0.0.1:$gw/.well-known/jwks.json"
  echo "  user-service API   http://127.0.0.1:8081/v3/api-docs   (OpenAPI; call it through the gateway)"
  echo "  Vehicles           http://127.0.0.1:$gw/api/vehicles   (public search, through the gateway; service port ${S_PORT[vehicle-service]})"
  echo "  Storage controller http://127.0.0.1:$gw/api/storage/nodes   (ADMIN token, through the gateway; service port ${S_PORT[storage-controller-service]})"
  local bookings; bookings=$(scale_count booking-service)
  if (( bookings > 0 )); then
    echo "  Bookings           http://127.0.0.1:$gw/api/bookings/quote   (through the gateway; $bookings instance(s): $(instances_of booking-service | while read -r n; do instance "$n"; printf '%s ' "$I_PORT"; done); ./smartlink scale booking-service N)"
  fi
  echo "  Payments           http://127.0.0.1:$gw/api/payments/checkout   (RENTER token, through the gateway; service port ${S_PORT[payment-service]}; provider: $([[ -n ${STRIPE_SECRET_KEY:-} ]] && echo stripe || echo "sandbox, test card 4242 4242 4242 4242"))"
  local nodes; nodes=$(scale_count storage-node-service)
  if (( nodes > 0 )); then
    echo "  Storage nodes      $nodes: http://127.0.0.1:${S_PORT[storage-node-service]}/node/info ...   (internal; ./smartlink scale storage-node N)"
  fi
  case $ADMIN_FROM in
    file) echo "  Admin login        $ADMIN_EMAIL, password in ${ADMIN_FILE#"$ROOT"/}" ;;
    env) echo "  Admin login        $ADMIN_EMAIL, password from SMARTLINK_ADMIN_PASSWORD" ;;
  esac
  echo "  Kafka              127.0.0.1:$KAFKA_PORT      PostgreSQL 127.0.0.1:$PG_PORT"
  echo "  Redis              127.0.0.1:${R_PORT[redis]} (state, ${R_POLICY[redis]})   127.0.0.1:${R_PORT[redis-cache]} (cache, ${R_POLICY[redis-cache]})   passwords in ${SECRETS#"$ROOT"/}"
  echo "  Health (gateway)   http://127.0.0.1:$gwm/actuator/health   (every other service: its own port)"
  echo "  Logs               ./smartlink logs <name> [-f]      (${LOGS#"$ROOT"/}/)"
  echo "  Listening on       $BIND_ADDRESS (services), $GATEWAY_BIND_ADDRESS (gateway)"
  echo
}

# stop_services [keep...]: every service pid file except the named instances; instances of
# scalable services (storage-node-<i>) and unknown pid files first, then the table in reverse order.
stop_services() {
  local keep=" $* " f name order=() i
  for f in "$PIDS"/*.pid; do
    [[ -e $f ]] || continue
    name=$(basename "$f" .pid)
    [[ $name == kafka || " ${REDIS_NAMES[*]} " == *" $name "* ]] && continue
    [[ " ${SVC_NAMES[*]} " == *" $name "* ]] || order+=("$name")
  done
  for (( i=${#SVC_NAMES[@]}-1; i>=0; i-- )); do order+=("${SVC_NAMES[$i]}"); done
  # all in parallel, then discovery-service last (the others deregister from it)
  local pids=()
  for name in "${order[@]}"; do
    [[ $keep == *" $name "* ]] && continue
    [[ -f $PIDS/$name.pid ]] || continue
    local pid; pid=$(read_pid "$name")
    local svc=${name%-[0-9]*}    # an unknown pid file: foo-service-2 -> foo-service
    if instance "$name"; then svc=$I_SVC; fi   # storage-node-2 -> storage-node-service
    if pid_matches "$pid" "/$svc/target/" || pid_matches "$pid" "$svc.jar"; then
      if [[ $name == discovery-service ]]; then
        # never a bare `wait`: it would also wait for Kafka, a child of this shell when `test` started it
        (( ${#pids[@]} == 0 )) || wait "${pids[@]}" 2>/dev/null || true
        pids=()
        stop_pid "$name" "$pid" "$svc"
      else
        stop_pid "$name" "$pid" "$svc" & pids+=($!)
      fi
    elif [[ -n $pid ]] && pid_alive "$pid"; then
      info "$name: pid $pid is not ours any more; removing the stale pid file"
    fi
    rm -f "$PIDS/$name.pid"
  done
  (( ${#pids[@]} == 0 )) || wait "${pids[@]}" 2>/dev/null || true
}

cmd_down() {
  lock
  step "stopping services"
  stop_services
  infra_down
  step "down"
}

# ------------------------------------------------------------------ scale --

# stop_instance <instance>: graceful (TERM; KILL after STOP_TIMEOUT), by pid
stop_instance() {
  local pid; pid=$(svc_pid "$1")
  instance "$1"
  [[ -n $pid ]] && stop_pid "$1" "$pid" "/$I_SVC.jar"
  rm -f "$PIDS/$1.pid"
}

# check_instance_ports <scalable service> <N>: instance i listens on instance_port (port + i - 1, or with a base
# in platform.layout: port, then base + i - 2); none of those may be another service's port (or management port,
# or a port of another scalable service's running count) or an infrastructure server's, or beyond 65535
check_instance_ports() {
  local svc=$1 count=$2 o p s i n other
  for (( o = 1; o <= count; o++ )); do
    p=$(instance_port "$svc" "$o") other=""
    (( p <= 65535 )) || other="no TCP port"
    for s in "${SVC_NAMES[@]}"; do
      [[ $s == "$svc" ]] && continue
      [[ ${S_MGMT[$s]} == "$p" ]] && other="$s's management port"
      if is_scalable "$s"; then
        n=$(scale_count "$s")
        for (( i = 1; i <= n; i++ )); do
          (( $(instance_port "$s" "$i") == p )) && other="${S_PREFIX[$s]}-$i's port"
        done
      elif (( S_PORT[$s] == p )); then
        other="$s's port"
      fi
    done
    for s in "${REDIS_NAMES[@]}"; do (( R_PORT[$s] == p )) && other="$s's port"; done
    case $p in
      "$PG_PORT") other="PostgreSQL's port" ;;
      "$KAFKA_PORT"|"$KAFKA_CONTROLLER_PORT") other="Kafka's port" ;;
    esac
    [[ -z $other ]] || die "${S_PREFIX[$svc]}-$o would listen on $p, $other: at most $(( o - 1 )) instance(s) of ${S_PREFIX[$svc]} fit below it (port in ${LAYOUT_FILE#"$ROOT"/})"
  done
}

# `./smartlink scale <prefix> N`: remembers N for `up`; while the platform runs, starts the
# missing instances 1..N and stops those above N, highest first, one at a time.
cmd_scale() {
  local usage="usage: ./smartlink scale <service> N   (scalable:"
  local s; for s in "${SVC_NAMES[@]}"; do is_scalable "$s" && usage+=" ${S_PREFIX[$s]}"; done
  usage+=")"
  [[ $# -eq 2 ]] || die "$usage"
  local svc; svc=$(resolve_svc "$1") || svc=""
  if [[ -z $svc ]] || ! is_scalable "$svc"; then die "'$1' cannot be scaled; $usage"; fi
  if [[ ! $2 =~ ^[0-9]+$ ]] || (( 10#$2 > MAX_INSTANCES )); then die "N must be a number from 0 to $MAX_INSTANCES"; fi
  local count=$(( 10#$2 )) prefix=${S_PREFIX[$svc]} t o
  check_instance_ports "$svc" "$count"
  t=$(now)
  check_bind_addresses
  lock
  echo "$count" > "$(count_file "$svc")"
  step "$prefix: $count instance(s) (remembered for ./smartlink up in ${STATE#"$ROOT"/}/${prefix}s)"
  local running=()
  mapfile -t running < <(running_ordinals "$svc")
  for (( o = ${#running[@]} - 1; o >= 0; o-- )); do
    (( running[o] > count )) && stop_instance "$prefix-${running[o]}"
  done
  local start=()
  for (( o = 1; o <= count; o++ )); do
    [[ -n $(svc_pid "$prefix-$o") ]] || start+=("$prefix-$o")
  done
  if (( ${#start[@]} )); then
    # the instances need the services of the earlier start phases (the registry, the config server)
    local last=${START_PHASES[${#START_PHASES[@]}-1]} base=() down=0
    for s in "${SVC_NAMES[@]}"; do
      (( S_START[$s] < last )) || continue
      base+=("$s")
      health_up "$(mgmt_port "$s")" || down=1
    done
    if (( down )); then
      local names; names=$(printf '%s\n' "${base[@]}" | sed '$!s/$/ and/' | paste -sd' ')
      info "$names are not running: ./smartlink up starts $count $prefix instance(s)"
      return 0
    fi
    select_java
    local t0 n; t0=$(now)
    for n in "${start[@]}"; do start_svc "$n"; done
    for n in "${start[@]}"; do wait_svc "$n" "$t0"; done
    wait_nodes_reported "$t0" "${start[@]}"
  fi
  local now_running; now_running=$(running_ordinals "$svc" | sed "s/^/$prefix-/" | paste -sd' ')
  step "$prefix: ${now_running:-none} running ($(since "$t"))"
}

# ----------------------------------------------------------------- status --

cmd_status() {
  local total=0 n pid rss health port mgmt shown
  printf '%s%-28s %8s %9s %-6s %9s%s\n' "$B" NAME PID PORT HEALTH RSS_MiB "$N"
  for n in $(all_instances); do
    instance "$n"; port=$I_PORT; mgmt=$I_MGMT; pid=$(svc_pid "$n"); rss="-"; health="-"
    shown=$port; [[ $mgmt == "$port" ]] || shown="$port+$mgmt"
    if [[ -n $pid ]]; then
      rss=$(rss_mib "$pid"); [[ $rss == - ]] || total=$(( total + rss ))
      health_up "$mgmt" && health=UP || health=DOWN
    elif port_open "$port"; then
      pid="ext"; health_up "$mgmt" && health=UP || health=DOWN
    fi
    printf '%-28s %8s %9s %-6s %9s\n' "$n" "${pid:--}" "$shown" "$health" "$rss"
  done
  local svc_total=$total
  # infra
  pid=$(kafka_pid); rss="-"; health="-"
  if [[ -n $pid ]]; then rss=$(rss_mib "$pid"); [[ $rss == - ]] || total=$(( total + rss )); fi
  if port_open "$KAFKA_PORT"; then health=UP; elif [[ -n $pid ]]; then health=DOWN; fi
  [[ -z $pid ]] && port_open "$KAFKA_PORT" && pid=ext
  printf '%-28s %8s %9s %-6s %9s\n' kafka "${pid:--}" "$KAFKA_PORT" "$health" "$rss"

  local r
  for r in "${REDIS_NAMES[@]}"; do
    pid=$(read_pid "$r"); rss="-"; health="-"
    pid_matches "$pid" redis-server || pid=""
    [[ -n $pid ]] && rss=$(rss_mib "$pid")
    if redis_answers "$r"; then health=UP; [[ -n $pid ]] || pid=ext; elif [[ -n $pid ]]; then health=DOWN; fi
    printf '%-28s %8s %9s %-6s %9s\n' "$r" "${pid:--}" "${R_PORT[$r]}" "$health" "$rss"
  done

  pid=""; rss="-"; health="-"
  local c; c=$(pg_cluster)
  if [[ -n $c ]]; then
    local ver name _st; read -r ver name _st <<< "$c"
    pid=$(head -n1 "/var/lib/postgresql/$ver/$name/postmaster.pid" 2>/dev/null || true)
    pid_alive "$pid" || pid=""
    [[ -n $pid ]] && rss=$(rss_mib "$pid")
  fi
  if pg_answers; then health=UP; [[ -n $pid ]] || pid=ext; elif [[ -n $pid ]]; then health=DOWN; fi
  printf '%-28s %8s %9s %-6s %9s\n' "postgres${c:+ ${c% *}}" "${pid:--}" "$PG_PORT" "$health" "$rss"
  printf '%stotal JVM RSS: services %s MiB, services + kafka %s MiB%s\n' "$B" "$svc_total" "$total" "$N"
}

cmd_logs() {
  [[ $# -ge 1 ]] || die "usage: ./smartlink logs <name> [-f]"
  local name=$1 follow=${2:-}
  if [[ $name != kafka && $name != apt && " ${REDIS_NAMES[*]} " != *" $name "* ]]; then
    name=$(resolve_svc "$name") || name=$1
    if is_scalable "$name"; then
      die "name one instance of $name: ${S_PREFIX[$name]}-1, ${S_PREFIX[$name]}-2, ..."
    fi
  fi
  local f="$LOGS/$name.log"
  [[ -f $f ]] || die "no log for '$1' (${LOGS#"$ROOT"/}/: $(find "$LOGS" -maxdepth 1 -name '*.log' -printf '%f ' 2>/dev/null | sed 's/\.log//g'))"
  if [[ $follow == -f ]]; then exec tail -n 100 -F "$f"; else cat "$f"; fi
}
