"""When a target is due: its own year, then the lead-in of its section, then the document's period."""

import pytest

from vanban.extractors.nlp.horizons import doc_period


def deadlines(document):
    return [(t.value, t.deadline) for t in document.targets]


def test_a_vision_section_ends_at_the_next_section_of_its_rank(analyse):
    text = ("NGHỊ QUYẾT\nvề phát triển du lịch tỉnh Lạc Giang\n\n"
            "II. MỤC TIÊU\n1. Đến năm 2030\n- Đón ít nhất 5 triệu lượt khách.\n"
            "2. Tầm nhìn đến năm 2045\nDu lịch chiếm tối thiểu 20% GRDP.\n\n"
            "III. NHIỆM VỤ, GIẢI PHÁP\n1. Phát triển sản phẩm\nBố trí ít nhất 2% chi ngân sách tỉnh cho quảng bá du lịch.\n")
    assert deadlines(analyse(text)) == [(5.0, "2030"), (20.0, "2045"), (2.0, "")]


def test_each_value_takes_the_year_right_after_it(analyse):
    document = analyse("Nghị quyết đề ra: nâng tổng vốn cho nghiên cứu đạt 1% GRDP vào năm 2026, trên 1,5% GRDP "
                       "vào năm 2028 và khoảng 2% GRDP vào năm 2030.")
    assert deadlines(document) == [(1.0, "2026"), (1.5, "2028"), (2.0, "2030")]


def test_a_horizon_opening_a_paragraph_dates_its_later_sentences(analyse):
    text = ("NGHỊ QUYẾT\nvề bảo vệ môi trường tỉnh Lạc Giang\n\nII. MỤC TIÊU\n"
            "Đến năm 2030, tỷ lệ hộ dùng nước sạch đạt 95%. Tỷ lệ chất thải rắn được thu gom đạt 90%.\n\n"
            "Tỷ lệ che phủ rừng đạt 45%.\n")
    assert deadlines(analyse(text)) == [(95.0, "2030"), (90.0, "2030"), (45.0, "")]


def test_a_heading_cut_by_a_line_break_still_announces_its_goals(analyse):
    text = ("4. Các\nchỉ tiêu cụ thể đến năm 2030\n\n"
            "a) Trên 80% trạm y tế xã có bác sĩ làm việc.\n\nb) 100% trường học có tủ thuốc.\n")
    assert deadlines(analyse(text)) == [(80.0, "2030"), (100.0, "2030")]


def test_a_yearly_target_keeps_its_period(analyse):
    document = analyse("KẾ HOẠCH\nphát triển đảng viên giai đoạn 2026 - 2030\n\n"
                       "Mục tiêu: mỗi năm kết nạp ít nhất 120 đảng viên mới.")
    (target,) = document.targets
    assert (target.deadline, target.period) == ("2030", {"start": "2026", "end": "2030"})
    assert document.doc.period == {"start": "2026", "end": "2030"}


@pytest.mark.parametrize("title, term, text, period", [
    ("Kế hoạch chuyển đổi số giai đoạn 2026 - 2030", "", "", {"start": "2026", "end": "2030"}),
    ("Nghị quyết về chuyển đổi số đến năm 2030, tầm nhìn đến năm 2045", "", "", {"start": "2025", "end": "2030"}),
    ("Nghị quyết về nhiệm vụ phát triển kinh tế - xã hội năm 2027", "", "", {"start": "2027", "end": "2027"}),
    ("Nghị quyết Đại hội Đảng bộ huyện", "2025-2030", "", {"start": "2025", "end": "2030"}),
    ("Kế hoạch thực hiện Chương trình", "", "3. Thời gian thực hiện\nTừ năm 2026 đến hết năm 2028.",
     {"start": "2026", "end": "2028"}),
    ("Kế hoạch thực hiện Chỉ thị số 27/CT-TTg ngày 15 tháng 8 năm 2024", "", "", None),
])
def test_the_period_a_document_plans_for(title, term, text, period):
    assert doc_period(title, term, text, 2025) == period


def test_numbers_that_only_qualify_or_report_are_no_targets(analyse):
    text = ("II. MỤC TIÊU ĐẾN NĂM 2030\n"
            "- Có ít nhất 3 trường đại học thuộc nhóm 200 trường hàng đầu châu Á.\n"
            "- Thành lập khu bảo tồn tại 04 xã: Mây Hạ, Tân Khê, Đồng Sơn.\n"
            "- Chỉ số hài lòng của người dân duy trì trên 0,8.\n"
            "Năm 2025, tỷ lệ tiêm chủng đạt 97%, vượt kế hoạch đề ra.\n")
    document = analyse(text)
    assert [(t.value, t.comparator, t.unit) for t in document.targets] == [
        (3.0, ">=", "trường đại học"), (0.8, ">=", "")]
    assert "nhóm 200 trường hàng đầu châu Á" in document.targets[0].indicator
