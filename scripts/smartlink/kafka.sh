# shellcheck shell=bash
# ./smartlink, Kafka part: one KRaft broker (Apache Kafka from Maven Central jars, data under
# .smartlink/kafka/) and the topics of platform.layout, each with its .DLT twin.

KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093   # the KRaft controller listener (infra/kafka/server.properties.template)

kafka_fetch() {
  local marker="$KAFKA_LIBS/.fetched"
  if [[ -f $marker && ! $ROOT/infra/kafka/pom.xml -nt $marker ]] && compgen -G "$KAFKA_LIBS/kafka_2.13-*.jar" >/dev/null; then
    return 0
  fi
  step "fetching the Kafka broker jars (once) into ${KAFKA_LIBS#"$ROOT"/}"
  local t; t=$(now)
  rm -rf "$KAFKA_LIBS"
  mvnw -B -q -f infra/kafka/pom.xml dependency:copy-dependencies -DoutputDirectory="$KAFKA_LIBS" \
    || die "could not fetch the Kafka jars (./mvnw -f infra/kafka/pom.xml dependency:copy-dependencies)"
  touch "$marker"
  info "fetched in $(since "$t")"
}

kafka_tool() {   # kafka_tool <main class or source file> <args...>: a Kafka CLI tool, warnings only
  "$JAVA" -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j2.configurationFile="$ROOT/infra/kafka/log4j2-tools.xml" \
      -cp "$KAFKA_LIBS/*" "$@" 9>&-
}

kafka_pid() {
  local pid; pid=$(read_pid kafka)
  if pid_matches "$pid" kafka.Kafka; then echo "$pid"; fi
}

kafka_up() {
  local t; t=$(now)
  kafka_fetch
  local running; running=$(kafka_pid)
  if [[ -n $running ]] && ! port_open "$KAFKA_PORT"; then
    info "Kafka (pid $running) is starting; waiting for 127.0.0.1:$KAFKA_PORT"
    wait_until 60 port_open "$KAFKA_PORT" || fail_log kafka "Kafka (pid $running) does not listen on $KAFKA_PORT"
  fi
  if port_open "$KAFKA_PORT"; then
    if [[ -n $(kafka_pid) ]]; then info "Kafka already running (pid $(kafka_pid))"
    else info "something listens on 127.0.0.1:$KAFKA_PORT: using it as the Kafka broker"; fi
  else
    step "starting Kafka (KRaft, 127.0.0.1:$KAFKA_PORT)"
    local props="$KAFKA_HOME/server.properties" data="$KAFKA_HOME/data"
    sed "s#@DATA_DIR@#$data#g" "$ROOT/infra/kafka/server.properties.template" > "$props"
    if [[ ! -f $data/meta.properties ]]; then
      local cid
      [[ -s $KAFKA_HOME/cluster.id ]] || kafka_tool kafka.tools.StorageTool random-uuid \
          2>/dev/null | tail -n1 > "$KAFKA_HOME/cluster.id"
      cid=$(cat "$KAFKA_HOME/cluster.id")
      [[ -n $cid ]] || die "kafka-storage random-uuid failed"
      kafka_tool kafka.tools.StorageTool format -t "$cid" -c "$props" --ignore-formatted \
          >> "$LOGS/kafka.log" 2>&1 || die "formatting Kafka storage failed (log: $LOGS/kafka.log)"
      info "formatted storage (cluster id $cid)"
    fi
    local opts="-Xms32m -Xmx${SMARTLINK_KAFKA_HEAP:-256m} -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
    opts+=" -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=128m -XX:MaxDirectMemorySize=128m -XX:+ExitOnOutOfMemoryError"
    (( JAVA_MAJOR >= 22 )) && opts+=" --enable-native-access=ALL-UNNAMED"
    (( JAVA_MAJOR >= 23 )) && opts+=" --sun-misc-unsafe-memory-access=allow"
    opts+=" -Dlog4j2.configurationFile=$ROOT/infra/kafka/log4j2.xml"
    local from=1
    [[ -f $LOGS/kafka.log ]] && from=$(( $(wc -l < "$LOGS/kafka.log") + 1 ))
    # shellcheck disable=SC2086
    launch kafka "" "$JAVA" $opts -cp "$KAFKA_LIBS/*" kafka.Kafka "$props"
    local pid; pid=$(read_pid kafka)
    local deadline=$(( $(date +%s) + 60 ))
    until port_open "$KAFKA_PORT" && awk -v f="$from" 'NR >= f && /Kafka Server started/ { ok = 1 } END { exit !ok }' "$LOGS/kafka.log"; do
      pid_alive "$pid" || fail_log kafka "Kafka exited during start"
      (( $(date +%s) < deadline )) || fail_log kafka "Kafka did not start within 60 s"
      sleep 0.3
    done
    info "Kafka up in $(since "$t") (pid $pid)"
  fi
  kafka_topics
}

kafka_topics() {
  local t specs=() tp
  t=$(now)
  for tp in "${TOPICS[@]}"; do specs+=("$tp:${T_PARTITIONS[$tp]}" "$tp.DLT:${T_PARTITIONS[$tp]}"); done
  if [[ -x $JAVA_HOME/bin/javac ]]; then
    # one JVM for all topics (single-file source launch of infra/kafka/CreateTopics.java)
    kafka_tool "$ROOT/infra/kafka/CreateTopics.java" \
        "127.0.0.1:$KAFKA_PORT" 60 "${specs[@]}" 9>&- | sed 's/^/    /' || die "creating Kafka topics failed"
  else
    local s
    for s in "${specs[@]}"; do
      kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
          --create --if-not-exists --topic "${s%%:*}" --partitions "${s##*:}" --replication-factor 1 9>&- >/dev/null \
          || die "creating topic ${s%%:*} failed"
    done
  fi
  local counts; counts=$(for tp in "${TOPICS[@]}"; do echo "${T_PARTITIONS[$tp]}"; done | sort -u)
  if [[ $counts != *$'\n'* ]]; then
    info "topics ${TOPICS[*]} (+ .DLT), $counts partitions each ($(since "$t"))"
  else
    info "topics $(for tp in "${TOPICS[@]}"; do printf '%s:%s ' "$tp" "${T_PARTITIONS[$tp]}"; done)(+ .DLT, partitions after the colon) ($(since "$t"))"
  fi
}

kafka_down() {
  local pid; pid=$(kafka_pid)
  [[ -n $pid ]] && stop_pid kafka "$pid" kafka.Kafka 45
  rm -f "$PIDS/kafka.pid"
}
