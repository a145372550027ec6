"""Follow-through on hand-built documents of the fictional tỉnh Lạc Giang: which reports count, which
target each result measures, where each target stands, and who has (not) a plan in the store."""

from __future__ import annotations

import pytest

from tests.checks.lacgiang import MemoryStore
from tests.checks.progress_docs import plan, report, resolution
from vanban.checks.progress import run_progress
from vanban.errors import NotFoundError
from vanban.model import Result, Target

def statuses(progress) -> dict[str, str]:
    return {t.indicator: t.status for t in progress.targets}


def test_a_target_without_a_report_has_no_report():
    progress = run_progress(MemoryStore([resolution()]), "12-NQ/TU")
    assert set(statuses(progress).values()) == {"no_report"}
    assert progress.reports == [] and progress.results_unlinked == []


def test_values_at_above_and_below_their_targets_after_the_deadline():
    late = report("90-BC/TU", "2026-01-20", [
        ("Tỷ lệ che phủ rừng đạt 55%.", "tỷ lệ che phủ rừng", 55, "%", "2025"),
        ("Tỷ lệ dân số tham gia bảo hiểm y tế đạt 96,2%.", "tỷ lệ dân số tham gia bảo hiểm y tế", 96.2, "%", "2025"),
        ("Tỷ lệ hộ nghèo còn 3,4%.", "tỷ lệ hộ nghèo", 3.4, "%", "2025"),
    ])
    got = statuses(run_progress(MemoryStore([resolution(), late]), "12-NQ/TU"))
    assert got["tỷ lệ che phủ rừng"] == "achieved"
    assert got["tỷ lệ dân số tham gia bảo hiểm y tế"] == "exceeded"
    assert got["tỷ lệ hộ nghèo"] == "behind"  # less is better: 3,4% is above the ceiling, and 2025 is over


def test_a_cumulative_target_is_on_track_when_its_share_keeps_pace_with_the_period():
    mid = report("45-BC/TU", "2023-07-10", [
        ("Giai đoạn 2021-2023, toàn tỉnh trồng mới 6.200 ha rừng tập trung.", "trồng mới rừng tập trung", 6200, "ha",
         "2023-06")])
    progress = run_progress(MemoryStore([resolution(), mid]), "12-NQ/TU")
    forest = next(t for t in progress.targets if t.indicator == "trồng mới rừng tập trung")
    assert forest.cumulative and forest.status == "on_track"  # 62% done with 50% of 2021-2025 gone
    assert "62%" in forest.reason and "đã qua" in forest.reason


def test_a_cumulative_target_falls_behind_when_the_period_runs_ahead_of_it():
    late = report("80-BC/TU", "2025-10-01", [
        ("Từ năm 2021 đến hết tháng 9/2025, toàn tỉnh trồng mới 8.100 ha rừng tập trung.", "trồng mới rừng tập trung",
         8100, "ha", "2025-09")])
    forest = next(t for t in run_progress(MemoryStore([resolution(), late]), "12-NQ/TU").targets
                  if t.indicator == "trồng mới rừng tập trung")
    assert forest.status == "behind"  # 81% done with 95% of the period gone


def test_a_level_target_keeps_pace_from_the_resolutions_own_baseline():
    mid = report("45-BC/TU", "2023-07-10", [("Tỷ lệ che phủ rừng đạt 53,1%.", "tỷ lệ che phủ rừng", 53.1, "%", "2023-06")])
    cover = next(t for t in run_progress(MemoryStore([resolution(), mid]), "12-NQ/TU").targets
                 if t.indicator == "tỷ lệ che phủ rừng")
    assert cover.status == "on_track"  # 62% of the way from 50% (2020) to 55%, half the period gone
    assert "mức gốc 50" in cover.reason


def test_the_texts_own_assessment_is_shown_beside_the_computed_one_when_they_differ():
    said = report("90-BC/TU", "2026-01-20", [("Tỷ lệ hộ nghèo còn 3,4%, cơ bản đạt chỉ tiêu.", "tỷ lệ hộ nghèo", 3.4, "%",
                                              "2025")], assessment="achieved", assessment_text="đạt chỉ tiêu")
    poverty = next(t for t in run_progress(MemoryStore([resolution(), said]), "12-NQ/TU").targets
                   if t.indicator == "tỷ lệ hộ nghèo")
    assert (poverty.status, poverty.stated) == ("behind", "achieved")


def test_a_districts_figures_are_shown_on_the_provinces_timeline_but_do_not_set_its_status():
    district = report("30-BC/HU", "2024-01-05", [("Tỷ lệ che phủ rừng của huyện đạt 61%.", "tỷ lệ che phủ rừng", 61, "%",
                                                  "2023")], issuer="Huyện ủy Khe Mơ", level="district")
    cover = next(t for t in run_progress(MemoryStore([resolution(), district]), "12-NQ/TU").targets
                 if t.indicator == "tỷ lệ che phủ rừng")
    assert [v.value for v in cover.results] == [61]
    assert cover.status == "no_report"


def test_a_result_measuring_no_target_is_listed_unlinked_and_task_counts_as_such():
    other = report("45-BC/TU", "2023-07-10", [
        ("Toàn tỉnh có 214 hợp tác xã nông nghiệp.", "hợp tác xã nông nghiệp", 214, "hợp tác xã", "2023"),
        ("Đã hoàn thành 15/21 nhiệm vụ đến hạn.", "nhiệm vụ đến hạn", 15, "nhiệm vụ", "2023"),
    ])
    other.results[1].of = 21.0
    progress = run_progress(MemoryStore([resolution(), other]), "12-NQ/TU")
    assert [v.value for v in progress.results_unlinked] == [214]
    assert [(t.done, t.total, t.unit) for t in progress.tasks] == [(15, 21, "nhiệm vụ")]


