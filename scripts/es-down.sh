#!/usr/bin/env bash
# Stop the node scripts/es-up.sh started on ES_PORT (9200), found through its pid file under .es/;
# nodes it did not start are left alone.
set -euo pipefail

ES_PORT="${ES_PORT:-9200}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/es-base.sh"
BASE="$(es_base "$ROOT")"
STATE="$BASE"
[ "$ES_PORT" = 9200 ] || STATE="$BASE/node-$ES_PORT"
PID_FILE="$STATE/es.pid"
say() { echo "es-down: $*" >&2; }

if [ ! -s "$PID_FILE" ]; then
    say "no pid file at $PID_FILE: nothing to stop"
    exit 0
fi
pid="$(cat "$PID_FILE")"
if ! kill -0 "$pid" 2>/dev/null; then
    say "pid $pid is not running; removing the stale pid file"
    rm -f "$PID_FILE"
    exit 0
fi
kill -TERM "$pid"
for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; say "stopped (pid $pid)"; exit 0; }
    sleep 0.5
done
say "pid $pid ignored SIGTERM for 30s; sending SIGKILL"
kill -KILL "$pid"
rm -f "$PID_FILE"
