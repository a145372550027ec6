"""What people and programs read: the JSON contract, the Markdown report, the terminal summary."""

import json

from tests.checks.lacgiang import (
    PROVINCE, MemoryStore, Said, ben_may_plan, lac_giang, plan, resolution_15, tan_khe_plan,
)
from vanban.checks import render_markdown, render_summary, run_checks
from vanban.cli import main
from vanban.model import to_dict
from vanban.search.sqlite import SqliteStore
from vanban.vocab import status_label

OK, WEAKER, LATER, MISSING = (status_label(s) for s in ("ok", "weaker", "later_deadline", "missing"))


def test_results_serialise_to_the_check_contract():
    data = json.loads(json.dumps({"pairs": to_dict(run_checks(lac_giang()))}))
    pair = data["pairs"][0]
    assert {"parent", "child", "items", "parent_id", "child_id"} <= set(pair)
    item = pair["items"][0]
    assert {"indicator", "status", "reason", "parent_target", "child_target", "message"} <= set(item)
    assert item["parent_target"]["sentence"]
    assert {p["parent"] for p in data["pairs"]} == {"15-NQ/TU", "08-KH/HU"}


def test_the_markdown_report_groups_by_parent_then_district_with_both_sentences_and_pages():
    store = lac_giang()
    report = render_markdown(run_checks(store, parent="15-NQ/TU"), store)
    assert report.count("\n## ") == 1 and "## 15-NQ/TU: Nghị quyết về phát triển" in report
    assert "### Huyện ủy Tân Khê — 12-KH/HU" in report and "### Huyện ủy Bến Mây — 08-KH/HU" in report
    assert "> 15-NQ/TU, tr. 2: «Đến năm 2025, tỷ lệ che phủ rừng đạt 62%.»" in report
    assert "> 12-KH/HU, tr. 1: «Tốc độ tăng trưởng kinh tế bình quân khoảng 6,5-7%/năm.»" in report
    assert "### Tổng các kế hoạch 05-KH/HU, 08-KH/HU, 12-KH/HU" in report
    assert 'Căn cứ liên kết: dẫn "Nghị quyết số 15-NQ/TU" với "triển khai".' in report
    assert report.index("Huyện ủy Đồng Sơn") < report.index("Huyện ủy Bến Mây") < report.index("Huyện ủy Tân Khê")


def test_the_summary_shows_only_inconsistencies_with_their_evidence_and_counts():
    store = MemoryStore([resolution_15(), tan_khe_plan()])
    summary = render_summary(run_checks(store))
    first = summary.splitlines()[0]
    assert "1 cặp văn bản " in first and f"{WEAKER} 3" in first and f"{MISSING} 1" in first
    assert f"{LATER} 1" in first
    assert "[weaker]" in summary and "[ok]" not in summary
    assert f"[weaker] {WEAKER}:" not in summary  # the tag says the status once
    assert "cấp trên: «Tỷ lệ hộ nghèo giảm còn dưới 1,5%.»" in summary
    assert "cấp dưới: «Tỷ lệ hộ nghèo giảm còn dưới 2%.»" in summary


def test_a_consistent_store_summarises_to_no_inconsistency():
    summary = render_summary(run_checks(MemoryStore([resolution_15(), ben_may_plan()])))
    assert f"{OK} 7" in summary and "Không phát hiện điểm không thống nhất." in summary


def test_an_empty_store_renders_an_empty_report():
    assert "Không có văn bản nào trong kho thực hiện một văn bản khác." in render_markdown([], MemoryStore())
    assert "Không phát hiện điểm không thống nhất." in render_summary([])


def test_a_pair_named_by_the_user_says_so_in_the_report():
    store = lac_giang()
    report = render_markdown(run_checks(store, parent="15-NQ/TU", child="21-BC/TU"), store)
    assert "Căn cứ liên kết: do người dùng ghép cặp." in report


def test_the_summary_gives_each_pair_one_line_of_counts_by_status():
    lines = render_summary(run_checks(lac_giang())).splitlines()
    pair_lines = [line.split() for line in lines[2:7]]
    assert [" ".join(words[:3]) for words in pair_lines] == [
        "08-KH/HU → 03-KH/ĐU", "15-NQ/TU → 05-KH/HU", "15-NQ/TU → 08-KH/HU", "15-NQ/TU → 12-KH/HU",
        "15-NQ/TU → tổng"]
    assert lines[2].endswith(f"{OK} 2, {MISSING} 5")
    assert lines[4].endswith(f"{OK} 7")
    assert lines[5].endswith(f"{OK} 2, {WEAKER} 3, {LATER} 1, {MISSING} 1")
    assert lines[6].endswith(f"tổng của 05-KH/HU, 08-KH/HU, 12-KH/HU  {status_label('sum_short')} 1")


