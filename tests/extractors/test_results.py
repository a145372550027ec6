"""Reported results: what a report says was reached, never what it wants, forecasts or assigns.

Every text here is invented by the team (tỉnh Lạc Giang does not exist)."""

from __future__ import annotations

import pytest

HEAD = "TỈNH ỦY LẠC GIANG\n*\nSố 88-BC/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nLạc Giang, ngày 20 tháng 12 năm 2024\n\nBÁO CÁO\n{title}\n-----\n\n"


def report(body: str, title: str = "kết quả thực hiện Nghị quyết số 12-NQ/TU năm 2024"):
    from tests.extractors.conftest import read

    document = read(HEAD.format(title=title) + body)
    for r in document.results:
        assert document.text[r.start:r.end] == r.text, r
    return document


def values(document) -> list[float]:
    return [r.value for r in document.results]


def test_a_value_reached_is_a_result_with_its_indicator_date_and_the_texts_share_of_the_target():
    doc = report("I. KẾT QUẢ THỰC HIỆN\nTừ năm 2021 đến hết tháng 11/2024, toàn Đảng bộ đã kết nạp 2.140 đảng viên mới, "
                 "đạt 71,3% chỉ tiêu Nghị quyết.\n")
    members, share = doc.results
    assert (members.value, members.unit, members.indicator) == (2140.0, "đảng viên", "kết nạp đảng viên mới")
    assert (members.as_of, members.cumulative) == ("2024-11", True)
    assert members.share_of_target == 71.3 and members.assessment_text == "đạt 71,3% chỉ tiêu"
    assert (share.value, share.unit, share.share_of_target, share.indicator) == (71.3, "%", 71.3, "kết nạp đảng viên mới")
    assert not doc.targets  # reported values are not targets


def test_a_requirement_and_its_result_in_one_sentence_are_told_apart():
    doc = report("I. KẾT QUẢ THỰC HIỆN\nTỷ lệ hộ dân dùng điện lưới an toàn phải đạt 98% trong năm 2024 "
                 "(đến nay mới đạt 91,2%).\n")
    assert values(doc) == [91.2]
    result = doc.results[0]
    assert result.assessment == "behind" and result.assessment_text == "mới đạt"
    assert result.indicator == "tỷ lệ hộ dân dùng điện lưới an toàn"  # the measure the requirement names
    assert result.as_of == "2024-12-20"  # "đến nay": the report's own date
    assert [t.value for t in doc.targets] == [98.0]


@pytest.mark.parametrize("sentence", [
    "Năm 2025, toàn tỉnh phấn đấu đạt 65% số xã có nhà văn hóa đạt chuẩn.",
    "Dự kiến đến cuối năm, tổng thu ngân sách đạt 7.200 tỷ đồng.",
    "Phấn đấu giải ngân đạt 100% kế hoạch vốn đầu tư công được giao.",
    "Sở Nông nghiệp chủ trì xây dựng 14 trạm quan trắc mặn, hoàn thành trước ngày 30/6/2025.",
    "Các huyện ủy nghiên cứu, quán triệt Kết luận số 21-KL/TU trong quý I năm 2025.",
    "Mỗi chi bộ lựa chọn ít nhất 02 quần chúng ưu tú để bồi dưỡng.",
])
def test_targets_forecasts_tasks_deadlines_and_document_numbers_are_not_results(sentence):
    assert values(report("II. NHIỆM VỤ, GIẢI PHÁP NĂM 2025\n" + sentence + "\n")) == []


def test_under_a_heading_of_tasks_only_a_firm_cue_reports_a_value():
    doc = report("II. NHIỆM VỤ NĂM 2025\n1. Nâng tỷ lệ che phủ rừng lên 54%; hiện nay tỷ lệ này đã đạt 52,6%.\n")
    assert values(doc) == [52.6]


@pytest.mark.parametrize("sentence, as_of", [
    ("Tổng thu ngân sách 9 tháng năm 2024 ước đạt 5.310 tỷ đồng.", "2024-09"),
    ("Lũy kế 10 tháng, kim ngạch xuất khẩu đạt 412 triệu USD.", "2024-10"),
    ("Đến hết năm 2023, toàn tỉnh có 48 xã đạt chuẩn nông thôn mới.", "2023"),
    ("Quý III/2024, tỷ lệ hồ sơ giải quyết đúng hạn đạt 97,4%.", "2024-09"),
    ("Năm 2023, thu nhập bình quân đầu người đạt 51,6 triệu đồng.", "2023"),
])
def test_the_date_a_value_stands_at(sentence, as_of):
    doc = report("I. KẾT QUẢ ĐẠT ĐƯỢC\n" + sentence + "\n")
    assert [r.as_of for r in doc.results] == [as_of]


