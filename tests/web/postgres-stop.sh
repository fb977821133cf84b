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
if [ -n "$BIN" ] && [ -f "$DIR/data/postmaster.pid" ]; then
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
    else
        "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
    fi
fi
rm -rf "$DIR"
