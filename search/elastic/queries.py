"""Search requests and answers as plain data: pure functions, tested without a cluster.

ranking.py's requests become msearch bodies, answered in one round trip: a Page ranked by
relevance (or date) without counting every match, so Lucene may skip documents that cannot make
the page; a Count, unscored, that totals the matches and counts the facets with aggregations.

Ranking: every clause is ``match_phrase`` on "exact" (boosted EXACT_BOOST) or on "folded"; the
typed words side by side add a bonus (PROXIMITY_BOOST); the document's whole text is scored, and
hits.py picks the passage shown, as for the embedded index (the boosts are query.py's).
"""

from __future__ import annotations

from typing import Any

from vanban.search import nearby
from vanban.search.fields import Filters
from vanban.search.hits import Shown, hit_fields
from vanban.search.query import CITING_BOOST, EXACT_BOOST, PROXIMITY_BOOST, STAND_IN, Clause, ParsedQuery
from vanban.search.ranking import Count, Page
from vanban.vocab import FACETS

SHOWN = ["title", "number", "kind", "issuer", "date"]  # read as doc values; the id is the hit's _id
_FACET_BUCKETS = 10_000
BY_RELEVANCE = ["_score"]
BY_DATE = [{"date": "desc"}, {"id": "asc"}]  # undated ("") sorts last


def either(clause: Clause, prefix: str = "") -> dict[str, Any]:
    """The clause's words as written (boosted) or folded, side by side."""
    return {"bool": {"should": [
        {"match_phrase": {f"{prefix}exact": {"query": " ".join(clause.words), "boost": EXACT_BOOST}}},
        {"match_phrase": {f"{prefix}folded": {"query": " ".join(clause.folded)}}},
    ], "minimum_should_match": 1}}


def _proximity(parsed: ParsedQuery, prefix: str = "") -> list[dict[str, Any]]:
    if parsed.proximity is None:
        return []
    return [{"match_phrase": {f"{prefix}folded": {"query": " ".join(parsed.proximity.folded),
                                                  "boost": PROXIMITY_BOOST}}}]


def text_query(parsed: ParsedQuery, filters: Filters, cited: tuple[str, ...] = (),
               scored: bool = True) -> dict[str, Any]:
    """Unscored, for counting, the folded words alone: they decide what matches."""
    query: dict[str, Any] = {"filter": filter_clauses(filters)}
    clause = either if scored else (lambda c: {"match_phrase": {"folded": {"query": " ".join(c.folded)}}})
    if parsed.groups:
        query["must"] = [clause(g[0]) if len(g) == 1 else
                         {"bool": {"should": [clause(c) for c in g], "minimum_should_match": 1}}
                         for g in parsed.groups]
    must_not = [{"match_phrase": {"folded": {"query": " ".join(c.folded)}}} for c in parsed.excluded]
    if cited:
        query["should"] = [{"constant_score": {"filter": {"terms": {"refs": list(cited)}}, "boost": CITING_BOOST}}]
        query["minimum_should_match"] = 0
    if filters.exclude:
        must_not.append({"ids": {"values": list(filters.exclude)}})
    if must_not:
        query["must_not"] = must_not
    return {"bool": query}


def filter_clauses(f: Filters) -> list[dict[str, Any]]:
    clauses: list[dict[str, Any]] = [{"term": {field: value}} for field, value in f.exact.items()]
    if f.issuer_folded:
        clauses.append({"wildcard": {"issuer_folded": {"value": f"*{_wildcard_escape(f.issuer_folded)}*"}}})
    if f.dated_only:
        clauses.append({"range": {"date": {k: v for k, v in (("gte", f.date_from), ("lt", f.date_before)) if v}}})
        clauses.append({"bool": {"must_not": {"term": {"date": ""}}}})
    if f.signer_folded:
        clauses.append({"term": {"signer_folded": f.signer_folded}})
    if f.references:
        clauses.append({"term": {"refs": f.references}})
    if f.signature:
        clauses.append({"term": {"numbers": f.signature}})
    return clauses


