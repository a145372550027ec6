"""`vanban progress --parent NUMBER_OR_ID [--json]`: the contract of DESIGN.md section 4."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vanban.cli import main
from vanban.extractors import extract
from vanban.search.sqlite import SqliteStore

SRC = Path(__file__).resolve().parents[1] / "corpus" / "src"
CONTRACT_TARGET = {"indicator", "target", "status", "results"}
CONTRACT_VALUE = {"value", "of", "unit", "as_of", "assessment", "source", "source_id", "sentence", "page"}
ASSESSMENTS = {"achieved", "exceeded", "behind", "on_track", "stated_in_text_only", "unknown"}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kho")
    with SqliteStore(folder) as store:
        store.add([extract(str(SRC / f"{stem}.txt")) for stem in
                   ("nq15_tu_lamgiang", "kh12_hu_ngockhe", "kh08_hu_vanlinh", "bc145_tu_lamgiang", "bc36_duk_lamgiang")])
    return folder


def test_the_json_is_the_contracts_shape(store_dir, capsys):
    assert main(["--store", str(store_dir), "progress", "--parent", "15 - NQ/TU", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"parent", "parent_id", "targets", "results_unlinked", "tasks", "coverage"} <= set(data)
    assert data["parent"] == "15-NQ/TU" and len(data["parent_id"]) == 64
    for t in data["targets"]:
        assert CONTRACT_TARGET <= set(t)
        assert t["status"] in {"achieved", "exceeded", "on_track", "behind", "no_report"}
        assert {"indicator", "value", "value_max", "unit", "comparator", "deadline", "text", "start", "end"} <= set(t["target"])
        for v in t["results"]:
            assert CONTRACT_VALUE <= set(v) and v["assessment"] in ASSESSMENTS
    for v in data["results_unlinked"]:
        assert CONTRACT_VALUE <= set(v)
    assert all({"done", "total", "as_of", "source_id", "sentence"} <= set(t) for t in data["tasks"])
    cov = data["coverage"]
    assert all({"id", "number", "issuer", "level", "date", "on_time"} <= set(i) for i in cov["implemented_by"])
    assert all({"unit", "level", "sentence"} <= set(u) for u in cov["expected"])
    assert all({"unit", "level"} <= set(m) for m in cov["missing"])
    assert [(i["number"], i["on_time"]) for i in cov["implemented_by"]] == [("12-KH/HU", True), ("08-KH/HU", False)]
    members = next(t for t in data["targets"] if t["indicator"] == "kết nạp đảng viên mới")
    assert members["status"] == "on_track"
    assert [v["source"] for v in members["results"]][:2] == ["36-BC/ĐUK", "145-BC/TU"]  # oldest first


def test_the_terminal_view_is_in_vietnamese(store_dir, capsys):
    assert main(["--store", str(store_dir), "progress", "--parent", "15-NQ/TU"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Tiến độ thực hiện 15-NQ/TU — 25 chỉ tiêu:")
    assert "[Đúng tiến độ] kết nạp đảng viên mới" in out and "chưa có trong kho" in out


def test_an_unknown_parent_exits_2_with_one_line(store_dir, capsys):
    assert main(["--store", str(store_dir), "progress", "--parent", "99-NQ/TU"]) == 2
    err = capsys.readouterr().err
    assert "99-NQ/TU" in err and len(err.strip().splitlines()) == 1
