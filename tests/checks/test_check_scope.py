"""Checks that hold on real pairs: horizons and scope (not_applicable with its reason), strength
read the same however it is worded, ranks, and which documents are held to a plan's standard."""

import pytest

from tests.checks.lacgiang import MemoryStore, Said, plan
from vanban.checks import run_checks

PROVINCE = "Tỉnh ủy Lạc Giang"


def strategy(*said, title="Nghị quyết về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
             level="central", number="07-NQ/TW", issuer="Bộ Chính trị", date="2025-01-10"):
    return plan(number, issuer, level, title, date, kind="nghi_quyet", said=said)


def child_plan(*said, period=("2026", "2030"), level="province", date="2026-02-01",
               title="Kế hoạch phát triển kinh tế số giai đoạn 2026 - 2030", kind="ke_hoach",
               number="12-KH/TU", parent="07-NQ/TW"):
    child = plan(number, PROVINCE, level, title, date, kind=kind, implements=[(parent, "thực hiện")], said=said)
    child.doc.period = {"start": period[0], "end": period[1]} if period else None
    return child


def items(parent, child, **kw):
    (result,) = [r for r in run_checks(MemoryStore([parent, child]), parent=parent.doc.number,
                                       child=child.doc.number, **kw) if r.child_id]
    return {(i.indicator, i.parent_target.deadline): i for i in result.items}


DIGITAL_2030 = Said("Quy mô kinh tế số đạt tối thiểu 30% GDP.", "Quy mô kinh tế số", 30, "% GDP", ">=", "2030")
DIGITAL_2045 = Said("Quy mô kinh tế số đạt tối thiểu 50% GDP.", "Quy mô kinh tế số", 50, "% GDP", ">=", "2045")
RANK = Said("Việt Nam thuộc nhóm 3 nước dẫn đầu Đông Nam Á về chuyển đổi số.",
            "Xếp hạng chuyển đổi số (Đông Nam Á)", 3, "nước dẫn đầu Đông Nam Á", "<=", "2030")
RESEARCH = Said("Kinh phí chi cho nghiên cứu phát triển đạt 2% GDP.", "Kinh phí chi cho nghiên cứu phát triển",
                2, "% GDP", "=", "2030")


def test_a_target_due_after_the_plan_ends_does_not_apply_unless_the_plan_reaches_it():
    found = items(strategy(DIGITAL_2030, DIGITAL_2045),
                  child_plan(Said("Tỷ trọng kinh tế số trong GRDP đạt trên 30%.", "Tỷ trọng kinh tế số trong GRDP",
                                  30, "%", ">=", "2030")))
    assert found[("Quy mô kinh tế số", "2030")].status == "ok"
    item = found[("Quy mô kinh tế số", "2045")]
    assert (item.status, item.reason) == ("not_applicable", "beyond_period")
    assert item.message.startswith("Không áp dụng: ") and "2045" in item.message
    # a plan for 2026-2030 with a vision to 2045 answers for 2045
    visionary = child_plan(Said("Đến năm 2045, kinh tế số chiếm 45% GRDP.", "Kinh tế số", 45, "% GRDP", "=", "2045"))
    assert items(strategy(DIGITAL_2045), visionary)[("Quy mô kinh tế số", "2045")].status == "weaker"


def test_a_target_whose_deadline_passed_before_the_plan_does_not_apply():
    old = Said("Đến năm 2025, quy mô kinh tế số đạt 20% GDP.", "Quy mô kinh tế số", 20, "% GDP", "=", "2025")
    item = items(strategy(old), child_plan())[("Quy mô kinh tế số", "2025")]
    assert (item.status, item.reason) == ("not_applicable", "deadline_passed")


def test_a_rank_among_nations_is_the_countrys_not_a_provinces():
    item = items(strategy(RANK), child_plan())[("Xếp hạng chuyển đổi số (Đông Nam Á)", "2030")]
    assert (item.status, item.reason) == ("not_applicable", "national_scope")
    ministry = child_plan(level="central", number="05/KH-BTTTT", title="Kế hoạch chuyển đổi số giai đoạn 2026 - 2030")
    assert items(strategy(RANK), ministry)[("Xếp hạng chuyển đổi số (Đông Nam Á)", "2030")].status == "missing"


