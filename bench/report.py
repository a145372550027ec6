"""Markdown tables from the benchmark results (the dict bench/run.py writes as JSON)."""

from __future__ import annotations


def _table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _mib(n: int | None) -> str:
    return "–" if n is None else f"{n / 1048576:.1f} MiB"


def machine_line(machine: dict) -> str:
    return (f"{machine['cores']} cores ({machine['cpu']}), {machine['memory_gib']} GiB RAM, "
            f"Python {machine['python']}, {machine['os']}; load average {machine['load_before']} at "
            f"the start and {machine.get('load_after', '?')} at the end (the machine was shared)")


def ingest_table(results: dict) -> str:
    rows = []
    for size, r in sorted(results.get("ingest", {}).items(), key=lambda kv: int(kv[0])):
        rows.append([f"{int(size):,}", r["documents"], r["pages"], r["flow_s"], r["docs_per_s"],
                     r["pages_per_s"], r["segmentation_s"], f"**{r['flow_over_segmentation']}**",
                     r.get("extract_alone_s", "–"), r["prefect_startup_s"], r["peak_rss_mib"]])
    return _table(["corpus", "ingested", "pages", "flow s", "docs/s", "pages/s", "word_tokenize alone s",
                   "flow / segmentation", "extract() alone s", "Prefect start s", "peak RSS MiB"], rows)


def baseline_table(results: dict) -> str:
    b = results.get("baseline")
    if not b:
        return "(baseline not run)"
    return _table(
        ["documents (formats)", "vanban flow s", "naive script s", "naive / vanban", "naive sentences"],
        [[f"{b['documents']} ({b['formats']})", b["flow_s"], b["naive"]["seconds"], f"**{b['speedup']}**",
          b["naive"]["sentences"]]])


def latency_table(results: dict) -> str:
    rows = []
    for entry in results.get("search", []):
        for kind, r in entry["latency"].items():
            rows.append([entry["backend"], f"{entry['documents']:,}", kind, r["p50_ms"], r["p95_ms"],
                         r["p99_ms"], r["mean_hits"], r["n"]])
    return _table(["backend", "documents", "query", "p50 ms", "p95 ms", "p99 ms", "mean hits", "samples"], rows)


def service_table(results: dict) -> str:
    rows = []
    for size, r in sorted(results.get("service", {}).items(), key=lambda kv: int(kv[0])):
        cli, api = r["cli"], r["api"]
        rows.append([f"{int(size):,}", r.get("built_by", ""), cli["median_s"], f"{cli['min_s']}–{cli['max_s']}",
                     api["p50_ms"], f"**{api['p95_ms']}**", api["p99_ms"], _mib(r["sqlite_index_bytes"]),
                     _mib(r["raw_bytes"]), _mib(r.get("es_index_bytes"))])
    return _table(["documents", "store built by", "CLI search median s", "CLI min–max s", "API p50 ms",
                   "API p95 ms", "API p99 ms", "SQLite index", "raw files", "ES indices"], rows)


def markdown(results: dict) -> str:
    machine = results["machine"]
    es = results.get("elasticsearch") or "not measured (VANBAN_ES_URL unset)"
    parts = [
        "## Performance", "",
        f"Measured by `make bench` on {machine_line(machine)}. Elasticsearch: {es}. "
        f"Synthetic corpora from `bench/generate.py` (the team's corpus/src documents with varied "
        f"names, numbers, dates and document numbers; {results['formats']}). Raw numbers: "
        f"`bench/results/*.json`; chart: `bench/results/latency.png`.", "",
        "### Ingest through the Prefect flow, and its bound", "",
        "Flow seconds exclude Prefect's one-off API start (its own column). `word_tokenize alone` is "
        "underthesea word segmentation over the very texts the flow stored; the issue's goal is a ratio "
        "of at most 2. `extract() alone` is loading + analysis without Prefect or the index.", "",
        ingest_table(results), "",
        "### Against a naive script", "",
        "The script a user might write first: pdfplumber `extract_text` (python-docx paragraphs, a plain "
        "read for TXT), `underthesea.ner` on every sentence, one SQLite FTS5 insert and commit per "
        "document. Same files, same run.", "",
        baseline_table(results), "",
        "### Search latency (in process, warm, per query)", "",
        "accentless: `ket nap dang vien`…; phrase: `\"nông thôn mới nâng cao\"`…; filtered: text + kind, "
        "level, issuer or dates; faceted: broad queries (`dang bo`) whose facets count most of the store. "
        "Every result carries facets.", "",
        latency_table(results), "",
        "### CLI, API and disk", "",
        "CLI: wall time of whole `vanban search \"ket nap dang vien\" --json` processes on the embedded "
        "store. API: sequential `GET /api/search` through `vanban serve` on 127.0.0.1 (httpx, keep-alive), "
        "over every query above.", "",
        service_table(results), "",
    ]
    notes = results.get("notes") or []
    if notes:
        parts += ["Notes:", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(parts)
