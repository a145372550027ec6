"""The embedded backend: SQLite keeps the records, tantivy finds and ranks them.

schema.py lays out the records (the whole Document as JSON, lookup columns, citations);
fulltext.py is the tantivy index beside them. A search asks the index for the page of hits and
for the totals and facets, then reads the page's records, and hits.py picks the passage each hit
is shown from.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from vanban.errors import StoreError
from vanban.identity import number_key
from vanban.model import Document, SearchQuery, SearchResult, document_from_dict, to_dict
from vanban.folding import fold
from vanban.search import nearby, ranking
from vanban.search.fields import document_fields
from vanban.search.hits import Shown, hit_fields
from vanban.search.passages import indexed_passages
from vanban.search.query import Clause, ParsedQuery
from vanban.search.sqlite import schema
from vanban.search.sqlite.fulltext import FOLDER, LAYOUT, FullText, text_query

_DOC_COLUMNS = ("id", "kind", "level", "issuer", "issuer_folded", "number", "number_key", "date", "year",
                "title", "passage_count", "target_count", "data")
_INSERT_DOCUMENT = f"INSERT INTO documents ({', '.join(_DOC_COLUMNS)}) VALUES ({', '.join('?' * len(_DOC_COLUMNS))})"
_SHOWN = "seq, id, title, number, kind, issuer, date"

log = logging.getLogger(__name__)
LOW_DISK = 16 << 20  # free bytes under which a refused index write is put down to the disk


class SqliteStore:
    shareable = False  # one connection serialises its callers; a connection per thread reads in parallel

    def __init__(self, store_dir: Path, create: bool = True):
        """Open the store in ``store_dir``; a missing one is created only when ``create``."""
        self.store_dir = Path(store_dir)
        self.path = self.store_dir / schema.DB_NAME
        self._lock = threading.RLock()
        self._seen: int | None = None  # the full-text commit count this store's reader reflects
        self._seq_of: dict[str, int] = {}  # the records' keys of the last page of hits
        try:
            self._db, self.writable = schema.connect(self.path, create)
            self._where = str(self.path.resolve())
            if schema.needs_upgrade(self._db, self.path):
                self._refuse_if_read_only("its layout is older than this vanban's")
                with self._transaction():
                    for doc in schema.upgrade(self._db):
                        self._insert(doc)
            self._fulltext = self._open_fulltext()
        except (OSError, sqlite3.Error, ValueError) as exc:
            raise StoreError(f"{self.path}: cannot open the index ({exc})") from exc

    def _open_fulltext(self) -> FullText:
        folder = self.store_dir / FOLDER
        layout = self._meta("fulltext_layout")
        if layout == LAYOUT and FullText.exists(folder):
            try:
                fulltext = FullText.open(folder, self.writable)
            except (OSError, ValueError):
                self._refuse_if_read_only("its full-text index is damaged")
                fulltext = self._rebuild(folder)
        else:
            self._refuse_if_read_only("its full-text index is missing or of an older layout")
            fulltext = self._rebuild(folder)
        self._fulltext = fulltext
        if not self.writable:
            return fulltext
        # A crash between tantivy's commit and SQLite's leaves entries that no record has (their
        # seq may come again): the index is rebuilt from the records.
        pending = bool(self._rows("SELECT 1 FROM fulltext_pending LIMIT 1"))
        if not pending and fulltext.index.searcher().num_docs != self._rows("SELECT count(*) FROM documents")[0][0]:
            log.warning("%s: the full-text index disagrees with the records; rebuilding it", self.path)
            self._fulltext = fulltext = self._rebuild(folder)
            pending = True
        # A refused or interrupted write left ids pending: the first writer to open catches up
        # (looked for with a read, so that opening takes no write lock).
        if pending:
            try:
                with self._transaction():
                    self._index_pending({})
            except StoreError as exc:  # e.g. a full disk: the records stay readable, the ids pending
                log.warning("%s", exc)
        return fulltext

    def _rebuild(self, folder: Path) -> FullText:
        """A new, empty index, with every record marked for indexing (done by _index_pending)."""
        with self._transaction():
            fulltext = FullText.create(folder)
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('fulltext_layout', ?)", (LAYOUT,))
            self._db.execute("INSERT OR IGNORE INTO fulltext_pending SELECT id FROM documents")
        return fulltext

    def _refuse_if_read_only(self, why: str) -> None:
        if not self.writable:
            raise StoreError(f"{self.path}: {why}; open it once with write access to bring it up to date")

    def _transaction(self) -> "_Transaction":
        if not self.writable:
            raise StoreError(f"{self.path}: the store is read-only here")
        return _Transaction(self._db, self._lock)

    def _meta(self, key: str) -> int | None:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    # --- writes ---------------------------------------------------------------------------

    def add(self, docs: Sequence[Document]) -> int:
        written: dict[str, tuple[int, Document]] = {}
        try:
            with self._transaction():
                for doc in docs:
                    self._remove(doc.id)
                    written[doc.id] = (self._insert(doc), doc)
                self._next_generation()
                self._index_pending(written)
        except _IndexRefused:
            self._mark_pending(written)
            raise
        return len(docs)

    def delete(self, doc_id: str) -> bool:
        try:
            with self._transaction():
                removed = self._remove(doc_id)
                if removed:
                    self._next_generation()
                    self._index_pending({})
        except _IndexRefused:
            self._mark_pending([doc_id])
            raise
        return removed

    def _mark_pending(self, doc_ids: Iterable[str]) -> None:
        """After a refused write: one of the two tantivy commits may have gone through for records
        that were rolled back, so their ids are left for the next writer to re-index from the
        records (best effort: the disk that refused the write may refuse this too)."""
        try:
            with self._transaction():
                self._db.executemany("INSERT OR IGNORE INTO fulltext_pending VALUES (?)", [(i,) for i in doc_ids])
        except StoreError as exc:
            log.warning("%s", exc)

    def _next_generation(self) -> None:
        self._db.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")

    def _insert(self, doc: Document) -> int:
        fields = document_fields(doc)
        fields.update(passage_count=len(indexed_passages(doc)), target_count=len(doc.targets),
                      data=json.dumps(to_dict(doc), ensure_ascii=False))
        seq = self._db.execute(_INSERT_DOCUMENT, [fields[c] for c in _DOC_COLUMNS]).lastrowid
        self._db.executemany("INSERT INTO doc_references VALUES (?,?,?)",
                             [(doc.id, r.number, number_key(r.number)) for r in doc.references])
        self._db.execute("INSERT OR IGNORE INTO fulltext_pending VALUES (?)", (doc.id,))
        return seq

    def _remove(self, doc_id: str) -> bool:
        if self._db.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount == 0:
            return False
        self._db.execute("DELETE FROM doc_references WHERE doc_id = ?", (doc_id,))
        self._db.execute("INSERT OR IGNORE INTO fulltext_pending VALUES (?)", (doc_id,))
        return True

    def _index_pending(self, written: dict[str, tuple[int, Document]]) -> None:
        """Bring the full-text index up to the records of every pending id, inside the write's
        transaction (SQLite's write lock: one tantivy writer at a time), so that a refused index
        write rolls its records back with it. ``written`` holds the documents this process just
        wrote, so they need not be read back."""
        pending = self._db.execute(
            "SELECT p.doc_id, d.seq FROM fulltext_pending p LEFT JOIN documents d ON d.id = p.doc_id").fetchall()
        if pending:

            def current() -> Iterator[tuple[int, Document]]:
                for doc_id, seq in pending:
                    if seq is None:
                        continue  # deleted: its entry just goes
                    known = written.get(doc_id)
                    yield seq, known[1] if known and known[0] == seq else self._load_seq(seq)

            try:
                self._fulltext.write([doc_id for doc_id, _ in pending], current())
            except ValueError as exc:  # tantivy's errors
                raise _IndexRefused(f"{self.path}: cannot update the full-text index ({exc}{self._low_disk()})") from exc
            self._db.execute("DELETE FROM fulltext_pending")
            self._db.execute("INSERT INTO meta VALUES ('fulltext_commits', 1)"
                             " ON CONFLICT(key) DO UPDATE SET value = value + 1")
        self._seen = self._meta("fulltext_commits")

    def _low_disk(self) -> str:
        """Why tantivy likely failed when its own words do not say: a writer thread that hit the full
        disk reports only that it was killed."""
        try:
            free = shutil.disk_usage(self.store_dir).free
        except OSError:
            return ""
        return f"; No space left on the disk holding the store: {free // 1024} KB free" if free < LOW_DISK else ""

    def _load_seq(self, seq: int) -> Document:
        (data,) = self._db.execute("SELECT data FROM documents WHERE seq = ?", (seq,)).fetchone()
        return document_from_dict(json.loads(data))

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

    def words_near(self, word: str, limit: int = 5) -> list[str]:
        """See Store.words_near: the index's words sharing the first letter are the candidates."""
        folded = fold(word.lower())
        if len(folded) < nearby.MIN_LENGTH:
            return []
        with self._lock:
            self._refresh()
            return nearby.closest(folded, self._fulltext.vocabulary(folded[0]), limit)

    def stats(self) -> dict[str, int]:
        documents, passages, targets = self._rows(
            "SELECT count(*), coalesce(sum(passage_count), 0), coalesce(sum(target_count), 0) FROM documents")[0]
        return {"documents": documents, "passages": passages, "targets": targets}

    def fingerprint(self) -> str:
        """See web.deps.ServedStore: the index file and its write generation, which every
        committed add or delete (from any process) moves on."""
        return f"{self._where} {self._meta('generation')}"

    # --- search ---------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        return ranking.search(self, query)

    def run(self, requests: Sequence[ranking.Count | ranking.Page]) -> list:
        """See ranking.Engine. The requests of a batch run side by side (tantivy lets go of the
        GIL), so a count and its page together take about the time of the slower."""
        with self._lock:
            self._refresh()
            try:
                answers = list(_BATCH.map(self._answer, requests))
            except ValueError as exc:
                raise StoreError(f"{self.path}: full-text search failed ({exc})") from exc
        ids = self._ids([seq for a, r in zip(answers, requests) if isinstance(r, ranking.Page) for seq, _ in a])
        return [[(ids[seq], score) for seq, score in a if seq in ids] if isinstance(r, ranking.Page) else a
                for a, r in zip(answers, requests)]

    def _answer(self, r: ranking.Count | ranking.Page) -> object:
        if isinstance(r, ranking.Count):
            return self._fulltext.counted(text_query(r.parsed, r.filters, scored=False))
        index_query = text_query(r.parsed, r.filters, r.cited)
        page = self._fulltext.ranked(index_query, r.offset, r.limit, r.by_date)
        if r.by_date and r.parsed.ranked:
            page = self._fulltext.scored(index_query, page)
        return page

    def shown(self, doc_ids: Sequence[str], parsed: ParsedQuery) -> dict[str, Shown]:
        """See ranking.Engine."""
        if not doc_ids:
            return {}
        rows = self._rows(f"SELECT {_SHOWN}, passage_count FROM documents WHERE id IN ({','.join('?' * len(doc_ids))})",
                          list(doc_ids))
        fields = {seq: hit_fields(*rest) for seq, *rest, _ in rows}
        with self._lock:
            passages = self._fulltext.shown(list(fields), parsed, sum(row[-1] for row in rows))
        return {s.id: (s, passages.get(seq)) for seq, s in fields.items()}

    def holding(self, doc_ids: Sequence[str], clause: Clause) -> set[str]:
        """See ranking.Engine (the ids are those its last run answered)."""
        seqs = {self._seq_of[doc_id]: doc_id for doc_id in doc_ids if doc_id in self._seq_of}
        with self._lock:
            return {seqs[seq] for seq in self._fulltext.holding(list(seqs), clause)}

    def _ids(self, seqs: Sequence[int]) -> dict[int, str]:
        if not seqs:
            return {}
        marks = ",".join("?" * len(seqs))
        found = dict(self._rows(f"SELECT seq, id FROM documents WHERE seq IN ({marks})", list(seqs)))
        self._seq_of = {doc_id: seq for seq, doc_id in found.items()}
        return found

    def _refresh(self) -> None:
        """See the index as another process's last write left it."""
        commits = self._meta("fulltext_commits")
        if commits != self._seen:
            self._fulltext.reload()
            self._seen = commits

    def close(self) -> None:
        with self._lock:
            self._db.close()
            self._fulltext.close()

    def __enter__(self) -> "SqliteStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# Threads that run the requests of a search batch side by side, shared by the stores of a process.
_BATCH = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2), thread_name_prefix="vanban-search")


class _IndexRefused(StoreError):
    """tantivy refused a write: one of its two indexes may have committed (see _mark_pending)."""


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
