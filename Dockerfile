# syntax=docker/dockerfile:1.7
#
# One image recipe for every Spring Boot service in this repository:
#
#   docker build --build-arg SERVICE=gateway-service --build-arg PORT=8080 -t smartlink/gateway-service .
#
# (docker compose passes both args; see docker-compose.yml.)
# Stages: web (the gateway's web UI, Node 20) -> build (Maven wrapper, JDK 25) -> extract (layered jar)
# -> runtime (JRE 25, non-root).

ARG NODE_IMAGE=node:20-bookworm-slim
ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG JRE_IMAGE=eclipse-temurin:25-jre

# ---------------------------------------------------------------------------
# 0. web: the web UI (web-ui/, React + Vite) for the gateway's jar, which serves it at /. Only the
#    gateway's image builds it (npm ci, then npm run build: type check, lint, vite build into
#    web-ui/dist); every other service gets an empty dist. ~/.npm lives in a BuildKit cache.
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS web
ARG SERVICE
WORKDIR /workspace
COPY . .
RUN --mount=type=cache,target=/root/.npm \
    if [ "${SERVICE}" = gateway-service ] && [ -f web-ui/package-lock.json ]; then \
      cd web-ui && npm ci --no-audit --no-fund && npm run build; \
    else \
      rm -rf web-ui/dist && mkdir -p web-ui/dist; \
    fi

# ---------------------------------------------------------------------------
# 1. build: ./mvnw builds the one module and the libs it needs (-am)
# ---------------------------------------------------------------------------
FROM ${JDK_IMAGE} AS build
ARG SERVICE
WORKDIR /workspace
RUN test -n "${SERVICE}" || (echo "build arg SERVICE is required, e.g. --build-arg SERVICE=gateway-service" >&2; exit 1)
COPY . .
# the gateway's jar copies web-ui/dist into its static/ (gateway-service/pom.xml); empty for the others
COPY --from=web /workspace/web-ui/dist/ web-ui/dist/
# ~/.m2 (dependencies and the wrapper's Maven distribution) lives in a BuildKit cache,
# shared by all service builds, so only the first image pays for the downloads.
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw \
 && ./mvnw -B -q -pl "${SERVICE}" -am -DskipTests package \
 && jar="${SERVICE}/target/${SERVICE}.jar" \
 && if [ ! -f "$jar" ]; then \
      jar="$(find "${SERVICE}/target" -maxdepth 1 -name '*.jar' ! -name '*-plain.jar' ! -name '*-sources.jar' | head -n 1)"; \
    fi \
 && test -n "$jar" && test -f "$jar" \
 && cp "$jar" /workspace/app.jar

# ---------------------------------------------------------------------------
# 2. extract: split the fat jar into Spring Boot layers (stable first)
# ---------------------------------------------------------------------------
FROM ${JDK_IMAGE} AS extract
WORKDIR /extract
COPY --from=build /workspace/app.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# ---------------------------------------------------------------------------
# 3. runtime
# ---------------------------------------------------------------------------
FROM ${JRE_IMAGE} AS runtime
ARG SERVICE
ARG PORT=8080

LABEL org.opencontainers.image.title="smartlink-${SERVICE}" \
      org.opencontainers.image.vendor="SmartLink Auto"

# curl is used only by docker compose's healthcheck (the Temurin 25 JRE image no longer
# ships curl or wget); the image itself has no HEALTHCHECK, Kubernetes probes over HTTP.
# /var/lib/smartlink/chunks: storage nodes keep chunks here (their default data directory in the
# docker/kubernetes profiles). Created owned by 10001 so that a volume mounted on it is writable:
# Docker copies this ownership into a new (anonymous or named) volume; Kubernetes sets the group
# through fsGroup 10001. In every other service's image it is an unused empty directory.
RUN set -eux; \
    if ! command -v curl >/dev/null 2>&1; then \
      apt-get update; \
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl; \
      rm -rf /var/lib/apt/lists/*; \
    fi; \
    groupadd --system --gid 10001 smartlink; \
    useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home \
            --shell /usr/sbin/nologin smartlink; \
    install -d -o 10001 -g 10001 -m 0750 /var/lib/smartlink/chunks

COPY --chmod=0755 infra/docker/app/healthcheck.sh /usr/local/bin/healthcheck

WORKDIR /app
# Least to most frequently changing, so a code change rebuilds only the last layer.
COPY --from=extract /extract/extracted/dependencies/ ./
COPY --from=extract /extract/extracted/spring-boot-loader/ ./
COPY --from=extract /extract/extracted/snapshot-dependencies/ ./
COPY --from=extract /extract/extracted/application/ ./

ENV SERVICE_NAME=${SERVICE} \
    APP_PORT=${PORT} \
    SPRING_THREADS_VIRTUAL_ENABLED=true \
    JAVA_OPTS=""

# Application files stay owned by root (read-only for the app); the app runs as 10001.
USER 10001:10001
EXPOSE ${PORT}

# exec: java is PID 1 and gets SIGTERM for graceful shutdown. Monitor deflation checks once a second instead of
# every 250 ms (idle CPU; the runner does the same, scripts/smartlink/java.sh).
# JAVA_OPTS comes last so it can override the defaults; JAVA_TOOL_OPTIONS also works.
ENTRYPOINT ["sh", "-c", "exec java -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UnlockDiagnosticVMOptions -XX:AsyncDeflationInterval=1000 -Djava.io.tmpdir=/tmp $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher \"$@\"", "--"]
