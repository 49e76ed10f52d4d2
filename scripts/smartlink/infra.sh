# shellcheck shell=bash
# ./smartlink, infrastructure part: PostgreSQL (roles and databases from platform.layout) and the two
# Redis servers: use what answers on 127.0.0.1, else Docker compose, else apt-get install and start them.
# `infra_up` also starts Kafka (kafka.sh); `infra_down` stops only what the runner started.

PG_PORT=5432
PG_ADMIN_ROLE=smartlink_admin   # the admin role for tests (CREATEDB CREATEROLE)
# Two Redis servers, because eviction cannot be scoped to a logical database: "redis" keeps state that must
# never be evicted (rate limiters, login throttles, the token deny-list, later booking locks and idempotency
# keys: all with TTLs, so a volatile-* policy would evict them) -> noeviction; "redis-cache" keeps
# vehicle-service's cache (entries with TTLs, namespace counters without) -> volatile-lru.
#   name         port  maxmemory  policy        password key in secrets.env
REDISES=(
  "redis         6379  256mb      noeviction    REDIS_PASSWORD"
  "redis-cache   6380  128mb      volatile-lru  REDIS_CACHE_PASSWORD"
)
REDIS_PORT=6379   # the state server (kept for the scripts that read it)

declare -A R_PORT R_MAXMEMORY R_POLICY R_KEY
REDIS_NAMES=()
for _line in "${REDISES[@]}"; do
  read -r _n _p _m _o _k <<< "$_line"
  REDIS_NAMES+=("$_n"); R_PORT[$_n]=$_p; R_MAXMEMORY[$_n]=$_m; R_POLICY[$_n]=$_o; R_KEY[$_n]=$_k
done
unset _line _n _p _m _o _k

# redis_probe <port> [password]: ok (answers PING; with a password: it was accepted, or none is configured),
# noauth (wants a password), badauth (refused this one), down. The password goes over the socket from a
# bash builtin, handed over in the environment: never in argv.
redis_probe() {
  local reply
  # shellcheck disable=SC2016
  reply=$(SMARTLINK_REDIS_PROBE_AUTH=${2:-} timeout 3 bash -c '
      exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
      if [[ -n $SMARTLINK_REDIS_PROBE_AUTH ]]; then
        printf "AUTH default %s\r\n" "$SMARTLINK_REDIS_PROBE_AUTH" >&3
        IFS= read -r -t 2 line <&3 || exit 1
        [[ $line == +OK* ]] || { printf %s "$line"; exit 0; }
      fi
      printf "PING\r\n" >&3 && IFS= read -r -t 2 line <&3 && printf %s "$line"' "$1" 2>/dev/null) || true
  case $reply in
    +PONG*) echo ok ;;
    -NOAUTH*) echo noauth ;;
    -WRONGPASS*|-ERR*|-WRONGTYPE*) echo badauth ;;
    *) echo down ;;
  esac
}

redis_answers() {   # redis_answers [name]: something answers on that Redis's port (default: the state server)
  local state; state=$(redis_probe "${R_PORT[${1:-redis}]}")
  [[ $state == ok || $state == noauth ]]
}

# redis-cli against one of our Redis servers: the password through REDISCLI_AUTH (environment), never argv
redis_cli() {   # redis_cli <name> <redis-cli args...>
  local name=$1; shift
  REDISCLI_AUTH=$(secret "${R_KEY[$name]}") redis-cli --user default --no-auth-warning -h 127.0.0.1 -p "${R_PORT[$name]}" "$@" 9>&-
}

# The password services get for a Redis: ours when the server wants one or we started it; empty for a
# server someone else runs without a password (used as it is: `up` warns about it).
declare -A REDIS_AUTH_FOR
redis_password_for() {   # redis_password_for <name>
  local name=$1
  if [[ -z ${REDIS_AUTH_FOR[$name]+set} ]]; then
    local how; how=$(cat "$MARKS/$name" 2>/dev/null || true)
    if [[ -n $how ]] || [[ $(redis_probe "${R_PORT[$name]}") != ok ]]; then
      REDIS_AUTH_FOR[$name]=$(secret "${R_KEY[$name]}")
    else
      REDIS_AUTH_FOR[$name]=""
    fi
  fi
  echo "${REDIS_AUTH_FOR[$name]}"
}

