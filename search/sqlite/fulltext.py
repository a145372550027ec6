"""The embedded full-text index: tantivy, beside the SQLite records.

store_dir/fulltext/ holds two tantivy indexes (Rust), so that a search costs what its page costs:
the top-k collector skips documents that cannot make the page rather than scoring every match.
documents/ ranks and counts, one entry per document:
  exact, folded   the text's words (query.index_words), a value per passage, lower-cased with
                  accents kept and folded by vanban.folding.fold (đ -> d). Words are cut and folded
                  here, as for Elasticsearch, and indexed with the whitespace tokenizer; a phrase
                  never spans two values, so never two passages
  exact_pairs, folded_pairs
                  the same words two by two ("nong_thon thon_moi"): a phrase is looked up as its
                  pairs, far rarer than its words, so matching it reads few positions (what
                  Elasticsearch's index_phrases does)
  seq             the record's key in SQLite: hits are read from there
  id, kind, level, year, issuer, signer, issuer_folded, signer_folded, refs, numbers, date
                  (YYYYMMDD as an integer, 0 undated): what filters, facets and the ranking of
                  named numbers read
passages/ holds the passages a hit may be shown from (passages.shown_passages), one entry each
(id, ordinal, page, text stored; exact and folded as above): for the page of hits only, each
document's best passage by the same query, as Elasticsearch picks an inner hit.

Ranking (query.py's boosts, as on Elasticsearch): every clause matches as written (boosted
EXACT_BOOST) or folded; citing a number the query names adds CITING_BOOST; ranking.py lifts the
documents holding the typed words side by side (``holding``) within the best RESCORED. Totals and
facets come from a second pass, an aggregation that counts without scoring, so the ranking pass
only keeps the best ``limit``.

Writes follow the records: a writer commits its records and their ids in fulltext_pending, then
the store's ``_apply_pending`` (holding SQLite's write lock, so one tantivy writer at a time
across processes) re-indexes those documents from their records, commits both indexes, and clears
the ids.
A crash in between leaves the ids pending for the next writer; the records are never behind.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path

import tantivy

from vanban.folding import fold
from vanban.model import Document
from vanban.search.fields import Filters, document_fields
from vanban.search.passages import indexed_passages, shown_passages
from vanban.search.query import (
    CITING_BOOST, EXACT_BOOST, PROXIMITY_BOOST, Clause, ParsedQuery, index_words,
)
from vanban.vocab import FACETS

FOLDER = "fulltext"
LAYOUT = 5  # moves on when the entry's fields change: the index is then rebuilt from the records
WRITER_HEAP = 64_000_000  # bytes the tantivy writer buffers before it writes a segment
_FACET_BUCKETS = 10_000


def _words_fields(b: tantivy.SchemaBuilder, pairs: bool = False) -> None:
    for name in ("exact", "folded", *(("exact_pairs", "folded_pairs") if pairs else ())):
        b.add_text_field(name, tokenizer_name="whitespace", index_option="position")


def pairs(words: str) -> str:
    """"nong thon moi" -> "nong_thon thon_moi" (words never hold an underscore: query.WORD)."""
    split = words.split()
    return " ".join(f"{a}_{b}" for a, b in zip(split, split[1:]))


def _passage_schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    _words_fields(b)
    b.add_text_field("id", tokenizer_name="raw")
    b.add_integer_field("seq", fast=True, indexed=True)
    b.add_integer_field("ordinal", fast=True, indexed=True)
    b.add_integer_field("page", stored=True)
    b.add_text_field("text", stored=True, tokenizer_name="raw", index_option="basic")
    return b.build()


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    _words_fields(b, pairs=True)
    b.add_integer_field("seq", fast=True, indexed=True)
    b.add_integer_field("date", fast=True, indexed=True)
    b.add_text_field("id", tokenizer_name="raw")
    for name in ("kind", "level", "year", "issuer", "signer"):
        b.add_text_field(name, tokenizer_name="raw", fast=True)
    for name in ("issuer_folded", "signer_folded", "refs", "numbers"):
        b.add_text_field(name, tokenizer_name="raw")
    return b.build()


SCHEMA = _schema()
PASSAGE_SCHEMA = _passage_schema()


def date_number(date: str) -> int:
    """"2021-04-20" -> 20210420, "2021-06" -> 20210600, "" -> 0: ISO order as integer order."""
    digits = date.replace("-", "")
    return int((digits + "0000")[:8]) if digits.isdigit() else 0


def entries(seq: int, doc: Document) -> tuple[tantivy.Document, list[tantivy.Document]]:
    """The document's entry and its shown passages' entries."""
    fields = document_fields(doc)
    passages = indexed_passages(doc)
    exact = [index_words(p.text) for p in passages]
    folded = [fold(w) for w in exact]
    document = tantivy.Document(
        seq=seq, id=doc.id, exact=exact, folded=folded,
        exact_pairs=[pairs(w) for w in exact], folded_pairs=[pairs(w) for w in folded],
        kind=fields["kind"], level=fields["level"], year=fields["year"], issuer=fields["issuer"],
        signer=fields["signer"], issuer_folded=fields["issuer_folded"], signer_folded=fields["signer_folded"], refs=list(fields["refs"]), numbers=list(fields["numbers"]),
        date=date_number(doc.doc.date),
    )
    shown = [tantivy.Document(id=doc.id, seq=seq, ordinal=p.ordinal, page=p.page, text=p.text,
                              exact=exact[p.ordinal], folded=folded[p.ordinal]) for p in shown_passages(doc, passages)]
    return document, shown


class FullText:
    """The tantivy indexes of one store. Reads see the last commit they were reloaded to."""

    PARTS = ("documents", "passages")

    def __init__(self, index: tantivy.Index, passages: tantivy.Index, mirrors: tuple["_Mirror", ...] = ()):
        self.index, self.passages = index, passages
        self._mirrors = mirrors

    @classmethod
    def exists(cls, folder: Path) -> bool:
        return all((folder / p).is_dir() and tantivy.Index.exists(str(folder / p)) for p in cls.PARTS)

    @classmethod
    def open(cls, folder: Path, writable: bool = True) -> "FullText":
        if writable:
            return cls(*(tantivy.Index.open(str(folder / p)) for p in cls.PARTS))
        mirrors = tuple(_Mirror(folder / p) for p in cls.PARTS)
        return cls(*(tantivy.Index.open(str(m.path)) for m in mirrors), mirrors=mirrors)

    @classmethod
    def create(cls, folder: Path) -> "FullText":
        """Empty indexes in ``folder``, replacing whatever was there."""
        shutil.rmtree(folder, ignore_errors=True)
        for part in cls.PARTS:
            (folder / part).mkdir(parents=True)
        return cls(tantivy.Index(SCHEMA, path=str(folder / "documents"), reuse=False),
                   tantivy.Index(PASSAGE_SCHEMA, path=str(folder / "passages"), reuse=False))

    def reload(self) -> None:
        for mirror in self._mirrors:
            mirror.sync()
        self.index.reload()
        self.passages.reload()

    def close(self) -> None:
        for mirror in self._mirrors:
            mirror.remove()

    def write(self, deleted: Iterable[str], added: Iterator[tuple[int, Document]]) -> None:
        """Remove the entries of ``deleted`` ids, add ``added`` (seq, document) pairs, commit both
        indexes (a crash between the two commits leaves the ids pending: see the module doc)."""
        writers = [self.index.writer(heap_size=WRITER_HEAP, num_threads=1),
                   self.passages.writer(heap_size=WRITER_HEAP // 2, num_threads=1)]
        try:
            for doc_id in deleted:
                for writer in writers:
                    writer.delete_documents_by_term("id", doc_id)
            for seq, doc in added:
                document, passages = entries(seq, doc)
                writers[0].add_document(document)
                for passage in passages:
                    writers[1].add_document(passage)
            for writer in writers:
                writer.commit()
        except BaseException:
            for writer in writers:
                writer.rollback()
            raise
        finally:
            for writer in writers:
                writer.wait_merging_threads()
        self.reload()

    # --- reading ----------------------------------------------------------------------------

    def ranked(self, query: tantivy.Query, offset: int, limit: int, by_date: bool) -> list[tuple[int, float]]:
        """(seq, score) of one page of hits, best first (newest first ``by_date``)."""
        if limit <= 0:
            return []
        searcher = self.index.searcher()
        if by_date:
            found = searcher.search(query, limit, count=False, order_by_field="date", offset=offset)
            addresses, scores = [a for _, a in found.hits], [0.0] * len(found.hits)
        else:
            found = searcher.search(query, limit, count=False, offset=offset)
            addresses, scores = [a for _, a in found.hits], [s for s, _ in found.hits]
        return list(zip(searcher.fast_field_values("seq", addresses), scores))

    def scored(self, query: tantivy.Query, page: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """``page`` (seq, _) with each hit's relevance score: hits ordered by date carry one too."""
        if not page:
            return page
        only = tantivy.Query.term_set_query(SCHEMA, "seq", [seq for seq, _ in page])
        searcher = self.index.searcher()
        found = searcher.search(tantivy.Query.boolean_query([
            (tantivy.Occur.Must, query), (tantivy.Occur.Must, tantivy.Query.const_score_query(only, 0.0))]),
            len(page), count=False)
        seqs = searcher.fast_field_values("seq", [a for _, a in found.hits])
        scores = dict(zip(seqs, (s for s, _ in found.hits)))
        return [(seq, scores.get(seq, 0.0)) for seq, _ in page]

    def counted(self, query: tantivy.Query) -> tuple[int, dict[str, list[tuple[str, int]]]]:
        """How many documents match, and the facet counts over all of them (nothing is scored)."""
        aggs = {name: {"terms": {"field": name, "size": _FACET_BUCKETS}} for name in FACETS}
        aggs["total"] = {"value_count": {"field": "seq"}}
        found = self.index.searcher().aggregate(query, aggs)
        facets = {name: [(b["key"], b["doc_count"]) for b in found[name]["buckets"]] for name in FACETS}
        return int(found["total"]["value"] or 0), facets

    def shown(self, seqs: list[int], parsed: ParsedQuery, passages: int) -> dict[int, tuple[int, str]]:
        """(page, text) of the passage each document (by seq) is shown from: the one that best
        answers ``parsed``, the earliest on a tie; the first when none holds a word of it.
        ``passages``: how many the documents hold together, all of which may match."""
        searcher = self.passages.searcher()
        of_docs = (tantivy.Occur.Must, tantivy.Query.term_set_query(PASSAGE_SCHEMA, "seq", seqs))
        best: dict[int, tuple[float, int, tantivy.DocAddress]] = {}
        if parsed.clauses:
            should = [(tantivy.Occur.Should, _either(c, PASSAGE_SCHEMA)) for c in parsed.clauses]
            if parsed.proximity is not None:
                should.append((tantivy.Occur.Should, tantivy.Query.boost_query(
                    _words("folded", parsed.proximity.folded, PASSAGE_SCHEMA), PROXIMITY_BOOST)))
            found = searcher.search(tantivy.Query.boolean_query([of_docs, *should]), max(1, passages), count=False).hits
            addresses = [a for _, a in found]
            keys = zip(searcher.fast_field_values("seq", addresses), searcher.fast_field_values("ordinal", addresses))
            for (score, address), (seq, ordinal) in zip(found, keys):
                if seq not in best or (score, -ordinal) > (best[seq][0], -best[seq][1]):
                    best[seq] = (score, ordinal, address)
        missing = [seq for seq in seqs if seq not in best]
        if missing:  # the first passage stands in
            first = tantivy.Query.boolean_query([
                (tantivy.Occur.Must, tantivy.Query.term_set_query(PASSAGE_SCHEMA, "seq", missing)),
                (tantivy.Occur.Must, tantivy.Query.term_query(PASSAGE_SCHEMA, "ordinal", 0))])
            found = searcher.search(first, len(missing), count=False).hits
            for seq, (_, address) in zip(searcher.fast_field_values("seq", [a for _, a in found]), found):
                best[seq] = (0.0, 0, address)
        out = {}
        for seq, (_, _, address) in best.items():
            stored = searcher.doc(address)
            out[seq] = (stored["page"][0], stored["text"][0])
        return out

    def vocabulary(self, prefix: str) -> list[tuple[str, int]]:
        """Folded words of the documents beginning with ``prefix``, each with how many documents
        hold it."""
        return self.index.searcher().terms_with_prefix("folded", prefix)

    def holding(self, seqs: list[int], clause: Clause) -> set[int]:
        """Which of the documents ``seqs`` hold the words of ``clause`` side by side, folded."""
        searcher = self.index.searcher()
        found = searcher.search(tantivy.Query.boolean_query([
            (tantivy.Occur.Must, tantivy.Query.term_set_query(SCHEMA, "seq", seqs)),
            (tantivy.Occur.Must, _words("folded", clause.folded))]), len(seqs), count=False).hits
        return set(searcher.fast_field_values("seq", [a for _, a in found]))


