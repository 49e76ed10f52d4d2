#!/usr/bin/env bash
# Issue #3's load claim, measured (not a test): 1,000 partners sign up at once through the gateway
# with the rate limits that ship by default, and all of them must get 201.
#
#   bench/partner-registrations.sh [partners] [client-addresses]     (defaults 1000, 250)
#
# Needs the platform running (./smartlink up). The partners are distinct clients spread over
# loopback source addresses 127.0.0.2…, as people on their own devices would be; the gateway's
# per-client limit (50/s, burst 100) applies to each. Prints Gatling's summary, the wall time,
# the sign-up rate, and the resident memory of the gateway and user-service before and after.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
partners=${1:-1000}
addresses=${2:-250}

curl -fsS -o /dev/null http://127.0.0.1:8090/actuator/health || { echo "start the platform first: ./smartlink up" >&2; exit 1; }
rss() { local pid; pid=$(cat ".smartlink/pids/$1.pid" 2>/dev/null) || { echo "-"; return; }
        awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || echo "-"; }

before_gw=$(rss gateway-service); before_us=$(rss user-service)
start=$(date +%s.%N)
./mvnw -B -q -f bench/gatling/pom.xml gatling:test \
  -Dgatling.simulationClass=com.smartlinkauto.load.PartnerRegistrationSimulation \
  -Dsmartlink.load.partners="$partners" -Dsmartlink.load.client-addresses="$addresses" | tail -n 40
end=$(date +%s.%N)
after_gw=$(rss gateway-service); after_us=$(rss user-service)

awk -v s="$start" -v e="$end" -v n="$partners" 'BEGIN {
  printf "\n%d partner sign-ups through the gateway in %.1f s (incl. Gatling start) = %.1f sign-ups/s\n", n, e - s, n / (e - s) }'
echo "RSS MiB  gateway-service: $before_gw -> $after_gw   user-service: $before_us -> $after_us"