def test_the_first_reason_in_order_is_given():
    rank_2045 = Said("Việt Nam thuộc nhóm 30 nước dẫn đầu thế giới về đổi mới sáng tạo.",
                     "Xếp hạng đổi mới sáng tạo (thế giới)", 30, "nước dẫn đầu thế giới", "<=", "2045")
    item = items(strategy(rank_2045), child_plan())[("Xếp hạng đổi mới sáng tạo (thế giới)", "2045")]
    assert item.reason == "beyond_period"


def test_a_plan_limited_to_one_field_is_not_held_to_the_others_it_leaves_out():
    found = items(strategy(DIGITAL_2030, RESEARCH), child_plan())
    research = found[("Kinh phí chi cho nghiên cứu phát triển", "2030")]
    assert (research.status, research.reason) == ("not_applicable", "outside_subject")
    assert found[("Quy mô kinh tế số", "2030")].status == "missing"  # its own field: still owed
    # a plan taking up the whole subject owes both
    whole = child_plan(title="Chương trình hành động thực hiện Nghị quyết về khoa học, công nghệ, đổi mới sáng tạo "
                             "và chuyển đổi số", kind="chuong_trinh")
    assert {i.status for i in items(strategy(DIGITAL_2030, RESEARCH), whole).values()} == {"missing"}


@pytest.mark.parametrize("parent_words, parent_cmp, child_words, child_cmp", [
    ("trên 80%", ">=", "≥ 80", ">="), ("tối thiểu 80%", ">=", "đạt 80%", "="), ("đạt 80%", "=", "80", "="),
    ("trên 80%", ">=", "tối thiểu 80%", ">="),
])
def test_rewording_a_floor_is_never_weaker(parent_words, parent_cmp, child_words, child_cmp):
    parent = strategy(Said(f"Tỷ lệ sử dụng dịch vụ công trực tuyến {parent_words}.", "Tỷ lệ sử dụng dịch vụ công trực tuyến",
                           80, "%", parent_cmp, "2030"))
    child = child_plan(Said(f"Tỷ lệ sử dụng dịch vụ công trực tuyến {child_words}.", "Tỷ lệ sử dụng dịch vụ công trực tuyến",
                            80, "%", child_cmp, "2030"), level="central", number="09/KH-BTTTT")
    assert {i.status for i in items(parent, child).values()} == {"ok"}


@pytest.mark.parametrize("child_rank, status", [(3, "ok"), (2, "ok"), (5, "weaker")])
def test_a_rank_is_better_when_lower(child_rank, status):
    parent = strategy(RANK)
    child = child_plan(Said(f"| Xếp hạng chuyển đổi số | Thứ bậc | ≤ {child_rank} Đông Nam Á |",
                            "Xếp hạng chuyển đổi số (Đông Nam Á)", child_rank, "Thứ bậc", "<=", "2030"),
                       level="central", number="09/KH-BTTTT")
    assert items(parent, child)[("Xếp hạng chuyển đổi số (Đông Nam Á)", "2030")].status == status


def test_a_provinces_grdp_share_answers_the_nations_gdp_share():
    child = child_plan(Said("Kinh tế số chiếm tối thiểu 30% GRDP.", "Quy mô kinh tế số", 30, "% GRDP", ">=", "2030"))
    assert items(strategy(DIGITAL_2030), child)[("Quy mô kinh tế số", "2030")].status == "ok"


def test_a_notice_citing_a_resolution_is_no_plan_unless_paired_by_hand():
    parent = strategy(DIGITAL_2030)
    notice = child_plan(kind="thong_bao", number="35-TB/TU", title="Thông báo kết luận về tình hình thực hiện Nghị quyết")
    assert run_checks(MemoryStore([parent, notice])) == []
    (paired,) = run_checks(MemoryStore([parent, notice]), parent="07-NQ/TW", child="35-TB/TU")
    assert paired.link == "do người dùng ghép cặp" and paired.items[0].status == "missing"


