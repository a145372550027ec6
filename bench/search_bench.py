"""Search latency: in-process per backend, through the CLI (cold start) and through the REST API.

    QUERIES                                   the four typical query types, a few variants each
    store_latency(store, rounds) -> dict      {type: {"p50_ms","p95_ms","p99_ms","n","mean_hits"}}
    cli_cold_start(store_dir, runs) -> dict   wall seconds of `vanban search` subprocesses
    api_latency(store_dir, rounds, backend, env) -> dict   `vanban serve` on 127.0.0.1, httpx, p50/p95/p99
    copy_to_elasticsearch(store_dir, url, prefix) -> ElasticStore   (the caller drops it)
    disk_bytes(path) -> int
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from vanban.model import SearchQuery

ROOT = Path(__file__).resolve().parent.parent
VANBAN = Path(sys.executable).parent / "vanban"

# What researchers type: without accents, a quoted phrase, with filters, a broad query whose
# facets count most of the store, and a selective one (one district's name: about 1 in 20 documents;
# the synthetic corpora share 8 templates, so the other types match most of the store).
QUERIES: dict[str, list[SearchQuery]] = {
    "accentless": [SearchQuery(q=q) for q in
                   ("ket nap dang vien", "che phu rung", "bao hiem y te", "ho ngheo", "nong thon moi nang cao")],
    "phrase": [SearchQuery(q=q) for q in
               ('"nông thôn mới nâng cao"', '"tổ chức cơ sở đảng"', '"che phủ rừng"', '"bảo hiểm y tế"')],
    "filtered": [
        SearchQuery(q="nong thon moi", kind="ke_hoach", level="district", date_from="2019", date_to="2024"),
        SearchQuery(q="dang vien", kind="nghi_quyet", level="province"),
        SearchQuery(q="ty le ho ngheo", date_from="2020-01", date_to="2022-12", issuer="Huyện ủy"),
    ],
    "faceted": [SearchQuery(q=q) for q in ("dang bo", "nghị quyết", "thuc hien")],
    "selective": [SearchQuery(q=q) for q in ("Hưng Vân", "huyen tra linh nam", "Kim Giang ket nap")],
}


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {"p50_ms": round(statistics.median(ordered), 2), "p95_ms": round(cuts[94], 2),
            "p99_ms": round(cuts[98], 2), "n": len(ordered)}


def store_latency(store, rounds: int = 30, query_set: dict[str, list[SearchQuery]] | None = None) -> dict[str, dict]:
    """Wall and CPU milliseconds of store.search per query type. The CPU time of the process (every
    thread) is what a search costs whatever else the machine runs; wall time adds the waiting."""
    out = {}
    for kind, queries in (query_set or QUERIES).items():
        for query in queries:
            store.search(query)  # first touch: page cache / shard warm-up, not counted
        samples, cpu, hits = [], [], []
        for _ in range(rounds):
            for query in queries:
                started, cpu_started = time.perf_counter(), time.process_time()
                result = store.search(query)
                samples.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
                hits.append(result.total)
        out[kind] = percentiles(samples) | {"mean_hits": round(statistics.mean(hits), 1),
                                            "cpu_p50_ms": percentiles(cpu)["p50_ms"], "cpu_p95_ms": percentiles(cpu)["p95_ms"]}
    return out


def cli_cold_start(store_dir: Path, runs: int = 7, query: str = "ket nap dang vien") -> dict:
    """Wall time of whole `vanban search --json` processes on the embedded store."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([str(VANBAN), "--store", str(store_dir), "--backend", "sqlite", "search",
                        query, "--json"], check=True, capture_output=True, timeout=120)
        times.append(time.perf_counter() - started)
    return {"median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3),
            "max_s": round(max(times), 3), "runs": runs}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`vanban serve` in a subprocess on 127.0.0.1; stopped (by its own pid) on exit."""

    def __init__(self, store_dir: Path, api_key: str | None = None, backend: str = "sqlite",
                 extra_env: dict[str, str] | None = None, cpus: str | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, VANBAN_BACKEND=backend, **(extra_env or {}))
        env.pop("VANBAN_API_KEY", None)
        if api_key:
            env["VANBAN_API_KEY"] = api_key
        self._command = [str(VANBAN), "--store", str(store_dir), "serve", "--host", "127.0.0.1",
                         "--port", str(self.port)]
        if cpus:
            self._command = ["taskset", "-c", cpus, *self._command]
        self._env = env
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        import httpx

        self.process = subprocess.Popen(self._command, env=self._env, cwd=ROOT,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 300  # a cold start pinned to one busy core takes its time
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"vanban serve exited: {self.process.stderr.read().decode()[-1000:]}")
            try:
                if httpx.get(self.url + "/api/stats", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("vanban serve did not answer within 300 s")

    def cpu_seconds(self) -> float:
        """CPU time the server process has used so far, every thread counted (user + system)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_rss_mib(self) -> float | None:
        """The server's peak resident memory (VmHWM), its child processes left out."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except (OSError, AttributeError):
            return None
        kib = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM")), None)
        return round(kib / 1024, 1) if kib else None

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def api_params(query: SearchQuery) -> dict[str, str]:
    names = {"q": query.q, "kind": query.kind, "level": query.level, "issuer": query.issuer,
             "from": query.date_from, "to": query.date_to}
    return {k: v for k, v in names.items() if v}


NEXT_PAGES = (10, 20, 30, 40)  # offsets of pages 2-5 at the API's default page size


def api_latency(store_dir: Path, rounds: int = 20, backend: str = "sqlite",
                env: dict[str, str] | None = None, queries: dict[str, list[SearchQuery]] | None = None,
                cpus: str | None = None, clients: int = 1) -> dict:
    """GET /api/search over every query variant, ``rounds`` times, from ``clients`` threads with
    keep-alive clients; then pages 2-5 of each query. Every request is computed afresh (nothing is
    cached between requests). ``cpus`` pins the server to those cores (taskset); the answer adds
    the server's peak resident memory. ``backend`` and ``env`` (VANBAN_ES_URL, VANBAN_ES_PREFIX)
    pick the store served."""
    import httpx
    from concurrent.futures import ThreadPoolExecutor

    variants = [q for qs in (queries or QUERIES).values() for q in qs]
    with Server(store_dir, backend=backend, extra_env=env or {}, cpus=cpus) as server:
        def run(_: int) -> list[float]:
            times = []
            with httpx.Client(base_url=server.url, timeout=60) as client:
                for query in variants:
                    client.get("/api/search", params=api_params(query)).raise_for_status()
                for _ in range(rounds):
                    for query in variants:
                        started = time.perf_counter()
                        response = client.get("/api/search", params=api_params(query))
                        times.append((time.perf_counter() - started) * 1000)
                        response.raise_for_status()
            return times

        cpu_before = server.cpu_seconds()
        with ThreadPoolExecutor(clients) as pool:
            samples = [ms for times in pool.map(run, range(clients)) for ms in times]
        cpu_ms = (server.cpu_seconds() - cpu_before) * 1000 / max(1, len(samples) + clients * len(variants))
        paging = []
        with httpx.Client(base_url=server.url, timeout=60) as client:
            for query in variants:
                for offset in NEXT_PAGES:
                    started = time.perf_counter()
                    response = client.get("/api/search", params=api_params(query) | {"offset": str(offset)})
                    paging.append((time.perf_counter() - started) * 1000)
                    response.raise_for_status()
        memory = server.peak_rss_mib()
    return percentiles(samples) | {"next_pages": percentiles(paging), "server_peak_rss_mib": memory,
                                   "server_cpu_ms_per_request": round(cpu_ms, 2), "clients": clients,
                                   "cpus": cpus or "all"}


def copy_to_elasticsearch(store_dir: Path, url: str, prefix: str):
    """The SQLite store's documents, indexed on the node under their own prefix; seconds taken."""
    from vanban.search.elastic import ElasticStore
    from vanban.search.reindex import reindex
    from vanban.search.sqlite import SqliteStore
    from vanban.settings import Settings

    settings = Settings()
    settings.backend, settings.es_url, settings.es_prefix = "elasticsearch", url, prefix
    target = ElasticStore.from_settings(settings)
    target.drop()
    target = ElasticStore.from_settings(settings)
    started = time.perf_counter()
    with SqliteStore(store_dir) as source:
        reindex(source, target, batch=500)
    target.client.indices.refresh(index=f"{prefix}-*")
    return target, time.perf_counter() - started


def es_index_bytes(store, prefix: str) -> int:
    stats = store.client.indices.stats(index=f"{prefix}-*", metric="store")
    return sum(i["total"]["store"]["size_in_bytes"] for i in stats["indices"].values())


def disk_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())
