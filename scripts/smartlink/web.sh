# shellcheck shell=bash
# ./smartlink, web part: the web UI (web-ui/: React + TypeScript + Vite) that the gateway's jar carries, and the
# browser tests (e2e-browser/: Playwright driving Debian's Chromium).
#
#   web_build      Node.js (installed with apt-get when missing), `npm ci` when web-ui/package-lock.json changed,
#                  `npm run build` (type check, lint, vite build into web-ui/dist) when a web-ui source changed.
#                  Runs before the Maven build, which copies web-ui/dist into the gateway's jar (static/).
#   web_test       `npm test` in web-ui/ (Vitest, once): part of `./smartlink test`'s verify step.
#   browser_tests  the browser tests against the running gateway (`./smartlink test`, after the Java e2e tests;
#                  `./smartlink test --browser-only` alone against a platform that is up).
#
# Without web-ui/ (a checkout from before the app) every step says so and does nothing: the gateway is built
# without the app and answers / with a 503 problem. SMARTLINK_SKIP_WEB=1 skips the web UI on purpose.
# Stamps in .smartlink/web/: the package-lock.json each directory was installed from (a content hash: a git
# checkout changes mtimes, not contents) and the time of the last good build.

WEB_UI="$ROOT/web-ui"
E2E_BROWSER="$ROOT/e2e-browser"
WEB_STATE="$STATE/web"
# Vite 8 needs Node ^20.19 or >= 22.12; Debian 12's own nodejs is 18 (too old), Debian 13's is 20.19
NODE_MIN="20.19 (or 22.12+)"
CHROMIUM="${SMARTLINK_CHROMIUM:-/usr/bin/chromium}"

web_ui_present() { [[ -f $WEB_UI/package.json ]]; }

