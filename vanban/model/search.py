"""A search and what it answers (the `vanban search --json` shape)."""

from __future__ import annotations

from dataclasses import dataclass

from vanban.model.base import extra


@dataclass(slots=True)
class SearchQuery:
    q: str = ""
    kind: str | None = None
    level: str | None = None
    issuer: str | None = None
    date_from: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD, inclusive
    date_to: str | None = None
    references: str | None = None  # documents citing this number
    year: str | None = None
    signer: str | None = extra(None)  # the signer's name, accents and case aside
    limit: int = 10
    offset: int = 0
    sort: str = "relevance"  # or "date"


@dataclass(slots=True)
class SearchHit:
    id: str
    title: str
    number: str
    kind: str
    issuer: str
    date: str
    score: float
    page: int | None
    snippet: str  # HTML: document text escaped, matches wrapped in <mark>


@dataclass(slots=True)
class SearchResult:
    total: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]]
