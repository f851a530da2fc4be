#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on 127.0.0.1 for the store tests and print its URL.
#   eval "$(bash .ci/postgres.sh)"   # exports EVENTWIRE_TEST_PG=postgresql+psycopg://...
#   bash .ci/postgres.sh stop        # stops it
# Installs the Debian package when no server is installed. Idempotent: a server already started
# by this script (same port) is reused. Everything it prints on stdout is shell to evaluate.
set -euo pipefail

PORT="${EVENTWIRE_PG_PORT:-55432}"
DATA="${EVENTWIRE_PG_DATA:-/tmp/eventwire-pg-$PORT}"
DB=eventwire_test
PASSWORD=eventwire

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(bin_dir)" ]; then
  echo "installing PostgreSQL (Debian package)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
BIN="$(bin_dir)"

# The server refuses to run as root: run it as the postgres user the package creates.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
  if [ -s "$DATA/postmaster.pid" ]; then
    as_pg "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2
  fi
  exit 0
fi

if ! as_pg "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  if [ ! -s "$DATA/PG_VERSION" ]; then
    mkdir -p "$DATA"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DATA"
    pwfile="$(mktemp)"; echo "$PASSWORD" > "$pwfile"; chmod 644 "$pwfile"
    as_pg "$BIN/initdb" -D "$DATA" -U postgres --pwfile="$pwfile" -A scram-sha-256 >&2
    rm -f "$pwfile"
  fi
  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-h 127.0.0.1 -p $PORT -k /tmp -c fsync=off -c synchronous_commit=off" start >&2
fi

export PGPASSWORD="$PASSWORD"
if ! "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB" >&2
fi
echo "export EVENTWIRE_TEST_PG='postgresql+psycopg://postgres:$PASSWORD@127.0.0.1:$PORT/$DB'"
