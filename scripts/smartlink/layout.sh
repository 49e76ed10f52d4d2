# shellcheck shell=bash
# ./smartlink, layout part: reads platform.layout (the services, the databases, the Kafka topics; its
# header explains the columns) into the arrays every other part uses, and refuses a layout it cannot
# run. LayoutConsistencyTest (e2e-tests) reads the file in Java and compares its reading with
# `layout_dump`.
#
#   SVC_NAMES                   services, in file order
#   S_PORT S_MGMT S_HEAP S_JIT  per service (S_MGMT: - = the actuator on the service port)
#   S_START                     start phase; START_PHASES: the phases, ascending
#   S_PREFIX S_COUNT            a scalable service's instance prefix and default count ("" and 1 otherwise)
#   S_BASE                      a scalable service's port of its instance 2 ("" = port + 1: instance i on
#                               port + i - 1); instance_port <service> <i> gives an instance's port
#   S_NEEDS S_DB S_REDIS        the needs as written; the database; the Redis server ("" if none)
#   SERVICE_CLIENTS             the services holding a service credential (all but the registry)
#   DATABASES, TOPICS           names, in file order; T_PARTITIONS per topic

LAYOUT_FILE=${SMARTLINK_LAYOUT:-$ROOT/platform.layout}   # SMARTLINK_LAYOUT: another file (tests of this reader)
MAX_INSTANCES=99   # per scalable service (ports port .. port+98, or port and base .. base+97)

declare -A S_PORT S_MGMT S_HEAP S_JIT S_START S_NEEDS S_PREFIX S_COUNT S_BASE S_DB S_REDIS T_PARTITIONS
SVC_NAMES=() START_PHASES=() SERVICE_CLIENTS=() DATABASES=() TOPICS=()
# the columns of each section, in this order
declare -A LAYOUT_COLUMNS=(
  [services]="name port mgmt heap jit start instances needs"
  [databases]="name"
  [topics]="name partitions"
)
LAYOUT_NAME='^[a-z][a-z0-9-]*[a-z0-9]$'
LAYOUT_PORT='^[1-9][0-9]{0,4}$'

layout_fail() {   # layout_fail <line> <message>
  die "${LAYOUT_FILE#"$ROOT"/} line $1: $2"
}

layout_port() {   # layout_port <line> <column> <value>: a TCP port
  if [[ ! $3 =~ $LAYOUT_PORT ]] || (( $3 > 65535 )); then layout_fail "$1" "$2 '$3' is no TCP port"; fi
}

layout_service() {   # layout_service <line> <name> <port> <mgmt> <heap> <jit> <start> <instances> <needs>
  local at=$1 name=$2 port=$3 mgmt=$4 heap=$5 jit=$6 start=$7 instances=$8 needs=$9 n
  [[ $name =~ $LAYOUT_NAME ]] || layout_fail "$at" "service name '$name': lower-case letters, digits and dashes"
  [[ -z ${S_PORT[$name]:-} ]] || layout_fail "$at" "service $name twice"
  layout_port "$at" port "$port"
  [[ $mgmt == - ]] || layout_port "$at" mgmt "$mgmt"
  [[ $heap =~ ^[1-9][0-9]*[kmg]$ ]] || layout_fail "$at" "heap '$heap' of $name: a size like 256m"
  [[ $jit == c1 || $jit == full ]] || layout_fail "$at" "jit '$jit' of $name: c1 or full"
  [[ $start =~ ^[1-9][0-9]?$ ]] || layout_fail "$at" "start '$start' of $name: a phase 1..99"
  S_PREFIX[$name]="" S_COUNT[$name]=1 S_BASE[$name]=""
  if [[ $instances != - ]]; then
    [[ $instances =~ ^([a-z][a-z0-9-]*[a-z0-9]):(0|[1-9][0-9]?)(:([^:]+))?$ ]] \
      || layout_fail "$at" "instances '$instances' of $name: - or <prefix>:<count>[:<base>], e.g. storage-node:3 or booking-service:2:18084"
    S_PREFIX[$name]=${BASH_REMATCH[1]} S_COUNT[$name]=${BASH_REMATCH[2]} S_BASE[$name]=${BASH_REMATCH[4]}
    [[ $mgmt == - ]] || layout_fail "$at" "$name scales: its instances keep the actuator on their own port (mgmt -)"
    if [[ -n ${S_BASE[$name]} ]]; then
      layout_port "$at" "instance base" "${S_BASE[$name]}"
      # the extra instances (2..MAX_INSTANCES) on base .. base + MAX_INSTANCES - 2: never on the service's own port
      if (( port >= S_BASE[$name] && port <= S_BASE[$name] + MAX_INSTANCES - 2 )); then
        layout_fail "$at" "instances '$instances' of $name: its extra instances (${S_BASE[$name]}..$(( S_BASE[$name] + MAX_INSTANCES - 2 ))) would include its port $port"
      fi
    fi
  fi
  S_DB[$name]="" S_REDIS[$name]=""
  if [[ $needs != - ]]; then
    local list=() seen=" "
    IFS=, read -r -a list <<< "$needs"
    [[ $needs != *, && $needs != ,* && $needs != *,,* ]] || layout_fail "$at" "needs '$needs' of $name: an empty item"
    for n in "${list[@]}"; do
      [[ $seen != *" $n "* ]] || layout_fail "$at" "needs of $name: $n twice"
      seen+="$n "
      if [[ $n =~ ^db=([a-z][a-z0-9_]*)$ ]]; then
        [[ -z ${S_DB[$name]} ]] || layout_fail "$at" "needs of $name: one database at most"
        S_DB[$name]=${BASH_REMATCH[1]}
      elif [[ " ${REDIS_NAMES[*]} " == *" $n "* ]]; then
        [[ -z ${S_REDIS[$name]} ]] || layout_fail "$at" "needs of $name: one Redis server at most (${REDIS_NAMES[*]})"
        S_REDIS[$name]=$n
      elif [[ $n != kafka ]]; then
        layout_fail "$at" "needs of $name: unknown '$n' (db=<database>, ${REDIS_NAMES[*]}, kafka)"
      fi
    done
  fi
  SVC_NAMES+=("$name")
  S_PORT[$name]=$port S_MGMT[$name]=$mgmt S_HEAP[$name]=$heap S_JIT[$name]=$jit S_START[$name]=$start S_NEEDS[$name]=$needs
}

