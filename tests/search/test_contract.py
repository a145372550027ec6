"""The behaviour every search backend owes its users; runs unchanged against each backend."""

from __future__ import annotations

import dataclasses
import hashlib
import re

import pytest

from vanban.errors import UsageError
from vanban.model import Document, SearchQuery
from vanban.search.base import Store
from vanban.search.query import MAX_LIMIT
from vanban.search.reindex import reindex

from .conftest import make_doc, open_backend


def found(store: Store, corpus: dict[str, Document], q: str = "", **filters) -> set[str]:
    names = {doc.id: name for name, doc in corpus.items()}
    result = store.search(SearchQuery(q=q, limit=100, **filters))
    assert result.total == len(result.hits)
    return {names[hit.id] for hit in result.hits}


def ranked(store: Store, corpus: dict[str, Document], q: str) -> list[str]:
    names = {doc.id: name for name, doc in corpus.items()}
    return [names[hit.id] for hit in store.search(SearchQuery(q=q, limit=100)).hits]


def test_store_satisfies_the_protocol(store):
    assert isinstance(store, Store)


# --- accent folding -------------------------------------------------------------------------

def test_accentless_query_with_d_finds_dang_bo(filled, corpus):
    accented = found(filled, corpus, "Đảng bộ")
    assert {"nq", "kh_dong_da", "bao_cao"} <= accented
    assert found(filled, corpus, "dang bo") == accented
    assert found(filled, corpus, "Dang Bo") == accented
    assert found(filled, corpus, "ĐẢNG BỘ") == accented


def test_decomposed_unicode_query_matches_like_composed(filled, corpus):
    import unicodedata

    assert found(filled, corpus, unicodedata.normalize("NFD", "Đảng bộ")) == found(filled, corpus, "Đảng bộ")


def test_exact_accents_rank_above_folded_matches(filled, corpus):
    # "tỉnh" (province) and "tinh" (tinh giản: to streamline) fold alike; the spelling typed wins.
    both = found(filled, corpus, "tinh")
    assert {"chi_thi", "nq"} <= both
    assert ranked(filled, corpus, "tinh")[0] in {"chi_thi", "kh_dong_da"}
    assert ranked(filled, corpus, "tỉnh")[0] in {"nq", "kh_dong_da", "chi_thi", "quy_dinh"}
    top_accented = ranked(filled, corpus, "tỉnh Sông Mây")[0]
    assert "tỉnh Sông Mây" in corpus[top_accented].text
    # Only the news item spells "Dang Bo" without accents: typed that way it comes first.
    assert ranked(filled, corpus, "dang bo")[0] == "tin_tuc"
    assert ranked(filled, corpus, "Đảng bộ")[0] != "tin_tuc"


def test_words_typed_side_by_side_rank_passages_holding_them_side_by_side_first(store):
    # Same words, same length; only their order differs. The scattered one is newer, so a tie
    # would put it first.
    scattered = make_doc("Hội nghị bàn về lãnh đạo công tác cán bộ, đồng thời nâng cao năng lực cho đội ngũ.",
                         date="2024-05-01")
    adjacent = make_doc("Hội nghị bàn về công tác cán bộ, đồng thời nâng cao năng lực lãnh đạo cho đội ngũ.",
                        date="2020-05-01")
    store.add([scattered, adjacent])
    for q in ("năng lực lãnh đạo", "nang luc lanh dao"):
        assert [h.id for h in store.search(SearchQuery(q=q)).hits] == [adjacent.id, scattered.id], q
    assert store.search(SearchQuery(q='"năng lực lãnh đạo"')).total == 1


# --- phrases and query syntax ---------------------------------------------------------------

def test_quoted_phrase_matches_only_the_phrase(filled, corpus):
    # kh_nui_ngan has "lãnh đạo … nâng cao năng lực" but never the phrase itself.
    assert found(filled, corpus, '"năng lực lãnh đạo"') == {"nq"}
    assert "kh_nui_ngan" in found(filled, corpus, "năng lực lãnh đạo")
    assert found(filled, corpus, '"nang luc lanh dao"') == {"nq"}