class _Mirror:
    """A private folder of links to a read-only index's files. tantivy takes a lock file beside
    the index even to read it, which a read-only folder (a read-only mount, another user's store)
    refuses; the links let it read the files where they are and lock in a folder of its own."""

    def __init__(self, source: Path):
        self.source = source
        self.path = Path(tempfile.mkdtemp(prefix="vanban-fulltext-"))
        self._finalizer = weakref.finalize(self, shutil.rmtree, self.path, True)
        self.sync()

    def sync(self) -> None:
        """Link the files a later commit of the source added (its meta.json is read through the link)."""
        for file in self.source.iterdir():
            link = self.path / file.name
            if not file.name.startswith(".") and not link.is_symlink():
                link.symlink_to(file)

    def remove(self) -> None:
        self._finalizer()


# --- queries: pure functions of a parsed query and filters --------------------------------------

def _words(field: str, words: tuple[str, ...], schema: tantivy.Schema = SCHEMA) -> tantivy.Query:
    """The words side by side in ``field``; on the documents index, a phrase as its pairs."""
    if len(words) == 1:
        return tantivy.Query.term_query(schema, field, words[0])
    if schema is SCHEMA:
        joined = pairs(" ".join(words)).split()
        return (tantivy.Query.term_query(schema, f"{field}_pairs", joined[0]) if len(joined) == 1
                else tantivy.Query.phrase_query(schema, f"{field}_pairs", joined))
    return tantivy.Query.phrase_query(schema, field, list(words))


