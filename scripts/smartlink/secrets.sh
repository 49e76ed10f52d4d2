# shellcheck shell=bash
# ./smartlink, secrets part: the generated passwords (.smartlink/secrets.env), the bootstrapped admin
# (.smartlink/admin.txt), and `./smartlink secrets` (.env for compose, k8s/overlays/local/secrets.env).

secret() {   # secret <KEY>
  awk -F= -v k="$1" '$1 == k { sub(/^[^=]*=/, ""); print; exit }' "$SECRETS"
}

# Service credentials: every service but discovery has its own random secret (SERVICE_SECRET_<NAME> in
# secrets.env), handed to it as SMARTLINK_SERVICE_SECRET. It proves the service's identity to
# discovery-service (Eureka registration) and to user-service (client-credentials tokens for the
# /internal/** APIs and the storage nodes). Those two verifiers get every client's secret as
# SMARTLINK_SERVICE_CLIENTS=name=secret,name=secret,... A new service in SERVICES gets one automatically.
service_secret_key() { echo "SERVICE_SECRET_$(upper "$1" | tr '-' '_')"; }

service_clients_env() {   # name=secret,... for every service client
  local n out=""
  for n in "${SERVICE_CLIENTS[@]}"; do out+="${out:+,}$n=$(secret "$(service_secret_key "$n")")"; done
  echo "$out"
}

random_hex() {   # random_hex <bytes>
  if command -v openssl >/dev/null; then openssl rand -hex "$1"
  else head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; fi
}

# Generated once and kept: KEYS_ENCRYPTION_SECRET encrypts user-service's token signing keys
# in its database, so a different value later makes the stored keys unreadable.
ensure_secrets() {
  ensure_dirs
  # CHECKOUT_ID: which checkout's secrets the local databases were made with (see provision_postgres)
  # PAYMENTS_SANDBOX_WEBHOOK_SECRET: the sandbox payment provider signs its webhooks with it (as Stripe does)
  local keys=(CHECKOUT_ID PG_ADMIN_PASSWORD POSTGRES_PASSWORD KEYS_ENCRYPTION_SECRET DISCOVERY_DASHBOARD_PASSWORD
              PAYMENTS_SANDBOX_WEBHOOK_SECRET) d added=0
  for d in "${DATABASES[@]}"; do keys+=("$(upper "$d")_DB_PASSWORD"); done
  for d in "${SERVICE_CLIENTS[@]}"; do keys+=("$(service_secret_key "$d")"); done
  for d in "${REDIS_NAMES[@]}"; do keys+=("${R_KEY[$d]}"); done
  (umask 077; touch "$SECRETS")
  chmod 600 "$SECRETS"
  for k in "${keys[@]}"; do
    if [[ -z $(secret "$k") ]]; then
      local bytes=16
      [[ $k == KEYS_ENCRYPTION_SECRET ]] && bytes=32
      echo "$k=$(random_hex "$bytes")" >> "$SECRETS"
      added=$((added + 1))
    fi
  done
  (( added == 0 )) || info "generated $added secret(s) into ${SECRETS#"$ROOT"/} (mode 600)"
}

