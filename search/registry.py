"""What the store knows beside the index, the same whichever backend indexes: which files make
which document, the corrections staff made by hand, the duplicate sketches, and the audit log.

One SQLite file, ``registry.sqlite3`` in the store folder, beside the raw files (rawfiles.py):

| table       | holds                                                                             |
|-------------|-----------------------------------------------------------------------------------|
| files       | a file's sha256 -> its document; role main (the text comes from it), copy (the    |
|             | same document in another format or scan), replaced (a former main file)          |
| corrections | per document and field: the value staff set, the value extracted then, who, when |
| sketches    | per document: what search/duplicates.py compares (number, issuer, signature ...)  |
| bands       | LSH band key -> document: candidates for near-identical text in one lookup       |
| audit       | every upload, deletion, replacement and correction: when, which key label, what  |

A document needs no row here: its id is the sha256 of its first file, and a store written before
the registry existed keeps working (every raw file its own document, as before).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from vanban.errors import StoreError
from vanban.search.duplicates import Sketch

REGISTRY_NAME = "registry.sqlite3"
SCHEMA_VERSION = 1
ROLES = ("main", "copy", "replaced")

_SCHEMA = """
CREATE TABLE files (sha TEXT PRIMARY KEY, doc_id TEXT NOT NULL, role TEXT NOT NULL,
                    source TEXT NOT NULL, reason TEXT NOT NULL, added TEXT NOT NULL);
CREATE INDEX files_doc ON files (doc_id);
CREATE TABLE corrections (doc_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,
                          was TEXT NOT NULL, label TEXT NOT NULL, at TEXT NOT NULL,
                          PRIMARY KEY (doc_id, field)) WITHOUT ROWID;
CREATE TABLE sketches (doc_id TEXT PRIMARY KEY, text_hash TEXT NOT NULL, number_key TEXT NOT NULL,
                       issuer_key TEXT NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL,
                       signature BLOB NOT NULL, names TEXT NOT NULL);
CREATE INDEX sketches_number ON sketches (number_key) WHERE number_key != '';
CREATE TABLE bands (key INTEGER NOT NULL, doc_id TEXT NOT NULL, PRIMARY KEY (key, doc_id)) WITHOUT ROWID;
CREATE INDEX bands_doc ON bands (doc_id);
CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, label TEXT NOT NULL,
                    action TEXT NOT NULL, doc_id TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX audit_doc ON audit (doc_id);