def test_document_numbers_are_searchable_as_typed(filled, corpus):
    assert found(filled, corpus, "37-NQ/TU") == {"nq", "kh_dong_da", "kh_nui_ngan", "bao_cao"}


def test_every_word_must_match(filled, corpus):
    assert found(filled, corpus, "che phủ rừng 2027") == {"kh_nui_ngan"}
    assert found(filled, corpus, "xanh dân vận") == set()


HOSTILE = [
    '"', '""', "OR", "AND NOT", "NEAR(rừng đất)", "rừng*", "a:b", "folded : dang", "exact:tỉnh",
    "^đảng", "-đảng", "(((", "'; DROP TABLE documents; --", "{exact folded}: x", "\\", "🙂", "*",
    "rừng OR OR", 'năng "lực', "x" * 900, "rừng~2", "title:*", "\x00", "đảng\u0000bộ",
]


def test_user_input_never_reaches_the_engine_as_syntax(filled, corpus):
    for q in HOSTILE:
        result = filled.search(SearchQuery(q=q))
        assert result.total == len(result.hits) <= len(corpus), q
    assert filled.stats()["documents"] == len(corpus)


def test_or_between_words_matches_either_and_a_minus_excludes(filled, corpus):
    assert found(filled, corpus, "rừng OR biên chế") == found(filled, corpus, "rừng") | found(filled, corpus, "biên chế")
    assert found(filled, corpus, '"dân vận" OR "nông thôn mới"') == {"chi_thi", "nq"}
    assert found(filled, corpus, "tỉnh rừng OR dân") == {"nq", "kh_dong_da", "chi_thi"}
    assert found(filled, corpus, "rừng -huyện") == {"nq"}
    assert found(filled, corpus, 'rừng -"năm 2027"') == {"nq", "kh_dong_da"}
    assert found(filled, corpus, "-rừng", kind="ke_hoach") == set()
    assert found(filled, corpus, "-đảng") == {"chi_thi", "quy_dinh", "kh_nui_ngan"}  # "Dang Bo" folds alike
    # Only OR in capitals between two operands is an operator; elsewhere "or" is a word.
    assert found(filled, corpus, "rừng or nông") == set()
    assert found(filled, corpus, "OR rừng") == set()
    assert found(filled, corpus, "rừng*") == found(filled, corpus, "rừng")


def test_a_number_with_its_thousands_grouped_is_the_same_number(store):
    grouped = make_doc("Năm 2024 kết nạp 6.000 đảng viên mới, chi 1.299 triệu đồng.", date="2024-12-01")
    plain = make_doc("Mục tiêu kết nạp 6000 đảng viên trong nhiệm kỳ.", date="2023-01-01")
    store.add([grouped, plain])
    for q in ("6000", "6.000", '"6.000 đảng viên"', "6000 dang vien"):
        assert {h.id for h in store.search(SearchQuery(q=q)).hits} == {grouped.id, plain.id}, q
    assert {h.id for h in store.search(SearchQuery(q="1299")).hits} == {grouped.id}
    assert store.search(SearchQuery(q="000")).total == 0
    hit = next(h for h in store.search(SearchQuery(q="6000")).hits if h.id == grouped.id)
    assert "<mark>6.000</mark>" in hit.snippet