@pytest.mark.parametrize("sentence, assessment", [
    ("Kim ngạch xuất khẩu đạt 612 triệu USD, vượt kế hoạch năm.", "exceeded"),
    ("Thu ngân sách đạt 4.120 tỷ đồng, bằng 104,2% dự toán.", "exceeded"),
    ("Tỷ lệ lao động qua đào tạo đạt 61%, chưa đạt chỉ tiêu.", "behind"),
    ("Tỷ lệ che phủ rừng đạt 53%, đạt chỉ tiêu đề ra.", "achieved"),
    ("Tỷ lệ dân số có thẻ bảo hiểm y tế đạt 92,8%.", "stated_in_text_only"),
])
def test_the_texts_own_assessment(sentence, assessment):
    doc = report("I. KẾT QUẢ ĐẠT ĐƯỢC\n" + sentence + "\n")
    assert doc.results[0].assessment == assessment


def test_a_plan_reports_results_only_in_its_review_part():
    from tests.extractors.conftest import read

    plan = read("HUYỆN ỦY SÔNG CHU\n*\nSố 31-KH/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nSông Chu, ngày 4 tháng 5 năm 2021\n\n"
                "KẾ HOẠCH\nthực hiện Nghị quyết số 12-NQ/TU\n-----\n\n"
                "I. KẾT QUẢ THỰC HIỆN GIAI ĐOẠN 2016-2020\nĐến cuối năm 2020, tỷ lệ che phủ rừng của huyện đạt 48,5%.\n\n"
                "II. CHỈ TIÊU ĐẾN NĂM 2025\n- Tỷ lệ che phủ rừng đạt 52%.\n")
    assert [(r.value, r.as_of) for r in plan.results] == [(48.5, "2020")]
    assert [t.value for t in plan.targets] == [52.0]


def test_counts_of_tasks_plans_issued_and_a_districts_part_are_kinds_and_scopes():
    doc = report("I. KẾT QUẢ THỰC HIỆN\nĐến nay, có 28/30 xã đã ban hành kế hoạch thực hiện Nghị quyết; "
                 "toàn tỉnh đã hoàn thành 41/57 nhiệm vụ. Năm 2024, toàn tỉnh kết nạp 930 đảng viên mới, "
                 "trong đó huyện Khe Mơ kết nạp 214 đảng viên.\n")
    kinds = {(r.value, r.of): (r.kind, r.scope) for r in doc.results}
    assert kinds[(28.0, 30.0)] == ("plans_issued", "")
    assert kinds[(41.0, 57.0)] == ("task_completion", "")
    assert kinds[(930.0, None)] == ("indicator_result", "")
    assert kinds[(214.0, None)] == ("indicator_result", "huyện Khe Mơ")


def test_items_under_a_lead_in_report_what_it_reports():
    doc = report("I. KẾT QUẢ THỰC HIỆN\nĐến nay đã mở 6 lớp bồi dưỡng với 1.240 lượt học viên, gồm:\n"
                 "1. Lớp cho bí thư chi bộ:\n410 lượt học viên.\n2. Lớp cho đảng viên mới: 830 lượt học viên.\n")
    assert values(doc) == [6.0, 1240.0, 410.0, 830.0]


def test_a_rank_reached_is_a_result_where_an_ordinal_is_not():
    doc = report("I. KẾT QUẢ THỰC HIỆN\nNăm 2024, tỷ lệ hồ sơ giải quyết trực tuyến đạt 61,5%; chỉ số cải cách "
                 "hành chính của tỉnh đã vươn lên vị trí thứ 07/34. Hội nghị lần thứ 5 Ban Chấp hành đã thông qua "
                 "báo cáo.\n")
    assert [(r.value, r.of, r.unit) for r in doc.results] == [(61.5, None, "%"), (7.0, 34.0, "thứ hạng")]