layout_database() {   # layout_database <line> <name>
  [[ $2 =~ ^[a-z][a-z0-9_]*$ ]] || layout_fail "$1" "database name '$2': lower-case letters, digits and _"
  [[ " ${DATABASES[*]} " != *" $2 "* ]] || layout_fail "$1" "database $2 twice"
  DATABASES+=("$2")
}

layout_topic() {   # layout_topic <line> <name> <partitions>
  [[ $2 =~ ^[a-z][a-z0-9.-]*[a-z0-9]$ && $2 != *.DLT ]] || layout_fail "$1" "topic name '$2': lower-case letters, digits, dots and dashes (its .DLT twin is implied)"
  [[ -z ${T_PARTITIONS[$2]:-} ]] || layout_fail "$1" "topic $2 twice"
  [[ $3 =~ ^[1-9][0-9]{0,2}$ ]] || layout_fail "$1" "partitions '$3' of $2: 1..999"
  TOPICS+=("$2"); T_PARTITIONS[$2]=$3
}

instance_port() {   # instance_port <scalable service> <i>: where its instance i listens
  if [[ -n ${S_BASE[$1]} ]] && (( $2 >= 2 )); then
    echo $(( S_BASE[$1] + $2 - 2 ))
  else
    echo $(( S_PORT[$1] + $2 - 1 ))
  fi
}

