#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
# Starts a throw-away PostgreSQL 15 server in a temporary directory, listening on 127.0.0.1 only,
# exports PONTE_TEST_POSTGRES_URL for COMMAND, runs it, then stops the server and removes its
# files, whatever COMMAND's outcome. As root, the server runs as the postgres user.
set -euo pipefail

pg_bin=/usr/lib/postgresql/15/bin
[ -x "$pg_bin/initdb" ] || { echo "with-postgres: $pg_bin/initdb is missing (run scripts/setup.sh)" >&2; exit 1; }

dir=$(mktemp -d /tmp/ponte-pg.XXXXXX)
run_as_server=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  run_as_server=(runuser -u postgres --)
fi

# A free port below the kernel's range for the local ports of outgoing connections, which a
# client of a test running meanwhile may take at any moment.
free_port() {
  local port low
  low="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  ((low > 12000)) || return 1
  for _ in $(seq 1 50); do
    port=$((10000 + RANDOM % (low - 10000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}
port=$(free_port)

stop() {
  "${run_as_server[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${run_as_server[@]}" "$pg_bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
  >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
# Test settings: the tests kill ponte, never this server, so skipping fsync loses nothing they check.
"${run_as_server[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
"$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres ponte_test
# The tests migrate a schema each, several at once: the database-wide extension the migrations
# ask for (pg_trgm, for the caseload's search) is made once here, so that none of them races to.
"$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d ponte_test -q -v ON_ERROR_STOP=1 \
  -c "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public" >/dev/null

export PONTE_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/ponte_test"
echo "with-postgres: PostgreSQL 15 on 127.0.0.1:$port" >&2
set +e
"$@"
status=$?
set -e
exit $status
