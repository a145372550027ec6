"""sum_short: the districts' absolute targets against the province's total."""

from tests.checks.lacgiang import MemoryStore, ben_may_plan, lac_giang, resolution_15, tan_khe_plan
from vanban.checks import run_checks


def totals(results):
    return [r for r in results if not r.child_id]


def test_party_member_intakes_that_add_up_short_are_reported_once_on_their_own_entry():
    results = run_checks(lac_giang())
    (entry,) = totals(results)
    assert entry.parent == "15-NQ/TU" and entry.child == "05-KH/HU, 08-KH/HU, 12-KH/HU"
    (item,) = entry.items
    assert item.status == "sum_short" and item.indicator == "Kết nạp mới đảng viên"
    assert "1.200 + " in item.message and "= 4.500 đảng viên" in item.message and "5.000" in item.message
    assert results.index(entry) == max(i for i, r in enumerate(results) if r.parent == "15-NQ/TU")


def test_commune_counts_that_reach_the_provincial_total_are_not_flagged():
    (entry,) = totals(run_checks(lac_giang()))
    assert all(item.indicator != "Số xã đạt chuẩn nông thôn mới" for item in entry.items)  # 25+20+15


def test_one_plan_alone_is_a_share_not_a_total():
    assert totals(run_checks(MemoryStore([resolution_15(), ben_may_plan()]))) == []


def test_two_plans_short_of_the_total_are_reported():
    (entry,) = totals(run_checks(MemoryStore([resolution_15(), ben_may_plan(), tan_khe_plan()])))
    by_indicator = {i.indicator: i for i in entry.items}
    assert set(by_indicator) == {"Kết nạp mới đảng viên", "Số xã đạt chuẩn nông thôn mới"}
    assert "2 trong 2 kế hoạch cùng cấp" in by_indicator["Số xã đạt chuẩn nông thôn mới"].message


def test_a_pair_named_by_the_user_gets_no_totals():
    assert totals(run_checks(lac_giang(), parent="15-NQ/TU", child="12-KH/HU")) == []


def test_totals_follow_a_parent_named_alone():
    assert len(totals(run_checks(lac_giang(), parent="15-NQ/TU"))) == 1
