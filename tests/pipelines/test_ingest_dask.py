"""Ingest on Dask: a local cluster of worker processes, or an existing cluster named by its
scheduler's address (here a scheduler and two workers started by the test, as an office would).

Outcomes stay per file and in file order; extraction happens in the workers, never in the flow's
process (its NLP pipeline is never built)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from vanban.extractors.nlp.pipeline import get_nlp

pytestmark = pytest.mark.slow

DASK = Path(sys.executable).with_name("dask")
PLAN = """ĐẢNG ỦY XÃ {name}
*
Số {n}-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
{name}, ngày {day} tháng 9 năm 2025

KẾ HOẠCH
thực hiện Nghị quyết số 05-NQ/TU của Ban Chấp hành Đảng bộ tỉnh

Đến năm 2030: kết nạp ít nhất {members} đảng viên mới; {roads}% đường thôn được cứng hóa.
"""
COMMUNES = ["Hòa Bình", "Tân Lập", "Yên Sơn", "Phú Mỹ", "Đồng Tâm", "Quyết Thắng"]


def write_plans(folder: Path, count: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for n in range(1, count + 1):
        name = f"kh{n:03d}.txt"
        text = PLAN.format(name=COMMUNES[n % len(COMMUNES)], n=n, day=1 + n % 28, members=20 + n, roads=60 + n % 40)
        (folder / name).write_text(text, encoding="utf-8")
        names.append(name)
    (folder / "kh-hong.docx").write_bytes(b"PK\x03\x04 not a docx")
    return sorted(names + ["kh-hong.docx"])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def dask_cluster(tmp_path):
    """`dask scheduler` and two `dask worker` processes (one thread each) on this machine."""
    from distributed import Client

    address = f"tcp://127.0.0.1:{_free_port()}"
    common = ["--no-dashboard"]
    processes = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                                   *common], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    for n in range(2):
        processes.append(subprocess.Popen(
            [str(DASK), "worker", address, "--nthreads", "1", "--nworkers", "1", "--name", f"may-{n}",
             "--local-directory", str(tmp_path / f"worker-{n}"), *common],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    try:
        with Client(address, timeout=120) as client:
            client.wait_for_workers(2, timeout=180)
            yield address, client
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _outcomes(summary: dict) -> list[tuple[str, str]]:
    return [(Path(f["path"]).name, f["status"]) for f in summary["files"]]


def test_an_ingest_runs_on_an_existing_cluster_of_two_workers(prefect_harness, tmp_path, dask_cluster):
    from vanban.pipelines.ingest import ingest

    address, client = dask_cluster
    names = write_plans(tmp_path / "inbox", 30)
    get_nlp.cache_clear()

    summary = ingest([str(tmp_path / "inbox")], store=str(tmp_path / "kho"), dask_address=address)

    assert _outcomes(summary) == [(n, "failed" if n == "kh-hong.docx" else "ingested") for n in names]
    assert "kh-hong.docx" in summary["failed"][0]["error"]
    assert get_nlp.cache_info().misses == 0  # not one document was analysed in this process
    # both workers extracted: each built its NLP pipeline (once) and loaded files in its sandbox
    built = client.run(lambda: __import__("vanban.extractors.nlp.pipeline", fromlist=["get_nlp"])
                       .get_nlp.cache_info().misses)
    assert sorted(built.values()) == [1, 1]
    again = ingest([str(tmp_path / "inbox")], store=str(tmp_path / "kho"), dask_address=address)
    assert (again["ingested"], again["skipped"]) == (0, 30)


def test_an_ingest_starts_a_local_cluster_of_two_workers_for_a_large_run(prefect_harness, tmp_path):
    from vanban.pipelines.extraction import LOCAL_CLUSTER_MIN_FILES
    from vanban.pipelines.ingest import ingest
    from vanban.search.sqlite import SqliteStore

    names = write_plans(tmp_path / "inbox", LOCAL_CLUSTER_MIN_FILES + 6)
    get_nlp.cache_clear()

    summary = ingest([str(tmp_path / "inbox")], store=str(tmp_path / "kho"), workers=2)

    assert _outcomes(summary) == [(n, "failed" if n == "kh-hong.docx" else "ingested") for n in names]
    assert get_nlp.cache_info().misses == 0, "extraction ran in the flow's process, not in the workers"
    with SqliteStore(tmp_path / "kho") as store:
        assert store.stats()["documents"] == LOCAL_CLUSTER_MIN_FILES + 6

    # Later, two new plans beside the stored ones: too few to start a cluster for, so they are
    # extracted in this very process
    (tmp_path / "inbox" / "kh-moi-1.txt").write_text(PLAN.format(name="Tân Lập", n=901, day=2, members=9, roads=70))
    (tmp_path / "inbox" / "kh-moi-2.txt").write_text(PLAN.format(name="Yên Sơn", n=902, day=3, members=8, roads=71))
    again = ingest([str(tmp_path / "inbox")], store=str(tmp_path / "kho"), workers=2)
    assert (again["ingested"], again["skipped"]) == (2, LOCAL_CLUSTER_MIN_FILES + 6)
    assert get_nlp.cache_info().misses == 1