def _either(clause: Clause, schema: tantivy.Schema = SCHEMA) -> tantivy.Query:
    """The clause as typed (boosted) or folded; folded alone decides what matches."""
    return tantivy.Query.boolean_query([
        (tantivy.Occur.Should, tantivy.Query.boost_query(_words("exact", clause.words, schema), EXACT_BOOST)),
        (tantivy.Occur.Should, _words("folded", clause.folded, schema)),
    ])


def _any(group: tuple[Clause, ...], scored: bool) -> tantivy.Query:
    # The folded words alone decide what matches; the words as typed only weigh in the score.
    clause = _either if scored else (lambda c: _words("folded", c.folded))
    if len(group) == 1:
        return clause(group[0])
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, clause(c)) for c in group])


def text_query(parsed: ParsedQuery, filters: Filters, cited: tuple[str, ...] = (),
               scored: bool = True) -> tantivy.Query:
    """Every group of clauses (any of its clauses) in the document, no excluded clause, the citing
    bonus, and the filters (which score nothing). Unscored, for counting, the same documents match
    through half the lookups."""
    parts = [(tantivy.Occur.Must, _any(group, scored)) for group in parsed.groups]
    parts += [(tantivy.Occur.MustNot, _words("folded", c.folded)) for c in parsed.excluded]
    if cited:
        citing = tantivy.Query.term_set_query(SCHEMA, "refs", list(cited))
        parts.append((tantivy.Occur.Should, tantivy.Query.const_score_query(citing, CITING_BOOST)))
    parts += [(tantivy.Occur.Must, tantivy.Query.const_score_query(f, 0.0)) for f in filter_queries(filters)]
    if filters.exclude:
        parts.append((tantivy.Occur.MustNot, tantivy.Query.term_set_query(SCHEMA, "id", list(filters.exclude))))
    if not parsed.groups:
        parts.append((tantivy.Occur.Must, tantivy.Query.all_query()))
    return tantivy.Query.boolean_query(parts)


