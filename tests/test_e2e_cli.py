"""End to end: the installed `vanban` command on the team's corpus, as a user runs it.

One store is built once per session by the real Prefect ingest flow (the slow part), then every
command is run against it in a subprocess and judged by its JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "documents"
VANBAN = Path(sys.executable).with_name("vanban")
DOC_KEYS = {"id", "source", "format", "text", "pages", "doc", "references", "dates", "figures", "targets"}

pytestmark = pytest.mark.slow


def run(*args: str, store: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "VANBAN_BACKEND": "sqlite"}
    env.pop("VANBAN_STORE", None)
    cmd = [str(VANBAN), *(["--store", str(store)] if store else []), *args]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    if check:
        assert result.returncode == 0, f"{cmd} failed:\n{result.stderr}"
    return result


@pytest.fixture(scope="session")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("e2e") / "store"
    first = run("ingest", str(CORPUS), "--json", store=path)
    summary = json.loads(first.stdout)
    assert summary["failed"] == [], summary["failed"]
    assert summary["ingested"] == len([p for p in CORPUS.iterdir() if p.is_file()])
    return path


def test_ingest_is_quiet_on_stdout_and_reports_progress_on_stderr(tmp_path):
    one = sorted(CORPUS.iterdir())[0]
    result = run("ingest", str(one), "--json", store=tmp_path / "s")
    assert set(json.loads(result.stdout)) == {"ingested", "skipped", "failed", "skipped_files"}
    assert one.name in result.stderr
    assert "Traceback" not in result.stderr


def test_ingesting_the_same_folder_twice_skips_everything(store):
    again = json.loads(run("ingest", str(CORPUS), "--json", store=store).stdout)
    assert again["ingested"] == 0
    assert again["skipped"] == len([p for p in CORPUS.iterdir() if p.is_file()])
    stats = json.loads(run("stats", "--json", store=store).stdout)
    assert stats["documents"] == again["skipped"]
    assert stats["passages"] >= stats["documents"] and stats["targets"] > 0


def test_accentless_search_finds_the_accented_words(store):
    plain = json.loads(run("search", "ket nap dang vien", "--json", store=store).stdout)
    accented = json.loads(run("search", "kết nạp đảng viên", "--json", store=store).stdout)
    assert plain["total"] > 0
    assert {h["id"] for h in plain["hits"]} == {h["id"] for h in accented["hits"]}
    hit = plain["hits"][0]
    assert set(hit) == {"id", "title", "number", "kind", "issuer", "date", "score", "page", "snippet"}
    assert "<mark>" in hit["snippet"] and hit["page"] >= 1
    assert set(plain["facets"]) == {"kind", "level", "year", "issuer", "signer"}  # the contract's three, and more


def test_search_filters_by_kind_and_level(store):
    result = json.loads(run("search", "nong thon moi", "--kind", "ke_hoach", "--level", "district",
                            "--json", store=store).stdout)
    assert result["total"] > 0
    assert {h["kind"] for h in result["hits"]} == {"ke_hoach"}


def test_extract_prints_exactly_the_contract_shape():
    pdf = next(p for p in sorted(CORPUS.iterdir()) if p.suffix == ".pdf")
    data = json.loads(run("extract", str(pdf), "--json").stdout)
    assert DOC_KEYS <= set(data)
    assert data["format"] == "pdf" and len(data["pages"]) >= 2
    assert set(data["doc"]) >= {"kind", "number", "issuer", "level", "date", "title", "place"}
    for target in data["targets"]:
        assert data["text"][target["start"]:target["end"]] == target["text"]


@pytest.mark.parametrize("name, content", [
    ("rong.pdf", b""),
    ("hong.pdf", b"%PDF-1.7\n1 0 obj <<"),
    ("nhieu.docx", os.urandom(2048)),
    ("fake.docx", b"hello"),
    ("manual.pdf", b"Switch the printer off, wait ten seconds and switch it on again. " * 8),
])
def test_extract_refuses_a_bad_file_with_exit_2_and_one_line(tmp_path, name, content):
    bad = tmp_path / name
    bad.write_bytes(content)
    result = run("extract", str(bad), "--json", check=False)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0]


def test_one_bad_file_never_stops_the_rest(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "hong.pdf").write_bytes(b"%PDF-1.4 truncated")
    (folder / "tb.txt").write_text(NOTICE, encoding="utf-8")
    summary = json.loads(run("ingest", str(folder), "--json", store=tmp_path / "s").stdout)
    assert summary["ingested"] == 1
    assert [f["path"] for f in summary["failed"]] == [str(folder / "hong.pdf")]


NOTICE = ("THÔNG BÁO\nHuyện ủy Bến Mây thông báo lịch họp Ban Thường vụ ngày 05/01/2022 tại hội trường "
          "Huyện ủy; các đồng chí ủy viên chuẩn bị ý kiến về dự thảo báo cáo tổng kết công tác năm.\n")


def test_a_folder_ingest_stores_every_good_file_and_lists_every_bad_one(tmp_path):
    good = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".docx", ".html"))[:3]
    folder = tmp_path / "hop-thu"
    folder.mkdir()
    for p in good:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "thong-bao.doc").write_text(NOTICE, encoding="utf-8")  # text named .doc: read, with a note
    copy = folder / f"sao-{good[0].name}"  # the same bytes as a stored one, met after it
    copy.write_bytes(good[0].read_bytes())
    bad = {"fake.docx": b"hello", "huong-dan.pdf": b"Open the settings page and choose the network tab. " * 10,
           "hong.pdf": b"%PDF-1.4 truncated"}
    other = {"INDEX.tsv": "tep\tso\nkh1.txt\t1\n", "gold.json": '{"doc": {}}', "tach.py": "print(1)\n",
             "GHI-CHU": "không đuôi"}
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    for name, text in other.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = run("ingest", str(folder), "--json", store=tmp_path / "s")
    summary = json.loads(result.stdout)
    assert summary["ingested"] == len(good) + 1
    codes = {Path(f["path"]).name: f["error"][:6] for f in summary["failed"]}
    assert codes == {"fake.docx": "[E107]", "huong-dan.pdf": "[E107]", "hong.pdf": "[E103]"}
    assert all(str(folder / name) in f["error"] for f in summary["failed"] for name in [Path(f["path"]).name])
    skipped = {Path(f["path"]).name: f["reason"] for f in summary["skipped_files"]}
    assert set(skipped) == {*other, copy.name} and summary["skipped"] == len(skipped)
    assert skipped["gold.json"].startswith("không phải tệp văn bản (đuôi .json)")
    assert skipped["GHI-CHU"].startswith("không phải tệp văn bản (tệp không có đuôi)")
    assert skipped[copy.name].startswith("đã có trong kho: cùng nội dung với văn bản ")
    notice = json.loads(run("extract", str(folder / "thong-bao.doc"), "--json").stdout)
    assert notice["format"] == "txt" and any(".doc" in w for w in notice["warnings"])
    again = json.loads(run("ingest", str(folder), "--json", store=tmp_path / "s").stdout)
    assert again["ingested"] == 0 and again["skipped"] == len(good) + 1 + len(skipped)


EXPECTED_CHECKS = json.loads((ROOT / "corpus" / "gold" / "checks.json").read_text(encoding="utf-8"))


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def checked(store) -> dict[tuple[str, str], list[dict]]:
    pairs = json.loads(run("check", "--json", store=store).stdout)["pairs"]
    return {(p["parent"], p["child"]): p["items"] for p in pairs}


@pytest.mark.parametrize("expected", EXPECTED_CHECKS["pairs"], ids=lambda p: f'{p["parent"]}->{p["child"]}')
def test_the_check_finds_every_planted_inconsistency_and_no_false_alarm(checked, expected):
    """Extraction and checks together, from the files: the demo's promise."""
    items = checked[(expected["parent"], expected["child"])]
    found = {(i["status"], _squash(i["parent_target"]["sentence"])) for i in items if i["status"] != "ok"}
    planted = [e for e in expected["items"] if e["status"] != "ok"]
    missed = [(e["status"], e["parent_text"]) for e in planted
              if not any(s == e["status"] and _squash(e["parent_text"]) in sentence for s, sentence in found)]
    alarms = [i["message"] for i in items if i["status"] != "ok"]
    assert missed == []
    assert len(alarms) == len(planted), f"alarms nobody planted among: {alarms}"


def test_the_check_flags_the_short_district_totals(checked):
    flagged = {(parent, i["indicator"]) for (parent, _), items in checked.items()
               for i in items if i["status"] == "sum_short"}
    assert len(flagged) == len([s for s in EXPECTED_CHECKS["sums"] if s["status"] == "sum_short"])
