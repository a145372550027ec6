"""Follow-through on the team's corpus (tỉnh Lam Giang), read by the real extractors from the files users
ingest: the reports on 15-NQ/TU give values above, on and below its targets, a cumulative target on
track and then behind, late plans, and a bloc committee with no plan in the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vanban.checks.progress import run_progress
from vanban.extractors import extract
from vanban.search.sqlite import SqliteStore

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def extracted() -> dict[str, object]:
    return {p.stem: extract(str(p)) for p in sorted((CORPUS / "documents").iterdir()) if p.is_file()}


def store_of(tmp_path, docs) -> SqliteStore:
    store = SqliteStore(tmp_path / "kho")
    store.add(list(docs))
    return store


def by_indicator(progress) -> dict[str, object]:
    return {(t.indicator, t.target.deadline): t for t in progress.targets}


@pytest.mark.parametrize("stem", ["nq15_tu_lamgiang", "bc145_tu_lamgiang", "bc210_tu_lamgiang", "bc36_duk_lamgiang",
                                  "tin_binhlam_2022", "kh12_hu_ngockhe", "kh08_hu_vanlinh", "kh21_hu_binhlam",
                                  "kh05_du_ngocthuong", "ct09_tu_lamgiang"])
def test_every_result_the_gold_lists_is_read_and_nothing_else(stem):
    # the source text, so that what is measured is the reading of results, not a format's layout
    # (the PDF of 145-BC/TU keeps its page-2 running head inside a sentence)
    results = extract(str(CORPUS / "src" / f"{stem}.txt")).results
    gold = json.loads((CORPUS / "gold" / f"{stem}.json").read_text(encoding="utf-8"))["results"]
    got = [(r.value, r.of) for r in results]
    assert sorted(got, key=str) == sorted([(g["value"], g["of"]) for g in gold], key=str)
    for g in gold:
        r = next(r for r in results if (r.value, r.of) == (g["value"], g["of"]))
        assert r.unit == g["unit"]
        if g["as_of"]:
            assert r.as_of == g["as_of"], g
        assert r.scope == g.get("scope", "")


def test_every_status_on_the_resolution_after_the_final_report(extracted, tmp_path):
    with store_of(tmp_path, extracted.values()) as store:
        progress = run_progress(store, "15-NQ/TU")
    t = by_indicator(progress)
    assert t[("tỷ lệ che phủ rừng", "2025")].status == "achieved"  # 55% of 55%
    assert t[("tỷ lệ dân số tham gia bảo hiểm y tế", "2025")].status == "exceeded"  # 96,4% of > 95%
    assert t[("trồng mới rừng tập trung", "2025")].status == "exceeded"  # 12.600 of 12.000 ha, a total
    water = t[("tỷ lệ dân cư nông thôn được sử dụng nước sạch đạt quy chuẩn", "2025")]
    assert water.status == "behind" and [v.value for v in water.results] == [41.0, 48.3, 57.5]
    members = t[("kết nạp đảng viên mới", "2025")]
    assert members.cumulative and members.status == "behind"  # 91,3% with 95% of 2021-2025 gone
    income = t[("thu nhập bình quân đầu người ở khu vực nông thôn", "2025")]
    assert (income.status, income.stated) == ("on_track", "behind")  # the report says "chưa đạt chỉ tiêu"
    assert t[("GRDP bình quân đầu người", "2025")].status == "no_report"
    assert [(x.done, x.total) for x in progress.tasks if x.unit == "nhiệm vụ"] == [(19, 24)]


def test_the_cumulative_target_was_on_track_at_mid_term(extracted, tmp_path):
    mid_term = [d for stem, d in extracted.items() if stem != "bc210_tu_lamgiang"]
    with store_of(tmp_path, mid_term) as store:
        members = by_indicator(run_progress(store, "15-NQ/TU"))[("kết nạp đảng viên mới", "2025")]
    assert members.status == "on_track"  # 3.514 = 58,6% of the target with 58% of the period gone
    parts = [(v.value, v.scope) for v in members.results if v.scope]
    assert (1296.0, "huyện Ngọc Khê") in parts
    assert any("khối các cơ quan tỉnh" in s.lower() for _, s in parts)  # a bloc committee reports its own part


def test_late_plans_and_a_unit_with_no_plan_in_the_store(extracted, tmp_path):
    with store_of(tmp_path, extracted.values()) as store:
        coverage = run_progress(store, "15-NQ/TU").coverage
    assert coverage.deadline == "2021-04-30"
    assert [(i.number, i.on_time) for i in coverage.implemented_by] == [
        ("12-KH/HU", True), ("08-KH/HU", False), ("21-KH/HU", False)]
    missing = {m.unit.upper().replace(" TỈNH LAM GIANG", ""): m.note for m in coverage.missing}
    assert missing["ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"] == "chưa có trong kho"
    assert missing["BAN CÁN SỰ ĐẢNG ỦY BAN NHÂN DÂN TỈNH"] == "chưa có trong kho"
    assert not any("NGỌC KHÊ" in unit or "VÂN LĨNH" in unit for unit in missing)
