"""The statuses a district plan earns against the provincial resolution, target by target."""

from tests.checks.lacgiang import (
    MemoryStore, Said, ben_may_plan, lac_giang, plan, resolution_15,
)
from vanban.checks import run_checks
from vanban.vocab import status_label


def items_of(child_number, store=None):
    results = run_checks(store or lac_giang(), parent="15-NQ/TU")
    (result,) = [r for r in results if r.child == child_number]
    return {item.indicator: item for item in result.items}


def one_target_plan(*said, level="district", deadline_title="2021-2025"):
    return plan("30-KH/HU", "Huyện ủy Bến Mây", level, f"Kế hoạch giai đoạn {deadline_title}",
                "2021-05-01", implements=[("15-NQ/TU", "thực hiện")], said=said)


def status_against_province(*said, **kw):
    child = one_target_plan(*said, **kw)
    (result,) = run_checks(MemoryStore([resolution_15(), child]), parent="15-NQ/TU", child=child.id)
    return {i.indicator: i for i in result.items}


def test_the_consistent_plan_raises_no_alarm():
    assert {i.status for i in items_of("08-KH/HU").values()} == {"ok"}


def test_a_stronger_growth_target_is_not_flagged():
    item = items_of("08-KH/HU")["Tốc độ tăng trưởng kinh tế (GRDP) bình quân"]
    assert item.status == "ok"
    assert item.child_target.value == 8 and "cách nói tương đương" in item.message


def test_a_growth_range_below_the_floor_is_weaker_on_its_lower_bound():
    item = items_of("12-KH/HU")["Tốc độ tăng trưởng kinh tế (GRDP) bình quân"]
    assert item.status == "weaker"
    assert "thấp hơn ở cận dưới" in item.message and "6,5-7%/năm" in item.message and "≥ 7%/năm" in item.message


def test_a_plan_that_omits_the_forest_cover_target_has_it_missing():
    item = items_of("12-KH/HU")["Tỷ lệ che phủ rừng"]
    assert item.status == "missing" and item.child_target is None
    assert "62%" in item.message and "12-KH/HU" in item.message


def test_a_lower_income_target_is_weaker_and_the_message_names_both_values_and_deadlines():
    item = items_of("12-KH/HU")["Thu nhập bình quân đầu người"]
    assert item.status == "weaker"
    assert "80 triệu đồng đến năm 2025" in item.message and "75 triệu đồng đến năm 2025" in item.message


def test_a_higher_poverty_ceiling_is_weaker_and_a_lower_one_is_stronger():
    assert items_of("12-KH/HU")["Tỷ lệ hộ nghèo"].status == "weaker"  # dưới 2% vs dưới 1,5%
    assert items_of("08-KH/HU")["Tỷ lệ hộ nghèo"].status == "ok"  # dưới 1%


def test_the_same_target_a_year_later_is_a_later_deadline():
    item = items_of("12-KH/HU")["Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ"]
    assert item.status == "later_deadline" and "2026" in item.message


def test_counting_party_organisations_where_a_percentage_is_asked_is_a_unit_mismatch():
    item = items_of("05-KH/HU")["Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ"]
    assert item.status == "unit_mismatch"
    assert "tỷ lệ phần trăm" in item.message and "số tổ chức đảng" in item.message


def test_income_in_ty_dong_is_converted_before_comparing():
    assert items_of("05-KH/HU")["Thu nhập bình quân đầu người"].status == "ok"  # 0,08 tỷ = 80 triệu


def test_a_yearly_cut_in_poverty_does_not_stand_in_for_the_poverty_level():
    item = items_of("05-KH/HU")["Tỷ lệ hộ nghèo"]
    assert item.status == "missing" and "giảm chỉ có ở một bên" in item.message


def test_a_district_share_of_an_absolute_target_is_not_weaker_on_its_own():
    item = items_of("12-KH/HU")["Kết nạp mới đảng viên"]
    assert item.status == "ok" and "phần của kế hoạch trong tổng số" in item.message


def test_at_the_same_level_an_absolute_target_is_compared_directly():
    items = status_against_province(
        Said("Kết nạp 4.000 đảng viên mới.", "Kết nạp đảng viên mới", 4000, "đảng viên"),
        level="province")
    assert items["Kết nạp mới đảng viên"].status == "weaker"


def test_an_equal_target_with_unknown_direction_is_compared_as_a_floor():
    items = status_against_province(
        Said("Thu nhập bình quân đầu người đạt 80 triệu đồng.", "Thu nhập bình quân đầu người", 80,
             "triệu đồng"))
    assert items["Thu nhập bình quân đầu người"].status == "ok"
    assert "so như mức sàn" in items["Thu nhập bình quân đầu người"].message


