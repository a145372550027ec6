"""What /checks says about an item: the status worded for a floor, a ceiling or a rank, and the
explanation in Vietnamese (built from the item's fields, never the English message)."""

from __future__ import annotations

import pytest

from vanban.model import CheckItem, Target
from vanban.web.check_text import explain, status_label


def target(indicator: str, value: float, unit: str, comparator: str, deadline: str = "2025") -> Target:
    return Target(indicator, value, None, unit, comparator, deadline, f"{indicator} {value}", 0, 0)


def item(status: str, parent: Target, child: Target | None, message: str = "") -> CheckItem:
    return CheckItem(parent.indicator, status, parent, child, message or f"{status}: …")


def test_a_child_above_a_ceiling_reads_cao_hon_muc_tran():
    ceiling = item("weaker", target("tỷ lệ hộ nghèo", 3, "%", "<"), target("tỷ lệ hộ nghèo", 4, "%", "<"))
    assert status_label(ceiling) == "Cao hơn mức trần"
    assert explain(ceiling, "15-NQ/TU", "21-KH/HU") == "21-KH/HU đặt < 4% đến năm 2025, cao hơn mức trần < 3% đến năm 2025 của 15-NQ/TU."


def test_a_child_below_a_floor_reads_thap_hon_cap_tren():
    floor = item("weaker", target("tỷ lệ che phủ rừng", 48, "%", ">="), target("tỷ lệ che phủ rừng", 45, "%", ">="))
    assert status_label(floor) == "Thấp hơn cấp trên"
    assert explain(floor, "15-NQ/TU", "21-KH/HU") == ("21-KH/HU đặt ≥ 45% đến năm 2025, thấp hơn mức ≥ 48% đến năm 2025 "
                                                      "của 15-NQ/TU.")


def test_a_worse_place_in_a_ranking_reads_thu_hang_thap_hon():
    rank = item("weaker", target("thứ hạng chỉ số năng lực cạnh tranh cấp tỉnh", 10, "", "<="),
                target("thứ hạng chỉ số năng lực cạnh tranh cấp tỉnh", 15, "", "<="))
    assert status_label(rank) == "Thứ hạng thấp hơn cấp trên"


@pytest.mark.parametrize("status, english, vietnamese", [
    ("missing", "Không có chỉ tiêu: … không có trong 21-KH/HU; không chỉ tiêu nào của kế hoạch gần giống",
     "21-KH/HU không có chỉ tiêu “tỷ lệ che phủ rừng” mà 15-NQ/TU đặt ra (≥ 48% đến năm 2025)."),
    ("ok", "Đạt: …; một bên không nêu đơn vị, coi như cùng đơn vị (khớp: cùng chỉ tiêu)",
     "21-KH/HU đặt ≥ 50% đến năm 2025, không kém mức ≥ 48% đến năm 2025 của 15-NQ/TU. Lưu ý: một bên không "
     "ghi đơn vị, hai con số được coi là cùng đơn vị."),
])
def test_every_explanation_is_vietnamese(status, english, vietnamese):
    parent = target("tỷ lệ che phủ rừng", 48, "%", ">=")
    child = None if status == "missing" else target("tỷ lệ che phủ rừng", 50, "%", ">=")
    assert explain(item(status, parent, child, english), "15-NQ/TU", "21-KH/HU") == vietnamese


def test_a_sum_short_of_the_parent_names_the_addition():
    parent = target("diện tích trồng rừng mới", 1000, "ha", ">=")
    short = item("sum_short", parent, None, 'Tổng chưa đủ: "diện tích trồng rừng mới": 21-KH/HU 300 + 09-KH/HU 400 = '
                 "700 ha, chưa đủ so với ≥ 1.000 ha đến năm 2025 của 15-NQ/TU (2 trong 2 kế hoạch cùng cấp có nêu "
                 "chỉ tiêu này)")
    assert explain(short, "15-NQ/TU", "") == ("Cộng chỉ tiêu của các kế hoạch: 21-KH/HU 300 + 09-KH/HU 400 = 700 ha, "
                                              "chưa đủ mức ≥ 1.000 ha đến năm 2025 của 15-NQ/TU.")


def test_a_target_that_does_not_apply_says_why():
    national = CheckItem("số doanh nghiệp công nghệ số", "not_applicable",
                         target("số doanh nghiệp công nghệ số", 100000, "doanh nghiệp", ">=", "2030"), None,
                         "not_applicable: …", reason="national_scope")
    assert status_label(national) == "Không áp dụng"
    assert explain(national, "57-NQ/TW", "21-KH/HU") == (
        "Chỉ tiêu “số doanh nghiệp công nghệ số” (≥ 100.000 doanh nghiệp đến năm 2030) không áp dụng cho "
        "21-KH/HU: chỉ tiêu của cả nước.")