def test_a_number_written_with_its_scale_word_is_the_same_number(store):
    spoken = make_doc("Năm 2024 kết nạp 6 nghìn đảng viên, đón 1,5 triệu lượt khách du lịch.", date="2024-12-01")
    grouped = make_doc("Kết nạp 6.000 đảng viên; đón 1.500.000 lượt khách.", date="2023-01-01")
    southern = make_doc("Tỉnh kết nạp 6 ngàn đảng viên mới trong nhiệm kỳ.", date="2022-01-01")
    other = make_doc("Kết nạp 600 đảng viên; năm 2000 có 6 chi bộ, nghìn việc phải làm.", date="2021-01-01")
    store.add([spoken, grouped, southern, other])
    for q in ("6000", "6.000", "6 nghìn", "6 ngàn", '"kết nạp 6 nghìn đảng viên"', "ket nap 6000 dang vien"):
        assert {h.id for h in store.search(SearchQuery(q=q)).hits} == {spoken.id, grouped.id, southern.id}, q
    for q in ("1,5 triệu", "1500000", '"1.500.000 lượt"'):
        assert {h.id for h in store.search(SearchQuery(q=q)).hits} == {spoken.id, grouped.id}, q
    assert {h.id for h in store.search(SearchQuery(q="-6000 đảng viên")).hits} == {other.id}
    # a year is a year: "2000" does not turn into "2 nghìn"
    assert {h.id for h in store.search(SearchQuery(q="2000")).hits} == {other.id}
    hit = next(h for h in store.search(SearchQuery(q="6000")).hits if h.id == spoken.id)
    assert "<mark>6 nghìn</mark>" in hit.snippet or "<mark>6</mark> <mark>nghìn</mark>" in hit.snippet, hit.snippet


def test_punctuation_only_query_matches_nothing_and_blank_query_browses(filled, corpus):
    assert found(filled, corpus, "!!! ...") == set()
    assert found(filled, corpus, "") == set(corpus)
    assert found(filled, corpus, "   ", kind="chi_thi") == {"chi_thi"}


# --- a document named by its number ------------------------------------------------------

@pytest.mark.parametrize("q", ["37-NQ/TU", "37/NQ-TU", "Nghị quyết 37-NQ/TU", "NQ 37", "Nghị quyết số 37",
                               "nghi quyet 37"])
def test_a_query_naming_a_number_puts_that_document_first_then_those_citing_it(filled, corpus, q):
    # The plans and the report cite 37-NQ/TU, some twice: on words alone they could outrank it.
    order = ranked(filled, corpus, q)
    assert order[0] == "nq", q
    assert set(order[1:4]) == {"kh_dong_da", "kh_nui_ngan", "bao_cao"}, q


def test_documents_sharing_a_number_come_issuer_named_first_then_newest(store):
    older = make_doc("TỈNH ỦY SÔNG MÂY\nSố 15-NQ/TU\nNGHỊ QUYẾT về du lịch nhiệm kỳ trước.",
                     kind="nghi_quyet", number="15-NQ/TU", issuer="Tỉnh ủy Sông Mây", date="2016-03-01")
    newer = make_doc("TỈNH ỦY SÔNG MÂY\nSố 15-NQ/TU\nNGHỊ QUYẾT về du lịch nhiệm kỳ này.",
                     kind="nghi_quyet", number="15-NQ/TU", issuer="Tỉnh ủy Sông Mây", date="2021-09-01")
    district = make_doc("HUYỆN ỦY ĐỒNG ĐÁ\nSố 15-NQ/HU\nNGHỊ QUYẾT về du lịch của huyện.",
                        kind="nghi_quyet", number="15-NQ/HU", issuer="Huyện ủy Đồng Đá", date="2023-01-01")
    citing = make_doc("Kế hoạch thực hiện Nghị quyết 15-NQ/TU, Nghị quyết 15-NQ/TU và 15-NQ/TU về du lịch.",
                      kind="ke_hoach", number="02-KH/HU", date="2024-01-01", references=["15-NQ/TU"])
    store.add([older, newer, district, citing])
    assert [h.id for h in store.search(SearchQuery(q="15-NQ/TU")).hits] == [newer.id, older.id, citing.id]
    assert [h.id for h in store.search(SearchQuery(q="nghị quyết số 15")).hits][:3] == [
        district.id, newer.id, older.id]
    # Paging goes on past the documents shown first, and counts every match once.
    pages = [store.search(SearchQuery(q="15-NQ/TU", limit=1, offset=o)) for o in range(4)]
    assert [h.id for p in pages for h in p.hits] == [newer.id, older.id, citing.id]
    assert {p.total for p in pages} == {3}


