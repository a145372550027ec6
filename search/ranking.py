"""One search, the same on every backend: what to ask the engine, in which order, and what to show.

A backend is an Engine: it runs Count requests (the total and the facets over every match) and
Page requests (a page of hits in relevance or date order), a batch at a time (Elasticsearch sends
a batch as one msearch). Everything else is decided here:
- documents holding the typed words side by side (the query's proximity clause) come first among
  the best RESCORED by relevance: asking every match for that phrase would cost as much as
  scoring them all, which the engines' top-k ranking avoids;
- a query naming a document number ("57-NQ/TW", "NQ 57", "Nghị quyết số 57") puts the documents
  with that number first: the issuer named in the query first, then the newest; documents citing
  them come next (query.CITING_BOOST), then the rest by relevance;
- the page's hits get the passage the engine picks and a snippet of it (hits.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from vanban.identity import number_key
from vanban.model import SearchQuery, SearchResult
from vanban.search.fields import Filters, filters_of
from vanban.search.hits import Shown, make_hit
from vanban.search.numbers import named_number
from vanban.search.query import Clause, ParsedQuery, check_query, parse_query
from vanban.search.results import shape_facets

PINNED = 50  # documents sharing the number named (numbers restart each term, so a few may)
RESCORED = 100  # the best documents by relevance among which the typed words side by side rise


@dataclass(frozen=True, slots=True)
class Count:
    parsed: ParsedQuery
    filters: Filters


@dataclass(frozen=True, slots=True)
class Page:
    parsed: ParsedQuery
    filters: Filters
    offset: int
    limit: int
    by_date: bool
    cited: tuple[str, ...] = ()  # number keys: documents citing one score query.CITING_BOOST more


Counted = tuple[int, dict[str, list[tuple[str, int]]]]
Ranked = list[tuple[str, float]]  # (document id, score), best first


class Engine(Protocol):
    def run(self, requests: Sequence[Count | Page]) -> list[Counted | Ranked]:
        """Answer each request in order: a Count with (total, facet buckets), a Page with
        (document id, score) pairs."""

    def holding(self, doc_ids: Sequence[str], clause: Clause) -> set[str]:
        """Which of ``doc_ids`` hold the words of ``clause`` side by side (folded) in one passage."""

    def shown(self, doc_ids: Sequence[str], parsed: ParsedQuery) -> dict[str, Shown]:
        """What each hit shows: its fields, and (page, text) of the passage it is shown from: among
        the passages a hit may show (passages.shown_passages), the best for the query with the
        ranking's own boosts, the earliest on a tie; the first when none holds a word of the query."""


def search(engine: Engine, query: SearchQuery) -> SearchResult:
    check_query(query)
    parsed = parse_query(query.q)
    if parsed.matches_nothing:
        return SearchResult(0, [], shape_facets({}))
    filters = filters_of(query)
    by_date = query.sort == "date" or not parsed.ranked
    named = None if by_date else named_number(query.q)
    if named is None:
        counted, page = _ranked(engine, Count(parsed, filters), Page(parsed, filters, query.offset, query.limit, by_date))
        shown = engine.shown([doc_id for doc_id, _ in page], parsed) if page else {}
    else:
        pinned: Ranked = []
        for signature in named.signatures:
            narrowed = dataclasses.replace(filters, signature=signature, exclude=tuple(i for i, _ in pinned))
            (found,) = engine.run([Page(parsed, narrowed, 0, PINNED, by_date=True)])
            pinned += found
        shown = engine.shown([doc_id for doc_id, _ in pinned], parsed) if pinned else {}
        head = pinned[query.offset:query.offset + query.limit]
        rest = Page(parsed, dataclasses.replace(filters, exclude=tuple(i for i, _ in pinned)),
                    max(0, query.offset - len(pinned)), query.limit - len(head), by_date=False,
                    cited=tuple(sorted({number_key(hit.number) for hit, _ in shown.values()} - {""})))
        counted, tail = _ranked(engine, Count(parsed, filters), rest)
        page = head + tail
        if tail:
            shown |= engine.shown([doc_id for doc_id, _ in tail], parsed)
    total, facets = counted
    hits = [make_hit(shown[doc_id], score, parsed) for doc_id, score in page if doc_id in shown]
    return SearchResult(total, hits, shape_facets(facets))


def _ranked(engine: Engine, count: Count, page: Page) -> tuple[Counted, Ranked]:
    """The count and the page; by relevance, documents holding the typed words side by side lifted
    above the others among the best max(RESCORED, offset + limit), their order otherwise kept."""
    proximity = page.parsed.proximity
    if page.by_date or proximity is None or page.offset >= RESCORED or page.limit == 0:
        counted, ranked = engine.run([count, page])
        return counted, ranked
    window = dataclasses.replace(page, offset=0, limit=max(RESCORED, page.offset + page.limit))
    counted, ranked = engine.run([count, window])
    close = engine.holding([doc_id for doc_id, _ in ranked], proximity) if ranked else set()
    lift = max((score for doc_id, score in ranked if doc_id not in close), default=0.0)
    lifted = [(i, score + lift) for i, score in ranked if i in close] + [r for r in ranked if r[0] not in close]
    return counted, lifted[page.offset:page.offset + page.limit]