def test_a_plan_citing_the_resolution_is_no_report_on_it():
    kh = plan("21-KH/HU", "Huyện ủy Khe Mơ", "2021-04-20")
    kh.results = [Result("tỷ lệ che phủ rừng", 47.0, None, None, "%", "2020", "", "stated_in_text_only", "",
                         "indicator_result", "47%", 0, 2, "Năm 2020 tỷ lệ che phủ rừng đạt 47%.")]
    progress = run_progress(MemoryStore([resolution(), kh]), "12-NQ/TU")
    assert progress.reports == []


def test_coverage_names_plans_in_time_and_late_and_units_with_no_plan_in_the_store():
    on_time = plan("21-KH/HU", "Huyện ủy Khe Mơ", "2021-04-20")
    late = plan("08-KH/HU", "Huyện ủy Suối Hoa", "2021-05-12")
    bloc = report("05-BC/ĐUK", "2022-12-01", [("Đảng bộ Khối đã kết nạp 90 đảng viên.", "kết nạp đảng viên", 90,
                                               "đảng viên", "2022")], issuer="Đảng ủy Khối các cơ quan tỉnh",
                  level="district")
    coverage = run_progress(MemoryStore([resolution(), on_time, late, bloc]), "12-NQ/TU").coverage
    assert coverage.deadline == "2021-04-30"
    assert [(i.number, i.on_time) for i in coverage.implemented_by] == [("21-KH/HU", True), ("08-KH/HU", False)]
    assert [u.unit for u in coverage.expected] == ["Các huyện ủy, đảng ủy trực thuộc Tỉnh ủy",
                                                   "Ban cán sự đảng Ủy ban nhân dân tỉnh"]
    missing = {m.unit: (m.level, m.note) for m in coverage.missing}
    assert missing == {"Đảng ủy Khối các cơ quan tỉnh": ("district", "chưa có trong kho"),
                       "Ban cán sự đảng Ủy ban nhân dân tỉnh": ("province", "chưa có trong kho")}


def test_a_bloc_committees_figures_are_its_own_part():
    bloc = report("05-BC/ĐUK", "2022-12-01", [("Tỷ lệ che phủ rừng đạt 70%.", "tỷ lệ che phủ rừng", 70, "%", "2022")],
                  issuer="Đảng ủy Khối các cơ quan tỉnh", level="province")
    cover = next(t for t in run_progress(MemoryStore([resolution(), bloc]), "12-NQ/TU").targets
                 if t.indicator == "tỷ lệ che phủ rừng")
    assert cover.results[0].scope == "Đảng ủy Khối các cơ quan tỉnh" and cover.status == "no_report"


def test_an_unknown_parent_is_a_clear_error():
    with pytest.raises(NotFoundError):
        run_progress(MemoryStore([resolution()]), "99-NQ/TU")


def test_a_real_provinces_districts_without_a_plan_come_from_the_table_of_units():
    text = ("TỈNH ỦY YÊN BÁI\nSố 40-NQ/TU\nNGHỊ QUYẾT về phát triển quế\n"
            "Các huyện ủy, thị ủy, thành ủy xây dựng kế hoạch thực hiện, hoàn thành trước ngày 30/6/2021.\n")
    from tests.checks.progress_docs import _doc
    from vanban.model import Reference

    nq = _doc(text, kind="nghi_quyet", number="40-NQ/TU", issuer="Tỉnh ủy Yên Bái", level="province",
              date="2021-04-02", place="Yên Bái")
    kh = _doc("HUYỆN ỦY VĂN CHẤN\nSố 12-KH/HU\nKẾ HOẠCH thực hiện Nghị quyết số 40-NQ/TU\n", kind="ke_hoach",
              number="12-KH/HU", issuer="Huyện ủy Văn Chấn", level="district", date="2021-05-02",
              title="thực hiện Nghị quyết số 40-NQ/TU")
    kh.references = [Reference("40-NQ/TU", "40-NQ/TU", 0, 8, relation="thực hiện")]
    missing = [m.unit for m in run_progress(MemoryStore([nq, kh]), "40-NQ/TU").coverage.missing]
    assert "Huyện Trấn Yên" in missing and "Thị xã Nghĩa Lộ" in missing
    assert not any("Văn Chấn" in unit for unit in missing)  # its plan is in the store


def test_a_brief_report_phrase_inside_a_long_target_is_no_link():
    nq = resolution()
    at = nq.text.index("Tỷ lệ che phủ rừng đạt 55%")
    nq.targets.append(Target("tỷ lệ doanh nghiệp tham gia các khóa học về khoa học, công nghệ và đổi mới sáng tạo",
                             40, None, "%", ">=", "2025", "x", at, at + 1))
    courses = report("45-BC/TU", "2023-07-10", [("Đã có 64% cán bộ tham gia các khoá học.", "tham gia các khoá học",
                                                 64, "%", "2023")])
    progress = run_progress(MemoryStore([nq, courses]), "12-NQ/TU")
    assert [v.value for v in progress.results_unlinked] == [64]
