#!/usr/bin/env bash
# `make bench`: the benchmarks (Markdown tables on stdout, bench/results/*.json, latency.png,
# bench/PERFORMANCE.md), then the reliability checks. About 30-40 minutes on 2 cores the first
# time (the 10k search store is built once and cached under $VANBAN_BENCH_WORK, default
# /tmp/vanban-bench); later runs take about 15-20 minutes.
#
# Elasticsearch: VANBAN_ES_URL when set; otherwise scripts/es-up.sh (which reuses a node already
# answering on 127.0.0.1:9200), stopped again at the end only if this script started it.
# BENCH_100K=1 adds a 100,000-document store (copies of the 10k one; about 30 more minutes).
# Extra arguments go to `python -m bench.run`.
# Exit status: non-zero when a benchmark broke or a reliability check failed (the tables are
# printed either way; bench/results/reliability.json says what failed and how).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
say() { echo "bench.sh: $*" >&2; }

. "$ROOT/scripts/es-base.sh"
use_local_es "$ROOT" || say "no Elasticsearch node: the Elasticsearch columns stay empty"
stop_es() { if [ "$ES_STARTED" = 1 ]; then bash scripts/es-down.sh; fi; }
trap stop_es EXIT

extra=()
if [ "${BENCH_100K:-0}" = 1 ]; then extra+=(--with-100k); fi

status=0
say "PDF loader pages/s (bench/bench_pdf.py)"
"$PY" bench/bench_pdf.py --runs 3 || status=1
say "ingest, search, CLI, API and disk (python -m bench.run)"
"$PY" -m bench.run "${extra[@]}" "$@" || status=1
say "reliability tests (tests/reliability)"
"$PY" -m pytest tests/reliability -q -rxs -p no:cacheprovider \
    --junitxml=bench/results/reliability-tests.xml || status=1
say "reliability under load and faults (python -m bench.reliability)"
"$PY" -m bench.reliability || status=1
say "bench/PERFORMANCE.md with the reliability outcomes"
"$PY" -m bench.report >/dev/null || status=1
exit "$status"