# --- filters --------------------------------------------------------------------------------

def test_kind_and_level_filters(filled, corpus):
    assert found(filled, corpus, "rừng", kind="ke_hoach") == {"kh_dong_da", "kh_nui_ngan"}
    assert found(filled, corpus, "rừng", level="province") == {"nq"}
    assert found(filled, corpus, "", level="commune") == {"bao_cao"}
    assert found(filled, corpus, "rừng", kind="bao_cao") == set()


def test_issuer_filter_is_a_folded_substring(filled, corpus):
    assert found(filled, corpus, "", issuer="Tỉnh ủy Sông Mây") == {"nq", "chi_thi", "quy_dinh"}
    assert found(filled, corpus, "", issuer="tinh uy song may") == {"nq", "chi_thi", "quy_dinh"}
    assert found(filled, corpus, "", issuer="Huyện ủy") == {"kh_dong_da", "kh_nui_ngan"}
    assert found(filled, corpus, "", issuer="dong da") == {"kh_dong_da"}
    assert found(filled, corpus, "rừng", issuer="Núi Ngàn") == {"kh_nui_ngan"}


@pytest.mark.parametrize(("date_from", "date_to", "expected"), [
    ("2021", "2021", {"nq", "kh_dong_da", "quy_dinh"}),
    ("2021-06", "2022-01", {"kh_dong_da", "kh_nui_ngan", "quy_dinh"}),
    ("2021-04-20", "2021-06-15", {"nq", "kh_dong_da"}),  # both ends inclusive
    ("2021-04-21", "2021-06-14", set()),
    ("2022", None, {"kh_nui_ngan", "chi_thi", "bao_cao"}),
    (None, "2021-04", {"nq"}),
    ("2021-12-31", "2021-12-31", {"quy_dinh"}),
])
def test_date_range_is_inclusive_at_every_precision(filled, corpus, date_from, date_to, expected):
    assert found(filled, corpus, "", date_from=date_from, date_to=date_to) == expected


def test_undated_documents_drop_out_of_date_filters_only(filled, corpus):
    assert "tin_tuc" in found(filled, corpus, "")
    assert "tin_tuc" not in found(filled, corpus, "", date_from="1900")


def test_signer_filter_ignores_accents_case_and_spacing(filled, corpus):
    assert found(filled, corpus, "", signer="Nguyễn Văn An") == {"nq", "chi_thi"}
    assert found(filled, corpus, "", signer="nguyen  van AN") == {"nq", "chi_thi"}
    assert found(filled, corpus, "rừng", signer="Trần Thị Bình") == {"kh_dong_da"}
    assert found(filled, corpus, "", signer="Nguyễn Văn") == set()  # a name, not a part of one


def test_year_filter(filled, corpus):
    assert found(filled, corpus, "", year="2022") == {"kh_nui_ngan", "chi_thi"}
    assert found(filled, corpus, "rừng", year="2021") == {"nq", "kh_dong_da"}


def test_references_filter_folds_number_variants(filled, corpus):
    citing = {"kh_dong_da", "kh_nui_ngan", "bao_cao"}
    assert found(filled, corpus, "", references="37-NQ/TU") == citing
    assert found(filled, corpus, "", references="37 - nq/tu") == citing
    assert found(filled, corpus, "rừng", references="37-NQ/TU") == {"kh_dong_da", "kh_nui_ngan"}
    assert found(filled, corpus, "", references="99-NQ/TU") == set()


@pytest.mark.parametrize("bad", [
    {"date_from": "20-04-2021"}, {"date_to": "2021/04"}, {"year": "21"}, {"sort": "title"},
    {"limit": -1}, {"offset": -5},
])
def test_malformed_filters_are_usage_errors(filled, bad):
    with pytest.raises(UsageError):
        filled.search(SearchQuery(q="rừng", **bad))


