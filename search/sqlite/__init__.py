"""The embedded backend (the default): SQLite records and a tantivy full-text index in one folder."""

from vanban.search.sqlite.schema import DB_NAME, SCHEMA_VERSION
from vanban.search.sqlite.store import SqliteStore

__all__ = ["DB_NAME", "SCHEMA_VERSION", "SqliteStore"]
