"""The record store's tables, how a connection opens, and how an older layout moves forward.

store_dir/index.sqlite3, PRAGMA user_version = SCHEMA_VERSION:
  documents         one row per Document: the whole Document as JSON (``data``, the record every
                    other table and the full-text index can be rebuilt from) and the columns lookups
                    and stats read; ``seq`` never repeats (AUTOINCREMENT), so a replaced document
                    has a new one
  doc_references    (doc_id, number, number_key): what each document cites
  meta              the write generation (moved on by every committed add or delete, started at a
                    random number so a rebuilt index never repeats one) and the full-text layout
  fulltext_pending  documents written or deleted whose full-text entry is not yet updated (see
                    fulltext.py): a crash between the two leaves them here, and the next writer
                    catches up

Adding a table: a table computed from the documents goes into DERIVED (dropped and refilled from
``data`` when the version moves) and gets a fill in the store's ``_insert``/``_remove``; a table
holding facts of its own (who uploaded what, a correction) goes into KEPT, created when missing
and never dropped, with its own step in ``_upgrade_kept`` if its columns ever change. Either way
SCHEMA_VERSION moves on by one.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from vanban.errors import StoreError, UsageError
from vanban.model import Document, document_from_dict

DB_NAME = "index.sqlite3"
SCHEMA_VERSION = 4

DERIVED = {
    "documents": """CREATE TABLE documents (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL, level TEXT NOT NULL, issuer TEXT NOT NULL, issuer_folded TEXT NOT NULL,
        number TEXT NOT NULL, number_key TEXT NOT NULL, date TEXT NOT NULL, year TEXT NOT NULL,
        title TEXT NOT NULL, passage_count INTEGER NOT NULL, target_count INTEGER NOT NULL,
        data TEXT NOT NULL)""",
    "doc_references": "CREATE TABLE doc_references (doc_id TEXT NOT NULL, number TEXT NOT NULL,"
                      " number_key TEXT NOT NULL)",
}
DERIVED_INDEXES = (
    "CREATE INDEX documents_number_key ON documents(number_key)",
    "CREATE INDEX documents_date ON documents(date)",
    "CREATE INDEX doc_references_key ON doc_references(number_key)",
    "CREATE INDEX doc_references_doc ON doc_references(doc_id)",
)
KEPT = {
    "meta": "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    "fulltext_pending": "CREATE TABLE IF NOT EXISTS fulltext_pending (doc_id TEXT PRIMARY KEY)",
}
# Tables of older layouts that nothing reads any more: the full-text index lived in SQLite (FTS5).
RETIRED = ("passages_fts", "passages", "targets")


def connect(path: Path, create: bool) -> tuple[sqlite3.Connection, bool]:
    """A connection to the index and whether it may write.

    A store the process may not write to (a read-only mount, another user's folder) is opened
    read-only: searching needs no write access, so WAL mode is neither set nor needed. A missing
    store is created only when ``create``; otherwise a mistyped path is an error, not a new store.
    """
    if not path.exists():
        if not create:
            raise UsageError(f"{path.parent}: no store here (no {path.name}); check --store or VANBAN_STORE")
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not _writable(path):
        return _read_only(path), False
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
    db.execute("PRAGMA journal_mode = WAL")
    return db, True


def _read_only(path: Path) -> sqlite3.Connection:
    # Reading a WAL database takes its -shm file: a writer still running keeps one to share; with
    # none left and none creatable (a read-only mount), nothing can change the file, so it is
    # opened as immutable.
    for options in ("mode=ro", "mode=ro&immutable=1"):
        db = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True, check_same_thread=False,
                             isolation_level=None, timeout=30)
        try:
            db.execute("PRAGMA user_version").fetchone()
            return db
        except sqlite3.OperationalError:
            db.close()
    raise StoreError(f"{path}: cannot open the read-only index")


def _writable(path: Path) -> bool:
    # Checked on the folder too: WAL mode creates the -wal and -shm files beside the index.
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return False
    try:  # root passes every access() check; a read-only mount still refuses
        return not os.statvfs(path).f_flag & os.ST_RDONLY
    except OSError:
        return False


def needs_upgrade(db: sqlite3.Connection, path: Path) -> bool:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path}: index schema {version} is newer than this vanban's ({SCHEMA_VERSION}); "
                         "upgrade vanban")
    return version != SCHEMA_VERSION


def upgrade(db: sqlite3.Connection) -> list[Document]:
    """Inside a write transaction: lay the current tables out, and return the documents an older
    layout held, for the caller to insert again (every Document is kept whole as JSON)."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    docs = []
    if version:
        docs = [document_from_dict(json.loads(d)) for (d,) in db.execute("SELECT data FROM documents")]
    for table in (*RETIRED, *DERIVED):
        db.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in (*DERIVED.values(), *DERIVED_INDEXES, *KEPT.values()):
        db.execute(statement)
    _upgrade_kept(db, version)
    db.execute("INSERT OR IGNORE INTO meta VALUES ('generation', abs(random()) >> 1)")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return docs


def _upgrade_kept(db: sqlite3.Connection, from_version: int) -> None:
    """Steps for KEPT tables whose columns changed since ``from_version`` (none so far)."""