# --- facets, paging, sorting ----------------------------------------------------------------

def test_facets_count_every_matching_document_not_just_the_page(filled, corpus):
    result = filled.search(SearchQuery(q="37-NQ/TU", limit=1))
    assert result.total == 4
    assert len(result.hits) == 1
    assert result.facets == {
        "kind": {"ke_hoach": 2, "bao_cao": 1, "nghi_quyet": 1},
        "level": {"district": 2, "commune": 1, "province": 1},
        "year": {"2021": 2, "2022": 1, "2023": 1},
        "issuer": {"Huyện ủy Núi Ngàn": 1, "Huyện ủy Đồng Đá": 1, "Tỉnh ủy Sông Mây": 1, "Đảng ủy xã Bến Đò": 1},
        "signer": {"Nguyễn Văn An": 1, "Trần Thị Bình": 1},  # documents without a signer left out
    }


def test_facets_follow_the_filters(filled, corpus):
    result = filled.search(SearchQuery(q="", level="province"))
    assert result.facets["kind"] == {"chi_thi": 1, "nghi_quyet": 1, "quy_dinh": 1}
    assert result.facets["level"] == {"province": 3}
    assert result.facets["issuer"] == {"Tỉnh ủy Sông Mây": 2, "Ban Thường vụ Tỉnh ủy Sông Mây": 1}


def test_pages_of_results_partition_the_result(filled, corpus):
    everything = [h.id for h in filled.search(SearchQuery(q="", limit=100)).hits]
    paged = []
    for offset in range(0, len(everything), 3):
        result = filled.search(SearchQuery(q="", limit=3, offset=offset))
        assert result.total == len(corpus)
        paged += [h.id for h in result.hits]
    assert paged == everything
    assert filled.search(SearchQuery(q="", offset=100)).hits == []


def test_sort_by_date_puts_newest_first_and_undated_last(filled, corpus):
    names = {doc.id: name for name, doc in corpus.items()}
    hits = filled.search(SearchQuery(q="", sort="date", limit=100)).hits
    assert [names[h.id] for h in hits] == [
        "bao_cao", "chi_thi", "kh_nui_ngan", "quy_dinh", "kh_dong_da", "nq", "tin_tuc"]
    dated = filled.search(SearchQuery(q="rừng", sort="date")).hits
    assert [names[h.id] for h in dated] == ["kh_nui_ngan", "kh_dong_da", "nq"]


def test_relevance_scores_descend(filled, corpus):
    scores = [h.score for h in filled.search(SearchQuery(q="đảng bộ tỉnh")).hits]
    assert scores == sorted(scores, reverse=True)
    assert all(s > 0 for s in scores)


# --- hits: metadata, snippets, pages --------------------------------------------------------

def test_one_hit_per_document_with_its_metadata(filled, corpus):
    hits = filled.search(SearchQuery(q="rừng", limit=100)).hits
    assert len({h.id for h in hits}) == len(hits) == 3
    nq = next(h for h in hits if h.id == corpus["nq"].id)
    assert (nq.title, nq.number, nq.kind, nq.issuer, nq.date) == (
        "Về phát triển nông nghiệp xanh giai đoạn 2021-2025", "37-NQ/TU", "nghi_quyet",
        "Tỉnh ủy Sông Mây", "2021-04-20")


def test_snippet_marks_the_original_spelling_of_a_folded_match(filled, corpus):
    hit = filled.search(SearchQuery(q="chuyen doi so")).hits[0]
    assert hit.id == corpus["nq"].id
    assert "<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>" in hit.snippet


def test_hit_page_is_the_page_of_the_best_passage(filled, corpus):
    assert filled.search(SearchQuery(q="nông thôn mới")).hits[0].page == 2
    assert filled.search(SearchQuery(q="che phủ rừng", kind="nghi_quyet")).hits[0].page == 1