def _wildcard_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?")


def body(request: Count | Page) -> dict[str, Any]:
    """One msearch body: a page of hits without counting every match (so Lucene may skip those that
    cannot make the page), or an unscored count of the matches with the facets."""
    if isinstance(request, Count):
        return {"query": {"constant_score": {"filter": text_query(request.parsed, request.filters, scored=False)}},
                "size": 0, "track_total_hits": True,
                "aggs": {name: {"terms": {"field": name, "size": _FACET_BUCKETS}} for name in FACETS}}
    return {"query": text_query(request.parsed, request.filters, request.cited), "from": request.offset,
            "size": request.limit, "track_total_hits": False, "_source": False,
            "sort": BY_DATE if request.by_date else BY_RELEVANCE,
            "track_scores": request.by_date and request.parsed.ranked}


def answer(request: Count | Page, found: dict[str, Any]) -> Any:
    return counts_of(found) if isinstance(request, Count) else page_of(found, request.parsed.ranked)


def page_of(answer: dict[str, Any], scored: bool) -> list[tuple[str, float]]:
    return [(hit["_id"], float(hit.get("_score") or 0.0) if scored else 0.0) for hit in answer["hits"]["hits"]]


def holding_body(doc_ids: list[str], clause: Clause) -> dict[str, Any]:
    """Which of the documents hold the clause's words side by side (folded) in one passage."""
    return {"query": {"bool": {"filter": [{"ids": {"values": doc_ids}}],
                               "must": [{"match_phrase": {"folded": {"query": " ".join(clause.folded)}}}]}},
            "size": len(doc_ids), "_source": False}


def shown_body(doc_ids: list[str], parsed: ParsedQuery) -> dict[str, Any]:
    """The fields each hit shows, and its best shown passage for the query as an inner hit, the
    earliest on a tie. The first passage scores STAND_IN besides, so it stands in when no passage
    holds a word of the query (or the query has none)."""
    best = [either(c, "passages.") for c in parsed.clauses] + _proximity(parsed, "passages.")
    best.append({"constant_score": {"filter": {"term": {"passages.ordinal": 0}}, "boost": STAND_IN}})
    return {"query": {"bool": {"filter": [{"ids": {"values": list(doc_ids)}}], "must": [{"nested": {
        "path": "passages", "score_mode": "max", "query": {"bool": {"should": best}},
        "inner_hits": {"size": 1, "_source": False, "docvalue_fields": ["passages.page", "passages.text"],
                       "sort": [{"_score": "desc"}, {"passages.ordinal": "asc"}]}}}]}},
            "size": len(doc_ids), "_source": False, "docvalue_fields": SHOWN}


def shown_of(answer: dict[str, Any]) -> dict[str, Shown]:
    out = {}
    for hit in answer["hits"]["hits"]:
        inner = hit["inner_hits"]["passages"]["hits"]["hits"]
        passage = (inner[0]["fields"]["passages.page"][0], inner[0]["fields"]["passages.text"][0]) if inner else None
        out[hit["_id"]] = (hit_fields(hit["_id"], *(hit.get("fields", {}).get(f, [""])[0] for f in SHOWN)), passage)
    return out


def counts_of(answer: dict[str, Any]) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    facets = {n: [(b["key"], b["doc_count"]) for b in answer["aggregations"][n]["buckets"]] for n in FACETS}
    return answer["hits"]["total"]["value"], facets


def near_body(folded: str, limit: int) -> dict[str, Any]:
    """Indexed words (folded) a few edits from ``folded`` sharing its first letter, with how many
    documents hold each (search/nearby.py chooses among them, as for the embedded index)."""
    return {"near": {"text": folded, "term": {
        "field": "folded", "suggest_mode": "always", "prefix_length": 1, "size": 4 * limit,
        "max_edits": nearby.max_edits(folded), "min_word_length": nearby.MIN_LENGTH,
        "max_term_freq": 2**31 - 1}}}  # a common word is still corrected: the query found nothing