def test_a_bare_poverty_rate_reads_lower_as_better():
    province = plan("16-NQ/TU", "Tỉnh ủy Lạc Giang", "province", "Nghị quyết về giảm nghèo", "2021-04-01",
                    kind="nghi_quyet", said=[Said("Tỷ lệ hộ nghèo còn 2%.", "Tỷ lệ hộ nghèo", 2)])
    lower = plan("31-KH/HU", "Huyện ủy Tân Khê", "district", "Kế hoạch giảm nghèo", "2021-05-01",
                 implements=[("16-NQ/TU", "thực hiện")],
                 said=[Said("Tỷ lệ hộ nghèo còn 1,2%.", "Tỷ lệ hộ nghèo", 1.2)])
    higher = plan("32-KH/HU", "Huyện ủy Đồng Sơn", "district", "Kế hoạch giảm nghèo", "2021-05-02",
                  implements=[("16-NQ/TU", "thực hiện")],
                  said=[Said("Tỷ lệ hộ nghèo còn 3%.", "Tỷ lệ hộ nghèo", 3)])
    results = {r.child: r.items[0].status for r in run_checks(MemoryStore([province, lower, higher]))}
    assert results == {"31-KH/HU": "ok", "32-KH/HU": "weaker"}


def test_a_stronger_plan_with_a_later_deadline_is_still_late():
    items = status_against_province(
        Said("Đến năm 2027, che phủ rừng đạt 65%.", "Tỷ lệ che phủ rừng", 65, deadline="2027"))
    assert items["Tỷ lệ che phủ rừng"].status == "later_deadline"


def test_a_weaker_and_later_target_is_weaker_and_says_both():
    items = status_against_province(
        Said("Đến năm 2027, che phủ rừng đạt 60%.", "Tỷ lệ che phủ rừng", 60, deadline="2027"))
    item = items["Tỷ lệ che phủ rừng"]
    assert item.status == "weaker" and "thời hạn cũng muộn hơn" in item.message


def test_each_horizon_of_a_parent_is_matched_to_the_same_horizon_of_the_plan():
    province = plan("17-NQ/TU", "Tỉnh ủy Lạc Giang", "province", "Nghị quyết về chuyển đổi số",
                    "2021-09-01", kind="nghi_quyet", said=[
                        Said("Kinh tế số chiếm 20% GRDP vào năm 2025.",
                             "Tỷ trọng kinh tế số trong GRDP", 20),
                        Said("Kinh tế số chiếm 30% GRDP vào năm 2030.",
                             "Tỷ trọng kinh tế số trong GRDP", 30, deadline="2030")])
    both = plan("40-KH/HU", "Huyện ủy Bến Mây", "district", "Kế hoạch chuyển đổi số", "2021-10-01",
                implements=[("17-NQ/TU", "triển khai")], said=[
                    Said("Kinh tế số chiếm 30% vào năm 2030.", "Tỷ trọng kinh tế số", 30, deadline="2030"),
                    Said("Kinh tế số chiếm 21% vào năm 2025.", "Tỷ trọng kinh tế số", 21)])
    only_2025 = plan("41-KH/HU", "Huyện ủy Tân Khê", "district", "Kế hoạch chuyển đổi số", "2021-10-02",
                     implements=[("17-NQ/TU", "triển khai")], said=[
                         Said("Kinh tế số chiếm 20% vào năm 2025.", "Tỷ trọng kinh tế số", 20)])
    results = {r.child: [(i.parent_target.deadline, i.status) for i in r.items]
               for r in run_checks(MemoryStore([province, both, only_2025]))}
    assert results["40-KH/HU"] == [("2025", "ok"), ("2030", "ok")]
    assert results["41-KH/HU"] == [("2025", "ok"), ("2030", "missing")]


def test_an_unstated_unit_is_compared_on_trust_and_says_so():
    items = status_against_province(Said("Che phủ rừng đạt 61.", "Tỷ lệ che phủ rừng", 61, ""))
    item = items["Tỷ lệ che phủ rừng"]
    assert item.status == "weaker" and "không nêu đơn vị" in item.message


def test_every_item_of_the_planted_plans_has_the_contract_status():
    for child in ("08-KH/HU", "12-KH/HU", "05-KH/HU"):
        for item in items_of(child).values():
            assert item.status in ("ok", "weaker", "later_deadline", "missing", "unit_mismatch")
            assert item.message.startswith(status_label(item.status) + ": ")


def test_restated_parent_targets_are_checked_once():
    province = resolution_15()
    province.targets.append(province.targets[1])  # the forest target repeated in a summary
    (result,) = run_checks(MemoryStore([province, ben_may_plan()]))
    assert [i.indicator for i in result.items].count("Tỷ lệ che phủ rừng") == 1



