"""The Elasticsearch requests, built and read without a cluster: what each query and filter becomes."""

from __future__ import annotations

import dataclasses

from vanban.model import SearchQuery
from vanban.search.elastic import queries
from vanban.search.fields import filters_of
from vanban.search.query import CITING_BOOST, EXACT_BOOST, PROXIMITY_BOOST, STAND_IN, parse_query
from vanban.search.ranking import Count, Page
from vanban.vocab import FACETS


def bodies(cited=(), **fields):
    """msearch lines for a search's page and count, as ranking.search asks for them."""
    query = SearchQuery(**fields)
    parsed, filters = parse_query(query.q), filters_of(query)
    by_date = query.sort == "date" or parsed.blank
    page = Page(parsed, filters, query.offset, query.limit, by_date, cited)
    return [{}, queries.body(page), {}, queries.body(Count(parsed, filters))]


def test_every_clause_must_match_as_typed_or_folded():
    _, page, _, count = bodies(q='Đảng bộ "năng lực" 37-NQ/TU')
    must = page["query"]["bool"]["must"]
    assert [c["bool"]["should"][0]["match_phrase"]["exact"]["query"] for c in must] == [
        "đảng", "bộ", "năng lực", "37 nq tu"]
    assert [c["bool"]["should"][1]["match_phrase"]["folded"]["query"] for c in must] == [
        "dang", "bo", "nang luc", "37 nq tu"]
    assert {c["bool"]["should"][0]["match_phrase"]["exact"]["boost"] for c in must} == {EXACT_BOOST}
    assert "should" not in page["query"]["bool"]  # words side by side rise in ranking.py, after


def test_the_words_typed_side_by_side_are_asked_of_the_best_documents_only():
    body = queries.holding_body(["a" * 64, "b" * 64], parse_query("năng lực lãnh đạo").proximity)
    assert body["query"]["bool"]["filter"] == [{"ids": {"values": ["a" * 64, "b" * 64]}}]
    assert body["query"]["bool"]["must"] == [{"match_phrase": {"folded": {"query": "nang luc lanh dao"}}}]


def test_the_page_is_ranked_without_counting_and_the_count_is_not_scored():
    _, page, _, count = bodies(q="che phu rung", limit=10, offset=20)
    assert (page["from"], page["size"], page["track_total_hits"], page["sort"]) == (20, 10, False, ["_score"])
    assert "aggs" not in page
    assert count["size"] == 0 and count["track_total_hits"] is True
    counted = count["query"]["constant_score"]["filter"]["bool"]["must"]
    assert counted == [{"match_phrase": {"folded": {"query": w}}} for w in ("che", "phu", "rung")]  # folded decides
    assert set(count["aggs"]) == set(FACETS)


def test_date_order_keeps_scores_for_a_text_query_and_browsing_has_none():
    _, page, _, _ = bodies(q="rung", sort="date")
    assert page["sort"] == [{"date": "desc"}, {"id": "asc"}] and page["track_scores"] is True
    _, browse, _, _ = bodies(q="", kind="chi_thi")
    assert browse["sort"] == [{"date": "desc"}, {"id": "asc"}] and browse["track_scores"] is False
    assert browse["query"] == {"bool": {"filter": [{"term": {"kind": "chi_thi"}}]}}


def test_filters_become_exact_terms_a_folded_substring_and_a_date_range():
    _, page, _, _ = bodies(q="", level="district", year="2021", issuer="Huyện ủy Đồng*Đá",
                           date_from="2021-04", date_to="2021", references="37 - NQ/TU")
    assert page["query"]["bool"]["filter"] == [
        {"term": {"level": "district"}}, {"term": {"year": "2021"}},
        {"wildcard": {"issuer_folded": {"value": "*huyen uy dong\\*da*"}}},
        {"range": {"date": {"gte": "2021-04", "lt": "2022"}}},
        {"bool": {"must_not": {"term": {"date": ""}}}},
        {"term": {"refs": "37-nq/tu"}},
    ]