def test_phrase_snippet_marks_the_whole_phrase(filled, corpus):
    hit = filled.search(SearchQuery(q='"nang luc lanh dao"')).hits[0]
    assert "<mark>năng lực lãnh đạo</mark>" in hit.snippet


def test_markup_in_documents_is_escaped_in_snippets(filled, corpus):
    for q in ("alert", "script", "in đậm", "trang thông tin"):
        hits = filled.search(SearchQuery(q=q)).hits
        assert [h.id for h in hits] == [corpus["bao_cao"].id], q
        text = re.sub(r"</?mark>", "", hits[0].snippet)
        assert "<" not in text and ">" not in text, hits[0].snippet
        assert "&lt;script&gt;" in text and "&amp;" in text


CLOSING = (
    "ĐẢNG ỦY XÃ KHE MƠ\nSố 21-KH/ĐU\nKẾ HOẠCH chuyển đổi số năm 2025\n"
    "Đảng ủy xã triển khai chuyển đổi số trong các chi bộ thôn, số hóa hồ sơ đảng viên.\n"
    "Nơi nhận:\n- Ban Thường vụ Huyện ủy;\n- Văn phòng Huyện ủy;\n- Các chi bộ trực thuộc;\n- Lưu VP.\n"
    "T/M ĐẢNG ỦY\nBÍ THƯ\n(Đã ký)\nHoàng Thị Lan\n"
)


def test_snippets_never_come_from_the_addressee_list_or_the_signatures(store):
    plan = make_doc(CLOSING, kind="ke_hoach", number="21-KH/ĐU", date="2025-01-10")
    store.add([plan])
    # Found by what only the closing block holds, and shown from the body all the same.
    for q in ("văn phòng", "Hoàng Thị Lan", "lưu vp"):
        hit, = store.search(SearchQuery(q=q)).hits
        assert hit.snippet.startswith("ĐẢNG ỦY XÃ KHE MƠ"), q
        assert "Nơi nhận" not in hit.snippet and "<mark>" not in hit.snippet, q
    # A word in both: the body's sentence is the snippet.
    hit, = store.search(SearchQuery(q="chi bộ")).hits
    assert "<mark>chi</mark> <mark>bộ</mark> thôn" in hit.snippet and "trực thuộc" not in hit.snippet


def test_snippet_stays_short_for_long_passages(store):
    filler = "Cán bộ xã Bến Đò họp bàn kế hoạch sản xuất vụ mùa. " * 60
    doc = make_doc(filler + "Cuối cùng là đê điều kiên cố.", kind="bao_cao", date="2024-01-01")
    store.add([doc])
    hit = store.search(SearchQuery(q="đê điều")).hits[0]
    assert "<mark>đê</mark> <mark>điều</mark>" in hit.snippet
    assert len(hit.snippet) < 600


# --- documents in and out -------------------------------------------------------------------

def test_get_returns_the_whole_document(filled, corpus):
    assert filled.get(corpus["nq"].id) == corpus["nq"]
    assert filled.get("0" * 64) is None
    assert filled.has(corpus["nq"].id) and not filled.has("0" * 64)


@pytest.mark.parametrize("odd", ["", "x" * 600, "../etc/passwd", "a/b", "%2F", "37-NQ/TU", " ", "_all"])
def test_odd_ids_are_simply_absent(filled, corpus, odd):
    assert filled.get(odd) is None
    assert filled.has(odd) is False
    assert filled.delete(odd) is False
    assert filled.stats()["documents"] == len(corpus)


def test_documents_yields_every_document(filled, corpus):
    assert sorted(d.id for d in filled.documents()) == sorted(d.id for d in corpus.values())


def test_stats_count_documents_passages_targets(filled, corpus):
    stats = filled.stats()
    assert stats["documents"] == len(corpus)
    assert stats["targets"] == 2
    assert stats["passages"] >= len(corpus) + 1  # the nghị quyết has two pages