pg_answers() {
  if command -v pg_isready >/dev/null; then
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT" -t 2
  else
    port_open "$PG_PORT"
  fi
}

docker_ok() {
  command -v docker >/dev/null && timeout 10 docker info >/dev/null 2>&1
}

apt_install() {   # apt_install <package...>
  local pkgs=("$@")
  if ! command -v apt-get >/dev/null; then
    die "PostgreSQL 15+ and Redis must be running on 127.0.0.1:$PG_PORT / :$REDIS_PORT, or installed. Install: ${pkgs[*]} (or start a Docker engine: docker compose up -d postgres redis)"
  fi
  if ! is_root; then
    die "missing ${pkgs[*]}: run 'sudo apt-get install -y ${pkgs[*]}' (or run this as root), then retry"
  fi
  local p need_update=0
  for p in "${pkgs[@]}"; do
    [[ $(apt-cache policy "$p" 2>/dev/null) == *"Candidate: "[0-9]* ]] || need_update=1
  done
  if (( need_update )); then
    step "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq 9>&- >/dev/null
  fi
  step "apt-get install ${pkgs[*]}"
  local t; t=$(now)
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" 9>&- \
      > "$LOGS/apt.log" 2>&1 || { tail -n 30 "$LOGS/apt.log" >&2; die "apt-get install ${pkgs[*]} failed (log: $LOGS/apt.log)"; }
  info "installed in $(since "$t")"
}

# The local cluster on port 5432: "<version> <name> <status>" (empty if none)
pg_cluster() {
  command -v pg_lsclusters >/dev/null || return 0
  pg_lsclusters --no-header 2>/dev/null | awk -v p="$PG_PORT" '$3 == p { print $1, $2, $4; exit }'
}

start_local_postgres() {
  local c ver name st
  c=$(pg_cluster)
  if [[ -z $c ]]; then
    ver=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -n | tail -n1)
    [[ -n $ver ]] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
    is_root || die "no PostgreSQL cluster on port $PG_PORT: create one with 'sudo pg_createcluster $ver main --port $PG_PORT'"
    step "pg_createcluster $ver main (port $PG_PORT)"
    pg_createcluster "$ver" main --port "$PG_PORT" 9>&- >/dev/null
    c=$(pg_cluster)
  fi
  read -r ver name st <<< "$c"
  if ! is_root; then
    die "PostgreSQL cluster $ver/$name is $st: start it with 'sudo pg_ctlcluster $ver $name start'"
  fi
  if [[ $st == online* ]]; then
    die "PostgreSQL cluster $ver/$name is online but does not answer on 127.0.0.1:$PG_PORT (listen_addresses?)"
  fi
  step "starting PostgreSQL $ver/$name"
  pg_ctlcluster "$ver" "$name" start 9>&- || die "pg_ctlcluster $ver $name start failed (see /var/log/postgresql/postgresql-$ver-$name.log)"
  echo "$ver $name" > "$MARKS/postgres.cluster"
  wait_until 30 pg_answers || die "PostgreSQL $ver/$name does not answer on 127.0.0.1:$PG_PORT"
}

