"""Figures: Vietnamese numbers with the unit as written."""

import pytest


def figures(document):
    return [(f.value, f.of, f.value_max, f.unit) for f in document.figures]


@pytest.mark.parametrize("sentence, figure", [
    ("Toàn huyện đã kết nạp 1.299 đảng viên.", (1299.0, None, None, "đảng viên")),
    ("Tỷ lệ hộ dùng nước sạch đạt 97,9%.", (97.9, None, None, "%")),
    ("Đã tổ chức 06 hội nghị.", (6.0, None, None, "hội nghị")),
    ("Tổng thu ngân sách đạt 4.343 tỉ đồng.", (4343.0, None, None, "tỉ đồng")),
    ("Kim ngạch xuất khẩu đạt 1.044 triệu USD.", (1044.0, None, None, "triệu USD")),
    ("Sản lượng lương thực đạt 58 nghìn tấn.", (58.0, None, None, "nghìn tấn")),
    ("Đảng bộ có hơn 33 nghìn đảng viên.", (33.0, None, None, "nghìn đảng viên")),
    ("Nâng cấp 120 km đường giao thông nông thôn.", (120.0, None, None, "km")),
    ("Tăng trưởng bình quân 7,2%/năm.", (7.2, None, None, "%/năm")),
    ("Thu nhập bình quân đạt 50,1 triệu đồng/người/năm.", (50.1, None, None, "triệu đồng/người/năm")),
    ("Hoàn thành 16/18 chỉ tiêu.", (16.0, 18.0, None, "chỉ tiêu")),
    ("Tổng thu ngân sách 42.999/28.000 tỷ đồng.", (42999.0, 28000.0, None, "tỷ đồng")),
    ("Tốc độ tăng trưởng 6,5-7%.", (6.5, None, 7.0, "%")),
    ("Tốc độ tăng trưởng 6,5 – 7%.", (6.5, None, 7.0, "%")),
])
def test_numbers_and_units(analyse, sentence, figure):
    assert figures(analyse(sentence)) == [figure]


def test_a_unit_stops_where_the_sentence_goes_on(analyse):
    document = analyse("Huyện có 21/21 đảng bộ trực thuộc Huyện ủy đã hoàn thành đại hội; kết nạp 146 đảng viên mới.")
    assert figures(document) == [(21.0, 21.0, None, "đảng bộ trực thuộc Huyện ủy"), (146.0, None, None, "đảng viên")]


def test_a_unit_can_list_kinds_of_units(analyse):
    document = analyse("Đã có 94 xã, phường, thị trấn hoàn thành chuyển đổi số.")
    assert figures(document) == [(94.0, None, None, "xã, phường, thị trấn")]


def test_approximate_values(analyse):
    document = analyse("Hội nghị có gần 200 đại biểu và khoảng 30 khách mời.")
    assert [(f.value, f.approx, f.text) for f in document.figures] == [(200.0, True, "gần 200 đại biểu"),
                                                                     (30.0, True, "khoảng 30 khách mời")]


def test_awkward_whitespace_inside_the_sentence(analyse):
    document = analyse("Toàn tỉnh có 236 đại\nbiểu và\u00a0120\u00a0đảng viên dự.")
    assert [(f.value, f.unit) for f in document.figures] == [(236.0, "đại biểu"), (120.0, "đảng viên")]


def test_numbers_that_are_not_quantities(analyse):
    text = ("1. Hội nghị lần thứ 2 Ban Chấp hành khóa XVI, Kỳ họp thứ 10, Điều 3, Phụ lục 1 kèm theo; "
            "phòng, chống COVID-19; phủ sóng 4G; 02/11/2020 | 05:06 GMT+7; Nghị quyết số 20.")
    assert figures(analyse(text)) == []


@pytest.mark.parametrize("sentence, figure", [
    ("Năm 2020, tỉnh Lạc Giang đứng thứ\n04/34 tỉnh, thành phố về chỉ số chuyển đổi số.", (4.0, 34.0, None, "thứ hạng")),
    ("Chỉ số PCI năm 2023 xếp thứ 9 cả nước.", (9.0, None, None, "thứ hạng")),
    ("Chỉ số PAPI vươn lên vị trí thứ 12/63.", (12.0, 63.0, None, "thứ hạng")),
    ("Chỉ số hài lòng của người dân xếp hạng 15/63 tỉnh, thành phố.", (15.0, 63.0, None, "thứ hạng")),
])
def test_a_place_in_a_league_table_is_a_rank_not_an_ordinal(analyse, sentence, figure):
    assert figures(analyse(sentence)) == [figure]


def test_targets_are_not_repeated_as_figures(analyse):
    document = analyse("Phấn đấu đến năm 2025 tỷ lệ che phủ rừng đạt 55%. Năm 2020 tỷ lệ này đã đạt 50%.")
    assert [t.value for t in document.targets] == [55.0]
    assert figures(document) == [(50.0, None, None, "%")]


def test_years_without_a_date_cue_are_not_quantities(analyse):
    assert figures(analyse("Kế hoạch 2024 của Huyện ủy Bến Mây; các năm 2021 đến 2025 có 5 đợt.")) == [
        (5.0, None, None, "đợt")]


def test_a_year_at_the_end_of_a_line_is_no_range_with_the_bullet_below(analyse):
    document = analyse("KẾ HOẠCH NĂM 2025\n- 100 hộ gia đình ở xã Lạc Sơn được hỗ trợ nhà ở.\n")
    assert [(f.value, f.value_max, f.unit) for f in document.figures + document.targets] == [
        (100.0, None, "hộ gia đình")]
