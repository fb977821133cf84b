#!/usr/bin/env bash
# Stop a server started by tests/web/postgres.sh and remove its folder:
#   bash tests/web/postgres-stop.sh /tmp/nearer-pg.XXXXXX
# Safe to call twice, or for a folder whose server never started (.ci/run calls it on exit,
# whatever happened before).
set -euo pipefail
DIR="${1:?usage: postgres-stop.sh FOLDER (printed by postgres.sh)}"
case "$DIR" in
    /tmp/nearer-pg.*) ;;
    *) echo "Error: $DIR is not a folder made by tests/web/postgres.sh. Give that folder." >&2
       exit 2 ;;
esac
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ -n "$BIN" ] && [ -f "$DIR/data/postmaster.pid" ]; then
    PID="$(head -n 1 "$DIR/data/postmaster.pid")"
    # A busy machine can make a fast stop slow: fall back to an immediate stop, then to
    # killing the server, so the folder is never removed under a running server.
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
        || as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 \
        || kill -9 "$PID" 2>/dev/null || true
fi
rm -rf "$DIR"