# Every port the layout claims (a scalable service: its default count of instances) belongs to one
# service only and to no infrastructure server.
layout_check_ports() {
  local -A owner=()
  local p s i what
  owner[$PG_PORT]=PostgreSQL owner[$KAFKA_PORT]=Kafka owner[$KAFKA_CONTROLLER_PORT]="Kafka's controller"
  for s in "${REDIS_NAMES[@]}"; do owner[${R_PORT[$s]}]=$s; done
  for s in "${SVC_NAMES[@]}"; do
    local claims=()
    if [[ -n ${S_PREFIX[$s]} ]]; then
      for (( i = 1; i <= S_COUNT[$s]; i++ )); do claims+=("$(instance_port "$s" "$i"):${S_PREFIX[$s]}-$i"); done
    else
      claims+=("${S_PORT[$s]}:$s")
    fi
    [[ ${S_MGMT[$s]} == - ]] || claims+=("${S_MGMT[$s]}:$s (management)")
    for p in "${claims[@]}"; do
      what=${p#*:} p=${p%%:*}
      (( p <= 65535 )) || die "${LAYOUT_FILE#"$ROOT"/}: $what would listen on $p, no TCP port"
      [[ -z ${owner[$p]:-} ]] || die "${LAYOUT_FILE#"$ROOT"/}: port $p is both ${owner[$p]}'s and $what's"
      owner[$p]=$what
    done
  done
}

layout_read() {
  local line at=0 section="" header="" fields=() s
  local -A seen=()
  [[ -f $LAYOUT_FILE ]] || die "the layout file ${LAYOUT_FILE#"$ROOT"/} is missing"
  while IFS= read -r line || [[ -n $line ]]; do
    at=$(( at + 1 ))
    line=${line%%#*}
    read -r -a fields <<< "$line"
    (( ${#fields[@]} )) || continue
    if [[ ${fields[0]} == \[* ]]; then
      [[ ${#fields[@]} -eq 1 && ${fields[0]} =~ ^\[([a-z]+)\]$ && -n ${LAYOUT_COLUMNS[${BASH_REMATCH[1]}]:-} ]] \
        || layout_fail "$at" "unknown section ${fields[*]} (sections: [services], [databases], [topics])"
      section=${BASH_REMATCH[1]} header=""
      [[ -z ${seen[$section]:-} ]] || layout_fail "$at" "section [$section] twice"
      seen[$section]=1
      continue
    fi
    [[ -n $section ]] || layout_fail "$at" "a row before the first section ([services], [databases], [topics])"
    if [[ -z $header ]]; then
      header="${fields[*]}"
      [[ $header == "${LAYOUT_COLUMNS[$section]}" ]] \
        || layout_fail "$at" "the columns of [$section] are: ${LAYOUT_COLUMNS[$section]} (this line: $header)"
      continue
    fi
    local columns=()
    read -r -a columns <<< "${LAYOUT_COLUMNS[$section]}"
    (( ${#fields[@]} == ${#columns[@]} )) \
      || layout_fail "$at" "a row of [$section] has ${#columns[@]} columns (${LAYOUT_COLUMNS[$section]}), this one ${#fields[@]}"
    case $section in
      services) layout_service "$at" "${fields[@]}" ;;
      databases) layout_database "$at" "${fields[@]}" ;;
      topics) layout_topic "$at" "${fields[@]}" ;;
    esac
  done < "$LAYOUT_FILE"
  for s in services databases topics; do
    [[ -n ${seen[$s]:-} ]] || die "${LAYOUT_FILE#"$ROOT"/} has no [$s] section"
  done
  (( ${#SVC_NAMES[@]} )) || die "${LAYOUT_FILE#"$ROOT"/}: no service"
  local prefixes=" "
  for s in "${SVC_NAMES[@]}"; do
    if [[ -n ${S_DB[$s]} && " ${DATABASES[*]} " != *" ${S_DB[$s]} "* ]]; then
      die "${LAYOUT_FILE#"$ROOT"/}: $s needs database ${S_DB[$s]}, which is not in [databases]"
    fi
    if [[ -n ${S_PREFIX[$s]} ]]; then
      if [[ $prefixes == *" ${S_PREFIX[$s]} "* ]] || { [[ ${S_PREFIX[$s]} != "$s" ]] && [[ -n ${S_PORT[${S_PREFIX[$s]}]:-} ]]; }; then
        die "${LAYOUT_FILE#"$ROOT"/}: the instance prefix ${S_PREFIX[$s]} of $s is another service's name or prefix"
      fi
      prefixes+="${S_PREFIX[$s]} "
    fi
    [[ $s == discovery-service ]] || SERVICE_CLIENTS+=("$s")
  done
  mapfile -t START_PHASES < <(for s in "${SVC_NAMES[@]}"; do echo "${S_START[$s]}"; done | sort -nu)
  layout_check_ports
}

# The layout as the runner understood it, one line per fact (compared with the Java reading by
# LayoutConsistencyTest): service <name> <port> <mgmt> <heap> <jit> <start> <prefix|-> <count> <base|-> <needs>,
# database <name>, topic <name> <partitions>.
layout_dump() {
  local s
  for s in "${SVC_NAMES[@]}"; do
    echo "service $s ${S_PORT[$s]} ${S_MGMT[$s]} ${S_HEAP[$s]} ${S_JIT[$s]} ${S_START[$s]} ${S_PREFIX[$s]:--} ${S_COUNT[$s]} ${S_BASE[$s]:--} ${S_NEEDS[$s]}"
  done
  for s in "${DATABASES[@]}"; do echo "database $s"; done
  for s in "${TOPICS[@]}"; do echo "topic $s ${T_PARTITIONS[$s]}"; done
}
