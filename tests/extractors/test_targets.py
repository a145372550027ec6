"""Targets (chỉ tiêu): indicator, comparator, value, unit and deadline, with the sentence as evidence."""

import pytest


def targets(document):
    return [(t.comparator, t.value, t.value_max, t.unit, t.deadline) for t in document.targets]


@pytest.mark.parametrize("words, comparator", [
    ("đạt trên", ">="), ("đạt từ", ">="), ("ít nhất", ">="), ("không dưới", ">="), ("tối thiểu", ">="),
    ("dưới", "<="), ("không quá", "<="), ("tối đa", "<="), ("đạt", "="), ("khoảng", "="), ("", "="),
])
def test_comparators(analyse, words, comparator):
    document = analyse(f"Phấn đấu đến năm 2025, tỷ lệ hộ nghèo {words} 2%.".replace("  ", " "))
    assert targets(document) == [(comparator, 2.0, None, "%", "2025")]


def test_tro_len_after_the_value(analyse):
    document = analyse("Mục tiêu: tốc độ tăng trưởng GRDP từ 8% trở lên so với năm 2020.")
    assert [(t.comparator, t.value) for t in document.targets] == [(">=", 8.0)]


def test_approximate_targets(analyse):
    document = analyse("Phấn đấu đến năm 2030 kinh tế số chiếm khoảng 30% GRDP và gần 40% lao động qua đào tạo.")
    assert [(t.comparator, t.value, t.approx) for t in document.targets] == [("=", 30.0, True), ("<=", 40.0, True)]


def test_several_targets_in_one_sentence_with_their_own_deadlines(analyse):
    text = ("Tỉnh Lạc Giang đặt mục tiêu đến năm 2025, kinh tế số phải đạt 20% GRDP và đến năm 2030, "
            "kinh tế số phải đạt 30% GRDP của tỉnh.")
    document = analyse(text)
    assert targets(document) == [("=", 20.0, None, "%", "2025"), ("=", 30.0, None, "%", "2030")]
    assert [t.indicator for t in document.targets] == ["kinh tế số", "kinh tế số"]
    assert all(t.sentence == text for t in document.targets)


def test_a_list_after_a_goal_lead_in_with_the_term_as_deadline(analyse):
    text = ("Đại hội Đảng bộ huyện Bến Mây nhiệm kỳ 2020-2025 đề ra 12 chỉ tiêu chủ yếu: tổng giá trị sản xuất "
            "đạt 5.100 tỷ đồng; thu nhập bình quân đầu người 60 triệu đồng/năm; thành lập mới 150 doanh "
            "nghiệp và 12 hợp tác xã; tỷ lệ kết nạp đảng viên mới bình quân hằng năm 3%.")
    document = analyse(text)
    assert targets(document) == [
        ("=", 5100.0, None, "tỷ đồng", "2025"), ("=", 60.0, None, "triệu đồng/năm", "2025"),
        ("=", 150.0, None, "doanh nghiệp", "2025"), ("=", 12.0, None, "hợp tác xã", "2025"),
        ("=", 3.0, None, "%", "2025")]
    indicators = [t.indicator for t in document.targets]
    assert indicators[0] == "tổng giá trị sản xuất"
    assert indicators[1] == "thu nhập bình quân đầu người"
    assert indicators[4] == "tỷ lệ kết nạp đảng viên mới bình quân hằng năm"
    assert [f.unit for f in document.figures] == ["chỉ tiêu chủ yếu"]


def test_bullet_list_by_year(analyse):
    text = ("Ngày 18/3/2022, UBND huyện Bến Mây ban hành kế hoạch chuyển đổi số.\n"
            "Số xã hoàn thành chuyển đổi số theo từng năm, cụ thể như sau:\n"
            "- Năm 2022: 4 xã.\n- Năm 2023: 6 xã.\n- Năm 2024: 7 xã.\n")
    document = analyse(text)
    assert targets(document) == [("=", 4.0, None, "xã", "2022"), ("=", 6.0, None, "xã", "2023"),
                                 ("=", 7.0, None, "xã", "2024")]
    assert document.targets[0].indicator == "số xã hoàn thành chuyển đổi số"


