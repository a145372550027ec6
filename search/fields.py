"""What both backends store beside the text, and what a query's filters mean over it.

One definition keeps the two backends from drifting: the same document yields the same filter
values, and the same SearchQuery yields the same conditions, whichever engine evaluates them.
"""

from __future__ import annotations

from dataclasses import dataclass

from vanban.folding import fold
from vanban.model import Document, SearchQuery
from vanban.identity import number_key
from vanban.search.numbers import signatures
from vanban.search.query import date_bounds


def document_fields(doc: Document) -> dict[str, object]:
    """The filter and display columns of a document (the whole Document is stored beside them)."""
    meta = doc.doc
    return {
        "id": doc.id, "kind": meta.kind, "level": meta.level, "issuer": meta.issuer,
        # Issuer filters match a folded substring: "tinh uy song may" finds "Tỉnh ủy Sông Mây".
        "issuer_folded": fold(meta.issuer), "number": meta.number, "number_key": number_key(meta.number),
        "signer": meta.signer, "signer_folded": fold(meta.signer),
        "date": meta.date, "year": meta.date[:4] if len(meta.date) >= 4 else "", "title": meta.title,
        "refs": sorted({number_key(r.number) for r in doc.references} - {""}),
        "numbers": signatures(meta.number, meta.kind),
    }


@dataclass(frozen=True, slots=True)
class Filters:
    """A SearchQuery's filters, validated and normalised; None means "no condition"."""

    kind: str | None
    level: str | None
    year: str | None
    issuer_folded: str | None  # substring of document_fields()["issuer_folded"]
    signer_folded: str | None  # equal to document_fields()["signer_folded"]
    date_from: str | None  # date >= date_from
    date_before: str | None  # date < date_before
    references: str | None  # a number_key the document cites
    signature: str | None = None  # one of numbers.signatures() of the document's own number
    exclude: tuple[str, ...] = ()  # ids left out (those already shown first)

    @property
    def dated_only(self) -> bool:
        return self.date_from is not None or self.date_before is not None

    @property
    def exact(self) -> dict[str, str]:
        """Conditions that are plain equality on a stored column."""
        pairs = {"kind": self.kind, "level": self.level, "year": self.year}
        return {k: v for k, v in pairs.items() if v is not None}


def filters_of(query: SearchQuery) -> Filters:
    lo, hi = date_bounds(query.date_from, query.date_to)
    issuer = fold(query.issuer.strip()) if query.issuer and query.issuer.strip() else None
    signer = fold(" ".join(query.signer.split())) if query.signer and query.signer.strip() else None
    refs = number_key(query.references) if query.references else ""
    return Filters(
        kind=query.kind or None, level=query.level or None, year=query.year or None,
        issuer_folded=issuer, signer_folded=signer, date_from=lo, date_before=hi, references=refs or None,
    )
