# shellcheck shell=bash
# ./smartlink, Java part: the JDK the runner uses, the JVM options of a service, the Maven wrapper.

java_major() {   # prints the feature version of a java binary (8, 17, 25, ...)
  local v
  v=$("$1" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}') || return 1
  [[ -n $v ]] || return 1
  if [[ $v == 1.* ]]; then v=${v#1.}; fi
  echo "${v%%[.+-]*}"
}

# Picks the newest JDK >= 21 (JAVA_HOME, /usr/lib/jvm/*, java on PATH), else the
# default java. Sets JAVA, JAVA_HOME, JAVA_MAJOR and exports JAVA_HOME/PATH.
JAVA=""
select_java() {
  [[ -n $JAVA ]] && return 0
  local cands=() c best="" best_major=0 m seen=" "
  if [[ -n ${SMARTLINK_JAVA_HOME:-} ]]; then   # explicit choice wins
    [[ -x $SMARTLINK_JAVA_HOME/bin/java ]] || die "SMARTLINK_JAVA_HOME=$SMARTLINK_JAVA_HOME has no bin/java"
    JAVA_HOME=$SMARTLINK_JAVA_HOME
    cands=("$SMARTLINK_JAVA_HOME/bin/java")
  fi
  [[ -n ${JAVA_HOME:-} && -x "$JAVA_HOME/bin/java" ]] && cands+=("$JAVA_HOME/bin/java")
  if [[ -z ${SMARTLINK_JAVA_HOME:-} ]]; then
    for c in /usr/lib/jvm/*/bin/java; do [[ -x $c ]] && cands+=("$c"); done
    command -v java >/dev/null && cands+=("$(command -v java)")
  fi
  for c in "${cands[@]}"; do
    c=$(readlink -f "$c")
    [[ $seen == *" $c "* ]] && continue
    seen+="$c "
    m=$(java_major "$c" 2>/dev/null) || continue
    if (( m > best_major )); then best=$c; best_major=$m; fi
  done
  if (( best_major < 21 )) && [[ -z ${SMARTLINK_JAVA_HOME:-} ]]; then
    if command -v java >/dev/null; then
      best=$(readlink -f "$(command -v java)"); best_major=$(java_major "$best")
    fi
  fi
  [[ -n $best ]] || die "no Java found: install a JDK (21 or newer preferred, 17 at least), e.g. apt-get install openjdk-17-jdk-headless"
  (( best_major >= 17 )) || die "Java $best_major at $best is too old: Spring Boot 4 needs 17+ (21+ preferred)"
  JAVA=$best
  JAVA_MAJOR=$best_major
  JAVA_HOME=$(dirname "$(dirname "$best")")
  export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
  local note=""
  (( JAVA_MAJOR >= 21 )) || note=" (below 21: virtual threads off)"
  step "Java $JAVA_MAJOR: $JAVA_HOME$note"
}

# JVM options for a service. Override all of them with
# SMARTLINK_JVM_OPTS_<NAME> (e.g. SMARTLINK_JVM_OPTS_GATEWAY_SERVICE="-Xmx512m"; for a
# scalable service, every instance: SMARTLINK_JVM_OPTS_STORAGE_NODE_SERVICE).
# Class-data sharing (.smartlink/cds/<name>.jsa, JDK >= 19) is on by default;
# SMARTLINK_CDS=0 turns it off. The instances of a scalable service share one archive:
# only the first one (re)creates it (writer=1), the others just map it when it is valid.
# SMARTLINK_GC_LOG=1 logs every collection and its pause (bench/gc-summary.sh sums them per service).
jvm_opts() {   # jvm_opts <service name> <heap> <jit> [writer: 1|0]
  local name=$1 heap=$2 jit=$3 writer=${4:-1} var
  var="SMARTLINK_JVM_OPTS_$(upper "$name" | tr '-' '_')"
  if [[ -n ${!var:-} ]]; then
    echo "${!var}"
    return
  fi
  # the hot services (jit full) start at their whole heap: grown from 32 MB under load, the serial collector kept
  # a young generation of ~10 MB over a nearly full old one for minutes (booking benchmark, SMARTLINK_GC_LOG=1:
  # 369-457 young collections per hot service, many of 50-385 ms); at the whole heap the dashboards and search
  # benchmarks' measured phases saw 3-15 ms ones. The heap is only committed: pages become resident as they are
  # used (the young generation, a third of it, soon is)
  local xms=32m
  [[ $jit == c1 ]] || xms=$heap
  local o="-Xms$xms -Xmx$heap -Xss512k -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
  # the metaspace's first high-water mark (~21 MB) cost 2-10 full collections per service while Spring starts
  o+=" -XX:MetaspaceSize=128m -XX:MaxMetaspaceSize=256m"
  # the JDK's monitor deflation thread wakes every 250 ms to see whether enough monitors are inflated to be worth
  # deflating: ~0.1 % of a core per idle JVM, ~1 % over the platform (bench/idle.sh, per thread); once a second
  # is plenty (a full pass still runs at least every 60 s)
  o+=" -XX:+UnlockDiagnosticVMOptions -XX:AsyncDeflationInterval=1000"
  # the JDK's HttpClient (service tokens, the controller's node client, the admin overview) keeps an idle
  # connection 30 s on JDK 20+ but 1200 s on JDK 17, past the services' Tomcat keep-alive (60 s): a request
  # written onto a connection Tomcat is closing gets no answer. 20 s on every JDK (the gateway's pool: 20 s too)
  o+=" -Djdk.httpclient.keepalive.timeout=20"
  # JDK 24+ warns about JNI (Netty) and sun.misc.Unsafe (XStream in Eureka) at every start
  (( JAVA_MAJOR >= 22 )) && o+=" --enable-native-access=ALL-UNNAMED"
  (( JAVA_MAJOR >= 24 )) && o+=" --sun-misc-unsafe-memory-access=allow"
  if [[ $jit == c1 ]]; then
    o+=" -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m"
  else
    # C1 + C2 need more than 64 MB: at 64 the code cache's GC threshold stopped every hot service for a full
    # collection of 0.3-1.3 s each 20-70 s under load (23 in a booking benchmark, SMARTLINK_GC_LOG=1); reserved,
    # committed only as code is compiled
    o+=" -XX:ReservedCodeCacheSize=240m -XX:SweeperThreshold=50"
  fi
  if [[ ${SMARTLINK_GC_LOG:-0} == 1 ]]; then   # one file per process: .smartlink/logs/gc/<name>-<pid>.log
    mkdir -p "$LOGS/gc"
    o+=" -Xlog:gc:file=$LOGS/gc/$name-%p.log:timemillis,uptime"
  fi
  if (( JAVA_MAJOR >= 19 )) && [[ ${SMARTLINK_CDS:-1} == 1 ]]; then
    (( writer )) && o+=" -XX:+AutoCreateSharedArchive"
    o+=" -XX:SharedArchiveFile=$STATE/cds/$name.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
  echo "$o"
}

mvnw() {   # runs the Maven wrapper with the chosen JDK
  select_java
  local mopts=${MAVEN_OPTS:-}
  # Maven 3.9's Guice calls sun.misc.Unsafe: silence the JDK 24+ warning
  if (( JAVA_MAJOR >= 24 )) && [[ $mopts != *sun-misc-unsafe-memory-access* ]]; then
    mopts="${mopts:+$mopts }--sun-misc-unsafe-memory-access=allow"
  fi
  (cd "$ROOT" && MAVEN_OPTS=$mopts ./mvnw "$@" 9>&-)
}