def test_deadline_from_the_governing_heading(analyse):
    text = ("I. MỤC TIÊU ĐẾN NĂM 2025\n"
            "1. Chỉ tiêu cụ thể\n"
            "- Tỷ lệ hồ sơ giải quyết trực tuyến đạt ít nhất 80%.\n"
            "- Tỷ lệ hộ gia đình có cáp quang đạt trên 90%.\n")
    assert targets(analyse(text)) == [(">=", 80.0, None, "%", "2025"), (">=", 90.0, None, "%", "2025")]


def test_a_lead_in_with_a_horizon_dates_its_bullets(analyse):
    text = ("KẾ HOẠCH\nthực hiện Nghị quyết số 07-NQ/TU của Tỉnh ủy Lạc Giang\n\n"
            "Chỉ tiêu đến năm 2025:\n"
            "- Năng suất lao động tăng bình quân 5%/năm.\n"
            "- Tỷ lệ đô thị hóa đạt 36%.\n")
    assert targets(analyse(text)) == [("=", 5.0, None, "%/năm", "2025"), ("=", 36.0, None, "%", "2025")]


def test_range_targets(analyse):
    document = analyse("Nghị quyết đề ra mục tiêu mỗi năm kết nạp từ 90 - 100 đảng viên, tăng trưởng 6,5-7%.")
    assert targets(document) == [("=", 90.0, 100.0, "đảng viên", ""), ("=", 6.5, 7.0, "%", "")]


def test_results_are_figures_not_targets(analyse):
    text = ("Trong nhiệm kỳ 2015-2020, huyện đã kết nạp 5.742 đảng viên, đạt 16/18 chỉ tiêu Nghị quyết; "
            "thu nhập bình quân năm 2020 ước đạt 50,1 triệu đồng.")
    document = analyse(text)
    assert document.targets == []
    assert [f.value for f in document.figures] == [5742.0, 16.0, 50.1]


def test_a_passed_horizon_is_no_goal(analyse):
    text = ("Khai mạc Đại hội Đảng bộ tỉnh Lạc Giang\n\n13/10/2020\n\n"
            "Đến cuối năm 2020, tỷ lệ hộ nghèo toàn tỉnh còn 3,1%.")
    assert analyse(text).targets == []


def test_target_fields_for_checks(analyse):
    document = analyse("Phấn đấu đến năm 2025 tỷ lệ kết nạp\nđảng viên mới đạt 3%.")
    target = document.targets[0]
    assert target.indicator == "tỷ lệ kết nạp đảng viên mới"
    assert target.page == 1
    assert target.sentence == "Phấn đấu đến năm 2025 tỷ lệ kết nạp đảng viên mới đạt 3%."


def test_numbered_targets_under_a_heading_with_the_term(analyse):
    text = ("II. MỤC TIÊU, CHỈ TIÊU NHIỆM KỲ 2020 - 2025\n"
            "2. Các chỉ tiêu chủ yếu\n"
            "(1) Thu nhập bình quân đầu người đạt trên 70 triệu đồng.\n"
            "(2) Hằng năm kết nạp từ 250 đảng viên trở lên.\n"
            "III. NHIỆM VỤ, GIẢI PHÁP\n"
            "Tập trung thực hiện 3 khâu đột phá.\n")
    document = analyse(text)
    assert targets(document) == [(">=", 70.0, None, "triệu đồng", "2025"), (">=", 250.0, None, "đảng viên", "2025")]
    assert [t.indicator for t in document.targets] == ["thu nhập bình quân đầu người",
                                                      "kết nạp đảng viên"]
    assert [(f.value, f.unit) for f in document.figures] == [(3.0, "khâu đột phá")]


def test_a_report_section_holds_figures_only(analyse):
    text = ("I. ĐÁNH GIÁ KẾT QUẢ NHIỆM KỲ 2015 - 2020\n"
            "Tốc độ tăng trưởng kinh tế bình quân đạt 8,2%/năm; 14/20 xã đạt chuẩn nông thôn mới.\n")
    document = analyse(text)
    assert document.targets == []
    assert [(f.value, f.of, f.unit) for f in document.figures] == [(8.2, None, "%/năm"), (14.0, 20.0, "xã")]


