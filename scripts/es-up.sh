#!/usr/bin/env bash
# Start a local single-node Elasticsearch for tests and trials on 127.0.0.1:9200; print its URL.
#
# The node is the integ-test-zip distribution fetched with mvn (cached in ~/.m2 between runs),
# unpacked under .es/ in the repo, run with Java 17 as an unprivileged user (Elasticsearch refuses
# root), security off, disk watermarks off, daemonized with its pid in .es/es.pid.
# If something already answers on the port, its URL is printed and nothing is started; if our node
# is still starting, the script waits for it instead of starting a second one.
#
# Environment: ES_VERSION (8.19.7), ES_PORT (9200), ES_USER (vanban-es), ES_HEAP (512m),
#              ES_WAIT (120 seconds to wait for yellow health), ES_JAVA_HOME (Java 17 for 8.x,
#              the newest JDK 21+ under /usr/lib/jvm for 9.x). A node on another port keeps its
#              data, logs and pid file apart: ES_VERSION=9.1.5 ES_PORT=9201 scripts/es-up.sh
set -euo pipefail

ES_VERSION="${ES_VERSION:-8.19.7}"
ES_PORT="${ES_PORT:-9200}"
ES_USER="${ES_USER:-vanban-es}"
ES_HEAP="${ES_HEAP:-512m}"
ES_WAIT="${ES_WAIT:-120}"
URL="http://127.0.0.1:${ES_PORT}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/es-base.sh"
BASE="$(es_base "$ROOT")"
HOME_DIR="$BASE/elasticsearch-$ES_VERSION"
STATE="$BASE"
[ "$ES_PORT" = 9200 ] || STATE="$BASE/node-$ES_PORT"
PID_FILE="$STATE/es.pid"
LOG="$STATE/logs/vanban-dev.log"

say() { echo "es-up: $*" >&2; }
die() { say "$*"; exit 1; }
# GET / answers 405 on the integ-test distribution, so ask for cluster health instead.
answers() { curl -fsS -m 10 "$URL/_cluster/health" >/dev/null 2>&1; }
running() { [ -s "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }
healthy() {
    curl -fsS -m 10 "$URL/_cluster/health?wait_for_status=yellow&timeout=5s" 2>/dev/null \
        | grep -q '"status":"\(yellow\|green\)"'
}
wait_healthy() {
    local deadline=$((SECONDS + ES_WAIT))
    until healthy; do
        [ "$SECONDS" -lt "$deadline" ] || die "no yellow health on $URL after ${ES_WAIT}s; see $LOG"
        running || die "Elasticsearch exited during start; see $LOG"
        sleep 2
    done
    say "ready (pid $(cat "$PID_FILE" 2>/dev/null || echo '?'))"
    echo "$URL"
}

command -v curl >/dev/null || die "curl is needed to talk to the node"
if answers; then
    say "a node already answers on $URL"
    echo "$URL"
    exit 0
fi
if running; then
    say "node pid $(cat "$PID_FILE") is running; waiting for it on $URL"
    wait_healthy
    exit 0
fi

case "$ES_VERSION" in
    8.*) JAVA_HOME="${ES_JAVA_HOME:-$(ls -d /usr/lib/jvm/java-17-* 2>/dev/null | head -n 1 || true)}" ;;
    *) JAVA_HOME="${ES_JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-2* /usr/lib/jvm/java-2[1-9]-* 2>/dev/null \
        | sort -V | tail -n 1 || true)}" ;;
esac
[ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ] \
    || die "no JDK for Elasticsearch $ES_VERSION under /usr/lib/jvm (8.x needs Java 17); set ES_JAVA_HOME"

mkdir -p "$BASE"
if [ ! -x "$HOME_DIR/bin/elasticsearch" ]; then
    command -v mvn >/dev/null || die "mvn is needed to fetch Elasticsearch $ES_VERSION"
    command -v unzip >/dev/null || die "unzip is needed to unpack Elasticsearch"
    say "fetching Elasticsearch $ES_VERSION with mvn"
    mvn -q -B dependency:copy \
        -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
        -DoutputDirectory="$BASE/download" >&2
    rm -rf "$BASE/unpack"
    unzip -q "$BASE/download/elasticsearch-$ES_VERSION.zip" -d "$BASE/unpack"
    mv "$BASE/unpack/elasticsearch-$ES_VERSION" "$HOME_DIR"
    rm -rf "$BASE/unpack" "$BASE/download"
fi
mkdir -p "$STATE/data" "$STATE/logs"

run_as=()
if [ "$(id -u)" = 0 ]; then
    if ! id "$ES_USER" >/dev/null 2>&1; then
        say "creating system user $ES_USER (Elasticsearch refuses to run as root)"
        useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
    fi
    chown -R "$ES_USER" "$HOME_DIR" "$STATE/data" "$STATE/logs"
    chown "$ES_USER" "$BASE" "$STATE"
    run_as=(runuser -u "$ES_USER" --)
fi

rm -f "$PID_FILE"
say "starting Elasticsearch $ES_VERSION on $URL (logs in $STATE/logs)"
"${run_as[@]}" env -i PATH="/usr/bin:/bin" ES_JAVA_HOME="$JAVA_HOME" \
    ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP" \
    "$HOME_DIR/bin/elasticsearch" -d -p "$PID_FILE" \
    -E cluster.name=vanban-dev \
    -E node.name=vanban-dev-1 \
    -E discovery.type=single-node \
    -E network.host=127.0.0.1 \
    -E http.port="$ES_PORT" \
    -E xpack.security.enabled=false \
    -E cluster.routing.allocation.disk.threshold_enabled=false \
    -E path.data="$STATE/data" \
    -E path.logs="$STATE/logs" \
    -E action.destructive_requires_name=true \
    >"$STATE/start.log" 2>&1 || die "Elasticsearch did not start; see $STATE/start.log"
wait_healthy
