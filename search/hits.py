"""What a hit shows: the page and snippet of the passage that best answers the query.

Engines rank whole documents (their text is indexed as one field per document, a value per
passage); the passage a hit is shown from is chosen here, for the page of hits only, so every
backend shows the same page and snippet for the same document and query.

A passage ranks by, in order: how many of the query's clauses it holds (folded), whether it holds
the typed words side by side, how many clauses it holds with the accents typed, how many matches
it holds; the earliest passage wins a tie. Without a query, the first passage stands.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from vanban.folding import fold
from vanban.model import Document, Page, Passage, SearchHit
from vanban.search.highlight import clause_pattern, snippet
from vanban.search.passages import split_passages
from vanban.search.query import Clause, ParsedQuery, index_words


@dataclass(frozen=True, slots=True)
class Shown:
    """The fields of a document a hit carries, as a backend read them."""

    id: str
    title: str
    number: str
    kind: str
    issuer: str
    date: str
    text: str
    pages: Sequence[Page]


def make_hit(shown: Shown, score: float, query: ParsedQuery) -> SearchHit:
    passage = best_passage(shown.text, shown.pages, query)
    text = passage.text if passage else ""
    return SearchHit(
        id=shown.id, title=shown.title, number=shown.number, kind=shown.kind, issuer=shown.issuer,
        date=shown.date, score=float(score or 0.0), page=passage.page if passage else None,
        snippet=snippet(text, 0, len(text), query),
    )


def best_passage(text: str, pages: Sequence[Page], query: ParsedQuery) -> Passage | None:
    passages = split_passages(Document(id="", source="", format="", text=text, pages=list(pages)))
    if not passages or not query.clauses:
        return passages[0] if passages else None
    starts = [p.start for p in passages]
    folded = fold(text)
    covered: list[set[int]] = [set() for _ in passages]
    exact: list[set[int]] = [set() for _ in passages]
    matches = [0] * len(passages)
    for n, clause in enumerate(query.clauses):
        written = " ".join(clause.words)
        for m in clause_pattern(clause).finditer(folded):
            at = bisect_right(starts, m.start()) - 1
            if at < 0 or m.end() > passages[at].end:
                continue  # between passages (a page's margin) or across two
            covered[at].add(n)
            matches[at] += 1
            if index_words(text[m.start():m.end()]) == written:
                exact[at].add(n)
    close = _holding(query.proximity, folded, passages, starts) if query.proximity else set()
    best = max(range(len(passages)),
               key=lambda i: (len(covered[i]), i in close, len(exact[i]), matches[i], -i))
    return passages[best]


def _holding(clause: Clause, folded: str, passages: list[Passage], starts: list[int]) -> set[int]:
    found = set()
    for m in clause_pattern(clause).finditer(folded):
        at = bisect_right(starts, m.start()) - 1
        if at >= 0 and m.end() <= passages[at].end:
            found.add(at)
    return found