def test_news_mixing_results_and_goals(analyse):
    text = ("Huyện Bến Mây vượt chỉ tiêu phát triển đảng viên\nThứ Tư, 10/01/2024\n"
            "Năm 2023, huyện Bến Mây kết nạp 320 đảng viên, vượt 6,7% chỉ tiêu. Năm 2024, huyện phấn đấu kết nạp "
            "350 đảng viên. Kế hoạch số 15-KH/HU của Ban Thường vụ Huyện ủy đã đề ra mục tiêu đến năm 2025 có "
            "100% thôn có đảng viên.\n")
    document = analyse(text)
    assert targets(document) == [("=", 350.0, None, "đảng viên", "2024"), ("=", 100.0, None, "%", "2025")]
    assert [(f.value, f.unit) for f in document.figures] == [(320.0, "đảng viên"), (6.7, "%")]


def test_an_indicator_runs_across_a_wrapped_line_but_not_into_the_next_bullet(analyse):
    text = ("II. CHỈ TIÊU ĐẾN NĂM 2025\n"
            "- Có ít nhất 75% số xã đạt chuẩn nông thôn mới, trong đó tối thiểu 20 xã đạt\n"
            "chuẩn nông thôn mới nâng cao.\n"
            "- Kết nạp ít nhất 600 đảng viên mới.\n")
    document = analyse(text)
    assert [t.indicator for t in document.targets] == [
        "số xã đạt chuẩn nông thôn mới", "xã đạt chuẩn nông thôn mới nâng cao", "kết nạp đảng viên mới"]
    assert targets(document)[1] == (">=", 20.0, None, "xã", "2025")


def test_a_heading_with_a_horizon_ahead_governs_its_section(analyse):
    text = ("HUYỆN ỦY BẾN MÂY\n*\nSố 21-KH/HU\nBến Mây, ngày 18 tháng 5 năm 2021\nKẾ HOẠCH\nphát triển chè\n"
            "III. ĐỊNH HƯỚNG ĐẾN NĂM 2030\nTỷ lệ che phủ rừng 60%, thu nhập bình quân đầu người 90 triệu đồng.\n"
            "IV. ĐÁNH GIÁ GIAI ĐOẠN 2016 - 2020\nTỷ lệ che phủ rừng 52%.\n")
    document = analyse(text)
    assert targets(document) == [("=", 60.0, None, "%", "2030"), ("=", 90.0, None, "triệu đồng", "2030")]
    assert [(f.value, f.unit) for f in document.figures] == [(52.0, "%")]


def test_a_line_wrapped_before_an_acronym_stays_one_sentence(analyse):
    text = "1. Mục tiêu tổng quát\nPhấn đấu tốc độ tăng trưởng\nGRDP từ 11% trở lên so với năm 2020.\n"
    document = analyse(text)
    assert targets(document) == [(">=", 11.0, None, "%", "")]
    assert document.targets[0].indicator == "tốc độ tăng trưởng GRDP"


def test_a_district_target_names_its_indicator_as_the_province_does(analyse):
    province = analyse("II. CHỈ TIÊU ĐẾN NĂM 2025\n- Tỷ lệ lao động qua đào tạo đạt 70%.\n"
                       "- Thu nhập bình quân đầu người ở khu vực nông thôn đạt trên 60 triệu đồng/năm.\n")
    district = analyse("Phấn đấu đến năm 2025: tỷ lệ lao động qua đào tạo đạt 72%; thu nhập bình quân đầu người "
                       "ở khu vực nông thôn đạt trên 62 triệu đồng/năm.")
    assert [t.indicator for t in province.targets] == [t.indicator for t in district.targets] == [
        "tỷ lệ lao động qua đào tạo", "thu nhập bình quân đầu người ở khu vực nông thôn"]