# start_local_redis <name>: our own redis-server from a mode-600 config file (password, policy, loopback);
# the password is in that file, never on redis-server's command line.
start_local_redis() {
  local name=$1 port=${R_PORT[$1]} pw
  command -v redis-server >/dev/null || die "redis-server not found"
  pw=$(secret "${R_KEY[$name]}")
  [[ $pw =~ ^[A-Za-z0-9._~+/=-]+$ ]] || die "${R_KEY[$name]} in ${SECRETS#"$ROOT"/} must be letters, digits or ._~+/=- (it goes into a redis.conf)"
  step "starting $name (127.0.0.1:$port, ${R_POLICY[$name]}, maxmemory ${R_MAXMEMORY[$name]}, password)"
  local dir="$STATE/redis/$name" conf="$STATE/redis/$name.conf"
  mkdir -p "$dir"
  rm -f "$PIDS/$name.pid"
  (
    umask 077
    {
      echo "# written by ./smartlink at every start of $name; holds its password (mode 600)"
      echo "port $port"
      echo "bind 127.0.0.1"
      echo "protected-mode yes"
      echo "daemonize yes"
      echo "dir $dir"
      echo "pidfile $PIDS/$name.pid"
      echo "logfile $LOGS/$name.log"
      echo 'save ""'
      echo "appendonly no"
      echo "maxmemory ${R_MAXMEMORY[$name]}"
      echo "maxmemory-policy ${R_POLICY[$name]}"
      echo "requirepass $pw"
    } > "$conf.tmp"
  )
  mv -f "$conf.tmp" "$conf"
  chmod 600 "$conf"
  redis-server "$conf" 9>&- || die "redis-server did not start $name (log: $LOGS/$name.log)"
  echo pid > "$MARKS/$name"
  REDIS_AUTH_FOR[$name]=$pw
  wait_until 15 redis_answers "$name" || die "$name does not answer on 127.0.0.1:$port (log: $LOGS/$name.log)"
}

# A Redis the runner did not start is used as it is: with our password when it asks for one (it must be the
# one in secrets.env), with none when it has none (a warning: anyone on this machine can use it).
check_external_redis() {   # check_external_redis <name>
  local name=$1 port=${R_PORT[$1]} state policy
  state=$(redis_probe "$port")
  if [[ $state == noauth ]]; then
    [[ $(redis_probe "$port" "$(secret "${R_KEY[$name]}")") == ok ]] \
      || die "$name on 127.0.0.1:$port wants a password, and it is not ${R_KEY[$name]} of ${SECRETS#"$ROOT"/}: put its password there, or stop that Redis and let ./smartlink start its own"
    info "$name answers on 127.0.0.1:$port (password from ${R_KEY[$name]})"
  else
    policy=""
    if command -v redis-cli >/dev/null; then
      policy=$(redis-cli -h 127.0.0.1 -p "$port" config get maxmemory-policy 2>/dev/null 9>&- | sed -n 2p) || policy=""
    fi
    warn "$name on 127.0.0.1:$port was not started by ./smartlink and has no password: anyone on this machine can read and change it${policy:+ (maxmemory-policy $policy; ./smartlink would use ${R_POLICY[$name]})}"
  fi
}

# The package's own redis-server (started by apt on 6379 with the Debian defaults: no password): stopped,
# so that the runner runs its configured servers instead.
stop_package_redis() {
  if command -v invoke-rc.d >/dev/null && invoke-rc.d redis-server stop 9>&- >/dev/null 2>&1; then :
  elif command -v redis-cli >/dev/null; then redis-cli -h 127.0.0.1 -p 6379 shutdown nosave >/dev/null 2>&1 9>&- || true
  fi
  wait_until 15 bash -c "! timeout 1 bash -c 'exec 3<>/dev/tcp/127.0.0.1/6379' 2>/dev/null" \
    || die "the redis-server package's own server still runs on 127.0.0.1:6379: stop it (systemctl stop redis-server)"
  info "stopped the redis-server package's own server (no password, Debian defaults); running configured ones instead"
}

