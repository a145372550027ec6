"""A document among the others, as the legal portals' "lược đồ" shows it: what it is based on,
implements and replaces, and what implements it, reports on it, replaces it or cites it.

    relations_of(store, doc) -> Relations
    implementing_search(store, query) -> SearchResult   (the search page's "thực hiện" filter)

Which document implements which is decided by vanban.checks.linking (relation words, titles,
partial citations resolved among the issuer's documents), the very links the checks compare;
the other groups come from the relation word each reference carries (vocab.RELATIONS).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field

from vanban.checks import linking
from vanban.folding import fold
from vanban.identity import number_key
from vanban.model import Document, SearchQuery, SearchResult
from vanban.search.base import Store
from vanban.search.query import MAX_LIMIT
from vanban.vocab import BASIS_RELATION as BASIS, IMPLEMENTING_RELATIONS, REPLACING_RELATION as REPLACING

# The groups in the order the view shows them, each with the heading people read.
GROUPS: dict[str, str] = {
    "based_on": "Căn cứ",
    "implements": "Thực hiện",
    "replaces": "Thay thế",
    "cites": "Dẫn chiếu khác",
    "implemented_by": "Được thực hiện bởi",
    "reported_by": "Được báo cáo, đánh giá bởi",
    "replaced_by": "Bị thay thế bởi",
    "cited_by": "Được dẫn chiếu bởi",
}
REPORTING_KINDS = ("bao_cao", "thong_bao")
# What the document points at (left of the diagram) and what points at it (right).
OUTWARD = ("based_on", "implements", "replaces", "cites")
INWARD = ("implemented_by", "reported_by", "replaced_by", "cited_by")


@dataclass(slots=True)
class Link:
    number: str  # as cited, or the document's own number
    document: Document | None  # None: cited but not in the store
    relation: str = ""  # the relation word as written ("triển khai")


@dataclass(slots=True)
class Relations:
    groups: dict[str, list[Link]] = field(default_factory=lambda: {g: [] for g in GROUPS})

    def add(self, group: str, link: Link) -> None:
        links = self.groups[group]
        if not any(_same(link, other) for other in links):
            links.append(link)

    @property
    def empty(self) -> bool:
        return not any(self.groups.values())


def _same(a: Link, b: Link) -> bool:
    if a.document is not None and b.document is not None:
        return a.document.id == b.document.id
    return a.document is None and b.document is None and number_key(a.number) == number_key(b.number)


def _relation(word: str) -> str:
    return " ".join(fold(word).split())


def _is(word: str, relations: tuple[str, ...] | str) -> bool:
    wanted = (relations,) if isinstance(relations, str) else relations
    return _relation(word) in {_relation(r) for r in wanted}


def reports_on(doc: Document) -> bool:
    """A review rather than a plan: a report or notice, or a title that reviews ("sơ kết …")."""
    title = " ".join(fold(doc.doc.title).split())
    return doc.doc.kind in REPORTING_KINDS or any(w in title for w in linking.REVIEWING)


def relations_of(store: Store, doc: Document) -> Relations:
    out = Relations()
    cited = {ref.number: [d for d in store.find_by_number(ref.number) if d.id != doc.id] for ref in doc.references}
    parents = {p.id for p, _ in linking.parents_of(doc, linking.Index([d for ds in cited.values() for d in ds]))}
    for ref in doc.references:
        found = cited[ref.number] or [None]
        for target in found:
            link = Link(ref.number, target, ref.relation)
            if target is not None and target.id in parents:
                out.add("implements", link)
            elif _is(ref.relation, IMPLEMENTING_RELATIONS) and target is None:
                out.add("implements", link)
            elif _is(ref.relation, BASIS):
                out.add("based_on", link)
            elif _is(ref.relation, REPLACING):
                out.add("replaces", link)
            else:
                out.add("cites", link)
    if doc.doc.number:
        key = number_key(doc.doc.number)
        namesakes = linking.Index([doc, *store.find_by_number(doc.doc.number)])
        for other in store.citing(doc.doc.number):
            if other.id == doc.id:
                continue
            relation = next((r.relation for r in other.references if number_key(r.number) == key), "")
            link = Link(other.doc.number, other, relation)
            if any(p.id == doc.id for p, _ in linking.parents_of(other, namesakes)):
                out.add("implemented_by", link)
            elif _is(relation, REPLACING):
                out.add("replaced_by", link)
            elif reports_on(other):
                out.add("reported_by", link)
            else:
                out.add("cited_by", link)
    return out


def implementing(store: Store, number: str) -> dict[str, Document]:
    """The documents implementing any document numbered ``number``, by id."""
    namesakes = store.find_by_number(number)
    if not namesakes:
        return {}
    index = linking.Index(namesakes)
    ids = {d.id for d in namesakes}
    return {c.id: c for c in store.citing(number)
            if any(p.id in ids for p, _ in linking.parents_of(c, index))}


def implementing_search(store: Store, query: SearchQuery) -> SearchResult:
    """``query`` (whose ``references`` names the implemented number) narrowed to the documents
    that implement it. The store filters by citation; implementation is decided here over every
    citing document the query matches (read a page of MAX_LIMIT at a time, in ranked order), so
    totals and facets are counted over the implementing ones."""
    chosen = implementing(store, query.references or "")
    if not chosen:
        return SearchResult(0, [], {})
    hits, offset, total = [], 0, 1
    while offset < total:
        page = store.search(dataclasses.replace(query, limit=MAX_LIMIT, offset=offset))
        hits += [h for h in page.hits if h.id in chosen]
        offset, total = offset + MAX_LIMIT, page.total
    docs = [chosen[h.id] for h in hits]
    facets = {
        "kind": Counter(d.doc.kind for d in docs), "level": Counter(d.doc.level for d in docs),
        "issuer": Counter(d.doc.issuer for d in docs if d.doc.issuer),
        "year": Counter(d.doc.date[:4] for d in docs if len(d.doc.date) >= 4),
    }
    shaped = {name: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for name, c in facets.items()}
    return SearchResult(len(hits), hits[query.offset:query.offset + query.limit], shaped)