def test_answers_become_pages_totals_and_facets():
    page = {"hits": {"hits": [{"_id": "a" * 64, "_score": 2.5}, {"_id": "b" * 64, "_score": 1.5}]}}
    assert queries.page_of(page, scored=True) == [("a" * 64, 2.5), ("b" * 64, 1.5)]
    assert queries.page_of(page, scored=False)[0] == ("a" * 64, 0.0)
    count = {"hits": {"total": {"value": 3}}, "aggregations": {
        "kind": {"buckets": [{"key": "nghi_quyet", "doc_count": 3}]},
        "level": {"buckets": [{"key": "province", "doc_count": 2}, {"key": "district", "doc_count": 1}]},
        "year": {"buckets": []}, "issuer": {"buckets": [{"key": "Tỉnh ủy Sông Mây", "doc_count": 3}]},
        "signer": {"buckets": [{"key": "", "doc_count": 3}]}}}
    assert queries.counts_of(count) == (3, {"kind": [("nghi_quyet", 3)], "level": [("province", 2), ("district", 1)],
                                            "year": [], "issuer": [("Tỉnh ủy Sông Mây", 3)], "signer": [("", 3)]})


def test_each_hit_is_shown_from_its_best_passage_or_else_its_first():
    body = queries.shown_body(["a" * 64], parse_query("che phu rung"))
    assert body["_source"] is False and body["docvalue_fields"] == queries.SHOWN  # no Document parsed
    nested = body["query"]["bool"]["must"][0]["nested"]
    assert nested["path"] == "passages" and nested["inner_hits"]["size"] == 1
    assert nested["inner_hits"]["sort"] == [{"_score": "desc"}, {"passages.ordinal": "asc"}]
    should = nested["query"]["bool"]["should"]
    assert should[0]["bool"]["should"][1] == {"match_phrase": {"passages.folded": {"query": "che"}}}
    assert should[-2] == {"match_phrase": {"passages.folded": {"query": "che phu rung", "boost": PROXIMITY_BOOST}}}
    assert should[-1] == {"constant_score": {"filter": {"term": {"passages.ordinal": 0}}, "boost": STAND_IN}}
    answer = {"hits": {"hits": [{"_id": "a" * 64, "fields": {
        "title": ["Về trồng rừng"], "number": ["37-NQ/TU"], "kind": ["nghi_quyet"], "issuer": ["Tỉnh ủy Sông Mây"],
        "date": ["2021-04-20"]}, "inner_hits": {"passages": {"hits": {"hits": [
            {"fields": {"passages.page": [2], "passages.text": ["Tỷ lệ che phủ rừng đạt 45%."]}}]}}}}]}}
    [(doc_id, (hit, passage))] = queries.shown_of(answer).items()
    assert (doc_id, hit.title, hit.number, passage) == ("a" * 64, "Về trồng rừng", "37-NQ/TU",
                                                            (2, "Tỷ lệ che phủ rừng đạt 45%."))


def test_a_named_number_narrows_to_its_signature_leaves_out_what_was_shown_and_lifts_citers():
    query = SearchQuery(q="57-NQ/TW")
    parsed = parse_query(query.q)
    narrowed = dataclasses.replace(filters_of(query), signature="nghi_quyet 57 tw", exclude=("a" * 64,))
    body = queries.body(Page(parsed, narrowed, 0, 50, by_date=True, cited=("57-nq/tw",)))
    assert {"term": {"numbers": "nghi_quyet 57 tw"}} in body["query"]["bool"]["filter"]
    assert body["query"]["bool"]["must_not"] == [{"ids": {"values": ["a" * 64]}}]
    assert {"constant_score": {"filter": {"terms": {"refs": ["57-nq/tw"]}}, "boost": CITING_BOOST}} in (
        body["query"]["bool"]["should"])
