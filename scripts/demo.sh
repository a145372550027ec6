#!/usr/bin/env bash
# `make demo`: ingest the sample corpus through the Prefect flow, check the district plans
# against the provincial resolution, and show an accent-insensitive search.
set -euo pipefail
cd "$(dirname "$0")/.."
store="${1:-.vanban-demo}"
vanban() { .venv/bin/vanban --store "$store" "$@"; }

echo "== 1. Ingest corpus/documents into $store (Prefect flow; progress below) ==" >&2
vanban ingest corpus/documents
echo
echo "== 2. Consistency check: do the district plans carry the province's targets? =="
vanban check --report "$store/check-report.md"
echo "(full Markdown report: $store/check-report.md)"
echo
echo "== 3. Search without accents: vanban search \"ket nap dang vien\" =="
vanban search "ket nap dang vien" --limit 5
echo
echo "Try it yourself:  .venv/bin/vanban --store $store search \"chuyen doi so\""