def test_the_summary_folds_missing_indicators_into_one_line_per_pair():
    summary = render_summary(run_checks(lac_giang()))
    assert "[missing]" not in summary and "«Có 25 xã đạt chuẩn nông thôn mới.»" not in summary
    assert "Thiếu trong các kế hoạch (7; `vanban check --all` liệt kê từng chỉ tiêu với câu văn):" in summary
    assert ('  08-KH/HU → 03-KH/ĐU: "Tăng trưởng kinh tế bình quân hằng năm", "Thu nhập bình quân đầu người", '
            '"Tỷ lệ hộ nghèo" …và 2 chỉ tiêu khác\n') in summary
    assert '  15-NQ/TU → 12-KH/HU: "Tỷ lệ che phủ rừng"\n' in summary
    # What needs action keeps its two sentences, under its pair, before the folded lines.
    action = summary.index("Cần xử lý:")
    assert action < summary.index("15-NQ/TU → 12-KH/HU\n  [weaker]") < summary.index("Thiếu trong các kế hoạch")
    assert "[unit_mismatch]" in summary and "[later_deadline]" in summary and "[sum_short]" in summary
    assert "    cấp dưới: «Có 45 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên.»" in summary


def test_folded_names_are_distinct_and_clipped():
    long_name = "Tỷ lệ thôn, bản vùng đồng bào dân tộc thiểu số có đường giao thông được cứng hóa"
    resolution = plan("20-NQ/TU", PROVINCE, "province", "Nghị quyết về phát triển vùng đồng bào dân tộc",
                      "2021-04-01", kind="nghi_quyet", said=[
                          Said(f"{long_name} đạt 90% vào năm 2025.", long_name, 90),
                          Said("Tỷ lệ hộ nghèo vùng đồng bào giảm 3%/năm đến năm 2025.", "Tỷ lệ hộ nghèo", 3,
                               "%/năm"),
                          Said("Đến năm 2030, tỷ lệ hộ nghèo vùng đồng bào còn dưới 5%.", "Tỷ lệ hộ nghèo", 5,
                               "%", "<", "2030"),
                          Said("Có 100% xã có trạm y tế đạt chuẩn.", "Xã có trạm y tế đạt chuẩn", 100),
                          Said("Có 95% trẻ em trong độ tuổi đến trường.", "Trẻ em trong độ tuổi đến trường", 95),
                      ])
    district = plan("31-KH/HU", "Huyện ủy Pá Khoang", "district", "Kế hoạch thực hiện Nghị quyết số 20-NQ/TU",
                    "2021-05-02", implements=[("20-NQ/TU", "thực hiện")])
    summary = render_summary(run_checks(MemoryStore([resolution, district])))
    assert ('  20-NQ/TU → 31-KH/HU: "Tỷ lệ thôn, bản vùng đồng bào dân tộc thiểu số…", '
            '"Tỷ lệ hộ nghèo", "Xã có trạm y tế đạt chuẩn" …và 2 chỉ tiêu khác\n') in summary


def test_every_missing_indicator_with_its_sentence_on_request():
    summary = render_summary(run_checks(lac_giang()), every_missing=True)
    assert summary.count("[missing]") == 7 and "Thiếu trong các kế hoạch" not in summary
    assert "    cấp trên: «Có 25 xã đạt chuẩn nông thôn mới.»" in summary
    assert summary.index("08-KH/HU → 03-KH/ĐU\n  [missing]") > summary.index("Các phát hiện:")


def test_vanban_check_all_prints_the_full_list_and_json_stays_the_contract(tmp_path, capsys):
    with SqliteStore(tmp_path / "kho") as store:
        store.add(list(lac_giang().documents()))
    assert main(["--store", str(tmp_path / "kho"), "check"]) == 0
    grouped = capsys.readouterr().out
    assert main(["--store", str(tmp_path / "kho"), "check", "--all"]) == 0
    full = capsys.readouterr().out
    assert grouped.count("[missing]") == 0 and full.count("[missing]") == 7
    assert main(["--store", str(tmp_path / "kho"), "check", "--json", "--all"]) == 0
    pairs = json.loads(capsys.readouterr().out)["pairs"]
    assert sum(item["status"] == "missing" for pair in pairs for item in pair["items"]) == 7
