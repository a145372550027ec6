"""Which documents implement which: the parent/child pairs the checks compare.

A child implements a parent when one of its references carries the parent's number with a
relation word (thực hiện, triển khai, cụ thể hóa, quán triệt), or when its title says so ("Kế
hoạch thực hiện Nghị quyết số 15-NQ/TU"). "Căn cứ" alone is a legal basis, not an implementation.
A partial citation ("Nghị quyết số 20") is resolved among documents of the child's own issuer.
Numbers restart each term, so when several documents share a number the one dated last before
the child is its parent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from vanban.errors import NotFoundError
from vanban.folding import fold, nfc
from vanban.model import Document, PartialReference
from vanban.catalog import Catalog
from vanban.identity import cites, is_doc_id, number_key
from vanban.vocab import IMPLEMENTING_RELATIONS, kind_label

from vanban.checks.compare import level_of
from vanban.checks.plans import is_plan

IMPLEMENTING = tuple(" ".join(fold(r).split()) for r in IMPLEMENTING_RELATIONS)
# Title words of a document that reviews an implementation rather than carrying one out.
REVIEWING = ("so ket", "tong ket", "danh gia", "bao cao", "kiem tra", "giam sat")


PAIRED_BY_HAND = "do người dùng ghép cặp"


def _implementing(relation: str) -> bool:
    return " ".join(fold(nfc(relation)).split()) in IMPLEMENTING


@dataclass(frozen=True, slots=True)
class _TitleCitation:
    """Where, in the compacted title, the document the title implements is named."""

    compact: str
    start: int
    end: int

    def names(self, cited: str) -> bool:
        key = number_key(cited)
        at = self.compact.find(key, self.start) if key else -1
        return at >= 0 and at < self.end and self.start < at + len(key)


def _title_citation(child: Document) -> _TitleCitation | None:
    """The document the title says it implements ("Kế hoạch thực hiện <it> …"); None when the
    title implements nothing it names.

    The relation governs the first document named after it ("thực hiện Kế hoạch số 12-KH/HU …
    về thực hiện Nghị quyết số 15-NQ/TU" implements 12-KH/HU), and a title that reviews an
    implementation ("sơ kết … thực hiện …") implements nothing."""
    compact = number_key(child.doc.title)
    verbs = [at for at in (compact.find(w.replace(" ", "")) for w in IMPLEMENTING) if at >= 0]
    if not verbs:
        return None
    verb = min(verbs)
    if any(0 <= compact.find(w.replace(" ", "")) < verb for w in REVIEWING):
        return None
    spans = []
    for name in [r.number for r in child.references] + [p.text for p in child.references_partial]:
        key = number_key(name)
        at = compact.find(key, verb) if key else -1
        if at >= 0:
            spans.append((at, at + len(key)))
    if not spans:
        return None
    start, end = min(spans)
    return _TitleCitation(compact, start, end)


def _link_evidence(child: Document, relation: str, text: str, cited: str,
                   title: _TitleCitation | None, note: str = "") -> str | None:
    """Why ``child`` implements what ``cited`` names, or None. A title that names what it
    implements overrules relation words in the body, which often quote the chain above it."""
    if title is not None:
        return f"trích yếu ghi thực hiện {cited}{note}" if title.names(cited) else None
    if _implementing(relation):
        return f'dẫn "{text}" với "{relation}"{note}'
    return None


def _partial_fits(ref: PartialReference, candidate: Document) -> bool:
    """A partial citation ("Nghị quyết số 20") names a document of that number and kind."""
    if cites(ref.kind, ref.number, candidate.doc.number):
        return True
    bare = number_key(ref.number).lstrip("0")
    same_kind = candidate.doc.kind == ref.kind or fold(kind_label(candidate.doc.kind)) == " ".join(fold(nfc(ref.kind)).split())
    return same_kind and number_key(candidate.doc.number).lstrip("0").startswith((bare + "-", bare + "/"))


def _issuer_key(d: Document) -> tuple[str, ...]:
    """An issuer compared folded, word by word: "Tỉnh ủy Lam Giang" is "TỈNH ỦY LAM  GIANG"."""
    return tuple(fold(nfc(d.doc.issuer)).split())


def _latest_before(candidates: Iterable[Document], child: Document) -> list[Document]:
    """Of documents sharing one number, the one(s) dated last on or before the child."""
    cands = [d for d in candidates if d.id != child.id]
    if len(cands) < 2 or not child.doc.date:
        return cands
    before = [d for d in cands if not d.doc.date or d.doc.date <= child.doc.date] or cands
    dated = [d for d in before if d.doc.date]
    if not dated:
        return before
    last = max(d.doc.date for d in dated)
    return [d for d in before if d.doc.date == last]


class Index:
    """Documents by number (and the peers partial citations resolve among), so one pass over
    the store finds every link."""

    def __init__(self, docs: Iterable[Document], peers: Iterable[Document] | None = None):
        self.docs = list({d.id: d for d in docs}.values())
        # where partial citations are resolved: every document, or the one parent asked about
        self.peers = self.docs if peers is None else list(peers)
        self.by_number: dict[str, list[Document]] = defaultdict(list)
        for d in self.docs:
            if d.doc.number:
                self.by_number[number_key(d.doc.number)].append(d)
        # Issuers folded once per index, not once per comparison (every child meets every peer).
        self.by_issuer: dict[tuple[str, ...], list[Document]] = defaultdict(list)
        for d in self.peers:
            if d.doc.issuer:
                self.by_issuer[_issuer_key(d)].append(d)

    def numbered(self, number: str) -> list[Document]:
        return self.by_number.get(number_key(number), [])

    def same_issuer(self, child: Document) -> list[Document]:
        return [d for d in self.by_issuer.get(_issuer_key(child), []) if d.id != child.id]


_RANK = {"central": 0, "province": 1, "district": 2, "commune": 3}


def _below_or_level(child: Document, parent: Document) -> bool:
    """A plan carries out documents of its own level or above (a level unknown allows it)."""
    a, b = _RANK.get(level_of(parent)), _RANK.get(level_of(child))
    return a is None or b is None or b >= a


def parents_of(child: Document, index: Index) -> list[tuple[Document, str]]:
    """Every document ``child`` implements, each with the evidence for the link."""
    found: dict[str, tuple[Document, str]] = {}
    if not is_plan(child):
        return []
    title = _title_citation(child)
    for ref in child.references:
        why = _link_evidence(child, ref.relation, ref.text, ref.number, title)
        if why:
            for parent in _latest_before(index.numbered(ref.number), child):
                if _below_or_level(child, parent):
                    found.setdefault(parent.id, (parent, why))
    if child.references_partial:
        peers = index.same_issuer(child)
        for pref in child.references_partial:
            why = _link_evidence(child, pref.relation, pref.text, pref.text, title, " (cùng cơ quan ban hành)")
            if why:
                fits = [d for d in peers if _partial_fits(pref, d)]
                for parent in _latest_before(fits, child):
                    if _below_or_level(child, parent):
                        found.setdefault(parent.id, (parent, why))
    return list(found.values())


def link_evidence(parent: Document, child: Document) -> str | None:
    """Why ``child`` implements ``parent``, or None when it does not say so."""
    return next((why for p, why in parents_of(child, Index([parent])) if p.id == parent.id), None)


def resolve(store: Catalog, spec: str) -> list[Document]:
    """Documents a user means by ``spec``: an id, or a number in any spelling."""
    spec = nfc(spec.strip())
    if is_doc_id(spec.lower()):
        doc = store.get(spec.lower())
        if doc is not None:
            return [doc]
    docs = store.find_by_number(spec)
    if not docs:
        doc = store.get(spec)
        docs = [doc] if doc is not None else []
    if not docs:
        raise NotFoundError(f"no document with number or id {spec!r} in the store")
    return docs


def linked_pairs(store: Catalog, parent: str | None = None,
                 child: str | None = None) -> list[tuple[Document, Document, str]]:
    """(parent, child, why) for the pairs to check; see ``vanban.checks.run_checks``."""
    if parent and child:
        pairs = []
        for p in resolve(store, parent):
            for c in resolve(store, child):
                if p.id != c.id:
                    pairs.append((p, c, link_evidence(p, c) or PAIRED_BY_HAND))
        return pairs
    if parent:
        pairs = []
        for p in resolve(store, parent):
            candidates = {d.id: d for d in store.citing(p.doc.number)} if p.doc.number else {}
            issuer = _issuer_key(p)
            candidates.update({d.id: d for d in store.documents()
                               if d.references_partial and d.doc.issuer and _issuer_key(d) == issuer})
            namesakes = store.find_by_number(p.doc.number) if p.doc.number else []
            index = Index([*namesakes, p], peers=[p])
            for c in candidates.values():
                for q, why in parents_of(c, index):
                    if q.id == p.id:
                        pairs.append((p, c, why))
        return pairs
    if child:
        pairs = []
        index = Index(store.documents())
        for c in resolve(store, child):
            pairs += [(p, c, why) for p, why in parents_of(c, index)]
        return pairs
    index = Index(store.documents())
    return [(p, c, why) for c in index.docs for p, why in parents_of(c, index)]


def parents_implemented(store: Catalog, child_ids: Iterable[str]) -> list[Document]:
    """The documents that the given (newly ingested) documents implement, each once.

    Looks up only the numbers each child cites, so an ingest of a few files stays cheap however
    large the store is; partial citations are left to the full check run.
    """
    parents: dict[str, Document] = {}
    for child_id in child_ids:
        child = store.get(child_id)
        if child is None or not child.references:
            continue
        cited = {d.id: d for ref in child.references for d in store.find_by_number(ref.number)}
        for parent, _why in parents_of(child, Index([*cited.values(), child])):
            parents.setdefault(parent.id, parent)
    return list(parents.values())
