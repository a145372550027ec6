"""Reliability under load and faults, each run bounded in time; results in bench/results/reliability.json.

    .venv/bin/python -m bench.reliability [--only serve-load es-outage disk-full] [--seconds 30]

- serve-load: `vanban serve` on 127.0.0.1 with a staff key; searching and uploading threads for
  --seconds. Passes when no answer is 5xx or lost, every new upload is 201 and every repeated one
  200, and `vanban stats` counts each distinct upload exactly once.
- es-outage: an Elasticsearch node of our own on 127.0.0.1:9250 (ES_PORT=9250 scripts/es-up.sh and
  es-down.sh keep its pid and data apart from the team's node on 9200). An ingest
  through the CLI starts; the node is stopped after its first batch and started again. Passes
  when that ingest finishes with every document indexed. A re-run is recorded too.
- disk-full: `vanban ingest` into a store on a 3 MiB tmpfs. Passes when the CLI ends with a
  one-line coded error (no traceback) and the store is whole: integrity_check ok, every indexed
  document has its raw file.
- hostile-extract, hostile-upload: the hostile files of issue 17 (bench/hostile_bench.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.generate import generate_corpus, templates, vary
from bench.hostile_bench import hostile_extract, hostile_upload
from bench.search_bench import QUERIES, VANBAN, Server, api_params, percentiles

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
API_KEY = "khoa-thu-tai-len-lam-giang"


def _vanban(store: Path, *args: str, env: dict | None = None, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([str(VANBAN), "--store", str(store), *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=ROOT)


def _stats(store: Path, env: dict | None = None) -> dict:
    done = _vanban(store, "stats", "--json", env=env, timeout=120)
    return json.loads(done.stdout) if done.returncode == 0 else {"error": done.stderr.strip()}


# --- serve under load --------------------------------------------------------------------------

def serve_load(work: Path, seconds: float, searchers: int = 4, uploaders: int = 2) -> dict:
    import httpx

    from bench.ingest_bench import extract_into_store

    store = work / "serve-load-store"
    shutil.rmtree(store, ignore_errors=True)
    seed_corpus = work / "serve-load-seed"
    shutil.rmtree(seed_corpus, ignore_errors=True)
    generate_corpus(seed_corpus, 100, seed=7)
    seeded = extract_into_store(seed_corpus, store)["documents"]

    rng = random.Random(11)
    sources = list(templates().values())
    lock = threading.Lock()
    statuses: dict[int, int] = {}
    errors: list[str] = []
    search_ms: list[float] = []
    uploads: list[dict] = []  # {"digest", "status", "id", "repeat"}
    sent: list[bytes] = []
    counter = iter(range(10**9))

    def note(status: int) -> None:
        with lock:
            statuses[status] = statuses.get(status, 0) + 1

    def searcher(url: str, deadline: float) -> None:
        variants = [q for qs in QUERIES.values() for q in qs]
        with httpx.Client(base_url=url, timeout=60) as client:
            while time.monotonic() < deadline:
                query = random.choice(variants)
                started = time.perf_counter()
                try:
                    response = client.get("/api/search", params=api_params(query))
                except httpx.HTTPError as exc:
                    errors.append(f"search: {type(exc).__name__}: {exc}")
                    continue
                with lock:
                    search_ms.append((time.perf_counter() - started) * 1000)
                note(response.status_code)

    def uploader(url: str, deadline: float) -> None:
        with httpx.Client(base_url=url, timeout=300, headers={"X-API-Key": API_KEY}) as client:
            while time.monotonic() < deadline:
                with lock:
                    repeat = bool(sent) and rng.random() < 0.2
                    if repeat:
                        data = rng.choice(sent)
                    else:
                        n = next(counter)
                        text = vary(sources[n % len(sources)], rng) + f"\nBản lưu số {n} (thử tải lên).\n"
                        data = text.encode("utf-8")
                        sent.append(data)
                name = f"tai-len-{len(data)}.txt"
                try:
                    response = client.post("/api/documents", files={"file": (name, data, "text/plain")})
                except httpx.HTTPError as exc:
                    errors.append(f"upload: {type(exc).__name__}: {exc}")
                    continue
                note(response.status_code)
                body = response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
                with lock:
                    uploads.append({"digest": _sha(data), "status": response.status_code, "id": body.get("id", ""),
                                    "outcome": body.get("status", ""), "error": body.get("error", ""),
                                    "repeat": repeat})

    with Server(store, api_key=API_KEY) as server:
        # The first upload starts Prefect's API inside the server: done before the clock starts.
        started = time.perf_counter()
        warm = sources[0].replace("Số 15-NQ/TU", "Số 999-NQ/TU").encode("utf-8")
        first = httpx.post(server.url + "/api/documents", headers={"X-API-Key": API_KEY},
                           files={"file": ("khoi-dong.txt", warm, "text/plain")}, timeout=600)
        warm_s = time.perf_counter() - started
        deadline = time.monotonic() + seconds
        threads = [threading.Thread(target=searcher, args=(server.url, deadline)) for _ in range(searchers)]
        threads += [threading.Thread(target=uploader, args=(server.url, deadline)) for _ in range(uploaders)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=seconds + 600)
        with httpx.Client(base_url=server.url, timeout=60) as client:
            missing = [u["id"] for u in uploads if u["status"] == 201
                       and client.get(f"/api/documents/{u['id']}").status_code != 200]
    stats = _stats(store)
    distinct = {u["digest"] for u in uploads}
    created = [u for u in uploads if u["status"] == 201]
    fives = sum(n for s, n in statuses.items() if s >= 500)
    expected_docs = seeded + 1 + len(distinct)
    wrong = [u for u in uploads if u["status"] != (200 if u["repeat"] else 201)]
    # A repeat may race its original; what matters is one 201 per distinct upload.
    created_per_digest = {d: sum(1 for u in created if u["digest"] == d) for d in distinct}
    result = {
        "seconds": seconds, "searchers": searchers, "uploaders": uploaders, "warmup_upload_s": round(warm_s, 1),
        "warmup_status": first.status_code, "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "searches": len(search_ms), "search_latency": percentiles(search_ms) if len(search_ms) > 1 else {},
        "uploads": len(uploads), "distinct_uploads": len(distinct), "repeats": sum(u["repeat"] for u in uploads),
        "transport_errors": errors[:10], "unexpected_upload_answers": wrong[:10],
        "created_but_not_found": missing[:10], "stats": stats, "expected_documents": expected_docs,
    }
    result["passed"] = (fives == 0 and not errors and not missing and first.status_code == 201
                        and all(n == 1 for n in created_per_digest.values())
                        and stats.get("documents") == expected_docs)
    return result


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


# --- Elasticsearch stopped mid-ingest -----------------------------------------------------------

class PortNode:
    """A node of our own on ``port``, started and stopped with scripts/es-up.sh and es-down.sh
    (their state, pid file and data live per port, so the team's node on 9200 is never touched)."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self._env = dict(os.environ, ES_PORT=str(port), ES_HEAP="256m")

    def _script(self, name: str) -> None:
        subprocess.run(["bash", str(ROOT / "scripts" / name)], env=self._env, check=True,
                       capture_output=True, text=True, timeout=400)

    def start(self) -> float:
        started = time.monotonic()
        self._script("es-up.sh")
        return time.monotonic() - started

    def stop(self) -> None:
        self._script("es-down.sh")


def es_outage(work: Path, port: int = 9250, documents: int = 300, down_seconds: float = 20) -> dict:
    node = PortNode(port)
    if _es_count(node.url, "_cluster/health") is not None:
        return {"skipped": f"something already answers on {node.url}: not ours to stop", "passed": None}
    corpus = work / "outage-corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    generate_corpus(corpus, documents, seed=23)
    store = work / "outage-store"
    shutil.rmtree(store, ignore_errors=True)
    # a fresh prefix per run: the node keeps its data between runs, and old indices would make
    # every document look already ingested
    prefix = f"outage-{int(time.time())}"
    count_path = f"{prefix}-documents/_count"
    env = dict(os.environ, VANBAN_BACKEND="elasticsearch", VANBAN_ES_URL=node.url, VANBAN_ES_PREFIX=prefix)
    result: dict = {"port": port, "documents": documents, "down_s": down_seconds}
    try:
        try:
            result["node_start_s"] = round(node.start(), 1)
        except subprocess.CalledProcessError as exc:
            return {"skipped": f"scripts/es-up.sh failed: {exc.stderr.strip()[-300:]}", "passed": None}
        ingest = subprocess.Popen([str(VANBAN), "--store", str(store), "ingest", str(corpus), "--json"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        progress: list[str] = []
        reader = threading.Thread(target=lambda: progress.extend(ingest.stderr), daemon=True)
        reader.start()
        # Stop the node once a first batch (50 documents) is indexed.
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline and ingest.poll() is None and (_es_count(node.url, count_path) or 0) < 50:
            time.sleep(0.5)
        result["indexed_before_stop"] = _es_count(node.url, count_path)
        node.stop()
        result["stopped_at_progress_line"] = len(progress)
        time.sleep(down_seconds)
        result["node_restart_s"] = round(node.start(), 1)
        try:
            out, _ = ingest.communicate(timeout=900)
        except subprocess.TimeoutExpired:
            ingest.kill()
            out, _ = ingest.communicate()
        reader.join(timeout=5)
        result["exit_code"] = ingest.returncode
        result["stdout"] = out.strip()[-1500:]
        result["stderr_tail"] = [line.rstrip() for line in progress[-6:]]
        first_stats = _stats(store, env)
        result["stored_after_first_run"] = first_stats.get("documents")
        rerun = _vanban(store, "ingest", str(corpus), "--json", env=env)
        result["rerun_exit_code"] = rerun.returncode
        result["rerun"] = rerun.stdout.strip()[-600:] or rerun.stderr.strip()[-600:]
        result["stored_after_rerun"] = _stats(store, env).get("documents")
    finally:
        node.stop()
    result["passed"] = result.get("exit_code") == 0 and result.get("stored_after_first_run") == documents
    return result


def _es_count(url: str, path: str = "outage-documents/_count") -> int | None:
    """The count the node gives for ``path`` (0 when it has none), None when nothing answers."""
    import httpx

    try:
        response = httpx.get(f"{url}/{path}", timeout=2)
        return response.json().get("count", 0) if response.status_code == 200 else 0
    except (httpx.HTTPError, ValueError):
        return None


# --- the disk filling up mid-ingest -----------------------------------------------------------

def disk_full(work: Path, size: str = "3m", documents: int = 400) -> dict:
    disk = work / "small-disk"
    disk.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        return {"skipped": f"cannot mount a tmpfs: {mounted.stderr.strip()}", "passed": None}
    try:
        corpus = work / "disk-corpus"
        shutil.rmtree(corpus, ignore_errors=True)
        generate_corpus(corpus, documents, seed=31)
        store = disk / "store"
        done = _vanban(store, "ingest", str(corpus), "--json", timeout=1800)
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        traceback = any(line.startswith("Traceback") for line in lines)
        result = {"tmpfs": size, "documents": documents, "exit_code": done.returncode,
                  "stdout": done.stdout.strip()[-800:], "stderr_last_lines": lines[-3:], "traceback": traceback,
                  "exceptions": sorted({line for line in lines if "Error:" in line and not line.startswith(" ")})[:5]}
        db = store / "index.sqlite3"
        con = sqlite3.connect(db)
        result["integrity_check"] = con.execute("PRAGMA integrity_check").fetchone()[0]
        ids = [row[0] for row in con.execute("SELECT id FROM documents")]
        con.close()
        raw = {p.name.split(".")[0] for p in (store / "raw").rglob("*") if p.is_file() and not p.name.startswith(".")}
        result["indexed"] = len(ids)
        result["raw_files"] = len(raw)
        result["indexed_without_raw"] = len(set(ids) - raw)
        result["stats_after"] = _stats(store)
        clear = done.returncode != 0 and not traceback and any("[E2" in line for line in lines[-2:])
        result["passed"] = clear and result["integrity_check"] == "ok" and result["indexed_without_raw"] == 0
        return result
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


SCENARIOS = {"serve-load": serve_load, "es-outage": es_outage, "disk-full": disk_full,
             "hostile-extract": hostile_extract,
             "hostile-upload": lambda work: hostile_upload(work, API_KEY)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=sorted(SCENARIOS), default=list(SCENARIOS))
    parser.add_argument("--seconds", type=float, default=30, help="duration of the serve load")
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("VANBAN_BENCH_WORK", "/tmp/vanban-bench")))
    parser.add_argument("--out", type=Path, default=RESULTS / "reliability.json")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = {}
    if args.out.exists():
        results = json.loads(args.out.read_text(encoding="utf-8"))
    for name in args.only:
        print(f"reliability: {name} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        if name == "serve-load":
            outcome = serve_load(args.work, args.seconds)
        else:
            outcome = SCENARIOS[name](args.work)
        outcome["wall_s"] = round(time.perf_counter() - started, 1)
        results[name] = outcome
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        verdict = {True: "PASSED", False: "FAILED", None: "SKIPPED"}[outcome.get("passed")]
        print(f"reliability: {name}: {verdict}", file=sys.stderr, flush=True)
    print(json.dumps({k: v.get("passed") for k, v in results.items()}))
    return 0 if all(v.get("passed") is not False for v in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
