"""The modules both backends share: numbers, query parsing, passages and snippets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanban.errors import UsageError
from vanban.model import Document, Page
from vanban.search.highlight import match_spans, snippet
from vanban.identity import number_key
from vanban.search.passages import MAX_CHARS, split_passages
from vanban.search import query
from vanban.search.query import MAX_QUERY_CHARS, MAX_QUERY_WORDS, Clause, date_bounds, parse_query


@pytest.mark.parametrize("variant", ["37-NQ/TU", "37 - NQ/TU", "37-nq/tu", "Số 37-NQ/TU", "37–NQ/TU", "số: 37 -NQ/ TU"])
def test_number_variants_share_one_key(variant):
    assert number_key(variant) == "37-nq/tu"


def test_number_key_folds_d_and_keeps_distinct_numbers_apart():
    assert number_key("08-QĐi/TU") == number_key("08-qdi/tu")
    assert number_key("56/2020/NQ-HĐND") == "56/2020/nq-hdnd"
    assert number_key("37-NQ/TU") != number_key("37-NQ/HU")
    assert number_key("") == number_key("   ") == ""


def test_query_words_quoted_phrases_and_bare_chunks():
    parsed = parse_query('Đảng bộ "năng lực  lãnh đạo" 37-NQ/TU')
    assert parsed.clauses == (
        Clause(("đảng",)), Clause(("bộ",)), Clause(("năng", "lực", "lãnh", "đạo")), Clause(("37", "nq", "tu")))
    assert parsed.clauses[2].folded == ("nang", "luc", "lanh", "dao")


def test_proximity_bonus_joins_the_single_words_in_typed_order():
    assert parse_query('lãnh đạo "37-NQ/TU" năng').proximity == Clause(("lãnh", "đạo", "năng"))
    assert parse_query("rừng").proximity is None
    assert parse_query('"năng lực" 37-NQ/TU').proximity is None


def test_query_unclosed_quote_and_noise():
    assert parse_query('"năng lực').clauses == (Clause(("năng", "lực")),)
    assert parse_query("!!! ***").matches_nothing
    assert parse_query("  ").blank and not parse_query("  ").matches_nothing
    assert parse_query("rừng rừng").clauses == (Clause(("rừng",)),)


def test_a_query_longer_than_the_limits_is_refused_and_said_in_vietnamese():
    from vanban.translations import usage_vi

    words = [f"xã{i}" for i in range(MAX_QUERY_WORDS + 1)]
    assert len(parse_query(" ".join(words[:-1])).clauses) == MAX_QUERY_WORDS
    with pytest.raises(UsageError, match=f"too many words: {MAX_QUERY_WORDS + 1}") as caught:
        parse_query(" ".join(words))
    assert f"có {MAX_QUERY_WORDS + 1} từ, vượt giới hạn {MAX_QUERY_WORDS} từ" in usage_vi("E301", caught.value.message)
    with pytest.raises(UsageError, match="too many words"):  # words inside quotes count too
        parse_query('"' + " ".join(words) + '"')
    with pytest.raises(UsageError, match=f"at most {MAX_QUERY_CHARS}") as caught:
        parse_query("đ" * (MAX_QUERY_CHARS + 1))
    assert f"vượt giới hạn {MAX_QUERY_CHARS} ký tự" in usage_vi("E301", caught.value.message)


def test_parsing_compares_each_clause_a_bounded_number_of_times(monkeypatch):
    # De-duplication is a hash lookup, not a scan of the clauses kept so far: the number of
    # comparisons grows with the words typed, not with their square.
    compared = []
    real_eq = query.Clause.__eq__
    monkeypatch.setattr(query.Clause, "__eq__", lambda a, b: compared.append(1) or real_eq(a, b))
    for n in (16, MAX_QUERY_WORDS):
        compared.clear()
        typed = " ".join(f"thôn{i % (n // 2)}" for i in range(n))  # every word twice
        assert len(parse_query(typed).clauses) == n // 2
        assert len(compared) <= n


@pytest.mark.parametrize(("lo", "hi", "expected"), [
    ("2021", "2021", ("2021", "2022")),
    ("2021-04", "2021-12", ("2021-04", "2021-13")),
    ("2021-04-20", "2021-04-30", ("2021-04-20", "2021-04-31")),
    (None, "2009", (None, "2010")),
    ("", None, (None, None)),
])
def test_date_bounds(lo, hi, expected):
    assert date_bounds(lo, hi) == expected


@pytest.mark.parametrize("bad", ["21", "2021-4", "20/04/2021", "2021-04-20T00"])
def test_date_bounds_refuse_other_shapes(bad):
    with pytest.raises(UsageError):
        date_bounds(bad, None)


def test_snippet_marks_folded_matches_in_the_original_text():
    text = "Ban Chấp hành ĐẢNG BỘ huyện & các chi bộ <thôn>."
    out = snippet(text, 0, len(text), parse_query("dang bo"))
    assert out == "Ban Chấp hành <mark>ĐẢNG</mark> <mark>BỘ</mark> huyện &amp; các chi <mark>bộ</mark> &lt;thôn&gt;."


def test_matches_respect_word_edges():
    assert match_spans("bộ đội, bổ sung, bo bo", parse_query("bo")) == [(0, 2), (8, 10), (17, 19), (20, 22)]
    assert match_spans("Đảngbộ", parse_query("dang")) == []


def test_snippet_window_centres_on_the_first_match_and_keeps_words_whole():
    text = "Mở đầu. " * 100 + "Thủy lợi nội đồng." + " Kết thúc." * 100
    out = snippet(text, 0, len(text), parse_query("thuy loi"), width=120)
    assert out.startswith("…") and out.endswith("…")
    assert "<mark>Thủy</mark> <mark>lợi</mark>" in out
    inner = out.strip("…").replace("<mark>", "").replace("</mark>", "")
    assert inner in text
    assert all(word in ("Mở", "đầu.", "Thủy", "lợi", "nội", "đồng.", "Kết", "thúc.") for word in inner.split())
    assert len(inner) <= 120


def test_snippet_of_a_long_passage_without_a_match_is_its_beginning():
    text = "Báo cáo tổng kết công tác năm. " * 30
    out = snippet(text, 0, len(text), parse_query(""), width=100)
    assert out.startswith("Báo cáo") and out.endswith("…") and "<mark>" not in out


words = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệĐẢ \n.,", min_size=0, max_size=3000)


@given(words, st.integers(min_value=0, max_value=4))
def test_passages_tile_text_within_pages(text, cuts):
    bounds = sorted({0, len(text), *[len(text) * k // (cuts + 1) for k in range(1, cuts + 1)]})
    pages = [Page(i + 1, s, e) for i, (s, e) in enumerate(zip(bounds, bounds[1:]))]
    doc = Document("x" * 64, "t.txt", "txt", text, pages=pages)
    passages = split_passages(doc)
    for p in passages:
        page = pages[p.page - 1]
        assert page.start <= p.start < p.end <= page.end
        assert p.text == text[p.start:p.end] and p.text.strip() == p.text
        assert p.end - p.start <= MAX_CHARS
    assert [p.ordinal for p in passages] == list(range(len(passages)))
    covered = "".join(text[p.start:p.end] for p in passages)
    assert "".join(covered.split()) == "".join(text.split())  # nothing but whitespace is dropped


markup = st.text(alphabet="aăđêoơưĐẢ <>&\"'/\n.", min_size=0, max_size=800)


@given(markup, st.sampled_from(["a", "d", "đa", '"a o"', "<", "o&a"]))
def test_snippets_are_escaped_slices_of_the_text(text, q):
    import html

    out = snippet(text, 0, len(text), parse_query(q), width=200)
    bare = out.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in bare and ">" not in bare
    assert html.unescape(bare).strip("…") in text


def test_facets_sort_by_count_and_an_issuer_facet_keeps_its_most_frequent_values():
    from vanban.search.results import SHOWN_VALUES, shape_facets

    issuers = [(f"Đảng ủy xã {i:03d}", 1 + i % 7) for i in range(200)]
    shaped = shape_facets({"issuer": issuers, "year": [("2021", 2), ("", 5), ("2020", 2), ("2019", 3)]})
    assert list(shaped["year"].items()) == [("2019", 3), ("2020", 2), ("2021", 2)]  # undated left out
    assert len(shaped["issuer"]) == SHOWN_VALUES["issuer"] and set(shaped["issuer"].values()) == {7}
    assert shaped["kind"] == {} and shaped["level"] == {}