@pytest.mark.parametrize("kind, title, paired", [
    ("quyet_dinh", "Quyết định phê duyệt Kế hoạch chuyển đổi số giai đoạn 2026 - 2030", True),
    ("quyet_dinh", "Quyết định về việc thành lập Ban Chỉ đạo chuyển đổi số", False),
    ("nghi_quyet", "Nghị quyết ban hành Chương trình hành động thực hiện Nghị quyết số 07-NQ/TW", True),
    ("ket_luan", "Kết luận về tiếp tục thực hiện Nghị quyết số 07-NQ/TW", True),
    ("bao_cao", "Báo cáo sơ kết một năm thực hiện Nghị quyết số 07-NQ/TW", False),
    ("to_trinh", "Tờ trình về dự thảo kế hoạch thực hiện Nghị quyết", False),
])
def test_only_documents_that_carry_another_out_are_checked_as_plans(kind, title, paired):
    store = MemoryStore([strategy(DIGITAL_2030), child_plan(kind=kind, title=title)])
    assert bool(run_checks(store)) is paired


def test_a_commune_implements_its_province_directly_since_there_are_no_districts():
    province = strategy(Said("Đến năm 2030, 100% thôn có điểm truy cập internet công cộng.",
                             "Tỷ lệ thôn có điểm truy cập internet công cộng", 100, "%", "=", "2030"),
                        level="province", number="22-NQ/TU", issuer=PROVINCE,
                        title="Nghị quyết về chuyển đổi số tỉnh Lạc Giang đến năm 2030")
    commune = child_plan(Said("Đến năm 2030, 90% thôn có điểm truy cập internet công cộng.",
                              "Tỷ lệ thôn có điểm truy cập internet công cộng", 90, "%", "=", "2030"),
                         level="commune", number="04-KH/ĐU", parent="22-NQ/TU",
                         title="Kế hoạch thực hiện Nghị quyết số 22-NQ/TU của Tỉnh ủy")
    (result,) = run_checks(MemoryStore([province, commune]))
    assert (result.parent, result.child) == ("22-NQ/TU", "04-KH/ĐU") and result.items[0].status == "weaker"
    # a province does not carry out its communes' plans
    assert run_checks(MemoryStore([province, commune]), child="22-NQ/TU") == []


def test_a_lower_place_in_the_provinces_league_is_weaker_and_a_higher_one_is_not():
    # ranks read from text: "xếp thứ 10/34" is a ceiling on the place, never a share of a total
    from vanban.extractors import extract

    def read(text: str):
        return extract("van-ban.txt", text.encode())

    province = read("TỈNH ỦY LẠC GIANG\nSố 12-NQ/TU\nLạc Giang, ngày 10 tháng 3 năm 2026\n\nNGHỊ QUYẾT\n"
                    "về chuyển đổi số giai đoạn 2026 - 2030\n\nII. MỤC TIÊU\nPhấn đấu đến năm 2030, chỉ số chuyển "
                    "đổi số cấp tỉnh (DTI) xếp thứ 10/34 tỉnh, thành phố.\n")

    def commune(place: int, number: str):
        return read(f"ĐẢNG ỦY XÃ TÂN LẬP\nSố {number}\nTân Lập, ngày 20 tháng 4 năm 2026\n\nKẾ HOẠCH\n"
                    "thực hiện Nghị quyết số 12-NQ/TU của Tỉnh ủy về chuyển đổi số giai đoạn 2026 - 2030\n\n"
                    f"I. MỤC TIÊU\nPhấn đấu đến năm 2030, chỉ số chuyển đổi số cấp tỉnh (DTI) của tỉnh xếp thứ "
                    f"{place}/34 tỉnh, thành phố.\n")

    for place, number, status in ((15, "05-KH/ĐU", "weaker"), (8, "06-KH/ĐU", "ok")):
        child = commune(place, number)
        (result,) = [r for r in run_checks(MemoryStore([province, child]), parent="12-NQ/TU", child=number)]
        assert [i.status for i in result.items] == [status], (place, [i.message for i in result.items])
