#!/usr/bin/env bash
# Stop the node scripts/es-up.sh started (found through .es/es.pid); other nodes are left alone.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PID_FILE="$ROOT/.es/es.pid"
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
