"""`make bench`: generate corpora, measure ingest, search, CLI, API and disk; write JSON, PNG, tables.

    .venv/bin/python -m bench.run [--sizes 1000 10000] [--with-100k] [--es-url URL] [--fresh]

Default plan (about 20-25 minutes on 2 shared cores): the 1k corpus goes through the Prefect flow
(throughput, segmentation bound, extract() alone, peak memory) and a 30-document subset through
the naive script and the flow; the 10k store is built with extract() + store.add() (the flow's own
steps, without the per-task cost, which the 1k run measures) and is cached in the work folder
between runs (--fresh rebuilds). Search latency, CLI cold start, API latency and disk size are
measured at every size, on SQLite and, when --es-url or VANBAN_ES_URL is set, on Elasticsearch
(documents copied under their own index prefix, dropped afterwards).
--with-100k adds a 100k store (about 30 more minutes): copies of the 10k store's documents, ten
under distinct ids each, since extracting 100,000 documents would take about four hours here.
Search cost follows postings and rows, which the copies reproduce; each text then occurs ten times.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path

from bench import chart, report
from bench.generate import generate_corpus
from bench.ingest_bench import extract_into_store, measure_ingest, naive_baseline
from bench.search_bench import (
    api_latency, cli_cold_start, copy_to_elasticsearch, disk_bytes, es_index_bytes, store_latency,
)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SHARES = {"pdf": 0.05, "docx": 0.05}
COPIED = {100_000: 10_000}  # sizes built as copies of a smaller extracted store
MAX_RENDERED = 100


def machine() -> dict:
    memory_kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.machine())
    return {"cores": os.cpu_count(), "cpu": cpu, "memory_gib": round(memory_kib / 1048576),
            "python": platform.python_version(), "os": f"{platform.system()} {platform.release()}",
            "load_before": _load()}


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def corpus(work: Path, size: int, seed: int) -> Path:
    folder = work / f"corpus-{size}-s{seed}"
    marker = folder / ".complete"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        made = generate_corpus(folder, size, seed, SHARES["pdf"], SHARES["docx"], MAX_RENDERED)
        formats = {f: sum(1 for g in made if g.fmt == f) for f in ("txt", "pdf", "docx")}
        marker.write_text(json.dumps(formats))
        say(f"generated {size} documents in {time.perf_counter() - started:.0f} s: {formats}")
    return folder


def formats_of(folder: Path) -> dict[str, int]:
    counts = {"txt": 0, "pdf": 0, "docx": 0}
    for path in folder.rglob("*.*"):
        if path.is_file() and not path.name.startswith("."):
            counts[path.suffix[1:]] = counts.get(path.suffix[1:], 0) + 1
    return counts


def say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def extracted_store(work: Path, folder: Path, size: int, seed: int, fresh: bool) -> tuple[Path, dict]:
    store = work / f"store-{size}-s{seed}-extract"
    built = store / "built.json"
    if fresh or not built.exists():
        shutil.rmtree(store, ignore_errors=True)
        say(f"building the {size} store with extract() + store.add() (cached for later runs)")
        built.parent.mkdir(parents=True, exist_ok=True)
        built.write_text(json.dumps(extract_into_store(folder, store)))
    return store, json.loads(built.read_text())


def copied_store(work: Path, size: int, seed: int, fresh: bool) -> tuple[Path, dict]:
    """``size`` documents: each of the extracted ``COPIED[size]`` store's, stored size // base times
    under distinct ids (cached like the extracted stores)."""
    from vanban.search.sqlite import SqliteStore

    base = COPIED[size]
    store = work / f"store-{size}-s{seed}-copies"
    built = store / "built.json"
    if fresh or not built.exists():
        shutil.rmtree(store, ignore_errors=True)
        source = work / f"store-{base}-s{seed}-extract"
        if not (source / "built.json").exists():
            raise SystemExit(f"bench: the {size:,} store copies the {base:,} one: measure {base:,} too")
        say(f"building the {size:,} store from copies of the {base:,} one (cached for later runs)")
        started = time.perf_counter()
        with SqliteStore(source) as original, SqliteStore(store) as copies:
            batch = []
            for doc in original.documents():
                for n in range(size // base):
                    batch.append(doc if n == 0 else dataclasses.replace(
                        doc, id=hashlib.sha256(f"{doc.id}/{n}".encode()).hexdigest()))
                if len(batch) >= 500:
                    copies.add(batch)
                    batch = []
            copies.add(batch)
            count = copies.stats()["documents"]
        seconds = time.perf_counter() - started
        built.write_text(json.dumps({"documents": count, "seconds": round(seconds, 1),
                                     "docs_per_s": round(count / seconds, 2)}))
    return store, json.loads(built.read_text())


def baseline(work: Path, folder: Path, count: int) -> dict:
    # A third of each format, so pdfplumber and python-docx count as much as the plain reads.
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    by_format = {s: [p for p in files if p.suffix == s] for s in (".pdf", ".docx", ".txt")}
    files = by_format[".pdf"][:count // 3] + by_format[".docx"][:count // 3]
    files += by_format[".txt"][:count - len(files)]
    subset = work / "baseline-subset"
    shutil.rmtree(subset, ignore_errors=True)
    subset.mkdir(parents=True)
    for path in files:
        shutil.copy(path, subset / path.name)
    picked = sorted(subset.iterdir())
    store = work / "store-baseline"
    shutil.rmtree(store, ignore_errors=True)
    flow = measure_ingest(subset, store, extract_alone=False)
    naive = naive_baseline(picked, work / "naive.sqlite3")
    formats = ", ".join(f"{sum(1 for p in picked if p.suffix == s)} {s[1:]}" for s in (".pdf", ".docx", ".txt"))
    return {"documents": len(picked), "formats": formats, "flow_s": flow["flow_s"], "naive": naive,
            "speedup": round(naive["seconds"] / flow["flow_s"], 1)}


def search_entries(store_dir: Path, size: int, es_url: str | None, rounds: int) -> tuple[list[dict], int | None]:
    """In-process latency per backend, and the REST API's (``api``) on each; the Elasticsearch copy of
    the store lives only while it is measured."""
    from vanban.search.sqlite import SqliteStore

    entries = []
    with SqliteStore(store_dir) as store:
        count = store.stats()["documents"]
        entries.append({"backend": "sqlite", "size": size, "documents": count,
                        "latency": store_latency(store, rounds)})
    entries[-1]["api"] = api_latency(store_dir, max(1, rounds // 2))
    es_bytes = None
    if es_url:
        prefix = f"vanban-bench-{size}"
        es, seconds = copy_to_elasticsearch(store_dir, es_url, prefix)
        try:
            es_bytes = es_index_bytes(es, prefix)
            entries.append({"backend": "elasticsearch", "size": size, "documents": es.stats()["documents"],
                            "index_s": round(seconds, 1), "latency": store_latency(es, rounds),
                            "api": api_latency(store_dir, max(1, rounds // 2), backend="elasticsearch",
                                               env={"VANBAN_ES_URL": es_url, "VANBAN_ES_PREFIX": prefix})})
        finally:
            es.drop()
            es.close()
    return entries, es_bytes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--with-100k", action="store_true",
                        help="add a 100,000-document store made of copies of the 10,000 one (~30 min)")
    parser.add_argument("--flow-sizes", type=int, nargs="+", default=[1000],
                        help="sizes ingested through the Prefect flow (others: extract() + store.add())")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--baseline-docs", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=20, help="rounds over the queries per measurement")
    parser.add_argument("--cli-runs", type=int, default=7)
    parser.add_argument("--es-url", default=os.environ.get("VANBAN_ES_URL"))
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("VANBAN_BENCH_WORK", "/tmp/vanban-bench")))
    parser.add_argument("--fresh", action="store_true", help="rebuild cached corpora' stores")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes + ([100_000] if args.with_100k else [])))
    generated = [s for s in sizes if s not in COPIED]
    args.work.mkdir(parents=True, exist_ok=True)
    say(f"sizes {sizes}; through the flow: {[s for s in sizes if s in args.flow_sizes]}; "
        f"Elasticsearch: {args.es_url or 'off (set VANBAN_ES_URL)'}; work folder {args.work}")

    results: dict = {"machine": machine(), "elasticsearch": args.es_url, "sizes": sizes, "ingest": {},
                     "search": [], "service": {}, "notes": []}
    results["notes"] = [
        f"Sizes {', '.join(f'{s:,}' for s in sizes)}; only {', '.join(f'{s:,}' for s in args.flow_sizes if s in sizes)} "
        "went through the Prefect flow. Larger stores are built with extract() + store.add() (the flow's "
        "own steps without its per-task cost) and cached between runs. 100,000 documents only with "
        "--with-100k (BENCH_100K=1 make bench), as copies of the 10,000 store's documents under distinct ids "
        "(extracting 100,000 would take about four hours on 2 cores): postings and rows as many as 100,000 "
        "documents hold, every text ten times; measured with a fifth of the rounds.",
        "Latencies are wall times on a machine other engineers were using at the same time (see the load "
        "average): read them as upper bounds.",
    ]
    results["formats"] = "formats " + "; ".join(
        f"{size:,}: " + ", ".join(f"{n} {f}" for f, n in formats_of(corpus(args.work, size, args.seed)).items())
        for size in generated)

    for size in sizes:
        rounds, cli_runs = (max(3, args.rounds // 5), 3) if size in COPIED else (args.rounds, args.cli_runs)
        folder = None if size in COPIED else corpus(args.work, size, args.seed)
        if size in COPIED:
            store, built = copied_store(args.work, size, args.seed, args.fresh)
            built_by = f"copies of the {COPIED[size]:,} store, {built['docs_per_s']} docs/s"
        elif size in args.flow_sizes:
            store = args.work / f"store-{size}-s{args.seed}-flow"
            shutil.rmtree(store, ignore_errors=True)
            say(f"ingesting {size} documents through the Prefect flow")
            results["ingest"][str(size)] = ingest = measure_ingest(folder, store, extract_alone=True)
            say(f"flow {ingest['flow_s']} s, segmentation {ingest['segmentation_s']} s, "
                f"ratio {ingest['flow_over_segmentation']}")
            built_by = "Prefect flow"
        else:
            store, built = extracted_store(args.work, folder, size, args.seed, args.fresh)
            built_by = f"extract()+add(), {built['docs_per_s']} docs/s"
        say(f"search latency at {size}, in process and through the API")
        entries, es_bytes = search_entries(store, size, args.es_url, rounds)
        results["search"].extend(entries)
        say(f"CLI cold start at {size}")
        results["service"][str(size)] = {
            "built_by": built_by, "cli": cli_cold_start(store, cli_runs),
            # the records and the full-text index beside them
            "sqlite_index_bytes": sum(p.stat().st_size for p in store.glob("index.sqlite3*"))
            + (disk_bytes(store / "fulltext") if (store / "fulltext").exists() else 0),
            "raw_bytes": disk_bytes(store / "raw") if (store / "raw").exists() else None,
            "es_index_bytes": es_bytes,
        }
        _write(results, args.out)

    say(f"naive baseline on {args.baseline_docs} documents")
    results["baseline"] = baseline(args.work, corpus(args.work, generated[0], args.seed), args.baseline_docs)
    results["machine"]["load_after"] = _load()
    _write(results, args.out)
    chart.chart_from_results(results, args.out / "latency.png")
    print(report.write_performance(args.out))
    return 0


def _write(results: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