# The admin user-service ensures at start-up (the only way to become ADMIN): from
# SMARTLINK_ADMIN_EMAIL + SMARTLINK_ADMIN_PASSWORD when both are set, else from
# .smartlink/admin.txt, generated on first use (its password is printed that one time).
# Sets ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_FROM (env|file) and ADMIN_GENERATED (1 if just now).
ADMIN_EMAIL="" ADMIN_PASSWORD="" ADMIN_FROM="" ADMIN_GENERATED=0
ensure_admin() {
  [[ -n $ADMIN_FROM ]] && return 0
  if [[ -n ${SMARTLINK_ADMIN_EMAIL:-} || -n ${SMARTLINK_ADMIN_PASSWORD:-} ]]; then
    [[ -n ${SMARTLINK_ADMIN_EMAIL:-} && -n ${SMARTLINK_ADMIN_PASSWORD:-} ]] \
      || die "set both SMARTLINK_ADMIN_EMAIL and SMARTLINK_ADMIN_PASSWORD, or neither (then the admin is generated into ${ADMIN_FILE#"$ROOT"/})"
    [[ $SMARTLINK_ADMIN_EMAIL$SMARTLINK_ADMIN_PASSWORD != *$'\n'* ]] || die "SMARTLINK_ADMIN_EMAIL/SMARTLINK_ADMIN_PASSWORD must be one line each"
    ADMIN_EMAIL=$SMARTLINK_ADMIN_EMAIL ADMIN_PASSWORD=$SMARTLINK_ADMIN_PASSWORD ADMIN_FROM="env"
    return 0
  fi
  ensure_dirs
  if [[ ! -s $ADMIN_FILE ]]; then
    # user-service's policy: >= 10 characters, not a common password, not containing the
    # e-mail's name ("admin": hex digits cannot spell it)
    (umask 077; printf 'email=%s\npassword=Sl-%s\n' admin@smartlinkauto.local "$(random_hex 12)" > "$ADMIN_FILE.tmp")
    mv -f "$ADMIN_FILE.tmp" "$ADMIN_FILE"
    ADMIN_GENERATED=1
  fi
  chmod 600 "$ADMIN_FILE"
  ADMIN_EMAIL=$(awk -F= '$1 == "email" { sub(/^[^=]*=/, ""); print; exit }' "$ADMIN_FILE")
  ADMIN_PASSWORD=$(awk -F= '$1 == "password" { sub(/^[^=]*=/, ""); print; exit }' "$ADMIN_FILE")
  [[ -n $ADMIN_EMAIL && -n $ADMIN_PASSWORD ]] \
    || die "${ADMIN_FILE#"$ROOT"/} needs the lines email=... and password=... (delete it to generate a new admin login)"
  ADMIN_FROM="file"
}

admin_banner() {   # once, right after the admin's password was generated
  (( ADMIN_GENERATED )) || return 0
  ADMIN_GENERATED=0
  local line="  ======================================================================="
  echo
  echo "$B$line$N"
  echo "$B  Admin login, generated for this machine (shown this once):$N"
  echo "      email     $ADMIN_EMAIL"
  echo "      password  $ADMIN_PASSWORD"
  echo "  Kept in ${ADMIN_FILE#"$ROOT"/} (mode 600). Set SMARTLINK_ADMIN_EMAIL and"
  echo "  SMARTLINK_ADMIN_PASSWORD to use your own instead."
  echo "$B$line$N"
  echo
}

env_value() {   # env_value <KEY>: a key of .env / k8s secrets.env
  case $1 in
    ADMIN_EMAIL) echo "$ADMIN_EMAIL" ;;
    ADMIN_PASSWORD) echo "$ADMIN_PASSWORD" ;;
    *) secret "$1" ;;
  esac
}

# write_env_file <file> <KEY...>: adds the missing keys (values from secrets.env,
# ADMIN_* from ensure_admin) to a gitignored KEY=VALUE file; values already there are kept.
write_env_file() {
  local f=$1 k added=0; shift
  (umask 077; touch "$f")
  chmod 600 "$f"
  for k in "$@"; do
    if ! grep -q "^$k=" "$f"; then
      echo "$k=$(env_value "$k")" >> "$f"
      added=$((added + 1))
    fi
  done
  info "${f#"$ROOT"/}: $added key(s) added, $(( $# - added )) kept (mode 600)"
}

# `./smartlink secrets`: the generated passwords for docker compose (.env) and
# the local Kubernetes overlay (k8s/overlays/local/secrets.env), same keys in both.
cmd_secrets() {
  lock
  step "secrets"
  ensure_secrets
  ensure_admin
  local d keys=(POSTGRES_PASSWORD)
  for d in "${DATABASES[@]}"; do keys+=("$(upper "$d")_DB_PASSWORD"); done
  keys+=(KEYS_ENCRYPTION_SECRET ADMIN_EMAIL ADMIN_PASSWORD DISCOVERY_DASHBOARD_PASSWORD PAYMENTS_SANDBOX_WEBHOOK_SECRET)
  for d in "${REDIS_NAMES[@]}"; do keys+=("${R_KEY[$d]}"); done
  for d in "${SERVICE_CLIENTS[@]}"; do keys+=("$(service_secret_key "$d")"); done
  write_env_file "$ROOT/.env" "${keys[@]}" PG_ADMIN_PASSWORD
  if [[ -d $ROOT/k8s/overlays/local ]]; then
    write_env_file "$ROOT/k8s/overlays/local/secrets.env" "${keys[@]}"
  fi
  admin_banner
}