def filter_queries(f: Filters) -> list[tantivy.Query]:
    queries = [tantivy.Query.term_query(SCHEMA, field, value) for field, value in f.exact.items()]
    if f.issuer_folded:
        queries.append(tantivy.Query.regex_query(SCHEMA, "issuer_folded", f".*{_regex_escape(f.issuer_folded)}.*"))
    if f.dated_only:
        lo = max(1, date_number(f.date_from or ""))
        hi = date_number(f.date_before) if f.date_before else None
        queries.append(tantivy.Query.range_query(SCHEMA, "date", tantivy.FieldType.Integer, lo, hi,
                                                 include_lower=True, include_upper=hi is None))
    if f.signer_folded:
        queries.append(tantivy.Query.term_query(SCHEMA, "signer_folded", f.signer_folded))
    if f.references:
        queries.append(tantivy.Query.term_query(SCHEMA, "refs", f.references))
    if f.signature:
        queries.append(tantivy.Query.term_query(SCHEMA, "numbers", f.signature))
    return queries


_REGEX_META = re.compile(r"([\\.+*?()|\[\]{}^$#&\-~])")


def _regex_escape(text: str) -> str:
    """Literal text in tantivy's regex syntax (Rust's: only punctuation may be escaped)."""
    return _REGEX_META.sub(r"\\\1", text)
