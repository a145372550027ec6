"""The embedded backend: one SQLite file with an FTS5 index over passages.

Layout (store_dir/index.sqlite3, PRAGMA user_version = SCHEMA_VERSION; an older index is rebuilt
from the Documents it holds, in one transaction, when it is opened):
  documents      one row per Document (seq = its integer key): the whole Document as JSON plus
                 the filter columns
  doc_references (doc_id, number, number_key): what each document cites
  targets        one row per chỉ tiêu (the Target as JSON, its indicator's folded words) for
                 stats and target queries
  passages       (id, doc_id, ordinal, page, start, end): offsets into the document text;
                 id = seq << PASSAGE_BITS | ordinal, so a passage's document is id >> PASSAGE_BITS
                 without a join
  passages_fts   FTS5 (exact, folded), rowid = passages.id: the passage text as written
                 (lower-cased by unicode61, accents kept) and folded by vanban.folding.fold
                 (đ -> d, which FTS5's remove_diacritics cannot do)
  meta           the write generation: every committed add or delete moves it on, so results
                 computed from the index (ranked results kept for paging, the web UI's check
                 report) know when they are stale

Ranking: every clause matches ``exact:"…" OR folded:"…"``; bm25 weighs the exact column
EXACT_WEIGHT times the folded one, so "Đảng bộ" ranks passages that spell it with those accents
above passages that only match it folded. A document's score is its best passage's, found by
grouping passage rowids (no join); documents holding the typed words side by side in one passage
come first (one more folded phrase match, far cheaper than scoring the phrase inside bm25).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterator, Sequence
from operator import attrgetter
from typing import NamedTuple
from pathlib import Path

from vanban.errors import StoreError
from vanban.folding import fold
from vanban.model import (
    Document, SearchHit, SearchQuery, SearchResult, Target, document_from_dict, target_from_dict, to_dict,
)
from vanban.search.fields import document_fields, filters_of, indicator_words
from vanban.search import nearby
from vanban.search.highlight import snippet
from vanban.identity import number_key
from vanban.search.passages import MAX_PASSAGES, indexed_passages
from vanban.search.query import Clause, ParsedQuery, check_query, parse_query
from vanban.search.results import FACETS, shape_facets

DB_NAME = "index.sqlite3"
_DOC_COLUMNS = ("id", "kind", "level", "issuer", "issuer_folded", "number", "number_key", "date", "year", "title")
_INSERT_DOCUMENT = (
    f"INSERT INTO documents ({', '.join(_DOC_COLUMNS)}, data) VALUES ({', '.join('?' * (len(_DOC_COLUMNS) + 1))})"
)
SCHEMA_VERSION = 3
EXACT_WEIGHT = 4.0
PASSAGE_BITS = MAX_PASSAGES.bit_length()  # the low bits of a passage id: its ordinal

_SCHEMA = """
CREATE TABLE documents (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL, level TEXT NOT NULL, issuer TEXT NOT NULL, issuer_folded TEXT NOT NULL,
    number TEXT NOT NULL, number_key TEXT NOT NULL, date TEXT NOT NULL, year TEXT NOT NULL,
    title TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX documents_number_key ON documents(number_key);
CREATE INDEX documents_date ON documents(date);
CREATE TABLE doc_references (
    doc_id TEXT NOT NULL, number TEXT NOT NULL, number_key TEXT NOT NULL
);
CREATE INDEX doc_references_key ON doc_references(number_key);
CREATE INDEX doc_references_doc ON doc_references(doc_id);
CREATE TABLE targets (
    doc_id TEXT NOT NULL, ordinal INTEGER NOT NULL, indicator TEXT NOT NULL,
    indicator_words TEXT NOT NULL, value REAL, value_max REAL, unit TEXT NOT NULL,
    comparator TEXT NOT NULL, deadline TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX targets_doc ON targets(doc_id);
CREATE TABLE passages (
    id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, ordinal INTEGER NOT NULL,
    page INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO meta VALUES ('generation', abs(random()) >> 1);
CREATE VIRTUAL TABLE passages_fts USING fts5(exact, folded, tokenize = 'unicode61 remove_diacritics 0');
"""


def _fts_string(words: Sequence[str]) -> str:
    # Words hold letters and digits only (query.WORD); quoting still guards FTS5 keywords (OR, NEAR).
    return '"' + " ".join(words).replace('"', '""') + '"'


def _either(clause: Clause) -> str:
    return f"(exact : {_fts_string(clause.words)} OR folded : {_fts_string(clause.folded)})"


def fts_expression(query: ParsedQuery) -> str:
    """Every clause, as typed or folded. Folded alone decides what matches (a word typed with accents
    folds like the text it matches); the exact column is there for bm25 to weigh."""
    return " AND ".join(_either(c) for c in query.clauses)


class SqliteStore:
    shareable = False  # one connection serialises its callers; a connection per thread reads in parallel

    def __init__(self, store_dir: Path, cache_size: int = 16):
        self.store_dir = Path(store_dir)
        self.path = self.store_dir / DB_NAME
        self._lock = threading.RLock()
        self._cache_size = max(0, cache_size)
        try:
            self.store_dir.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
            self._db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
            self._where = str(self.path.resolve())  # names this index in the process's result cache
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{self.path}: cannot open the index ({exc})") from exc

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: index schema {version} is newer than this vanban's ({SCHEMA_VERSION}); upgrade vanban")
        with self._transaction():
            # Every Document is kept whole as JSON, so an older layout rebuilds from the index itself.
            docs = []
            if version:
                docs = [document_from_dict(json.loads(d)) for (d,) in self._db.execute("SELECT data FROM documents")]
                for table in ("meta", "passages_fts", "passages", "targets", "doc_references", "documents"):
                    self._db.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._db.execute(statement)
            for doc in docs:
                self._insert(doc)
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _transaction(self) -> "_Transaction":
        return _Transaction(self._db, self._lock)

    # --- writes ---------------------------------------------------------------------------

    def add(self, docs: Sequence[Document]) -> int:
        with self._transaction():
            for doc in docs:
                self._remove(doc.id)
                self._insert(doc)
            self._next_generation()
        return len(docs)

    def delete(self, doc_id: str) -> bool:
        with self._transaction():
            removed = self._remove(doc_id)
            if removed:
                self._next_generation()
            return removed

    def _next_generation(self) -> None:
        # Starts at a random number when the index is created, so a rebuilt index never repeats
        # a generation some process still remembers.
        self._db.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")

    def _insert(self, doc: Document) -> None:
        fields = document_fields(doc)
        seq = self._db.execute(
            _INSERT_DOCUMENT, [fields[c] for c in _DOC_COLUMNS] + [json.dumps(to_dict(doc), ensure_ascii=False)]
        ).lastrowid
        self._db.executemany(
            "INSERT INTO doc_references VALUES (?,?,?)",
            [(doc.id, r.number, number_key(r.number)) for r in doc.references],
        )
        self._db.executemany(
            "INSERT INTO targets VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(doc.id, i, t.indicator, f" {' '.join(indicator_words(t.indicator))} ", t.value, t.value_max, t.unit,
              t.comparator, t.deadline, json.dumps(to_dict(t), ensure_ascii=False))
             for i, t in enumerate(doc.targets)],
        )
        passages = indexed_passages(doc)
        rows = [(seq << PASSAGE_BITS | p.ordinal, doc.id, p.ordinal, p.page, p.start, p.end) for p in passages]
        self._db.executemany('INSERT INTO passages (id, doc_id, ordinal, page, start, "end") VALUES (?,?,?,?,?,?)', rows)
        self._db.executemany("INSERT INTO passages_fts (rowid, exact, folded) VALUES (?,?,?)",
                             [(row[0], p.text, fold(p.text)) for row, p in zip(rows, passages)])

    def _remove(self, doc_id: str) -> bool:
        found = self._db.execute("SELECT seq FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if found is None:
            return False
        seq = found[0]
        lo, hi = seq << PASSAGE_BITS, (seq + 1) << PASSAGE_BITS
        self._db.execute("DELETE FROM passages_fts WHERE rowid >= ? AND rowid < ?", (lo, hi))
        self._db.execute("DELETE FROM passages WHERE id >= ? AND id < ?", (lo, hi))
        for table in ("targets", "doc_references"):
            self._db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
        self._db.execute("DELETE FROM documents WHERE seq = ?", (seq,))
        return True

    # --- reads ----------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: query failed ({exc})") from exc

    def has(self, doc_id: str) -> bool:
        return bool(self._rows("SELECT 1 FROM documents WHERE id = ?", (doc_id,)))

    def get(self, doc_id: str) -> Document | None:
        rows = self._rows("SELECT data FROM documents WHERE id = ?", (doc_id,))
        return document_from_dict(json.loads(rows[0][0])) if rows else None

    def documents(self) -> Iterator[Document]:
        # Ids first, bodies one at a time: a large store never sits in memory whole.
        for (doc_id,) in self._rows("SELECT id FROM documents ORDER BY date, id"):
            doc = self.get(doc_id)
            if doc is not None:
                yield doc

    def _load(self, sql: str, params: Sequence[object]) -> list[Document]:
        return [document_from_dict(json.loads(data)) for (data,) in self._rows(sql, params)]

    def find_by_number(self, number: str) -> list[Document]:
        key = number_key(number)
        if not key:
            return []
        return self._load("SELECT data FROM documents WHERE number_key = ? ORDER BY date, id", (key,))

    def citing(self, number: str) -> list[Document]:
        key = number_key(number)
        if not key:
            return []
        return self._load(
            "SELECT data FROM documents WHERE id IN (SELECT doc_id FROM doc_references WHERE number_key = ?)"
            " ORDER BY date, id",
            (key,),
        )

    def targets(self, indicator: str = "", doc_id: str | None = None) -> list[tuple[str, Target]]:
        """(doc_id, Target) pairs whose indicator holds every word of ``indicator`` (folded).

        "ty le che phu rung" finds "Tỷ lệ che phủ rừng"; a blank indicator lists every target.
        """
        clauses, params = ["1"], []
        if doc_id is not None:
            clauses.append("doc_id = ?")
            params.append(doc_id)
        for word in indicator_words(indicator):
            clauses.append("instr(indicator_words, ?) > 0")
            params.append(f" {word} ")
        rows = self._rows(
            f"SELECT doc_id, data FROM targets WHERE {' AND '.join(clauses)} ORDER BY doc_id, ordinal", params)
        return [(d, target_from_dict(json.loads(data))) for d, data in rows]

    def words_near(self, word: str, limit: int = 5) -> list[str]:
        folded = fold(word.lower())
        if len(folded) < nearby.MIN_LENGTH:
            return []
        # the index's vocabulary, read for the one slice of words sharing the first letter
        self._rows("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, passages_fts, col)")
        rows = self._rows("SELECT term, doc FROM temp.vocab WHERE col = 'folded' AND term >= ? AND term < ?",
                          (folded[0], chr(ord(folded[0]) + 1)))
        return nearby.closest(folded, rows, limit)

    def stats(self) -> dict[str, int]:
        count = lambda table: self._rows(f"SELECT count(*) FROM {table}")[0][0]  # noqa: E731
        return {"documents": count("documents"), "passages": count("passages"), "targets": count("targets")}

    # --- search ---------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        check_query(query)
        parsed = parse_query(query.q)
        if parsed.matches_nothing:
            return SearchResult(0, [], shape_facets({}))
        where, params = _filters(query)
        shown = ", ".join(f"d.{c}" for c in _Row._fields[:-2])
        if parsed.blank:
            # No text: every filtered document, shown from its first passage.
            sql = f"SELECT {shown}, 0.0, d.seq << {PASSAGE_BITS} FROM documents d WHERE {where}"
        else:
            # Bare columns beside MAX() come from the row holding the maximum: the best passage.
            # MATERIALIZED keeps SQLite from flattening bm25() out of its FTS5 query.
            sql = (f"WITH m AS MATERIALIZED (SELECT rowid, -bm25(passages_fts, {EXACT_WEIGHT}, 1.0) AS score"
                   "   FROM passages_fts WHERE passages_fts MATCH ?),"
                   f" b AS (SELECT rowid >> {PASSAGE_BITS} AS seq, MAX(score) AS score, rowid AS best FROM m GROUP BY 1)"
                   f" SELECT {shown}, b.score, b.best FROM b JOIN documents d ON d.seq = b.seq WHERE {where}")
            params = [fts_expression(parsed), *params]
        rows, facets = self._ranked_rows(sql, params, parsed, by_date=query.sort == "date" or parsed.blank)
        page = rows[query.offset:query.offset + query.limit]
        passages = self._passages([r.best for r in page])
        hits = []
        for r in page:
            page_no, text = passages.get(r.best, (None, ""))
            hits.append(SearchHit(
                id=r.id, title=r.title, number=r.number, kind=r.kind, issuer=r.issuer, date=r.date,
                score=r.score, page=page_no, snippet=snippet(text, 0, len(text), parsed),
            ))
        return SearchResult(total=len(rows), hits=hits, facets=shape_facets(facets))

    def _ranked_rows(self, sql: str, params: list[object], parsed: ParsedQuery,
                     by_date: bool) -> tuple[list["_Row"], dict]:
        """Every matching document in result order, and the facet counts: the part of a search
        that costs, done once per query while the index is unchanged (a user paging through a
        broad query's results pays for it once)."""
        key = (self._where, sql, tuple(params), by_date)
        generation = self._generation() if self._cache_size else None
        cached = _RANKED.get(key, generation) if self._cache_size else None
        if cached is not None:
            return cached
        rows = [_Row(*r) for r in self._rows(sql, params)]
        if rows and parsed.proximity is not None:
            rows = self._lift_close(rows, parsed.proximity)
        # Stable sorts, last key first: cheaper than one composite key over every matching document.
        rows.sort(key=_ID)
        if by_date:
            rows.sort(key=_SCORE, reverse=True)
            rows.sort(key=_DATE, reverse=True)
            rows.sort(key=_UNDATED)
        else:
            rows.sort(key=_DATE, reverse=True)
            rows.sort(key=_SCORE, reverse=True)
        facets = {name: Counter(map(attrgetter(name), rows)).items() for name in FACETS}
        if self._cache_size:
            _RANKED.put(key, generation, (rows, facets), self._cache_size)
        return rows, facets

    def _generation(self) -> int:
        return self._rows("SELECT value FROM meta WHERE key = 'generation'")[0][0]

    def _lift_close(self, rows: list["_Row"], proximity: Clause) -> list["_Row"]:
        """Documents holding the typed words side by side in one passage rank above all others: their
        score is lifted by the best score among the others, so the order stays the score's order."""
        close = {seq for (seq,) in self._rows(
            f"SELECT DISTINCT rowid >> {PASSAGE_BITS} FROM passages_fts WHERE passages_fts MATCH ?",
            [f"folded : {_fts_string(proximity.folded)}"])}
        lift = max((r.score for r in rows if r.seq not in close), default=0.0)
        if not lift:  # all of them close (or the others score nothing): the order needs no lift
            return rows
        return [r._replace(score=r.score + lift) if r.seq in close else r for r in rows]

    def _passages(self, rowids: list[int]) -> dict[int, tuple[int, str]]:
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        return {rowid: (page, text) for rowid, page, text in self._rows(
            f"SELECT f.rowid, p.page, f.exact FROM passages_fts f JOIN passages p ON p.id = f.rowid"
            f" WHERE f.rowid IN ({marks})", rowids)}

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> "SqliteStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fingerprint(self) -> str:
        """See Store.fingerprint: the index file and its write generation, which every committed
        add or delete (from any process) moves on."""
        return f"{self._where} {self._generation()}"


class _RankedResults:
    """Ranked results of the last queries, shared by the stores of one process (the web app opens a
    store per request): (index, query, filters, sort) -> (generation, (rows, facets)). Any committed
    write moves the index's generation on, so an entry serves only while the index still holds
    exactly what it was computed from."""

    def __init__(self) -> None:
        self._entries: OrderedDict[tuple, tuple[int, tuple]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple, generation: int) -> tuple | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None or found[0] != generation:
                return None
            self._entries.move_to_end(key)
            return found[1]

    def put(self, key: tuple, generation: int, value: tuple, keep: int) -> None:
        with self._lock:
            self._entries[key] = (generation, value)
            self._entries.move_to_end(key)
            while len(self._entries) > keep:
                self._entries.popitem(last=False)


_RANKED = _RankedResults()


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT under the store lock; any error rolls the whole batch back."""

    def __init__(self, db: sqlite3.Connection, lock: threading.RLock):
        self._db, self._lock = db, lock

    def __enter__(self) -> None:
        self._lock.acquire()
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self._lock.release()
            raise StoreError(f"cannot start a write to the index ({exc})") from exc

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if exc_type is None:
                try:
                    self._db.execute("COMMIT")
                except sqlite3.Error as commit_exc:  # e.g. a full disk refusing the commit
                    self._rollback()
                    raise StoreError(f"index write failed ({commit_exc})") from commit_exc
            else:
                self._rollback()
        finally:
            self._lock.release()
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"index write failed ({exc})") from exc

    def _rollback(self) -> None:
        # SQLite may have rolled back already ("database or disk is full" does): then there is
        # nothing left to undo, and the error worth reporting is the one that got us here.
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")


def _filters(query: SearchQuery) -> tuple[str, list[object]]:
    f = filters_of(query)
    clauses, params = ["1"], []
    for column, value in f.exact.items():
        clauses.append(f"d.{column} = ?")
        params.append(value)
    if f.issuer_folded:
        clauses.append("instr(d.issuer_folded, ?) > 0")
        params.append(f.issuer_folded)
    if f.dated_only:
        clauses.append("d.date != ''")
    if f.date_from:
        clauses.append("d.date >= ?")
        params.append(f.date_from)
    if f.date_before:
        clauses.append("d.date < ?")
        params.append(f.date_before)
    if f.references:
        clauses.append("d.id IN (SELECT doc_id FROM doc_references WHERE number_key = ?)")
        params.append(f.references)
    return " AND ".join(clauses), params


class _Row(NamedTuple):
    seq: int
    id: str
    title: str
    number: str
    kind: str
    issuer: str
    date: str
    level: str
    year: str
    score: float  # the best passage's -bm25: higher is better
    best: int  # the rowid of the passage the hit is shown from


_ID, _SCORE, _DATE = (lambda r: r.id), (lambda r: r.score), (lambda r: r.date)
_UNDATED = lambda r: r.date == ""  # noqa: E731