node_version_ok() {   # node_version_ok <vX.Y.Z>: new enough for the web UI's build
  local v=${1#v} major minor
  major=${v%%.*}; minor=${v#*.}; minor=${minor%%.*}
  [[ $major =~ ^[0-9]+$ && $minor =~ ^[0-9]+$ ]] || return 1
  (( major >= 23 || (major == 22 && minor >= 12) || (major == 20 && minor >= 19) ))
}

# Node.js and npm on PATH, new enough; installs Debian's nodejs and npm with apt-get when either is missing
# (as PostgreSQL is), and says what to do when what is there (or what apt has) is too old.
NODE_CHECKED=0
ensure_node() {
  (( NODE_CHECKED )) && return 0
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    command -v apt-get >/dev/null && is_root \
      || die "the web UI needs Node.js $NODE_MIN and npm: install them (e.g. apt-get install nodejs npm, or Node 20 LTS from nodejs.org / NodeSource), or set SMARTLINK_SKIP_WEB=1 to build without the web UI"
    local pkgs=() candidate
    # Debian 12's nodejs is 18: say so before installing it (and npm's hundred packages) for nothing
    candidate=$(apt-cache policy nodejs 2>/dev/null | awk '/Candidate:/ {print $2; exit}')
    if ! command -v node >/dev/null && [[ -n $candidate && $candidate != "(none)" ]] && ! node_version_ok "v$candidate"; then
      die "apt offers Node.js $candidate, too old for the web UI (Vite needs $NODE_MIN): install Node 20 LTS or newer (nodejs.org, NodeSource), or set SMARTLINK_SKIP_WEB=1 to build without the web UI"
    fi
    command -v node >/dev/null || pkgs+=(nodejs)
    command -v npm >/dev/null || pkgs+=(npm)
    apt_install "${pkgs[@]}"
    hash -r
  fi
  local v; v=$(node --version 2>/dev/null) || die "node does not run: $(command -v node)"
  node_version_ok "$v" \
    || die "Node.js $v is too old for the web UI (Vite needs $NODE_MIN; Debian 12's nodejs package is 18): install Node 20 LTS or newer (nodejs.org, NodeSource), or set SMARTLINK_SKIP_WEB=1 to build without the web UI"
  step "Node.js $v, npm $(npm --version 2>/dev/null)"
  NODE_CHECKED=1
}

lock_hash() { sha256sum "$1/package-lock.json" | cut -d' ' -f1; }   # lock_hash <dir>

# npm_install <dir> <name>: `npm ci` when node_modules/ is missing or package-lock.json differs from the one it
# was installed from. --prefer-offline: npm's cache first, the registry only for what it lacks.
npm_install() {
  local dir=$1 name=$2 stamp="$WEB_STATE/$2.lock.sha256" want
  [[ -f $dir/package-lock.json ]] || die "$name/package-lock.json is missing: run npm install in $name/ and commit it"
  mkdir -p "$WEB_STATE"
  want=$(lock_hash "$dir")
  if [[ -d $dir/node_modules && -f $stamp && $(< "$stamp") == "$want" ]]; then
    info "$name: dependencies up to date"
    return 0
  fi
  step "$name: npm ci"
  local t; t=$(now)
  rm -f "$stamp"
  # Playwright never downloads a browser here (none of its packages does on install today; this keeps it so)
  (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefer-offline --no-audit --no-fund 9>&-) > "$LOGS/$name-npm.log" 2>&1 \
    || { tail -n 40 "$LOGS/$name-npm.log" >&2; die "npm ci in $name/ failed (log: ${LOGS#"$ROOT"/}/$name-npm.log)"; }
  echo "$want" > "$stamp"
  info "installed in $(since "$t")"
}

# The web UI's build is stale when dist/index.html is missing, or a file of web-ui/ (not node_modules/, dist/ or
# another tool's output) is newer than the last good build, or the dependencies were just installed.
web_build_reason() {
  local stamp="$WEB_STATE/web-ui.build.stamp" newer
  [[ -f $WEB_UI/dist/index.html ]] || { echo "no web-ui/dist/index.html"; return; }
  [[ -f $stamp ]] || { echo "no web build stamp"; return; }
  [[ "$WEB_STATE/web-ui.lock.sha256" -nt $stamp ]] && { echo "dependencies installed"; return; }
  newer=$(cd "$WEB_UI" && find . \( -name node_modules -o -name dist -o -name coverage -o -name .vite \
      -o -name '*.tsbuildinfo' -o -name target \) -prune -o -type f -newer "$stamp" -print -quit)
  [[ -z $newer ]] || echo "web-ui/${newer#./} changed"
}

web_build() {
  if ! web_ui_present; then
    info "no web-ui/ in this checkout: the gateway is built without the web UI (/ answers 503)"
    return 0
  fi
  if [[ ${SMARTLINK_SKIP_WEB:-0} == 1 ]]; then
    warn "SMARTLINK_SKIP_WEB=1: the web UI is not built (the gateway keeps whatever web-ui/dist holds)"
    return 0
  fi
  ensure_node
  npm_install "$WEB_UI" web-ui
  local reason; reason=$(web_build_reason)
  if [[ -z $reason ]]; then
    info "web-ui/dist is up to date"
    return 0
  fi
  step "web UI ($reason): npm run build"
  local t start
  t=$(now); start=$(date +%s.%N)
  (cd "$WEB_UI" && npm run build 9>&-) > "$LOGS/web-ui-build.log" 2>&1 \
    || { tail -n 60 "$LOGS/web-ui-build.log" >&2; die "the web UI's build failed: type or lint errors fail it (log: ${LOGS#"$ROOT"/}/web-ui-build.log)"; }
  [[ -f $WEB_UI/dist/index.html ]] || die "npm run build wrote no web-ui/dist/index.html"
  touch -d "@$start" "$WEB_STATE/web-ui.build.stamp"
  info "built in $(since "$t") ($(web_dist_summary))"
}

web_dist_summary() {   # the scripts and styles index.html loads itself (lazy chunks apart), raw and gzip
  local raw=0 gz=0 f n=0
  for f in $(grep -oE '/assets/[^"]+\.(js|css)' "$WEB_UI/dist/index.html" | sort -u); do
    f="$WEB_UI/dist$f"
    [[ -f $f ]] || continue
    raw=$(( raw + $(stat -c %s "$f") ))
    gz=$(( gz + $(gzip -9 -c "$f" | wc -c) ))
    n=$(( n + 1 ))
  done
  echo "index.html loads $n files: $(( raw / 1024 )) KiB, $(( gz / 1024 )) KiB gzip"
}

web_test() {
  web_ui_present || { info "no web-ui/: no web UI unit tests"; return 0; }
  if [[ ${SMARTLINK_SKIP_WEB:-0} == 1 ]]; then warn "SMARTLINK_SKIP_WEB=1: web UI unit tests skipped"; return 0; fi
  ensure_node
  npm_install "$WEB_UI" web-ui
  step "web UI unit tests: npm test (Vitest)"
  (cd "$WEB_UI" && CI=true npm test 9>&-) || die "the web UI's unit tests failed"
}

# Debian's Chromium for the browser tests, launched by its path (Playwright's own browser download reaches
# outside and is never used).
ensure_chromium() {
  [[ -x $CHROMIUM ]] && return 0
  [[ -z ${SMARTLINK_CHROMIUM:-} ]] || die "SMARTLINK_CHROMIUM=$SMARTLINK_CHROMIUM is not an executable"
  command -v apt-get >/dev/null && is_root \
    || die "the browser tests need Chromium at $CHROMIUM: apt-get install chromium (or set SMARTLINK_CHROMIUM to a Chromium/Chrome binary)"
  apt_install chromium
  [[ -x $CHROMIUM ]] || die "apt-get installed chromium but there is no $CHROMIUM"
}

# browser_tests [gateway URL]: e2e-browser's tests against the running gateway. The admin's login reaches them as
# the Java e2e tests get it (.smartlink/admin.txt, or SMARTLINK_ADMIN_EMAIL/SMARTLINK_ADMIN_PASSWORD in the
# environment); screenshots and the report land in e2e-browser/target/.
browser_tests() {
  local url=${1:-http://127.0.0.1:${S_PORT[gateway-service]}}
  if [[ ! -f $E2E_BROWSER/package.json ]]; then info "no e2e-browser/: no browser tests"; return 0; fi
  if ! web_ui_present; then
    warn "no web-ui/ in this checkout: browser tests skipped"
    return 0
  fi
  ensure_node
  ensure_chromium
  npm_install "$E2E_BROWSER" e2e-browser
  step "browser tests: e2e-browser (Chromium $("$CHROMIUM" --version 2>/dev/null | awk '{print $2}'), $url)"
  local rc=0
  (cd "$E2E_BROWSER" && SMARTLINK_GATEWAY_URL=$url SMARTLINK_CHROMIUM=$CHROMIUM CI=true npm test 9>&-) || rc=$?
  info "screenshots and report: ${E2E_BROWSER#"$ROOT"/}/target/"
  return "$rc"
}
