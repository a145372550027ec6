"""Hostile files (issue 17) against the command line and the server; results in reliability.json.

- hostile-extract: `vanban extract FILE --json` on each input of tests/reliability/hostile.py, plus
  /dev/zero and a FIFO. Passes when each run stays under 1.5 GB (the peak of its whole process
  tree: the command, the loader's zygote and child, Tesseract) and 60 s, and ends with exit 0 or
  exit 2 with one line on stderr.
- hostile-upload: `vanban serve` over a store of 100 documents; one thread searches through the
  API all along, another uploads the hostile files one after another. Passes when no answer is a
  5xx, the server is still up after the last upload, and searches answer in under 100 ms at p95
  while the uploads are refused (the latency with nothing uploading is recorded beside it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

from bench.processes import watch
from bench.search_bench import QUERIES, VANBAN, Server, api_params, percentiles

MAX_BYTES = int(1.5 * 2**30)
MAX_SECONDS = 60


def _inputs(work: Path) -> dict[str, Path]:
    from tests.reliability.hostile import write_all

    folder = work / "hostile"
    shutil.rmtree(folder, ignore_errors=True)
    files = write_all(folder)
    os.mkfifo(folder / "ong-dan.txt")
    return {**files, "dev-zero": Path("/dev/zero"), "fifo": folder / "ong-dan.txt"}


def hostile_extract(work: Path) -> dict:
    results = {}
    for name, path in _inputs(work).items():
        out, err = work / "hostile-out.json", work / "hostile-err.txt"
        started = time.perf_counter()
        with out.open("wb") as stdout, err.open("wb") as stderr:
            process = subprocess.Popen([str(VANBAN), "extract", str(path), "--json"], stdout=stdout, stderr=stderr)
            watched = watch(process)
        seconds = time.perf_counter() - started
        lines = err.read_text(encoding="utf-8", errors="replace").splitlines()
        clean = process.returncode == 0 or (process.returncode == 2 and len(lines) == 1)
        results[name] = {
            "bytes": path.stat().st_size if path.is_file() else None, "exit_code": process.returncode,
            "seconds": round(seconds, 1), "peak_mib": round(watched.total_peak / 2**20),
            "stdout_bytes": out.stat().st_size, "stderr": lines[-1][:300] if lines else "",
            "ok": clean and seconds < MAX_SECONDS and watched.total_peak < MAX_BYTES,
        }
    return {"limits": {"peak_mib": MAX_BYTES // 2**20, "seconds": MAX_SECONDS}, "inputs": results,
            "passed": all(r["ok"] for r in results.values())}


def hostile_upload(work: Path, api_key: str, idle_seconds: float = 15) -> dict:
    import httpx

    from bench.generate import generate_corpus
    from bench.ingest_bench import extract_into_store

    store, seed = work / "hostile-upload-store", work / "hostile-upload-seed"
    shutil.rmtree(store, ignore_errors=True)
    shutil.rmtree(seed, ignore_errors=True)
    generate_corpus(seed, 100, seed=5)
    extract_into_store(seed, store)
    inputs = {n: p for n, p in _inputs(work).items() if p.is_file() and p.stat().st_size < 50 * 2**20}
    phase = {"now": "idle"}  # "idle", then the name of the file being uploaded
    latency: dict[str, list[float]] = {}
    statuses: list[int] = []
    stop = threading.Event()
    queries = [q for qs in QUERIES.values() for q in qs]

    def searcher(url: str) -> None:
        with httpx.Client(base_url=url, timeout=60) as client:
            n = 0
            while not stop.is_set():
                started = time.perf_counter()
                answer = client.get("/api/search", params=api_params(queries[n % len(queries)]))
                latency.setdefault(phase["now"], []).append((time.perf_counter() - started) * 1000)
                statuses.append(answer.status_code)
                n += 1

    uploads = {}
    with Server(store, api_key=api_key) as server, httpx.Client(base_url=server.url, timeout=600,
                                                               headers={"X-API-Key": api_key}) as client:
        # a new document, so that the flow, the loader's zygote and the NLP are up before the clock starts
        first = sorted(p for p in seed.rglob("*.txt"))[0]
        warm = client.post("/api/documents", files={"file": ("khoi-dong.txt", first.read_bytes() + "\nBản khởi động.\n".encode())})
        thread = threading.Thread(target=searcher, args=(server.url,))
        thread.start()
        time.sleep(idle_seconds)
        for name, path in inputs.items():
            phase["now"] = name
            started = time.perf_counter()
            answer = client.post("/api/documents", files={"file": (name, path.read_bytes())})
            body = answer.json() if answer.headers.get("content-type", "").startswith("application/json") else {}
            uploads[name] = {"status": answer.status_code, "outcome": body.get("status"),
                             "error": (body.get("error") or "")[:200], "seconds": round(time.perf_counter() - started, 1)}
        phase["now"] = "done"
        stop.set()
        thread.join(timeout=120)
        alive = server.process.poll() is None and client.get("/api/stats").status_code == 200
    for name, upload in uploads.items():
        samples = latency.get(name, [])
        upload["search_while"] = percentiles(samples) if len(samples) > 1 else {"n": len(samples)}
    refused = [ms for name, u in uploads.items() if u["outcome"] == "failed" for ms in latency.get(name, [])]
    during = percentiles(refused) if len(refused) > 1 else {}
    fives = sum(1 for s in statuses if s >= 500) + sum(1 for u in uploads.values() if u["status"] >= 500)
    return {"warmup_status": warm.status_code, "uploads": uploads,
            "search_idle": percentiles(latency.get("idle", [])) if len(latency.get("idle", [])) > 1 else {},
            "search_while_refusing": during, "search_max_ms_while_refusing": round(max(refused, default=0), 1),
            "server_alive_after": alive, "server_errors": fives,
            "passed": alive and fives == 0 and bool(during) and during["p95_ms"] < 100}
