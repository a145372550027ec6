#!/usr/bin/env bash
# `make test`: the whole suite, with a real Elasticsearch node when one can be had.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/es-base.sh
if ! use_local_es "$PWD"; then
  echo "!! could not start a local Elasticsearch node (see above)" >&2
fi
if [ -z "${VANBAN_ES_URL:-}" ]; then
  echo "!!" >&2
  echo "!! NO ELASTICSEARCH: the Elasticsearch contract suite will be SKIPPED." >&2
  echo "!! Install Java 17+ and Maven, or set VANBAN_ES_URL to a running node." >&2
  echo "!!" >&2
fi
.venv/bin/python -m pytest "$@"
status=$?
[ "$ES_STARTED" = 1 ] && bash scripts/es-down.sh >/dev/null 2>&1
exit $status