"""


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class FileRow:
    sha: str
    doc_id: str
    role: str  # one of ROLES
    source: str  # the name the file came with (a label, never a path)
    reason: str  # for a copy: the duplicate rule that merged it (vocab.DUPLICATE_REASONS)
    added: str

    def to_json(self) -> dict[str, str]:
        return {"sha": self.sha, "role": self.role, "source": self.source, "reason": self.reason,
                "added": self.added}


@dataclass(frozen=True, slots=True)
class Correction:
    field: str
    value: Any  # what staff set
    was: Any  # what extraction gave when they set it
    label: str
    at: str


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str  # ISO 8601, UTC
    label: str  # the label of the staff key used, or "cli:<user>" from the command line
    action: str  # one of vocab.AUDIT_ACTIONS
    doc_id: str
    detail: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "at": self.at, "label": self.label, "action": self.action,
                "id": self.doc_id, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class Audit:
    """An audit entry to write: with a deletion or correction, in the same transaction."""
    label: str
    action: str
    doc_id: str
    detail: dict[str, Any]


class Registry:
    """One connection, shared by the threads of a store (a lock serialises them)."""

    def __init__(self, store_dir: Path):
        self.path = Path(store_dir) / REGISTRY_NAME
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
            self._db.execute("PRAGMA journal_mode = WAL")
            if self._db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                self._create()
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{self.path}: cannot open the registry ({exc})") from exc

    def _create(self) -> None:
        with self._write() as db:
            if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
                return  # another process created it while this one waited
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _write(self) -> "_Transaction":
        return _Transaction(self)

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: registry query failed ({exc})") from exc

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- files ------------------------------------------------------------------------------

    def file(self, sha: str) -> FileRow | None:
        rows = self._rows("SELECT sha, doc_id, role, source, reason, added FROM files WHERE sha = ?", (sha,))
        return FileRow(*rows[0]) if rows else None

    def files_of(self, doc_id: str) -> list[FileRow]:
        """The registered files of a document, oldest first."""
        return [FileRow(*r) for r in self._rows(
            "SELECT sha, doc_id, role, source, reason, added FROM files WHERE doc_id = ? ORDER BY added, rowid",
            (doc_id,))]

    def add_file(self, sha: str, doc_id: str, role: str, source: str, reason: str = "",
                 audit: Audit | None = None) -> None:
        """Register a file of ``doc_id``; a main file demotes the document's former main file."""
        assert role in ROLES
        with self._write() as db:
            if role == "main":
                db.execute("UPDATE files SET role = 'replaced' WHERE doc_id = ? AND role = 'main' AND sha != ?",
                           (doc_id, sha))
            db.execute("INSERT INTO files VALUES (?,?,?,?,?,?) ON CONFLICT (sha) DO UPDATE SET "
                       "doc_id = excluded.doc_id, role = excluded.role, reason = excluded.reason",
                       (sha, doc_id, role, source, reason, now()))
            _log(db, audit)

    def main_files(self) -> dict[str, str]:
        """Document id -> sha of its registered main file (documents without one: their id)."""
        return dict(self._rows("SELECT doc_id, sha FROM files WHERE role = 'main'"))

    def roles(self) -> dict[str, tuple[str, str]]:
        """sha -> (document id, role) of every registered file."""
        return {sha: (doc, role) for sha, doc, role in self._rows("SELECT sha, doc_id, role FROM files")}

    # --- corrections --------------------------------------------------------------------------

    def corrections(self, doc_id: str) -> dict[str, Correction]:
        return {f: Correction(f, json.loads(v), json.loads(w), label, at) for f, v, w, label, at in self._rows(
            "SELECT field, value, was, label, at FROM corrections WHERE doc_id = ?", (doc_id,))}

    def corrections_for(self, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """doc id -> {field: value} for those of ``doc_ids`` with corrections (one query per batch)."""
        out: dict[str, dict[str, Any]] = {}
        ids = list(doc_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for doc_id, field, value in self._rows(
                    f"SELECT doc_id, field, value FROM corrections WHERE doc_id IN ({marks})", chunk):
                out.setdefault(doc_id, {})[field] = json.loads(value)
        return out

    def set_corrections(self, doc_id: str, changes: dict[str, tuple[Any, Any] | None], label: str,
                        audit: Audit) -> None:
        """field -> (value, extracted value) to set, or None to drop the correction; with its audit."""
        with self._write() as db:
            for field, change in changes.items():
                if change is None:
                    db.execute("DELETE FROM corrections WHERE doc_id = ? AND field = ?", (doc_id, field))
                    continue
                value, was = change
                db.execute(
                    "INSERT INTO corrections VALUES (?,?,?,?,?,?) ON CONFLICT (doc_id, field) DO UPDATE SET "
                    "value = excluded.value, label = excluded.label, at = excluded.at",
                    (doc_id, field, _json(value), _json(was), label, now()))
            _log(db, audit)

    # --- sketches -----------------------------------------------------------------------------

    def sketch_hash(self, doc_id: str) -> str | None:
        rows = self._rows("SELECT text_hash FROM sketches WHERE doc_id = ?", (doc_id,))
        return rows[0][0] if rows else None

    def put_sketches(self, sketches: Sequence[Sketch],
                     metas: Sequence[tuple[str, str, str, str, str]] = ()) -> None:
        """New sketches, and (doc id, number key, issuer key, kind, date) of sketches whose text is
        unchanged (a correction moved their metadata), in one transaction."""
        if not sketches and not metas:
            return
        with self._write() as db:
            db.executemany("UPDATE sketches SET number_key = ?, issuer_key = ?, kind = ?, date = ? WHERE doc_id = ?",
                           [(*meta, doc_id) for doc_id, *meta in metas])
            for s in sketches:
                db.execute("DELETE FROM bands WHERE doc_id = ?", (s.doc_id,))
                db.execute("INSERT OR REPLACE INTO sketches VALUES (?,?,?,?,?,?,?,?)",
                           (s.doc_id, s.text_hash, s.number_key, s.issuer_key, s.kind, s.date, s.signature,
                            json.dumps(sorted(s.names), ensure_ascii=False)))
                db.executemany("INSERT OR IGNORE INTO bands VALUES (?,?)", [(k, s.doc_id) for k in s.bands])

    def candidates(self, s: Sketch) -> list[Sketch]:
        """Stored sketches that share the number or a band with ``s`` (the rules decide)."""
        marks = ",".join("?" * len(s.bands))
        rows = self._rows(
            "SELECT doc_id, text_hash, number_key, issuer_key, kind, date, signature, names FROM sketches "
            f"WHERE (number_key != '' AND number_key = ?) OR doc_id IN (SELECT doc_id FROM bands WHERE key IN ({marks}))",
            [s.number_key, *s.bands])
        return [Sketch(d, h, n, i, k, dt, bytes(sig), frozenset(json.loads(names)))
                for d, h, n, i, k, dt, sig, names in rows if d != s.doc_id]

    # --- forgetting a document ------------------------------------------------------------------

    def forget(self, doc_id: str, audit: Audit | None = None) -> None:
        """Every row of the document, in one transaction with its audit entry."""
        with self._write() as db:
            for table in ("files", "corrections", "sketches", "bands"):
                db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
            _log(db, audit)

    def knows(self, doc_id: str) -> bool:
        return bool(self._rows("SELECT 1 FROM files WHERE doc_id = ? UNION ALL "
                               "SELECT 1 FROM corrections WHERE doc_id = ? UNION ALL "
                               "SELECT 1 FROM sketches WHERE doc_id = ? LIMIT 1", (doc_id,) * 3))

    # --- audit ----------------------------------------------------------------------------------

    def log_many(self, audits: Sequence[Audit]) -> None:
        with self._write() as db:
            for audit in audits:
                _log(db, audit)

    def audit(self, limit: int = 50, before: int | None = None, doc_id: str | None = None) -> list[AuditEntry]:
        """Newest first; ``before`` pages on (entries with a smaller seq)."""
        where, params = [], []
        if before is not None:
            where.append("seq < ?")
            params.append(before)
        if doc_id:
            where.append("doc_id = ?")
            params.append(doc_id)
        sql = "SELECT seq, at, label, action, doc_id, detail FROM audit"
        sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY seq DESC LIMIT ?"
        return [AuditEntry(seq, at, label, action, doc, json.loads(detail))
                for seq, at, label, action, doc, detail in self._rows(sql, [*params, limit])]

    def iter_audit(self) -> Iterator[AuditEntry]:
        before = None
        while batch := self.audit(limit=500, before=before):
            yield from batch
            before = batch[-1].seq


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _log(db: sqlite3.Connection, audit: Audit | None) -> None:
    if audit is not None:
        db.execute("INSERT INTO audit (at, label, action, doc_id, detail) VALUES (?,?,?,?,?)",
                   (now(), audit.label, audit.action, audit.doc_id, _json(audit.detail)))


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT under the registry's lock; a failure rolls back and is a StoreError."""

    def __init__(self, registry: Registry):
        self._registry = registry

    def __enter__(self) -> sqlite3.Connection:
        self._registry._lock.acquire()
        try:
            self._registry._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self._registry._lock.release()
            raise StoreError(f"{self._registry.path}: cannot write the registry ({exc})") from exc
        return self._registry._db

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        db = self._registry._db
        try:
            if exc_type is None:
                try:
                    db.execute("COMMIT")
                    return
                except sqlite3.Error as error:
                    db.execute("ROLLBACK")
                    raise StoreError(f"{self._registry.path}: cannot write the registry ({error})") from error
            db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"{self._registry.path}: cannot write the registry ({exc})") from exc
        finally:
            self._registry._lock.release()
