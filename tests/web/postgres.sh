#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for the web suite and print its URL.
# Used by .ci/run (after apt-get install postgresql); developers can run it too:
#   export NEARER_TEST_POSTGRES_URL="$(bash tests/web/postgres.sh)" && make test
# Its folder is printed on stderr, and written to the file named by NEARER_PG_DIR_FILE when
# that is set; stop the server and remove the folder with:
#   bash tests/web/postgres-stop.sh <folder>
# The settings live in the folder's postgresql.conf, so `pg_ctl -D <folder>/data start`
# brings the same server back (tests/web/test_faults.py stops and restarts one).
set -euo pipefail
# A free port unless one is asked for, so a server left from an earlier run is no obstacle.
PORT="${NEARER_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$BIN" ]; then
    echo "Error: PostgreSQL is not installed. Install it with apt-get install -y postgresql." >&2
    exit 1
fi
DIR="$(mktemp -d /tmp/nearer-pg.XXXXXX)"
# Written before anything can fail, so whoever asked can always clean up.
if [ -n "${NEARER_PG_DIR_FILE:-}" ]; then echo "$DIR" > "$NEARER_PG_DIR_FILE"; fi
as_owner() {
    # initdb refuses to run as root, so a root shell runs the server as the postgres user.
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
as_owner "$BIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 >/dev/null
cat >> "$DIR/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
fsync = off
# The web suite runs app processes, workers and browser tests one after another in one pytest
# process; the default 100 connections ran out in CI (a 503 at sign-up, FATAL "remaining
# connection slots are reserved"), so the suite's server gets room to spare.
max_connections = 300
CONF
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w start >/dev/null
psql_() { "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql_ -c "CREATE ROLE nearer LOGIN CREATEDB" -c "CREATE DATABASE nearer OWNER nearer"
echo "PostgreSQL for the tests: $DIR (port $PORT); stop it with: bash tests/web/postgres-stop.sh $DIR" >&2
echo "postgres://nearer@127.0.0.1:$PORT/nearer"
