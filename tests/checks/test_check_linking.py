"""Which documents implement which: the pairs the checks compare."""

import pytest

from tests.checks.lacgiang import (
    PROVINCE, MemoryStore, Said, ben_may_plan, lac_giang, plan, resolution_15, tan_khe_plan,
)
from vanban.checks import run_checks
from vanban.identity import number_key
from vanban.errors import NotFoundError


def pairs(results):
    return {(r.parent, r.child) for r in results if r.child_id}


def test_number_spellings_share_one_key():
    assert number_key("15 - NQ/TU") == number_key("15-nq/tu") == number_key("15–NQ/TU")
    assert number_key("03-KH/ĐU") == number_key("03-kh/du")
    assert number_key("15-NQ/TU") != number_key("16-NQ/TU")


def test_every_linked_pair_of_the_chain_is_checked():
    assert pairs(run_checks(lac_giang())) == {
        ("15-NQ/TU", "08-KH/HU"), ("15-NQ/TU", "12-KH/HU"), ("15-NQ/TU", "05-KH/HU"),
        ("08-KH/HU", "03-KH/ĐU"),
    }


def test_a_report_citing_the_resolution_as_its_basis_is_not_an_implementing_plan():
    assert all(r.child != "21-BC/TU" for r in run_checks(lac_giang()))


def test_a_title_that_says_thuc_hien_links_even_without_a_relation_word():
    untagged = tan_khe_plan()
    untagged.references[0].relation = ""
    untagged.doc.title = "Kế hoạch thực hiện Nghị quyết số 15-NQ/TU của Tỉnh ủy"
    assert pairs(run_checks(MemoryStore([resolution_15(), untagged]))) == {("15-NQ/TU", "12-KH/HU")}


def test_a_citation_without_relation_word_or_title_does_not_link():
    untagged = tan_khe_plan()
    untagged.references[0].relation = ""
    assert run_checks(MemoryStore([resolution_15(), untagged])) == []


def test_parent_given_in_another_spelling_or_by_id_checks_its_children_only():
    store = lac_giang()
    by_number = pairs(run_checks(store, parent="15 - NQ/TU"))
    assert by_number == {("15-NQ/TU", "08-KH/HU"), ("15-NQ/TU", "12-KH/HU"), ("15-NQ/TU", "05-KH/HU")}
    assert pairs(run_checks(store, parent=resolution_15().id)) == by_number


def test_child_given_alone_is_checked_against_what_it_implements():
    assert pairs(run_checks(lac_giang(), child="03-KH/ĐU")) == {("08-KH/HU", "03-KH/ĐU")}


def test_a_pair_named_by_the_user_is_checked_even_unlinked():
    results = run_checks(lac_giang(), parent="15-NQ/TU", child="21-BC/TU")
    assert pairs(results) == {("15-NQ/TU", "21-BC/TU")}
    (forest,) = [i for i in results[0].items if i.indicator == "Tỷ lệ che phủ rừng"]
    assert forest.status == "weaker" and "55%" in forest.message


def test_an_unknown_number_is_a_coded_not_found_error():
    with pytest.raises(NotFoundError) as caught:
        run_checks(lac_giang(), parent="99-NQ/TU")
    assert caught.value.code == "E302" and "99-NQ/TU" in str(caught.value)


def test_a_number_reused_next_term_links_to_the_resolution_in_force():
    old = plan("15-NQ/TU", PROVINCE, "province", "Nghị quyết nhiệm kỳ trước", "2016-02-01",
               kind="nghi_quyet", said=[Said("Tỷ lệ che phủ rừng đạt 55%.", "Tỷ lệ che phủ rừng", 55)])
    results = run_checks(MemoryStore([old, resolution_15(), tan_khe_plan()]))
    assert {r.parent_id for r in results if r.child_id} == {resolution_15().id}


def test_a_partial_citation_resolves_among_the_same_issuers_documents():
    congress = plan("20-NQ/HU", "Huyện ủy Bến Mây", "district",
                    "Nghị quyết Đại hội Đảng bộ huyện Bến Mây lần thứ XX", "2020-08-20",
                    kind="nghi_quyet", said=[Said("Tỷ lệ che phủ rừng đạt 65%.", "Tỷ lệ che phủ rừng", 65)])
    other_issuer = plan("20-NQ/HU", "Huyện ủy Tân Khê", "district", "Nghị quyết Đại hội huyện Tân Khê",
                        "2020-08-22", kind="nghi_quyet")
    programme = plan("09-CTr/HU", "Huyện ủy Bến Mây", "district",
                     "Chương trình hành động của Huyện ủy Bến Mây", "2020-10-05", kind="chuong_trinh",
                     partial=[("Nghị quyết", "20", "thực hiện")],
                     said=[Said("Tỷ lệ che phủ rừng đạt 64%.", "Tỷ lệ che phủ rừng", 64)])
    results = run_checks(MemoryStore([congress, other_issuer, programme]))
    assert [(r.parent_id, r.child) for r in results] == [(congress.id, "09-CTr/HU")]
    assert results[0].items[0].status == "weaker"
    assert pairs(run_checks(MemoryStore([congress, other_issuer, programme]), parent=congress.id)) == {
        ("20-NQ/HU", "09-CTr/HU")}


def test_a_title_implements_the_first_document_it_names():
    commune = plan("06-KH/ĐU", "Đảng ủy xã Mây Hạ", "commune",
                   "Kế hoạch thực hiện Kế hoạch số 08-KH/HU của Huyện ủy về thực hiện Nghị quyết số 15-NQ/TU",
                   "2021-08-05", implements=[("08-KH/HU", ""), ("15-NQ/TU", "")],
                   said=[Said("Tỷ lệ che phủ rừng đạt 66%.", "Tỷ lệ che phủ rừng", 66)])
    results = run_checks(MemoryStore([resolution_15(), ben_may_plan(), commune]), child="06-KH/ĐU")
    assert pairs(results) == {("08-KH/HU", "06-KH/ĐU")}


def test_a_report_reviewing_the_implementation_implements_nothing():
    review = plan("30-BC/TU", PROVINCE, "province",
                  "Báo cáo sơ kết giữa nhiệm kỳ thực hiện Nghị quyết số 15-NQ/TU", "2023-12-01",
                  kind="bao_cao", implements=[("15-NQ/TU", "thực hiện")],
                  said=[Said("Tỷ lệ che phủ rừng đạt 58%.", "Tỷ lệ che phủ rừng", 58)])
    as_plan = plan("31-KH/TU", PROVINCE, "province",
                   "Kế hoạch sơ kết việc thực hiện Nghị quyết số 15-NQ/TU", "2023-10-01",
                   implements=[("15-NQ/TU", "")])
    assert run_checks(MemoryStore([resolution_15(), review, as_plan])) == []