def test_re_adding_a_document_replaces_it(filled, corpus):
    before = filled.stats()
    assert filled.add(list(corpus.values())) == len(corpus)
    assert filled.stats() == before
    assert found(filled, corpus, "rừng") == {"nq", "kh_dong_da", "kh_nui_ngan"}
    changed = corpus["chi_thi"]
    changed.doc.level = "district"
    filled.add([changed])
    assert filled.get(changed.id).doc.level == "district"
    assert found(filled, corpus, "", level="province") == {"nq", "quy_dinh"}
    assert filled.stats() == before


def test_delete_removes_a_document_everywhere(filled, corpus):
    before = filled.stats()
    assert filled.delete(corpus["nq"].id) is True
    assert filled.delete(corpus["nq"].id) is False
    assert not filled.has(corpus["nq"].id)
    assert "nq" not in found(filled, corpus, "rừng")
    assert filled.find_by_number("37-NQ/TU") == []
    after = filled.stats()
    assert after["documents"] == before["documents"] - 1
    assert after["targets"] == 0
    assert after["passages"] < before["passages"]


def test_find_by_number_folds_spacing_and_case(filled, corpus):
    for variant in ("37-NQ/TU", "37 - NQ/TU", "37-nq/tu", " 37 -NQ / TU ", "Số 37-NQ/TU"):
        assert [d.id for d in filled.find_by_number(variant)] == [corpus["nq"].id], variant
    assert [d.id for d in filled.find_by_number("03-bc/đu")] == [corpus["bao_cao"].id]
    assert filled.find_by_number("") == []


def test_citing_lists_documents_that_reference_a_number(filled, corpus):
    citing = {d.id for d in filled.citing("37 - nq/tu")}
    assert citing == {corpus[n].id for n in ("kh_dong_da", "kh_nui_ngan", "bao_cao")}
    assert filled.citing("05-CT/TU") == []


def test_an_empty_document_is_stored_but_never_matches(store):
    empty = Document(id=hashlib.sha256(b"").hexdigest(), source="rong.txt", format="txt", text="")
    store.add([empty])
    assert store.get(empty.id) == empty
    assert store.search(SearchQuery(q="đảng")).total == 0
    assert store.stats()["documents"] == 1


def test_passages_never_cross_pages(store):
    text = "Trang một nói về thủy lợi nội đồng.\nTrang hai nói về giao thông nông thôn."
    cut = text.index("Trang hai")
    doc = make_doc(text, pages=[(0, cut), (cut, len(text))], kind="bao_cao")
    store.add([doc])
    assert store.search(SearchQuery(q="thủy lợi")).hits[0].page == 1
    assert store.search(SearchQuery(q="giao thông")).hits[0].page == 2
    assert store.search(SearchQuery(q='"nội đồng trang hai"')).total == 0


# --- rebuilding -----------------------------------------------------------------------------

def test_reindex_copies_a_store_into_another(make_store, corpus):
    source, target = make_store(), make_store()
    source.add(list(corpus.values()))
    assert reindex(source, target, batch=2) == len(corpus)
    assert sorted(d.id for d in target.documents()) == sorted(d.id for d in source.documents())
    assert target.stats() == source.stats()
    assert found(target, corpus, "37-NQ/TU") == found(source, corpus, "37-NQ/TU")


# --- backends agree -------------------------------------------------------------------------

QUERIES = [
    SearchQuery(q="dang bo"), SearchQuery(q="Đảng bộ tỉnh"), SearchQuery(q='"năng lực lãnh đạo"'),
    SearchQuery(q="37-NQ/TU"), SearchQuery(q="tinh giản"), SearchQuery(q="rừng", kind="ke_hoach"),
    SearchQuery(q="", issuer="song may"), SearchQuery(q="", date_from="2021-06", date_to="2022"),
    SearchQuery(q="", references="37 - NQ/TU"), SearchQuery(q="xã", year="2023"),
    SearchQuery(q="nông nghiệp"), SearchQuery(q="chi bo"), SearchQuery(q="1.299"),
]


