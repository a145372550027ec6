"""Extraction runs in chunks of files, one Prefect task per chunk, yet every file keeps its own fate.

The spy below stands in for vanban.extractors.extract (the chunk task imports it when it runs) and
notes which task run extracted which file, so the tests can see the chunks the flow formed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban.errors import CorruptFileError

pytestmark = pytest.mark.slow

PLAN = """HUYỆN ỦY SÔNG LAM
*
Số {n}-KH/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Sông Lam, ngày {day} tháng 6 năm 2022

KẾ HOẠCH
triển khai Chỉ thị số 07-CT/TU của Ban Thường vụ Tỉnh ủy Lạc Giang

Mục tiêu đến năm 2025: 100% chi bộ thôn, bản có đảng viên; kết nạp ít nhất {members} đảng viên mới.
"""


def write_plans(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(1, count + 1):
        path = folder / f"kh{n:02d}.txt"
        path.write_text(PLAN.format(n=n, day=1 + n % 28, members=40 + n), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def spy(monkeypatch):
    """Records (file name, task run name) per extraction; ``trouble`` makes chosen files fail."""
    import vanban.extractors
    from prefect.context import TaskRunContext

    real = vanban.extractors.extract
    calls: list[tuple[str, str]] = []
    trouble: dict[str, list[Exception]] = {}  # file name -> exceptions to raise, one per attempt

    def extract(path, data=None, **kwargs):
        name = Path(path).name
        calls.append((name, TaskRunContext.get().task_run.name))
        if trouble.get(name):
            raise trouble[name].pop(0)
        return real(path, data, **kwargs)

    monkeypatch.setattr(vanban.extractors, "extract", extract)
    return calls, trouble


def test_files_are_extracted_in_chunks_and_reported_in_their_own_order(prefect_harness, tmp_path,
                                                                         monkeypatch, spy):
    from vanban.pipelines import extraction
    from vanban.pipelines import ingest as flow_module

    monkeypatch.setattr(extraction, "CHUNK_FILES", 2)
    calls, _ = spy
    inbox, store = tmp_path / "inbox", tmp_path / "store"
    plans = write_plans(inbox, 5)
    flow_module.ingest([str(plans[1]), str(plans[3])], store=str(store))  # kh02, kh04 stored already
    calls.clear()
    (inbox / "kh03b.txt").write_bytes(b"")  # empty: its extraction fails

    summary = flow_module.ingest([str(inbox)], store=str(store))

    outcomes = [(Path(f["path"]).name, f["status"]) for f in summary["files"]]
    assert outcomes == [("kh01.txt", "ingested"), ("kh02.txt", "skipped"), ("kh03.txt", "ingested"),
                        ("kh03b.txt", "failed"), ("kh04.txt", "skipped"), ("kh05.txt", "ingested")]
    assert summary["failed"][0]["error"].startswith(f"[E101] {inbox / 'kh03b.txt'}: ")
    # skipped files are never extracted; two files to a task, named after the first
    first, second = f"extract {inbox / 'kh01.txt'} and 1 more", f"extract {inbox / 'kh03b.txt'} and 1 more"
    assert calls == [("kh01.txt", first), ("kh03.txt", first), ("kh03b.txt", second), ("kh05.txt", second)]


def test_a_chunk_closes_early_when_its_files_reach_the_byte_cap(prefect_harness, tmp_path, monkeypatch, spy):
    from vanban.pipelines import ingest as flow_module

    calls, _ = spy
    plans = write_plans(tmp_path / "inbox", 3)
    monkeypatch.setattr(flow_module, "CHUNK_BYTES", plans[0].stat().st_size)
    summary = flow_module.ingest([str(tmp_path / "inbox")], store=str(tmp_path / "store"))
    assert summary["ingested"] == 3
    assert [task_run for _, task_run in calls] == [f"extract {p}" for p in plans]


def test_a_bad_file_fails_alone_in_its_chunk_and_is_not_retried(prefect_harness, tmp_path, spy):
    from vanban.pipelines.ingest import ingest

    calls, trouble = spy
    inbox = tmp_path / "inbox"
    write_plans(inbox, 3)
    trouble["kh02.txt"] = [CorruptFileError(inbox / "kh02.txt", "the text layer is unreadable")]
    summary = ingest([str(inbox)], store=str(tmp_path / "store"))
    assert (summary["ingested"], summary["skipped"]) == (2, 0)
    assert summary["failed"] == [{"path": str(inbox / "kh02.txt"),
                                  "error": f"[E103] {inbox / 'kh02.txt'}: the text layer is unreadable"}]
    assert [name for name, _ in calls] == ["kh01.txt", "kh02.txt", "kh03.txt"]


def test_a_file_that_failed_for_a_passing_reason_gets_its_own_task_and_retries(prefect_harness, tmp_path, spy):
    from vanban.pipelines.ingest import ingest

    calls, trouble = spy
    inbox = tmp_path / "inbox"
    write_plans(inbox, 3)
    # fails in its chunk and on the first try of its own task, then goes through
    trouble["kh02.txt"] = [MemoryError("worker short of memory"), OSError("worker hiccup")]
    summary = ingest([str(inbox)], store=str(tmp_path / "store"))
    assert (summary["ingested"], summary["failed"]) == (3, [])
    assert [f["status"] for f in summary["files"]] == ["ingested"] * 3
    own_task = f"extract {inbox / 'kh02.txt'}"
    assert [run for name, run in calls if name == "kh02.txt"][1:] == [own_task, own_task]


def test_a_file_that_keeps_failing_is_reported_with_its_name_after_its_retries(prefect_harness, tmp_path, spy):
    from vanban.pipelines.ingest import ingest

    calls, trouble = spy
    inbox = tmp_path / "inbox"
    write_plans(inbox, 2)
    trouble["kh01.txt"] = [ValueError("parser bug")] * 4
    summary = ingest([str(inbox)], store=str(tmp_path / "store"))
    assert summary["ingested"] == 1
    assert summary["failed"] == [{"path": str(inbox / "kh01.txt"),
                                  "error": f"{inbox / 'kh01.txt'}: ValueError: parser bug"}]
    assert [name for name, _ in calls].count("kh01.txt") == 4  # its chunk, then 1 + 2 retries


def test_the_same_bytes_twice_in_one_chunk_are_stored_once(prefect_harness, tmp_path):
    from vanban.pipelines.ingest import ingest

    inbox = tmp_path / "inbox"
    (plan,) = write_plans(inbox, 1)
    (inbox / "kh01-ban-sao.txt").write_bytes(plan.read_bytes())
    summary = ingest([str(inbox)], store=str(tmp_path / "store"))
    assert [(Path(f["path"]).name, f["status"]) for f in summary["files"]] == [
        ("kh01-ban-sao.txt", "ingested"), ("kh01.txt", "skipped")]
    assert summary["files"][0]["id"] == summary["files"][1]["id"]
    from vanban.search.sqlite import SqliteStore

    with SqliteStore(tmp_path / "store") as index:
        assert index.stats()["documents"] == 1
