"""What people and programs read: the JSON contract, the Markdown report, the terminal summary."""

import json

from tests.checks.lacgiang import MemoryStore, ben_may_plan, lac_giang, resolution_15, tan_khe_plan
from vanban.checks import render_markdown, render_summary, run_checks
from vanban.model import to_dict


def test_results_serialise_to_the_check_contract():
    data = json.loads(json.dumps({"pairs": to_dict(run_checks(lac_giang()))}))
    pair = data["pairs"][0]
    assert {"parent", "child", "items", "parent_id", "child_id"} <= set(pair)
    item = pair["items"][0]
    assert {"indicator", "status", "parent_target", "child_target", "message"} <= set(item)
    assert item["parent_target"]["sentence"]
    assert {p["parent"] for p in data["pairs"]} == {"15-NQ/TU", "08-KH/HU"}


def test_the_markdown_report_groups_by_parent_then_district_with_both_sentences_and_pages():
    store = lac_giang()
    report = render_markdown(run_checks(store, parent="15-NQ/TU"), store)
    assert report.count("\n## ") == 1 and "## 15-NQ/TU: Nghị quyết về phát triển" in report
    assert "### Huyện ủy Tân Khê — 12-KH/HU" in report and "### Huyện ủy Bến Mây — 08-KH/HU" in report
    assert "> 15-NQ/TU, p. 2: «Đến năm 2025, tỷ lệ che phủ rừng đạt 62%.»" in report
    assert "> 12-KH/HU, p. 1: «Tốc độ tăng trưởng kinh tế bình quân khoảng 6,5-7%/năm.»" in report
    assert "### Totals over the plans 05-KH/HU, 08-KH/HU, 12-KH/HU" in report
    assert 'Linked: cites "Nghị quyết số 15-NQ/TU" with "triển khai".' in report
    assert report.index("Huyện ủy Đồng Sơn") < report.index("Huyện ủy Bến Mây") < report.index("Huyện ủy Tân Khê")


def test_the_summary_shows_only_inconsistencies_with_their_evidence_and_counts():
    store = MemoryStore([resolution_15(), tan_khe_plan()])
    summary = render_summary(run_checks(store))
    first = summary.splitlines()[0]
    assert "1 pair " in first and "weaker 3" in first and "missing 1" in first and "later_deadline 1" in first
    assert "[weaker]" in summary and "[ok]" not in summary
    assert "parent: «Tỷ lệ hộ nghèo giảm còn dưới 1,5%.»" in summary
    assert "child: «Tỷ lệ hộ nghèo giảm còn dưới 2%.»" in summary


def test_a_consistent_store_summarises_to_no_inconsistency():
    summary = render_summary(run_checks(MemoryStore([resolution_15(), ben_may_plan()])))
    assert "ok 7" in summary and "No inconsistency found." in summary


def test_an_empty_store_renders_an_empty_report():
    assert "No document in the store implements another one." in render_markdown([], MemoryStore())
    assert "No inconsistency found." in render_summary([])


def test_a_pair_named_by_the_user_says_so_in_the_report():
    store = lac_giang()
    report = render_markdown(run_checks(store, parent="15-NQ/TU", child="21-BC/TU"), store)
    assert "Linked: paired by the user." in report
