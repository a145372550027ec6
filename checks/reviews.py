"""Which documents report on a resolution or plan: the reports whose results feed its progress.

A document reviews a parent when it states results and names the parent:
- a report (báo cáo, thông báo kết luận, công văn, news: ``vocab.REPORTING_KINDS``) citing the
  parent's number, or a partial citation of it by the same issuer ("Nghị quyết số 15");
- another kind only when review words stand by the citation or in its title ("sơ kết", "tổng kết",
  "kết quả thực hiện Nghị quyết số 15"): a plan that implements the parent reports on earlier years,
  not on the parent.
A report on a document the parent implements reviews the parent too when it comes from the parent's
own level and body (the Government's office reporting on 57-NQ/TW reports on the Government's
programme 03/NQ-CP that carries it out).
"""

from __future__ import annotations

import re

from vanban.folding import fold, nfc
from vanban.identity import number_key
from vanban.model import Document
from vanban.catalog import Catalog
from vanban.vocab import REPORTING_KINDS, kind_label

from vanban.checks.compare import level_of
from vanban.checks.linking import Index, parents_of

_REVIEW_WORDS = re.compile(r"\b(?:so ket|tong ket|ket qua|danh gia|bao cao|kiem diem|tinh hinh thuc hien)\b")
# Organs that speak for a body: the Government's office for the Government, the standing committee
# for the provincial committee ("Văn phòng Chính phủ" reports for "Chính phủ").
_ORGAN = re.compile(r"^(?:van phong|ban thuong vu|ban chap hanh|thuong truc|ban can su dang|dang doan)\s+")
_NEAR = 160  # characters around a citation where review words make it a review


def _body(issuer: str) -> str:
    text = " ".join(fold(nfc(issuer)).split())
    return _ORGAN.sub("", text)


def same_body(a: Document, b: Document) -> bool:
    """Whether two documents come from one body (an unknown issuer is given the benefit)."""
    x, y = _body(a.doc.issuer), _body(b.doc.issuer)
    return not x or not y or x in y or y in x


def _cited_at(doc: Document, parent: Document) -> list[int]:
    key = number_key(parent.doc.number)
    at = [r.start for r in doc.references if key and number_key(r.number) == key]
    at += [p.start for p in doc.references_partial if _partial_names(p.number, p.kind, parent)]
    return at


def _partial_names(number: str, kind: str, parent: Document) -> bool:
    key = number_key(parent.doc.number)
    return bool(key) and re.match(rf"{re.escape(number_key(number))}[-/]", key) is not None


def name(doc: Document) -> str:
    """How a report is named in a reason: its number, else its kind and date ("tin tức 15/03/2022")."""
    if doc.doc.number:
        return doc.doc.number
    when = "/".join(reversed(doc.doc.date.split("-"))) if doc.doc.date else ""
    return " ".join(x for x in (kind_label(doc.doc.kind).lower(), when) if x)


def review_evidence(doc: Document, parent: Document) -> str | None:
    """Why ``doc`` reports on ``parent`` (in Vietnamese), or None."""
    if doc.id == parent.id or not doc.results:
        return None
    at = _cited_at(doc, parent)
    partial_only = not any(r for r in doc.references if number_key(r.number) == number_key(parent.doc.number))
    if not at or partial_only and not same_body(doc, parent):
        return None
    label, own = name(parent), name(doc)
    if doc.doc.kind in REPORTING_KINDS:
        return f"{own} trích dẫn {label} và nêu kết quả"
    if _REVIEW_WORDS.search(fold(doc.doc.title)) and number_key(parent.doc.number) in number_key(doc.doc.title):
        return f"tiêu đề {own} đánh giá việc thực hiện {label}"
    for start in at:
        near = fold(doc.text[max(0, start - _NEAR):start + _NEAR])
        if _REVIEW_WORDS.search(near):
            return f"{own} đánh giá kết quả thực hiện {label}"
    return None


def _citing(store: Catalog, parent: Document) -> dict[str, Document]:
    found = {d.id: d for d in store.citing(parent.doc.number)} if parent.doc.number else {}
    if parent.doc.number:  # partial citations ("Nghị quyết số 15") are resolved among the same body
        found.update({d.id: d for d in store.documents()
                      if d.results and d.references_partial and d.id not in found and same_body(d, parent)})
    return found


def reviews(store: Catalog, parent: Document) -> list[tuple[Document, str]]:
    """(report, why) for every stored document reporting on ``parent``, oldest first."""
    found: dict[str, tuple[Document, str]] = {}
    for doc in _citing(store, parent).values():
        why = review_evidence(doc, parent)
        if why:
            found[doc.id] = (doc, why)
    cited = {d.id: d for ref in parent.references for d in store.find_by_number(ref.number)}
    for above, _ in parents_of(parent, Index([*cited.values(), parent])):
        for doc in _citing(store, above).values():
            if doc.id in found or level_of(doc) != level_of(parent) or not same_body(doc, parent):
                continue
            why = review_evidence(doc, above)
            if why:
                found[doc.id] = (doc, f"{why}; {name(parent)} thực hiện {name(above)}")
    return sorted(found.values(), key=lambda dw: (dw[0].doc.date, dw[0].label))


def parents_reviewed(store: Catalog, doc_ids: list[str]) -> list[Document]:
    """The documents the given (newly ingested) documents report on, each once: only the numbers
    each one cites are looked up, so an ingest stays cheap however large the store is."""
    parents: dict[str, Document] = {}
    for doc_id in doc_ids:
        doc = store.get(doc_id)
        if doc is None or not doc.results:
            continue
        for ref in doc.references:
            for parent in store.find_by_number(ref.number):
                if parent.id not in parents and review_evidence(doc, parent):
                    parents[parent.id] = parent
    return list(parents.values())
