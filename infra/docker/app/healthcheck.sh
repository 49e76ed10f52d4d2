#!/bin/sh
# Container healthcheck for the Spring Boot services (used by docker-compose.yml).
# Exits 0 only when the service's readiness group answers HTTP 2xx.
#   port: MANAGEMENT_SERVER_PORT if set (the gateway's actuator has a port of its own), else
#         SERVER_PORT if set (storage nodes), else APP_PORT baked into the image.
#   path: HEALTHCHECK_PATH, default /actuator/health/readiness.
port="${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-${APP_PORT:-8080}}}"
path="${HEALTHCHECK_PATH:-/actuator/health/readiness}"
exec curl --fail --silent --show-error --output /dev/null --max-time 4 "http://127.0.0.1:${port}${path}"
