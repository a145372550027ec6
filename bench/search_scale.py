"""Search at scale: latency and memory against documents (1k, 10k, 100k) and cores (1, 2), on the
synthetic and the real corpus (bench/search_corpus.py), embedded and Elasticsearch.

    .venv/bin/python -m bench.search_scale [--kinds synthetic real] [--sizes 1000 10000 100000]
        [--es-url URL] [--rounds 10] [--work /tmp/vanban-search-bench]

Writes bench/results/search-scale-KINDS.json per run, and search-scale.png (API p95 against
documents) from every such file in the folder. Goals
(issue 19): API p95 at 100,000 documents, embedded <= 50 ms and Elasticsearch <= 60 ms; at 10,000
both under 25 ms; CLI search under 0.5 s at 100,000.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from bench import chart
from bench.run import machine
from bench.search_bench import (
    QUERIES, api_latency, cli_cold_start, copy_to_elasticsearch, disk_bytes, es_index_bytes, store_latency,
)
from bench.search_corpus import build_store
from vanban.model import SearchQuery

RESULTS = Path(__file__).resolve().parent / "results"
# Typed by the team for the real corpus's subjects; none is a sentence of its documents.
REAL_QUERIES: dict[str, list[SearchQuery]] = {
    "accentless": [SearchQuery(q=q) for q in ("chuyen doi so", "khoa hoc cong nghe", "phong chong ma tuy",
                                              "kinh te so", "dang vien")],
    "phrase": [SearchQuery(q=q) for q in ('"chuyển đổi số"', '"đổi mới sáng tạo"', '"ủy ban nhân dân"')],
    "filtered": [
        SearchQuery(q="chuyen doi so", kind="ke_hoach", date_from="2019", date_to="2024"),
        SearchQuery(q="dang vien", kind="nghi_quyet", level="province"),
        SearchQuery(q="ngan sach", date_from="2020-01", date_to="2022-12", issuer="Ủy ban nhân dân"),
    ],
    "faceted": [SearchQuery(q=q) for q in ("nghị quyết", "thuc hien", "tinh")],
    "selective": [SearchQuery(q=q) for q in ("Quảng Ninh", "ha long", "Thanh Hóa ke hoach")],
    "number": [SearchQuery(q=q) for q in ("57-NQ/TW", "09-NQ/TU")],
}
CLI_QUERY = {"synthetic": "ket nap dang vien", "real": "chuyen doi so"}


def say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def measure(kind: str, size: int, work: Path, es_url: str | None, rounds: int) -> list[dict]:
    from vanban.search.sqlite import SqliteStore

    queries = REAL_QUERIES if kind == "real" else QUERIES
    store, built = build_store(kind, size, work)
    say(f"{kind} {size:,}: built ({built['docs_per_s']} docs/s); in process, API, CLI")
    with SqliteStore(store, create=False) as opened:
        latency = store_latency(opened, rounds, queries)
    entries = [{
        "corpus": kind, "backend": "sqlite", "documents": built["documents"], "base": built["base"],
        "built_docs_per_s": built["docs_per_s"], "disk_bytes": disk_bytes(store), "latency": latency,
        "api": api_latency(store, rounds, queries=queries),
        "cli": cli_cold_start(store, 5, CLI_QUERY[kind]),
    }]
    if es_url:
        prefix = f"vanban-bench-{kind}-{size}"
        say(f"{kind} {size:,}: copying into Elasticsearch ({prefix})")
        es, seconds = copy_to_elasticsearch(store, es_url, prefix)
        try:
            env = {"VANBAN_ES_URL": es_url, "VANBAN_ES_PREFIX": prefix}
            entries.append({
                "corpus": kind, "backend": "elasticsearch", "documents": es.stats()["documents"],
                "index_s": round(seconds, 1), "disk_bytes": es_index_bytes(es, prefix),
                "latency": store_latency(es, rounds, queries),
                "api": api_latency(store, rounds, backend="elasticsearch", env=env, queries=queries)})
        finally:
            es.drop()
            es.close()
    return entries


def cores(kind: str, size: int, work: Path, rounds: int) -> list[dict]:
    """The embedded API with two clients at once, the server on one core and on two."""
    store, _ = build_store(kind, size, work)
    queries = REAL_QUERIES if kind == "real" else QUERIES
    out = []
    for cpus in ("0", "0,1"):
        say(f"{kind} {size:,}: API, 2 clients, server on cores {cpus}")
        out.append({"corpus": kind, "documents": size, "cores": len(cpus.split(",")),
                    "api": api_latency(store, rounds, queries=queries, cpus=cpus, clients=2)})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", nargs="+", default=["synthetic", "real"], choices=["synthetic", "real"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--es-url", default=os.environ.get("VANBAN_ES_URL"))
    parser.add_argument("--cores-size", type=int, default=10_000,
                        help="the store the server is measured on with 1 and 2 cores (0: none)")
    parser.add_argument("--es-max", type=int, default=100_000, help="largest size copied into Elasticsearch")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("VANBAN_BENCH_WORK", "/tmp/vanban-search-bench")))
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M"), "entries": [], "cores": []}
    out = args.out / f"search-scale-{'-'.join(args.kinds)}.json"
    for kind in args.kinds:
        for size in sorted(args.sizes):
            results["entries"] += measure(kind, size, args.work, args.es_url if size <= args.es_max else None,
                                          args.rounds)
            _write(results, out)
        if args.cores_size:
            results["cores"] += cores(kind, args.cores_size, args.work, args.rounds)
        _write(results, out)
    results["machine"]["load_after"] = machine()["load_before"]
    _write(results, out)
    draw(args.out)
    print(json.dumps(summary(results), indent=2, ensure_ascii=False))
    return 0


def draw(folder: Path) -> Path:
    series: dict[str, list[tuple[int, float]]] = {}
    for path in sorted(folder.glob("search-scale-*.json")):
        results = json.loads(path.read_text(encoding="utf-8"))
        for e in results["entries"]:
            series.setdefault(f"API {e['backend']} ({e['corpus']})", []).append((e["documents"], e["api"]["p95_ms"]))
        for e in results.get("remeasured", []):  # a size measured again after a change, on its own
            series.setdefault(f"API {e['backend']} ({e['corpus']}), again", []).append((e["documents"], e["api"]["p95_ms"]))
    return chart.latency_chart(series, folder / "search-scale.png", title="API /api/search p95 against documents")


def summary(results: dict) -> list[dict]:
    return [{"corpus": e["corpus"], "backend": e["backend"], "documents": e["documents"],
             "api_p95_ms": e["api"]["p95_ms"], "api_p50_ms": e["api"]["p50_ms"],
             "server_cpu_ms_per_request": e["api"].get("server_cpu_ms_per_request"),
             "server_peak_rss_mib": e["api"]["server_peak_rss_mib"],
             "in_process_p95_ms": max(r["p95_ms"] for r in e["latency"].values()),
             "in_process_cpu_p95_ms": max(r.get("cpu_p95_ms", 0) for r in e["latency"].values()),
             "cli_median_s": e.get("cli", {}).get("median_s")} for e in results["entries"]]


def _write(results: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
