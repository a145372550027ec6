"""Ingest throughput through the Prefect flow, against its bound and against a naive script.

    measure_ingest(corpus_dir, store_dir, extract_alone=True) -> dict   (runs a subprocess)
    naive_baseline(files, db_path) -> dict                               (in this process)
    extract_into_store(corpus_dir, store_dir) -> dict                    (in this process)

The flow runs in a fresh subprocess (``python -m bench.ingest_bench worker``) so that its peak
memory (ru_maxrss) is the ingest's own and Prefect's ephemeral API starts as it does for a user.
In the same process, after the flow: underthesea.word_tokenize alone over the very texts the flow
stored (the bound: the NLP pipeline tokenizes with it), and optionally load()+analyze() without
Prefect or the index, which splits the flow's cost into extraction and orchestration/indexing.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure_ingest(corpus_dir: Path, store_dir: Path, extract_alone: bool = True) -> dict:
    command = [sys.executable, "-m", "bench.ingest_bench", "worker", str(corpus_dir), str(store_dir)]
    if extract_alone:
        command.append("--extract-alone")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=6 * 3600)
    if done.returncode != 0:
        raise RuntimeError(f"ingest worker failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _worker(corpus_dir: Path, store_dir: Path, extract_alone: bool) -> dict:
    from vanban.pipelines.runtime import quiet_prefect

    quiet_prefect()
    started = time.perf_counter()
    from vanban.pipelines.ingest import CHUNK_FILES, ingest

    warm_store = store_dir.parent / (store_dir.name + "-warmup")
    ingest([], store=str(warm_store))  # the first flow run of a process starts Prefect's API
    startup = time.perf_counter() - started

    started, cpu_started = time.perf_counter(), time.process_time()
    summary = ingest([str(corpus_dir)], store=str(store_dir))
    flow_s = time.perf_counter() - started
    # below flow_s when the process waited: for the CPU (a shared box, Prefect's API process) or the disk
    flow_cpu_s = time.process_time() - cpu_started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    from vanban.search.sqlite import SqliteStore

    with SqliteStore(store_dir) as store:
        docs = list(store.documents())
    texts = [d.text for d in docs]
    pages = sum(max(1, len(d.pages)) for d in docs)
    result = {
        "documents": summary["ingested"], "skipped": summary["skipped"], "failed": len(summary["failed"]),
        "failures": summary["failed"][:5], "pages": pages, "characters": sum(map(len, texts)),
        "prefect_startup_s": round(startup, 2), "flow_s": round(flow_s, 2), "flow_cpu_s": round(flow_cpu_s, 2),
        "chunk_files": CHUNK_FILES,  # files per extraction task: the flow's shape this number measures
        "docs_per_s": round(summary["ingested"] / flow_s, 2), "pages_per_s": round(pages / flow_s, 2),
        "peak_rss_mib": round(peak_kib / 1024, 1),
    }
    result["index_alone_s"] = round(_index_seconds(docs, store_dir.parent / (store_dir.name + "-reindexed")), 2)
    result["segmentation_s"] = round(_segmentation_seconds(texts), 2)
    result["flow_over_segmentation"] = round(flow_s / result["segmentation_s"], 2)
    if extract_alone:
        result["extract_alone_s"] = round(_extract_seconds(corpus_dir), 2)
    return result


def _index_seconds(docs: list, scratch: Path) -> float:
    """The flow's index writes alone: the same Documents into a fresh store, batches of BATCH."""
    import shutil

    from vanban.pipelines.ingest import BATCH
    from vanban.search.sqlite import SqliteStore

    shutil.rmtree(scratch, ignore_errors=True)
    started = time.perf_counter()
    with SqliteStore(scratch) as store:
        for i in range(0, len(docs), BATCH):
            store.add(docs[i:i + BATCH])
    seconds = time.perf_counter() - started
    shutil.rmtree(scratch, ignore_errors=True)
    return seconds


def _segmentation_seconds(texts: list[str]) -> float:
    import underthesea

    underthesea.word_tokenize("Ban Chấp hành Đảng bộ tỉnh")  # loads the CRF model: not counted
    started = time.perf_counter()
    for text in texts:
        underthesea.word_tokenize(text)
    return time.perf_counter() - started


def _extract_seconds(corpus_dir: Path) -> float:
    from vanban.extractors import extract
    from vanban.pipelines.files import collect_files

    files = collect_files([corpus_dir])
    extract(files[0], files[0].read_bytes())  # warm the spaCy pipeline: not counted
    started = time.perf_counter()
    for path in files:
        extract(path, path.read_bytes())
    return time.perf_counter() - started


def extract_into_store(corpus_dir: Path, store_dir: Path, batch: int = 200) -> dict:
    """Build a search store without Prefect: extract() each file, add in batches of ``batch``.

    For the large search-latency stores, where the flow's per-task cost would only lengthen the
    run: the Documents are the same the flow would store (same extract(), same store.add()).
    """
    from vanban.extractors import extract
    from vanban.pipelines.files import collect_files
    from vanban.search.sqlite import SqliteStore

    files = collect_files([corpus_dir])
    started = time.perf_counter()
    with SqliteStore(store_dir) as store:
        pending = []
        for path in files:
            data = path.read_bytes()
            pending.append(extract(str(path), data))
            if len(pending) >= batch:
                store.add(pending)
                pending.clear()
        store.add(pending)
        count = store.stats()["documents"]
    seconds = time.perf_counter() - started
    return {"documents": count, "seconds": round(seconds, 1), "docs_per_s": round(count / seconds, 2)}


def naive_baseline(files: list[Path], db_path: Path) -> dict:
    """What a user might write first: pdfplumber extract_text (python-docx paragraphs, plain read
    for TXT), underthesea.ner on every sentence, one SQLite FTS5 insert and commit per document."""
    import sqlite3

    import docx
    import pdfplumber
    import underthesea

    underthesea.ner("Tỉnh ủy Lam Giang")  # model load: not counted, as for the flow
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.unlink(missing_ok=True)
    db = sqlite3.connect(db_path)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(path, text, entities)")
    started = time.perf_counter()
    sentences = 0
    for path in files:
        if path.suffix == ".pdf":
            with pdfplumber.open(path) as pdf:
                text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        elif path.suffix == ".docx":
            text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        else:
            text = path.read_text(encoding="utf-8-sig")
        entities = []
        for sentence in underthesea.sent_tokenize(text):
            sentences += 1
            entities.extend((word, tag) for word, _, _, tag in underthesea.ner(sentence) if tag != "O")
        db.execute("INSERT INTO docs VALUES (?, ?, ?)", (str(path), text, json.dumps(entities, ensure_ascii=False)))
        db.commit()
    seconds = time.perf_counter() - started
    db.close()
    return {"documents": len(files), "sentences": sentences, "seconds": round(seconds, 2),
            "docs_per_s": round(len(files) / seconds, 2)}


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "build":
        print(json.dumps(extract_into_store(Path(argv[1]), Path(argv[2]))))
        return 0
    if len(argv) >= 3 and argv[0] == "worker":
        result = _worker(Path(argv[1]), Path(argv[2]), "--extract-alone" in argv)
        print(json.dumps(result))
        return 0
    print("usage: python -m bench.ingest_bench (worker|build) CORPUS_DIR STORE_DIR [--extract-alone]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
