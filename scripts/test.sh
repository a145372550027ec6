#!/usr/bin/env bash
# `make test`: the whole suite, with a real Elasticsearch node when one can be had.
set -uo pipefail
cd "$(dirname "$0")/.."
started_es=0
local_es="http://127.0.0.1:${ES_PORT:-9200}"
if [ -z "${VANBAN_ES_URL:-}" ] && curl -fsS -m 5 "$local_es/_cluster/health" >/dev/null 2>&1; then
  export VANBAN_ES_URL="$local_es"  # a node started by `make es-up`: use it, leave it running
fi
if [ -z "${VANBAN_ES_URL:-}" ]; then
  if command -v java >/dev/null && command -v mvn >/dev/null; then
    if url=$(bash scripts/es-up.sh); then
      export VANBAN_ES_URL="$url"
      started_es=1
    else
      echo "!! could not start a local Elasticsearch node (see above)" >&2
    fi
  fi
fi
if [ -z "${VANBAN_ES_URL:-}" ]; then
  echo "!!" >&2
  echo "!! NO ELASTICSEARCH: the Elasticsearch contract suite will be SKIPPED." >&2
  echo "!! Install Java 17+ and Maven, or set VANBAN_ES_URL to a running node." >&2
  echo "!!" >&2
fi
.venv/bin/python -m pytest "$@"
status=$?
[ "$started_es" = 1 ] && bash scripts/es-down.sh >/dev/null 2>&1
exit $status
