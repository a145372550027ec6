"""What a hit shows: the fields of its document, and a snippet of the passage that best answers
the query (the engine picks it: see ranking.Engine.passages)."""

from __future__ import annotations

from dataclasses import dataclass

from vanban.model import SearchHit
from vanban.search.highlight import snippet
from vanban.search.query import ParsedQuery


TITLE_SHOWN = 1000  # characters of a title a hit shows (a trích yếu is far shorter)


@dataclass(frozen=True, slots=True)
class Shown:
    """The fields of a document a hit carries, as a backend read them."""

    id: str
    title: str
    number: str
    kind: str
    issuer: str
    date: str


def make_hit(shown: Shown, score: float, passage: tuple[int, str] | None, query: ParsedQuery) -> SearchHit:
    page, text = passage if passage else (None, "")
    return SearchHit(
        id=shown.id, title=shown.title[:TITLE_SHOWN], number=shown.number, kind=shown.kind, issuer=shown.issuer,
        date=shown.date, score=float(score or 0.0), page=page, snippet=snippet(text, 0, len(text), query),
    )
