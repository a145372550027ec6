"""Dates: every written form, normalised to YYYY-MM-DD | YYYY-MM | YYYY | YYYY-YYYY."""

import pytest


def values(document):
    return [d.value for d in document.dates]


@pytest.mark.parametrize("written, value", [
    ("ngày 28 tháng 10 năm 2022", "2022-10-28"),
    ("ngày 28/10/2022", "2022-10-28"),
    ("ngày 9-8-2019", "2019-08-09"),
    ("ngày 05.02.2022", "2022-02-05"),
    ("tháng 6 năm 2021", "2021-06"),
    ("tháng 6/2021", "2021-06"),
    ("giai đoạn 2021 – 2025", "2021-2025"),
    ("giai đoạn 2021 - 2025", "2021-2025"),
    ("nhiệm kỳ 2020-2025", "2020-2025"),
    ("(2025 — 2030)", "2025-2030"),
    ("đến năm 2030", "2030"),
    ("trong năm 2024", "2024"),
])
def test_written_forms(analyse, written, value):
    document = analyse(f"Huyện ủy Bến Mây họp {written} bàn việc chuyển đổi số.")
    assert values(document) == [value]
    assert document.dates[0].text in written


def test_dates_broken_over_lines(analyse):
    document = analyse("Căn cứ Nghị quyết số 09-NQ/TU ngày\n05/02/2022 và Luật ngày 22 tháng 11\nnăm 2019.")
    assert values(document) == ["2022-02-05", "2019-11-22"]


def test_years_inside_document_numbers_are_not_dates(analyse):
    assert values(analyse("Nghị quyết số 56/2020/NQ-HĐND của HĐND tỉnh Lạc Giang.")) == []


def test_day_month_without_a_year_is_left_out_without_a_document_date(analyse):
    assert values(analyse("Sáng ngày 8/7, Huyện ủy Bến Mây sơ kết; từ 12-14/10 diễn ra đại hội.")) == []


def test_day_month_on_the_documents_own_day_takes_its_year(analyse):
    text = "Khai mạc Đại hội Đảng bộ tỉnh Lạc Giang\n\n15:09, 13/10/2020\n\nNgày 13/10, đại hội khai mạc, kéo dài đến ngày 15/10."
    document = analyse(text)
    assert values(document) == ["2020-10-13", "2020-10-13"]
    assert document.dates[1].text == "13/10"


def test_day_month_on_another_day_is_left_out(analyse):
    text = "HUYỆN ỦY BẾN MÂY\n*\nSố 05-KH/HU\nBến Mây, ngày 20 tháng 12 năm 2023\nKẾ HOẠCH\nHoàn thành trước ngày 30/6."
    assert values(analyse(text)) == ["2023-12-20"]


def test_a_day_range_shares_its_year(analyse):
    text = "Đại hội diễn ra từ ngày 5 tháng 8 đến ngày 6 tháng 8 năm 2020."
    assert values(analyse(text)) == ["2020-08-05", "2020-08-06"]


def test_ratios_and_counts_are_not_years(analyse):
    assert values(analyse("Kết nạp 2021 đảng viên; đạt 16/18 chỉ tiêu; 1.299 hộ thoát nghèo.")) == []


def test_a_period_is_one_date_not_two_years(analyse):
    assert values(analyse("Mục tiêu giai đoạn 2021–2025, tầm nhìn 2030.")) == ["2021-2025", "2030"]


def test_a_year_closing_a_name_is_a_year(analyse):
    assert values(analyse("Căn cứ Luật Đầu tư 2020; tầm nhìn 2045.")) == ["2020", "2045"]
