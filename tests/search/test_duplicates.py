"""When two files are one document (search/duplicates.py): the same number, issuer and date, or
near-identical text from the same issuer; and never two communes' plans written from one template."""

from __future__ import annotations

import dataclasses

from tests.search.intake_corpus import (HOA_BINH, VIET_HUNG, as_pdf_reads, as_scan_reads, document,
                                        plan_text)
from vanban.search.duplicates import (NEAR, band_keys, identity_words, resemblance, same_document, same_issuer,
                                      sketch)

PLAN = plan_text(HOA_BINH)


def test_the_pdf_export_of_a_plan_is_the_plan_by_its_text():
    typed, exported = sketch(document(PLAN)), sketch(document(as_pdf_reads(PLAN), source="ke-hoach.pdf"))
    assert resemblance(typed, exported) >= NEAR
    assert same_document(exported, typed) in ("same_number", "same_text")
    # With the header unread (no number, no date), the text alone still proves it.
    headless = sketch(document(as_pdf_reads(PLAN), number="", date="", source="ke-hoach.pdf"))
    assert same_document(headless, typed) == "same_text"


def test_a_scan_with_ocr_slips_is_the_plan_by_number_issuer_and_date():
    scan = sketch(document(as_scan_reads(PLAN), issuer="ĐẢNG ỦY XÃ HÒA BÌNH", source="ban-chup.pdf"))
    assert same_document(scan, sketch(document(PLAN))) == "same_number"


def test_a_neighbouring_communes_plan_from_the_same_template_is_another_document():
    hoa_binh, viet_hung = sketch(document(PLAN)), sketch(document(plan_text(VIET_HUNG), issuer="Đảng ủy xã Việt Hưng"))
    # Same number and date (numbers restart in every commune), near-identical wording ...
    assert hoa_binh.number_key == viet_hung.number_key and hoa_binh.date == viet_hung.date
    assert resemblance(hoa_binh, viet_hung) >= 0.6
    # ... but another issuer, another name and other figures in the text.
    assert same_document(viet_hung, hoa_binh) is None
    # Even when neither header was read, the names and figures in the text tell them apart.
    assert same_document(dataclasses.replace(viet_hung, issuer_key="", number_key="", date=""),
                         dataclasses.replace(hoa_binh, issuer_key="", number_key="", date="")) is None


def test_a_template_copy_differing_only_in_its_figures_is_another_document():
    other_figures = dict(HOA_BINH, lua="150")
    revised = sketch(document(plan_text(other_figures), number="", date=""))
    assert resemblance(revised, sketch(document(PLAN))) >= NEAR
    assert same_document(revised, sketch(document(PLAN, number="", date=""))) is None


def test_a_number_alone_is_not_a_document_numbers_restart_each_term():
    first = sketch(document(PLAN))
    next_term = sketch(document("Một kế hoạch khác hẳn của nhiệm kỳ sau về chuyển đổi số.", date="2026-02-10"))
    assert same_document(next_term, first) is None
    unknown_issuer = sketch(document("Một văn bản khác chưa đọc được nơi ban hành.", issuer=""))
    assert same_document(unknown_issuer, first) is None


def test_kinds_that_disagree_keep_near_identical_texts_apart():
    plan = sketch(document(PLAN, number="", date=""))
    report = sketch(document(PLAN, kind="bao_cao", number="", date=""))
    assert same_document(report, plan) is None
    unread_kind = sketch(document(as_pdf_reads(PLAN), kind="other", number="", date=""))
    assert same_document(unread_kind, plan) == "same_text"


def test_near_identical_texts_share_a_band_and_signatures_are_stable():
    a, b = sketch(document(PLAN)), sketch(document(as_pdf_reads(PLAN)))
    assert set(a.bands) & set(b.bands)
    # Sketches are stored and compared across runs: the same text gives the same signature.
    assert sketch(document(PLAN)).signature == a.signature and band_keys(a.signature) == a.bands
    assert all(-(2**63) <= k < 2**63 for k in a.bands)


def test_an_issuer_read_without_its_first_words_is_the_same_organ_a_longer_name_is_not():
    full = sketch(document(PLAN, issuer="Ban Thường vụ Đảng ủy xã Hòa Bình"))
    cut = sketch(document(as_pdf_reads(PLAN), issuer="ĐẢNG ỦY XÃ HÒA BÌNH", source="ke-hoach.pdf"))
    assert same_issuer(cut.issuer_key, full.issuer_key) and same_document(cut, full) == "same_number"
    assert not same_issuer("dang uy xa hoa binh", "dang uy xa hoa binh xuan")  # another commune
    assert not same_issuer("binh", "dang uy xa hoa binh")  # one word names nothing


def test_letters_left_alone_by_split_glyphs_are_not_names():
    split = PLAN.replace("Ủy ban nhân dân xã", "Ủ y ban nhân dân xã").replace("V. TỔ", "V . TỔ")
    assert identity_words(["Ủ", "y", "V", "Hòa", "2024"]) == {"hoa", "2024"}
    assert same_document(sketch(document(split, number="", date="")), sketch(document(PLAN, number="", date=""))) == "same_text"


def test_a_copy_read_as_news_because_its_header_was_lost_is_still_the_document():
    headless = sketch(document(as_pdf_reads(PLAN), kind="news", issuer="", number="", date=""))
    assert same_document(headless, sketch(document(PLAN))) == "same_text"
