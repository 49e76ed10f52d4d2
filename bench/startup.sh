#!/usr/bin/env bash
# Measures what issue #2 promises: with jars built, how long `./smartlink up` takes until every
# service is healthy, and the resident memory of each JVM afterwards. A measurement, not a test:
# it prints figures for the README and never fails on a number.
#
#   bench/startup.sh [runs]       (default 2: the first run also writes the CDS archives)
#
# Each run: ./smartlink down (everything the runner started, infra included), then a timed
# ./smartlink up --no-build, then ./smartlink status. Leaves the platform running at the end.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
runs=${1:-2}

for jar in discovery-service config-service gateway-service; do
  [[ -f $jar/target/$jar.jar ]] || { echo "build first: ./mvnw -DskipTests package" >&2; exit 1; }
done

for ((i = 1; i <= runs; i++)); do
  ./smartlink down >/dev/null
  start=$(date +%s.%N)
  ./smartlink up --no-build >/dev/null
  # `up` returns once every service is healthy and registered; double-check the gateway
  code=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8090/actuator/health)   # the gateway's management port
  end=$(date +%s.%N)
  printf '\n== run %d: ./smartlink up -> gateway health %s in %.1f s\n' "$i" "$code" "$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')"
  ./smartlink status
done
