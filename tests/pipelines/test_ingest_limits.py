"""What an ingest of a folder refuses to do: follow links out of it, wait on a pipe, or call a run
where every file failed a success."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vanban.pipelines.files import LINK_REASON, collect

VANBAN = Path(sys.executable).with_name("vanban")
PLAN = ("HUYỆN ỦY BẾN MÂY\nSố 7-KH/HU\nKẾ HOẠCH thực hiện Nghị quyết số 15-NQ/TU của Ban Chấp hành Đảng bộ tỉnh\n"
        "Mục tiêu đến năm 2025: kết nạp ít nhất 90 đảng viên mới; giữ vững tỷ lệ tổ chức cơ sở đảng "
        "hoàn thành tốt nhiệm vụ trên 80%.\n")


def test_links_in_a_folder_are_skipped_with_the_reason_and_never_entered(tmp_path):
    inbox, outside = tmp_path / "inbox", tmp_path / "ngoai"
    inbox.mkdir()
    outside.mkdir()
    (outside / "luong.txt").write_text("bảng lương", encoding="utf-8")
    (inbox / "kh7.txt").write_text(PLAN, encoding="utf-8")
    (inbox / "lien-ket.txt").symlink_to(outside / "luong.txt")
    (inbox / "thu-muc").symlink_to(outside, target_is_directory=True)
    found = collect([inbox])
    assert [p.name for p in found.files] == ["kh7.txt"]  # nothing from inside the linked folder
    assert [(p.name, why) for p, why in found.skipped] == [("lien-ket.txt", LINK_REASON), ("thu-muc", LINK_REASON)]


def test_a_link_named_on_its_own_is_followed(tmp_path):
    (tmp_path / "goc.txt").write_text("x")
    (tmp_path / "lien-ket.txt").symlink_to(tmp_path / "goc.txt")
    assert collect([tmp_path / "lien-ket.txt"]).files == [tmp_path / "lien-ket.txt"]


@pytest.mark.slow
def test_an_ingest_does_not_follow_a_link_out_of_its_folder(prefect_harness, tmp_path):
    from vanban.pipelines.ingest import ingest
    from vanban.search.sqlite import SqliteStore

    inbox, outside = tmp_path / "inbox", tmp_path / "chi-may-chu-doc"
    inbox.mkdir()
    outside.mkdir()
    secret = outside / "mat-khau.txt"
    secret.write_text("KẾ HOẠCH mật: khóa kho là 4321\n", encoding="utf-8")
    (inbox / "kh7.txt").write_text(PLAN, encoding="utf-8")
    (inbox / "ke-hoach-mat.txt").symlink_to(secret)
    os.mkfifo(inbox / "ong-dan.txt")  # a pipe in the inbox: never read, so never waited on

    summary = ingest([str(inbox)], store=str(tmp_path / "kho"), workers=1)

    outcomes = {Path(f["path"]).name: (f["status"], f["error"]) for f in summary["files"]}
    assert outcomes["kh7.txt"] == ("ingested", "")
    assert outcomes["ke-hoach-mat.txt"] == ("skipped", LINK_REASON)
    assert "ong-dan.txt" not in outcomes
    with SqliteStore(tmp_path / "kho") as store:
        assert store.stats()["documents"] == 1
    raw = [p for p in (tmp_path / "kho" / "raw").rglob("*") if p.is_file()]
    assert all(b"4321" not in p.read_bytes() for p in raw)


@pytest.mark.slow
def test_an_ingest_where_every_file_failed_exits_2(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "rong.txt").write_bytes(b"")
    (inbox / "hong.docx").write_bytes(b"PK\x03\x04 khong phai docx")
    done = subprocess.run([str(VANBAN), "--store", str(tmp_path / "kho"), "ingest", str(inbox), "--json"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 2, done.stderr[-2000:]
    summary = json.loads(done.stdout)
    assert (summary["ingested"], summary["skipped"], len(summary["failed"])) == (0, 0, 2)
