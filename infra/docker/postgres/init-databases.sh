#!/bin/sh
# Creates one LOGIN role and one database per DB-backed service (role == database == owner):
#   users, vehicles, bookings, payments, storage
# with passwords from <NAME>_DB_PASSWORD (required), plus, when PG_ADMIN_PASSWORD is set,
# the admin role smartlink_admin (LOGIN CREATEDB CREATEROLE) that integration tests use.
#
# Run by the postgres image's entrypoint from /docker-entrypoint-initdb.d/ on the first start
# (empty data directory) only. Idempotent: existing roles/databases are left alone.
# The same file is shipped to Kubernetes as k8s/overlays/local/postgres/init-databases.sh
# (K8sManifestsTest checks the two copies are identical).
#
# Everything runs in a subshell, so that it behaves the same whether the entrypoint executes
# this file (mode +x) or sources it (a checkout that lost the exec bit): no shell options or
# variables leak into the entrypoint, and a failure still stops the initialisation.
(
set -eu

psql_admin() {
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname postgres "$@"
}

create_service_db() {
  name="$1"
  password="$2"
  if [ -z "$password" ]; then
    echo "init-databases: password for role '$name' is empty" >&2
    exit 1
  fi
  psql_admin --set=name="$name" --set=password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'name', :'password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'name') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'name') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'name') \gexec
SQL
  echo "init-databases: role and database '$name' ready"
}

create_service_db users    "${USERS_DB_PASSWORD:?USERS_DB_PASSWORD is required}"
create_service_db vehicles "${VEHICLES_DB_PASSWORD:?VEHICLES_DB_PASSWORD is required}"
create_service_db bookings "${BOOKINGS_DB_PASSWORD:?BOOKINGS_DB_PASSWORD is required}"
create_service_db payments "${PAYMENTS_DB_PASSWORD:?PAYMENTS_DB_PASSWORD is required}"
create_service_db storage  "${STORAGE_DB_PASSWORD:?STORAGE_DB_PASSWORD is required}"

if [ -n "${PG_ADMIN_PASSWORD:-}" ]; then
  psql_admin --set=password="$PG_ADMIN_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE smartlink_admin LOGIN CREATEDB CREATEROLE PASSWORD %L', :'password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'smartlink_admin') \gexec
SQL
  echo "init-databases: role 'smartlink_admin' ready"
fi
)
