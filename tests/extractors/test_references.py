"""Document numbers: every real spelling, normalised, with the relation word before them."""

import pytest


@pytest.mark.parametrize("written, number", [
    ("37-NQ/TU", "37-NQ/TU"),
    ("37 - NQ/TU", "37-NQ/TU"),
    ("37- NQ/TU", "37-NQ/TU"),
    ("37 – NQ/TU", "37-NQ/TU"),
    ("37\u00a0-\u00a0NQ/TU", "37-NQ/TU"),
    ("22/NQ-TU", "22/NQ-TU"),
    ("01-CTr/TU", "01-CTr/TU"),
    ("10/CTr-UBND", "10/CTr-UBND"),
    ("56/2020/NQ-HĐND", "56/2020/NQ-HĐND"),
    ("749/QĐ-TTg", "749/QĐ-TTg"),
    ("08-QĐi/TW", "08-QĐi/TW"),
    ("15-HD/BTGTU", "15-HD/BTGTU"),
    ("13/2021/TT-BKHĐT", "13/2021/TT-BKHĐT"),
])
def test_every_spelling_of_a_number(analyse, written, number):
    document = analyse(f"Huyện ủy Bến Mây quán triệt văn bản số {written} của cấp trên.")
    assert [(r.number, r.text) for r in document.references] == [(number, written)]


def test_relation_words(analyse):
    text = ("Căn cứ Nghị quyết số 37-NQ/TU ngày 20/4/2021 của Tỉnh ủy; thực hiện Kế hoạch số 12-KH/TU; "
            "cụ thể hóa Chương trình hành động số 05-CTr/TU; để quán triệt Chỉ thị 35-CT/TW; Báo cáo 02-BC/HU.")
    relations = [(r.number, r.relation) for r in analyse(text).references]
    assert relations == [("37-NQ/TU", "căn cứ"), ("12-KH/TU", "thực hiện"), ("05-CTr/TU", "cụ thể hóa"),
                         ("35-CT/TW", "quán triệt"), ("02-BC/HU", "")]


def test_a_number_cited_twice_is_two_references(analyse):
    text = "Kết luận số 100 - KL/TW và Kết luận 100-KL/TW là một văn bản."
    refs = analyse(text).references
    assert [r.text for r in refs] == ["100 - KL/TW", "100-KL/TW"]
    assert {r.number for r in refs} == {"100-KL/TW"}


def test_partial_citations(analyse):
    document = analyse("Sơ kết Nghị quyết số 20 của Tỉnh ủy và Kế hoạch số 34 của Huyện ủy Bến Mây.")
    assert document.references == []
    assert [(p.kind, p.number, p.text) for p in document.references_partial] == [
        ("nghi_quyet", "20", "Nghị quyết số 20"), ("ke_hoach", "34", "Kế hoạch số 34")]


def test_a_partial_citation_of_a_number_cited_in_full_is_resolved_in_the_text(analyse):
    document = analyse("Sơ kết Nghị quyết số 09 của Tỉnh ủy. Thực hiện Nghị quyết số 09-NQ/TU ngày 05/02/2022.")
    assert document.references_partial == []
    assert [(r.number, r.text) for r in document.references] == [("09-NQ/TU", "Nghị quyết số 09"),
                                                                ("09-NQ/TU", "09-NQ/TU")]


def test_things_that_only_look_like_numbers(analyse):
    text = "Phòng, chống dịch COVID-19 từ ngày 12-14/10; tỷ lệ 16/18 chỉ tiêu; mạng 4G/5G phủ 100% xã."
    assert analyse(text).references == []


def test_laws_are_cited_by_legislature(analyse):
    refs = analyse("Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH13 ngày 19/6/2015;").references
    assert [(r.number, r.relation) for r in refs] == [("77/2015/QH13", "")]


def test_state_numbers_without_a_kind_code(analyse):
    refs = analyse("Công văn số 123/UBND-VX ngày 02/3/2022 của UBND huyện Bến Mây.").references
    assert [r.number for r in refs] == ["123/UBND-VX"]


def test_a_document_replacing_another_says_so_with_thay_the(analyse):
    found = analyse("Quy định này thay thế Quy định số 07-QĐi/TU ngày 2 tháng 4 năm 2019 của Ban "
                           "Thường vụ Tỉnh ủy; căn cứ Nghị quyết số 15-NQ/TU.")
    assert [(r.number, r.relation) for r in found.references] == [("07-QĐi/TU", "thay thế"), ("15-NQ/TU", "căn cứ")]
