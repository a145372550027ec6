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
# axe-core for the browser tests' accessibility audit, pinned by tests/web/package-lock.json.
if command -v npm >/dev/null; then
  npm ci --prefix tests/web --no-audit --no-fund > .venv/npm.log 2>&1 \
    || { tail -n 20 .venv/npm.log >&2; echo "!! npm ci failed: the accessibility audit will fail" >&2; }
else
  echo "!! npm is missing (scripts/system-deps.sh installs it): the accessibility audit will fail" >&2
fi
.venv/bin/python -m pytest "$@"
status=$?
[ "$ES_STARTED" = 1 ] && bash scripts/es-down.sh >/dev/null 2>&1
exit $status