def test_a_clause_without_indicator_words_continues_the_subject_of_its_sentence(analyse):
    text = ("II. CHỈ TIÊU ĐẾN NĂM 2025\n"
            "- Tỷ lệ hộ cận nghèo giảm bình quân 1%/năm; đến năm 2025 còn dưới 5%.\n"
            "- Giá trị sản xuất công nghiệp tăng bình quân 9%/năm; năm 2025 đạt 12.000 tỷ đồng.\n")
    document = analyse(text)
    assert [(t.indicator, t.value, t.unit) for t in document.targets] == [
        ("tỷ lệ hộ cận nghèo giảm bình quân", 1.0, "%/năm"), ("tỷ lệ hộ cận nghèo", 5.0, "%"),
        ("giá trị sản xuất công nghiệp tăng bình quân", 9.0, "%/năm"),
        ("giá trị sản xuất công nghiệp", 12000.0, "tỷ đồng")]


@pytest.mark.parametrize("line, indicator", [
    ("Hằng năm có trên 85% chi bộ được kiểm tra, giám sát việc chấp hành Điều lệ Đảng.",
     "chi bộ được kiểm tra, giám sát việc chấp hành Điều lệ Đảng"),
    ("Phấn đấu có 95% hội viên nông dân được tập huấn, chuyển giao kỹ thuật.",
     "hội viên nông dân được tập huấn, chuyển giao kỹ thuật"),
    ("100% bản, khu phố có nhà văn hóa.", "bản, khu phố có nhà văn hóa"),
    ("100% trường học có nhà vệ sinh đạt chuẩn, không còn phòng học tạm.", "trường học có nhà vệ sinh đạt chuẩn"),
    ("Kết nạp ít nhất 120 đảng viên mới mỗi năm.", "kết nạp đảng viên mới"),
])
def test_after_framing_words_the_indicator_is_what_follows_the_value_to_the_end_of_its_clause(
        analyse, line, indicator):
    document = analyse(f"II. CHỈ TIÊU ĐẾN NĂM 2025\n- {line}\n")
    assert [t.indicator for t in document.targets] == [indicator]
    target = document.targets[0]
    assert document.text[target.start:target.end].rstrip(".").endswith(indicator.split()[-1])


def test_a_comma_inside_the_indicator_is_not_the_end_of_a_lead_in(analyse):
    document = analyse("Đến năm 2027, tỷ lệ nước thải đô thị được thu gom, xử lý đạt ít nhất 50%.")
    assert [(t.indicator, t.comparator, t.value, t.deadline) for t in document.targets] == [
        ("tỷ lệ nước thải đô thị được thu gom, xử lý", ">=", 50.0, "2027")]


def test_a_numbered_item_wrapped_before_a_number_stays_one_sentence(analyse):
    text = ("III. NHIỆM VỤ NĂM 2024\n"
            "2. Năm 2024, toàn tỉnh phấn đấu kết nạp ít nhất 900 đảng viên mới, trồng mới\n"
            "1.500 ha rừng gỗ lớn và có thêm ít nhất 4 xã đạt chuẩn nông thôn mới.\n")
    document = analyse(text)
    assert [(t.indicator, t.value, t.deadline) for t in document.targets] == [
        ("kết nạp đảng viên mới", 900.0, "2024"), ("trồng mới rừng gỗ lớn", 1500.0, "2024"),
        ("có thêm xã đạt chuẩn nông thôn mới", 4.0, "2024")]


def test_a_horizon_after_the_value_is_the_deadline_not_part_of_the_indicator(analyse):
    document = analyse("Mục tiêu của tỉnh Lạc Giang: kinh tế số chiếm 15% GRDP và khoảng 25% GRDP vào năm 2030.")
    assert [(t.indicator, t.value) for t in document.targets] == [("kinh tế số", 15.0), ("kinh tế số", 25.0)]
    assert document.targets[1].deadline == "2030"


def test_a_place_in_a_league_table_is_a_ceiling_on_the_rank(analyse):
    doc = analyse("Phấn đấu đến năm 2030, chỉ số năng lực cạnh tranh cấp tỉnh (PCI) xếp thứ 10/34 tỉnh, thành phố.")
    (target,) = doc.targets
    assert (target.indicator, target.value, target.unit, target.comparator, target.deadline) == (
        "chỉ số năng lực cạnh tranh cấp tỉnh (PCI)", 10.0, "thứ hạng", "<=", "2030")
