"""Ingest throughput through the Prefect flow, against its bound and against a naive script.

    measure_ingest(corpus_dir, store_dir, extract_alone=True) -> dict   (runs a subprocess)
    measure_command(corpus_dir, store_dir, workers=None) -> dict         (`vanban ingest` itself)
    real_corpus(work, count=100) -> Path                                 (copies of corpus-real/full)
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
import os
import re
import resource
import shutil
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


def _shared() -> Path:
    """../shared beside the main checkout (a helper's worktree sits one level deeper)."""
    for up in (ROOT.parent, ROOT.parent.parent):
        if (up / "shared" / "corpus-real").is_dir():
            return up / "shared"
    raise SystemExit("bench: ../shared/corpus-real not found")


_OWN_NUMBER = re.compile(r"(Số\s*:?\s*)(\d+)")


def real_corpus(work: Path, count: int = 100) -> Path:
    """``count`` distinct full-length real documents: the files of corpus-real/full in turn, each
    copy with a line of its own (identical bytes, or near-identical text naming the same numbers
    and names, would be stored once). Read from there at bench time
    and written under the work folder only."""
    sources = sorted((_shared() / "corpus-real" / "full").glob("*.txt"))
    folder = work / f"real-{count}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for n in range(count):
        source = sources[n % len(sources)]
        # Distinct documents to the duplicate rules: a number of its own ("Số: 57-NQ/TW" becomes
        # "Số: 1257-NQ/TW" in copy 12), else same number, issuer and date make one document; and a
        # name of its own, else near-identical text with the same numbers and names does (a small
        # number alone would not do: "1" to "15" occur in every text already).
        text = _OWN_NUMBER.sub(lambda m: f"{m.group(1)}{n + 1}{m.group(2)}",
                               source.read_text(encoding="utf-8"), count=1)
        text += f"\n\nBản sao BS{n + 1:05d} dùng để đo hiệu năng.\n"
        (folder / f"{n:03d}-{source.name}").write_text(text, encoding="utf-8")
    return folder


_ROLES = (("prefect.server.api.server", "prefect_api"), ("spawn_main", "dask_worker"),
          ("dask worker", "dask_worker"), ("loaders.zygote", "loader_zygote"),
          ("resource_tracker", "other"))


def _role(process, root_pid: int) -> str:
    import psutil

    if process.pid == root_pid:
        return "flow"
    try:
        cmdline = " ".join(process.cmdline())
        parent = process.parent()
        if parent is not None and "loaders.zygote" in " ".join(parent.cmdline()):
            return "loader_child"
    except psutil.Error:
        return "other"
    return next((role for marker, role in _ROLES if marker in cmdline), "other")


def measure_command(corpus_dir: Path, store_dir: Path, workers: int | None = None) -> dict:
    """The whole `vanban ingest` command, start-up included, with the peak resident memory of each
    process it starts (sampled every 0.1 s), by role: the flow's own process, Prefect's temporary
    API, each Dask worker, the loaders' zygotes and their short-lived children."""
    from bench.processes import watch

    shutil.rmtree(store_dir, ignore_errors=True)
    env = dict(os.environ)
    if workers is not None:
        env["VANBAN_WORKERS"] = str(workers)
    started = time.perf_counter()
    process = subprocess.Popen([str(Path(sys.executable).with_name("vanban")), "--store", str(store_dir),
                                "ingest", str(corpus_dir), "--json"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    watched = watch(process, lambda member: _role(member, process.pid))
    wall = time.perf_counter() - started
    summary = json.loads(process.stdout.read())
    return {"workers": workers or "default", "exit_code": process.returncode, "wall_s": round(wall, 2),
            "ingested": summary["ingested"], "failed": len(summary["failed"]),
            "peak_rss_mib_by_role": watched.by_role(), "peak_rss_mib_total": round(watched.total_peak / 2**20, 1)}


def real_ingest(work: Path, count: int = 100, workers: tuple[int | None, ...] = (None, 1)) -> dict:
    """`vanban ingest` of ``count`` distinct real documents against underthesea's word segmentation
    of the very texts stored, on one core (the issue 19 goal: at most 1.5 times)."""
    from vanban.search.sqlite import SqliteStore

    corpus_dir = real_corpus(work, count)
    runs = []
    for n in workers:
        runs.append(measure_command(corpus_dir, work / f"store-real-{count}-w{n or 'default'}", n))
    with SqliteStore(work / f"store-real-{count}-w{workers[0] or 'default'}") as store:
        texts = [d.text for d in store.documents()]
    cpu_started = time.process_time()
    segmentation = _segmentation_seconds(texts)
    segmentation_cpu = time.process_time() - cpu_started
    for run in runs:
        run["over_segmentation"] = round(run["wall_s"] / segmentation, 2)
        # machine-load independent: all the processor time the command used, against segmentation's
        run["cpu_over_segmentation_cpu"] = round(
            sum(r["cpu_s"] for r in run["peak_rss_mib_by_role"].values()) / segmentation_cpu, 2)
    return {"documents": count, "characters": sum(map(len, texts)), "segmentation_s": round(segmentation, 2),
            "segmentation_cpu_s": round(segmentation_cpu, 2),
            "cores": len(os.sched_getaffinity(0)), "load": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
            "runs": runs}


def main(argv: list[str]) -> int:
    if len(argv) >= 1 and argv[0] == "real":
        count = int(argv[1]) if len(argv) > 1 else 100
        # past 100 documents only the default workers: extraction in one process adds half an hour
        workers = (None, 1) if count <= 100 else (None,)
        result = real_ingest(Path(os.environ.get("VANBAN_BENCH_WORK", "/tmp/vanban-bench")), count, workers)
        out = ROOT / "bench" / "results" / ("ingest-real.json" if count == 100 else f"ingest-real-{count}.json")
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(json.dumps(result))
        return 0
    if len(argv) == 3 and argv[0] == "build":
        print(json.dumps(extract_into_store(Path(argv[1]), Path(argv[2]))))
        return 0
    if len(argv) >= 3 and argv[0] == "worker":
        result = _worker(Path(argv[1]), Path(argv[2]), "--extract-alone" in argv)
        print(json.dumps(result))
        return 0
    print("usage: python -m bench.ingest_bench (worker|build) CORPUS_DIR STORE_DIR [--extract-alone]\n"
          "       python -m bench.ingest_bench real [COUNT]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
