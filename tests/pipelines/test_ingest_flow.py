"""The ingest flow: idempotent, one bad file fails only itself, crash-safe under kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vanban.search.sqlite import SqliteStore

pytestmark = pytest.mark.slow

PLAN = """HUYỆN ỦY BẾN MÂY
*
Số {n}-KH/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Bến Mây, ngày {day} tháng 5 năm 2021

KẾ HOẠCH
thực hiện Nghị quyết số 15-NQ/TU của Ban Chấp hành Đảng bộ tỉnh

Mục tiêu đến năm 2025: kết nạp ít nhất {members} đảng viên mới; tỷ lệ che phủ rừng đạt {forest}%.
"""


def write_plans(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, count + 1):
        text = PLAN.format(n=n, day=1 + n % 28, members=100 + n, forest=50 + n % 7)
        (folder / f"kh{n:04d}.txt").write_text(text, encoding="utf-8")


def test_a_second_run_skips_everything_and_a_bad_file_fails_alone(prefect_harness, tmp_path):
    from vanban.pipelines.ingest import ingest

    inbox, store = tmp_path / "inbox", tmp_path / "store"
    write_plans(inbox, 3)
    (inbox / "hong.docx").write_bytes(b"PK\x03\x04 not really a docx")
    first = ingest([str(inbox)], store=str(store))
    assert first["ingested"] == 3
    assert [f["path"] for f in first["failed"]] == [str(inbox / "hong.docx")]
    assert "hong.docx" in first["failed"][0]["error"]
    second = ingest([str(inbox)], store=str(store))
    assert (second["ingested"], second["skipped"], len(second["failed"])) == (0, 3, 1)
    index = SqliteStore(store)
    try:
        assert index.stats()["documents"] == 3
    finally:
        index.close()


def live_members(group: int) -> list[int]:
    """Processes of a process group that have not exited (zombies wait on a reaper, not on us)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            pids.append(int(stat.parent.name))
    return pids


def test_an_ingest_killed_with_sigkill_and_rerun_stores_each_document_once(tmp_path):
    inbox, store = tmp_path / "inbox", tmp_path / "store"
    write_plans(inbox, 200)
    vanban = Path(sys.executable).with_name("vanban")
    cmd = [str(vanban), "--store", str(store), "ingest", str(inbox), "--json"]
    env = {**os.environ, "VANBAN_BACKEND": "sqlite"}
    # its own process group: whatever it starts can be found after the kill
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    # Kill once the flow has written something: progress lines appear as files are processed.
    seen = 0
    for line in proc.stderr:
        seen += line.startswith("[")
        if seen >= 120:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # The temporary Prefect API it started goes too, though no atexit handler ran.
    deadline = time.monotonic() + 30
    while live_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = live_members(proc.pid)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "the killed ingest left its Prefect API running"
    assert seen >= 120, "the ingest ended before it could be killed mid-way"
    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["failed"] == []
    assert summary["ingested"] + summary["skipped"] == 200
    stats = json.loads(subprocess.run([str(vanban), "--store", str(store), "stats", "--json"],
                                      capture_output=True, text=True, env=env, check=True).stdout)
    assert stats["documents"] == 200


def test_ingesting_a_plan_runs_the_check_for_the_resolution_it_implements(prefect_harness, tmp_path):
    from vanban.pipelines.ingest import ingest

    store = tmp_path / "store"
    resolution = tmp_path / "nq15.txt"
    resolution.write_text(
        "TỈNH ỦY LẠC GIANG\n*\nSố 15-NQ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nLạc Giang, ngày 12 tháng 3 năm 2021\n\n"
        "NGHỊ QUYẾT\nvề xây dựng Đảng bộ tỉnh\n\nMục tiêu đến năm 2025: kết nạp ít nhất 6.000 đảng viên mới.\n",
        encoding="utf-8")
    first = ingest([str(resolution)], store=str(store))
    assert first["ingested"] == 1 and first["checked"] == []
    write_plans(tmp_path / "plans", 1)
    second = ingest([str(tmp_path / "plans")], store=str(store))
    assert second["ingested"] == 1
    assert second["checked"] == [first["files"][0]["id"]]


REPORT = """TỈNH ỦY LẠC GIANG
*
Số 45-BC/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Lạc Giang, ngày 15 tháng 12 năm 2023

BÁO CÁO
sơ kết thực hiện Nghị quyết số 15-NQ/TU
-----

I. KẾT QUẢ THỰC HIỆN
Từ năm 2021 đến hết tháng 11/2023, toàn Đảng bộ đã kết nạp 3.600 đảng viên mới.
"""


def test_ingesting_a_report_refreshes_the_progress_of_the_resolution_it_reviews(prefect_harness, tmp_path):
    from prefect.client.orchestration import get_client

    from vanban.pipelines.follow import artifact_key
    from vanban.pipelines.ingest import ingest

    store = tmp_path / "store"
    resolution = tmp_path / "nq15.txt"
    resolution.write_text(
        "TỈNH ỦY LẠC GIANG\n*\nSố 15-NQ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nLạc Giang, ngày 12 tháng 3 năm 2021\n\n"
        "NGHỊ QUYẾT\nvề xây dựng Đảng bộ tỉnh giai đoạn 2021-2025\n\n"
        "Mục tiêu đến năm 2025: kết nạp ít nhất 6.000 đảng viên mới.\n", encoding="utf-8")
    first = ingest([str(resolution)], store=str(store))
    assert first["followed"] == []
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "bc45.txt").write_text(REPORT, encoding="utf-8")
    second = ingest([str(tmp_path / "reports")], store=str(store))
    assert second["followed"] == [first["files"][0]["id"]]

    async def latest_artifact():
        async with get_client() as client:
            return await client.read_latest_artifacts()

    import asyncio

    artifacts = {a.key: a for a in asyncio.run(latest_artifact())}
    report = artifacts[artifact_key("15-NQ/TU")]
    assert "kết nạp đảng viên mới" in report.data and "Đúng tiến độ" in report.data and "45-BC/TU" in report.data
