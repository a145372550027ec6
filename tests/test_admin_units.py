"""The dated table of administrative units: which province holds a place on a given day."""

import pytest

from vanban.admin_units import find_unit, is_province_city, province_of, units_of


@pytest.mark.parametrize("place, as_of, province", [
    ("Văn Chấn", "2021-04-20", "Yên Bái"),  # a district of the former province, in its day
    ("huyện Văn Chấn", None, "Lào Cai"),  # the same district, placed under today's province
    ("Tỉnh Yên Bái", "2024", "Yên Bái"),
    ("Yên Bái", "2025-07-01", "Lào Cai"),  # the day the 34 provinces began
    ("Yên Bái", "2025-06-30", "Yên Bái"),
    ("Hà Tĩnh", None, "Hà Tĩnh"),  # a province that kept its name
    ("Hoà Bình", None, "Phú Thọ"),  # a former province; the old placement of the tone mark too
    ("thành phố Vinh", "2023", "Nghệ An"),  # a city inside a province was a district-level unit
    ("đặc khu Phú Quốc", None, "An Giang"),  # special zones are communes of today
    ("Bà Rịa - Vũng Tàu", "2020", "Bà Rịa - Vũng Tàu"),
    ("Bà Rịa-Vũng Tàu", None, "Hồ Chí Minh"),
    ("tỉnh Thừa Thiên Huế", "2022", "Huế"),  # renamed when it became a city
])
def test_the_province_of_a_place_on_a_day(place, as_of, province):
    assert province_of(place, as_of) == province


def test_names_shared_by_several_provinces_need_a_province_to_settle():
    assert province_of("Châu Thành", "2020") is None  # a district of ten provinces
    assert province_of("Châu Thành", "2020", within="Tây Ninh") == "Tây Ninh"
    assert province_of("xã Hòa Bình") is None  # a commune name of several provinces


def test_unknown_places_and_bare_numbers_are_not_placed():
    assert province_of("Lạc Giang") is None  # the team corpus's invented province
    assert province_of("12") is None
    assert find_unit("Phường 12", "2020") is None  # one in each of several districts' cities


def test_the_units_under_a_province_on_a_day():
    before = units_of("Yên Bái", "2022-01-01")
    assert {u.level for u in before} == {"district"}
    assert "Huyện Văn Chấn" in {u.name for u in before}
    after = units_of("Lào Cai", "2025-09-01")
    assert {u.level for u in after} == {"commune"}
    assert {u.kind for u in after} <= {"xã", "phường", "đặc khu"}
    assert len(after) > len(units_of("Lào Cai", "2024-01-01"))  # two former provinces' communes
    assert units_of("Yên Bái", "2025-09-01") == []  # no longer a province
    assert units_of("Lạc Giang") == []


def test_a_unit_knows_its_province_then_and_now():
    unit = find_unit("huyện Văn Chấn", "2021")
    assert (unit.name, unit.kind, unit.level, unit.province, unit.today) == (
        "Huyện Văn Chấn", "huyện", "district", "Yên Bái", "Lào Cai")


def test_province_level_cities():
    assert is_province_city("Hà Nội") and is_province_city("Huế") and is_province_city("Hải Phòng")
    assert not is_province_city("Vinh")
