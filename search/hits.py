"""What a hit shows: the fields of its document, and a snippet of the passage that best answers
the query (the engine picks it: see ranking.Engine.shown)."""

from __future__ import annotations

from vanban.model import SearchHit
from vanban.search.highlight import snippet
from vanban.search.query import ParsedQuery

TITLE_SHOWN = 1000  # characters of a title a hit shows (a trích yếu is far shorter)

# A hit's fields as a backend read them (score, page and snippet still to come), and the
# (page, text) of the passage it is shown from, if any.
Shown = tuple[SearchHit, "tuple[int, str] | None"]


def hit_fields(doc_id: str, title: str, number: str, kind: str, issuer: str, date: str) -> SearchHit:
    return SearchHit(id=doc_id, title=title[:TITLE_SHOWN], number=number, kind=kind, issuer=issuer,
                     date=date, score=0.0, page=None, snippet="")


def make_hit(shown: Shown, score: float, query: ParsedQuery) -> SearchHit:
    hit, passage = shown
    page, text = passage if passage else (None, "")
    hit.score, hit.page, hit.snippet = float(score or 0.0), page, snippet(text, 0, len(text), query)
    return hit