# PostgreSQL and the Redis servers: use what answers; else Docker; else install + start locally.
pg_redis_up() {
  local need_pg=0 need_redis=() n t; t=$(now)
  if pg_answers; then info "PostgreSQL answers on 127.0.0.1:$PG_PORT"; else need_pg=1; fi
  for n in "${REDIS_NAMES[@]}"; do
    if [[ $(cat "$MARKS/$n" 2>/dev/null) == pid ]] && redis_answers "$n"; then
      info "$n already running (127.0.0.1:${R_PORT[$n]}, started by ./smartlink)"
    elif redis_answers "$n"; then
      check_external_redis "$n"
    else
      need_redis+=("$n")
    fi
  done
  (( need_pg || ${#need_redis[@]} )) || return 0

  if docker_ok && [[ -f $ROOT/docker-compose.yml || -f $ROOT/compose.yaml ]]; then
    cmd_secrets   # compose reads the passwords from .env
    local svcs=()
    (( need_pg )) && svcs+=(postgres)
    svcs+=("${need_redis[@]}")
    step "docker compose up -d ${svcs[*]}"
    (cd "$ROOT" && docker compose up -d "${svcs[@]}" 9>&-)
    local s; for s in "${svcs[@]}"; do echo docker > "$MARKS/$s"; done
    (( need_pg )) && { wait_until 60 pg_answers || die "postgres (docker) does not answer on 127.0.0.1:$PG_PORT"; }
    for n in "${need_redis[@]}"; do
      wait_until 30 redis_answers "$n" || die "$n (docker) does not answer on 127.0.0.1:${R_PORT[$n]}"
    done
    info "ready in $(since "$t")"
    return 0
  fi

  local pkgs=()
  if (( need_pg )) && ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then pkgs+=(postgresql); fi
  if (( ${#need_redis[@]} )) && ! command -v redis-server >/dev/null; then pkgs+=(redis-server); fi
  if (( ${#pkgs[@]} )); then
    apt_install "${pkgs[@]}"
    # Package scripts may have started the servers (invoke-rc.d), or not (no
    # init system, policy-rc.d): we installed them, so we own them either way.
    if (( need_pg )) && [[ " ${pkgs[*]} " == *" postgresql "* ]] && pg_answers; then
      local c; c=$(pg_cluster)
      [[ -n $c ]] && echo "${c% *}" > "$MARKS/postgres.cluster"
      need_pg=0; info "PostgreSQL was started by its package"
    fi
    if [[ " ${pkgs[*]} " == *" redis-server "* && " ${need_redis[*]} " == *" redis "* ]] && redis_answers redis; then
      stop_package_redis
    fi
  fi
  (( need_pg )) && start_local_postgres
  for n in "${need_redis[@]}"; do start_local_redis "$n"; done
  info "PostgreSQL + Redis ready in $(since "$t")"
}

# How to run psql as a superuser: sets PSQL_ADMIN (array) and PSQL_HOW.
psql_admin_cmd() {
  if [[ -f $MARKS/postgres && $(cat "$MARKS/postgres") == docker ]]; then
    PSQL_ADMIN=(docker compose exec -T postgres psql -X -q -v ON_ERROR_STOP=1 -U "${POSTGRES_USER:-postgres}" -d postgres)
    PSQL_HOW="docker compose exec postgres (user ${POSTGRES_USER:-postgres})"
  elif is_root && [[ -n $(pg_cluster) ]] && id postgres >/dev/null 2>&1 && [[ -z ${PGUSER:-} ]]; then
    PSQL_ADMIN=(runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres)
    PSQL_HOW="the local cluster's postgres superuser"
  elif [[ -n ${PGUSER:-} ]]; then
    PSQL_ADMIN=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -d postgres)
    PSQL_HOW="PGUSER=$PGUSER from your environment (with PGPASSWORD / ~/.pgpass)"
  else
    die "cannot create roles/databases: not root or no local cluster. Set PGUSER/PGPASSWORD to a PostgreSQL role with CREATEROLE and CREATEDB on 127.0.0.1:$PG_PORT and retry."
  fi
}

pg_sql() {   # SQL on stdin, run as the admin connection (from / so runuser can chdir)
  (cd / && "${PSQL_ADMIN[@]}" 9>&-)
}

# Roles + databases, idempotent. Passwords travel on stdin, never in argv.
provision_postgres() {
  local t; t=$(now)
  if ! command -v psql >/dev/null && [[ $(cat "$MARKS/postgres" 2>/dev/null) != docker ]]; then
    apt_install postgresql-client   # dies with a hint when it cannot
  fi
  psql_admin_cmd
  step "PostgreSQL roles and databases (as $PSQL_HOW)"
  # A local database belongs to the checkout whose .smartlink/secrets.env made it: its data (e.g.
  # user-service's signing keys, encrypted with KEYS_ENCRYPTION_SECRET) is unreadable with other
  # secrets. A database made for other secrets (another clone, a deleted .smartlink/) is recreated.
  local owner; owner="smartlink-owner:$(secret CHECKOUT_ID)"
  local stale
  stale=$({
    printf "SELECT string_agg(datname, ' ' ORDER BY datname) FROM pg_database d WHERE datname IN (%s)" \
      "$(printf "'%s'," "${DATABASES[@]}" | sed 's/,$//')"
    printf " AND coalesce(shobj_description(d.oid, 'pg_database'), '') <> '%s';\n" "$owner"
  } | (cd / && "${PSQL_ADMIN[@]}" -tA 9>&-)) || stale=""
  [[ -z $stale ]] || warn "databases made with another checkout's secrets, recreated empty: $stale"
  {
    echo "\set owner '$owner'"
    echo "SET password_encryption = 'scram-sha-256';"
    echo "SET client_min_messages = warning;"
    echo "\\set role '$PG_ADMIN_ROLE'"
    echo "\\set pw '$(secret PG_ADMIN_PASSWORD)'"
    cat <<'SQL'
SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN CREATEDB CREATEROLE PASSWORD :'pw';
SQL
    local d
    for d in "${DATABASES[@]}"; do
      echo "\\set role '$d'"
      echo "\\set pw '$(secret "$(upper "$d")_DB_PASSWORD")'"
      cat <<'SQL'
SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN NOCREATEDB NOCREATEROLE PASSWORD :'pw';
SELECT format('DROP DATABASE %I WITH (FORCE)', :'role') FROM pg_database d WHERE d.datname = :'role' AND coalesce(shobj_description(d.oid, 'pg_database'), '') <> :'owner' \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'role', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'role') \gexec
ALTER DATABASE :"role" OWNER TO :"role";
COMMENT ON DATABASE :"role" IS :'owner';
REVOKE CONNECT, TEMPORARY ON DATABASE :"role" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"role" TO :"role";
SQL
      echo "GRANT CONNECT ON DATABASE :\"role\" TO $PG_ADMIN_ROLE;"
    done
  } | pg_sql || die "creating roles/databases failed"

  # every role must be able to log in with its password over 127.0.0.1
  if command -v psql >/dev/null; then
    local bad=() d
    pg_login_ok "$PG_ADMIN_ROLE" postgres "$(secret PG_ADMIN_PASSWORD)" || bad+=("$PG_ADMIN_ROLE")
    for d in "${DATABASES[@]}"; do
      pg_login_ok "$d" "$d" "$(secret "$(upper "$d")_DB_PASSWORD")" || bad+=("$d")
    done
    if (( ${#bad[@]} )); then
      fix_pg_hba
      local still=()
      for d in "${bad[@]}"; do
        if [[ $d == "$PG_ADMIN_ROLE" ]]; then pg_login_ok "$d" postgres "$(secret PG_ADMIN_PASSWORD)" || still+=("$d")
        else pg_login_ok "$d" "$d" "$(secret "$(upper "$d")_DB_PASSWORD")" || still+=("$d"); fi
      done
      (( ${#still[@]} == 0 )) || die "password login over 127.0.0.1 fails for: ${still[*]} (check pg_hba.conf: host all all 127.0.0.1/32 scram-sha-256)"
    fi
  fi
  info "roles $PG_ADMIN_ROLE ${DATABASES[*]}: ok ($(since "$t"))"
}

pg_login_ok() {   # pg_login_ok <user> <db> <password>
  PGPASSWORD=$3 PGCONNECT_TIMEOUT=5 psql -X -q -w -h 127.0.0.1 -p "$PG_PORT" -U "$1" -d "$2" -tAc 'select 1' >/dev/null 2>&1 9>&-
}

# Adds "host all all 127.0.0.1/32 scram-sha-256" in front of pg_hba.conf (local cluster, root only).
fix_pg_hba() {
  is_root && [[ -n $(pg_cluster) ]] || return 0
  local hba
  hba=$(echo "SELECT current_setting('hba_file');" | (cd / && runuser -u postgres -- psql -X -qtA -p "$PG_PORT" -d postgres)) || return 0
  [[ -f $hba ]] || return 0
  if ! grep -q '^host all all 127.0.0.1/32 scram-sha-256 # smartlink' "$hba"; then
    warn "allowing password (scram) logins over 127.0.0.1 in $hba"
    sed -i '1i host all all 127.0.0.1/32 scram-sha-256 # smartlink' "$hba"
    echo "SELECT pg_reload_conf();" | (cd / && runuser -u postgres -- psql -X -q -p "$PG_PORT" -d postgres) >/dev/null
    sleep 0.5
  fi
}

INFRA_DONE=0
infra_up() {
  (( INFRA_DONE )) && return 0
  lock
  select_java
  local t; t=$(now)
  step "infra up"
  ensure_secrets
  pg_redis_up
  provision_postgres
  kafka_up
  step "infra ready in $(since "$t")"
  INFRA_DONE=1
}

redis_down() {   # redis_down <name>
  local name=$1 how pid
  how=$(cat "$MARKS/$name" 2>/dev/null || true)
  case $how in
    pid)
      pid=$(read_pid "$name")
      [[ -n $pid ]] && stop_pid "$name" "$pid" redis-server
      rm -f "$PIDS/$name.pid" ;;
    package)   # an older runner let the package's server run as it was
      if command -v invoke-rc.d >/dev/null && invoke-rc.d redis-server stop 9>&- >/dev/null 2>&1; then
        info "stopped $name (package service)"
      elif command -v redis-cli >/dev/null; then
        redis-cli -h 127.0.0.1 -p "${R_PORT[$name]}" shutdown nosave >/dev/null 2>&1 9>&- || true
        info "stopped $name"
      fi ;;
    docker)
      (cd "$ROOT" && docker compose stop "$name" 9>&-) && info "stopped $name (docker)" ;;
    *) info "$name: not started by ./smartlink, left running" ;;
  esac
  rm -f "$MARKS/$name"
}

postgres_down() {
  if [[ -f $MARKS/postgres.cluster ]]; then
    local ver name
    read -r ver name < "$MARKS/postgres.cluster"
    if pg_ctlcluster "$ver" "$name" stop -m fast 9>&- 2>/dev/null; then info "stopped PostgreSQL $ver/$name"; fi
    rm -f "$MARKS/postgres.cluster"
  elif [[ $(cat "$MARKS/postgres" 2>/dev/null) == docker ]]; then
    (cd "$ROOT" && docker compose stop postgres 9>&-) && info "stopped postgres (docker)"
    rm -f "$MARKS/postgres"
  else
    info "postgres: not started by ./smartlink, left running"
  fi
}

infra_down() {   # infra_down [kafka] [redis] [redis-cache] [postgres]  (default: all)
  lock
  local what=" ${*:-kafka ${REDIS_NAMES[*]} postgres} " n
  step "infra down"
  [[ $what == *" kafka "* ]] && kafka_down
  for n in "${REDIS_NAMES[@]}"; do
    [[ $what == *" $n "* ]] && redis_down "$n"
  done
  [[ $what == *" postgres "* ]] && postgres_down
  return 0
}