def test_a_missing_target_names_the_closest_phrase_that_fell_short():
    items = status_against_province(
        Said("Tỷ lệ xã đạt chuẩn quốc gia về y tế đạt 100%.", "Tỷ lệ xã đạt chuẩn quốc gia về y tế", 100))
    item = items["Số xã đạt chuẩn nông thôn mới"]
    assert item.status == "missing" and "gần nhất: \"Tỷ lệ xã đạt chuẩn quốc gia về y tế\"" in item.message


def test_a_commune_plan_implies_the_rural_scope_of_a_district_indicator():
    district = plan("33-KH/HU", "Huyện ủy Bến Mây", "district", "Kế hoạch phát triển nông thôn", "2021-05-01",
                    said=[Said("Thu nhập bình quân đầu người ở khu vực nông thôn đạt 60 triệu đồng/năm.",
                               "Thu nhập bình quân đầu người ở khu vực nông thôn", 60, "triệu đồng/năm")])
    commune = plan("07-KH/ĐU", "Đảng ủy xã Mây Hạ", "commune", "Kế hoạch của Đảng ủy xã", "2021-06-01",
                   implements=[("33-KH/HU", "thực hiện")],
                   said=[Said("Thu nhập bình quân đầu người đạt 58 triệu đồng/năm.",
                              "Thu nhập bình quân đầu người", 58, "triệu đồng/năm")])
    (result,) = run_checks(MemoryStore([district, commune]))
    assert result.items[0].status == "weaker" and "phạm vi nông thôn" in result.items[0].message


def test_a_weaker_labour_productivity_growth_is_flagged_and_a_stronger_one_is_not():
    province = plan("18-NQ/TU", "Tỉnh ủy Lạc Giang", "province", "Nghị quyết về năng suất lao động",
                    "2021-04-10", kind="nghi_quyet", said=[
                        Said("Tốc độ tăng năng suất lao động bình quân đạt 6,5%/năm.",
                             "Tốc độ tăng năng suất lao động bình quân", 6.5, "%/năm")])
    weaker = plan("34-KH/HU", "Huyện ủy Tân Khê", "district", "Kế hoạch năng suất", "2021-05-01",
                  implements=[("18-NQ/TU", "thực hiện")], said=[
                      Said("Năng suất lao động tăng bình quân 5,5%/năm.", "Năng suất lao động tăng bình quân",
                           5.5, "%/năm")])
    stronger = plan("35-KH/HU", "Huyện ủy Đồng Sơn", "district", "Kế hoạch năng suất", "2021-05-02",
                    implements=[("18-NQ/TU", "thực hiện")], said=[
                        Said("Tăng trưởng năng suất lao động bình quân 7%/năm.",
                             "Tăng trưởng năng suất lao động bình quân", 7, "%/năm")])
    statuses = {r.child: r.items[0].status for r in run_checks(MemoryStore([province, weaker, stronger]))}
    assert statuses == {"34-KH/HU": "weaker", "35-KH/HU": "ok"}


def test_without_a_stated_level_the_issuer_name_tells_a_district_share():
    child = one_target_plan(Said("Kết nạp 1.000 đảng viên mới.", "Kết nạp đảng viên mới", 1000, "đảng viên"),
                            level="unknown")
    child.doc.number = ""
    (result,) = run_checks(MemoryStore([resolution_15(), child]), parent="15-NQ/TU", child=child.id)
    item = {i.indicator: i for i in result.items}["Kết nạp mới đảng viên"]
    assert item.status == "ok" and "phần của kế hoạch trong tổng số" in item.message


def test_with_no_level_at_all_an_amount_is_compared_whole_and_says_why():
    child = one_target_plan(Said("Kết nạp 1.000 đảng viên mới.", "Kết nạp đảng viên mới", 1000, "đảng viên"),
                            level="unknown")
    child.doc.number, child.doc.issuer = "", ""
    (result,) = run_checks(MemoryStore([resolution_15(), child]), parent="15-NQ/TU", child=child.id)
    item = {i.indicator: i for i in result.items}["Kết nạp mới đảng viên"]
    assert item.status == "weaker" and "chưa rõ cấp" in item.message


def test_a_target_without_a_deadline_is_compared_on_its_value_alone():
    items = status_against_province(Said("Phấn đấu che phủ rừng đạt 64%.", "Tỷ lệ che phủ rừng", 64, deadline=""))
    item = items["Tỷ lệ che phủ rừng"]
    assert item.status == "ok" and "không nêu thời hạn" in item.message
