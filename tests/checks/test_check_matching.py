"""Which phrasings name the same indicator, and which units measure the same thing."""

import pytest

from vanban.checks.indicators import direction, match
from vanban.checks.units import compatible, in_base, parse_unit


@pytest.mark.parametrize("parent, child", [
    ("Tốc độ tăng trưởng kinh tế (GRDP) bình quân", "Tăng trưởng GRDP bình quân hằng năm"),
    ("Tốc độ tăng trưởng kinh tế", "Tốc độ tăng GRDP"),
    ("Tỷ lệ che phủ rừng", "Độ che phủ rừng"),
    ("Kết nạp mới đảng viên", "Số đảng viên mới được kết nạp"),
    ("Thu nhập bình quân đầu người", "Thu nhập bình quân/người"),
    ("Tổng thu ngân sách nhà nước trên địa bàn", "Thu ngân sách"),
    ("Tỷ lệ hộ nghèo", "Tỷ lệ hộ nghèo đa chiều"),
    ("Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều", "Tỷ lệ hộ nghèo"),
    ("Số xã đạt chuẩn nông thôn mới", "Số xã đạt chuẩn nông thôn mới trên địa bàn huyện"),
    ("TỶ LỆ CHE PHỦ RỪNG", "tỷ lệ che phủ rừng"),
    ("Tỷ lệ trẻ em suy dinh dưỡng giảm xuống không quá", "Tỷ lệ trẻ em suy dinh dưỡng không quá"),
])
def test_phrasings_of_one_indicator_match(parent, child):
    assert match(parent, child) is not None


@pytest.mark.parametrize("parent, child", [
    ("Thu nhập bình quân đầu người", "GRDP bình quân đầu người"),
    ("Số xã đạt chuẩn nông thôn mới", "Số xã đạt chuẩn nông thôn mới nâng cao"),
    ("Tỷ lệ hộ nghèo", "Giảm tỷ lệ hộ nghèo bình quân"),
    ("Tổng thu ngân sách nhà nước", "Thu ngân sách tăng bình quân"),
    ("Tổng số đảng viên", "Kết nạp đảng viên mới"),
    ("Tỷ lệ che phủ rừng", "Tỷ lệ hộ nghèo"),
    ("Tốc độ tăng trưởng kinh tế", "Tỷ trọng kinh tế số trong GRDP"),
    ("Tỷ lệ trường học đạt chuẩn quốc gia", "Tỷ lệ xã đạt chuẩn quốc gia về y tế"),
    ("Tỷ lệ lao động qua đào tạo", "Tỷ lệ lao động nông nghiệp"),
])
def test_different_quantities_do_not_match(parent, child):
    assert match(parent, child) is None


def test_each_match_says_why():
    assert match("Tỷ lệ che phủ rừng", "Tỷ lệ che phủ rừng").reason == "cùng chỉ tiêu"
    assert "GRDP" in match("Tốc độ tăng trưởng kinh tế", "Tăng trưởng GRDP").reason
    similar = match("Tỷ lệ hộ nghèo", "Tỷ lệ hộ nghèo đa chiều")
    assert similar.score < 1 and "chỉ cấp dưới: chieu da" in similar.reason


def test_money_converts_across_scale_words():
    ty, trieu = parse_unit("tỷ đồng"), parse_unit("triệu đồng")
    assert compatible(ty, trieu)
    assert in_base(0.08, ty) == pytest.approx(in_base(80, trieu))
    assert in_base(1, parse_unit("nghìn tỷ đồng")) == pytest.approx(1e12)


@pytest.mark.parametrize("a, b", [
    ("%", "%/năm"), ("người", "đảng viên"), ("chi bộ", "tổ chức cơ sở đảng"), ("ha", "héc-ta"),
    ("km2", "ha"), ("triệu đồng/người/năm", "triệu đồng/người"), ("xã", "xã"), ("", "%"),
])
def test_units_of_one_family_compare(a, b):
    assert compatible(parse_unit(a), parse_unit(b))


@pytest.mark.parametrize("a, b", [
    ("%", "người"), ("đảng viên", "chi bộ"), ("tỷ đồng", "USD"), ("ha", "km"),
    ("triệu đồng", "triệu đồng/người"), ("xã", "hộ"),
])
def test_units_of_different_families_do_not(a, b):
    assert not compatible(parse_unit(a), parse_unit(b))


def test_rates_and_per_person_amounts_are_not_summable_counts():
    assert parse_unit("đảng viên").absolute and parse_unit("tỷ đồng").absolute
    assert not parse_unit("%/năm").absolute and not parse_unit("triệu đồng/người").absolute


@pytest.mark.parametrize("indicator, comparator, text, sign", [
    ("Tỷ lệ che phủ rừng", ">=", "trên 60%", 1),
    ("Tỷ lệ hộ nghèo", "<=", "dưới 2%", -1),
    ("Tỷ lệ hộ nghèo", "=", "giảm còn 1,5%", -1),
    ("Tỷ lệ trẻ em suy dinh dưỡng", "=", "giảm xuống 15%", -1),
    ("Tỷ lệ hộ nghèo giảm bình quân", "=", "giảm bình quân 1%/năm", 1),
    ("Tỷ lệ thất nghiệp ở khu vực thành thị", "=", "3%", -1),
    ("Thu nhập bình quân đầu người", "=", "80 triệu đồng", 1),
])
def test_direction_comes_from_the_comparator_then_the_words(indicator, comparator, text, sign):
    assert direction(indicator, comparator, text)[0] == sign