@pytest.mark.es
def test_both_backends_return_the_same_documents(tmp_path, corpus):
    sqlite, dispose_sqlite = open_backend("sqlite", tmp_path)
    elastic, dispose_elastic = open_backend("elasticsearch", tmp_path)
    try:
        for store in (sqlite, elastic):
            store.add(list(corpus.values()))
        for query in QUERIES:
            a, b = sqlite.search(query), elastic.search(query)
            assert {h.id for h in a.hits} == {h.id for h in b.hits}, query
            assert a.total == b.total and a.facets == b.facets, query
            assert {h.id: (h.page, h.snippet) for h in a.hits} == {h.id: (h.page, h.snippet) for h in b.hits}, query
    finally:
        dispose_elastic()
        dispose_sqlite()


SENTENCES = [
    "Đảng bộ huyện Đồng Đá lãnh đạo thực hiện các chỉ tiêu kinh tế xã hội",
    "Tỷ lệ che phủ rừng đạt trên 45% vào năm 2025", "Nâng cao năng lực lãnh đạo của tổ chức đảng",
    "Xây dựng nông thôn mới ở các xã ven sông Mây", "Thu nhập bình quân đầu người đạt 60 triệu đồng",
    "Đẩy mạnh chuyển đổi số trong cơ quan đảng", "Tinh giản biên chế gắn với vị trí việc làm",
    "Dang Bo thon Ben Do to chuc hop mat", "Kết nạp đảng viên mới đạt chỉ tiêu", "Tăng cường kiểm tra, giám sát",
]


def every_id(store: Store, query: SearchQuery) -> set[str]:
    ids: set[str] = set()
    for offset in range(0, store.search(query).total, MAX_LIMIT):
        ids |= {h.id for h in store.search(dataclasses.replace(query, limit=MAX_LIMIT, offset=offset)).hits}
    return ids


@pytest.mark.es
def test_backends_agree_on_many_random_queries(tmp_path):
    import random

    from vanban.folding import fold

    rng = random.Random(2025)
    docs = []
    for i in range(120):
        text = "\n".join(". ".join(rng.sample(SENTENCES, 3)) + f" (mục {i})." for _ in range(rng.randint(1, 6)))
        docs.append(make_doc(
            text, kind=rng.choice(["nghi_quyet", "ke_hoach", "bao_cao"]),
            level=rng.choice(["province", "district"]),
            issuer=rng.choice(["Tỉnh ủy Sông Mây", "Huyện ủy Đồng Đá", "Đảng ủy xã Bến Đò"]),
            date=rng.choice(["", f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"]),
            references=rng.sample(["37-NQ/TU", "12-KH/HU", "05-CT/TU"], rng.randint(0, 2))))
    sqlite, dispose_sqlite = open_backend("sqlite", tmp_path)
    elastic, dispose_elastic = open_backend("elasticsearch", tmp_path)
    try:
        sqlite.add(docs)
        elastic.add(docs)
        vocabulary = " ".join(SENTENCES).replace(",", "").split()
        for _ in range(60):
            words = rng.sample(vocabulary, rng.randint(1, 3))
            q = " ".join(fold(w) if rng.random() < 0.5 else w for w in words)
            if rng.random() < 0.3:
                q = f'"{q}"'
            filters = rng.choice([
                {}, {"kind": "ke_hoach"}, {"issuer": "dong da"}, {"date_from": "2021", "date_to": "2022-06"},
                {"references": "37 - nq/tu"}, {"year": "2023", "level": "district"}])
            query = SearchQuery(q=q, limit=MAX_LIMIT, **filters)
            a, b = sqlite.search(query), elastic.search(query)
            assert every_id(sqlite, query) == every_id(elastic, query), query
            assert (a.total, a.facets) == (b.total, b.facets), query
    finally:
        dispose_elastic()
        dispose_sqlite()
