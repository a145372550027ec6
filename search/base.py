"""The one protocol every search backend implements, and the factory that opens one.

Both backends must behave the same: tests/search/test_contract.py runs unchanged against each.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from vanban.catalog import Catalog
from vanban.errors import UsageError
from vanban.model import Document, SearchQuery, SearchResult

if TYPE_CHECKING:
    from vanban.search.managed import ManagedStore
    from vanban.settings import Settings


@runtime_checkable
class Store(Catalog, Protocol):
    def has(self, doc_id: str) -> bool:
        """Whether a document with these bytes is already indexed."""

    def add(self, docs: Sequence[Document]) -> int:
        """Index documents in one batch; ids already present are replaced. Returns how many."""

    def delete(self, doc_id: str) -> bool: ...

    def search(self, query: SearchQuery) -> SearchResult: ...

    def words_near(self, word: str, limit: int = 5) -> list[str]:
        """Indexed words (folded) a few edits from ``word``, closest and commonest first: what a
        search that found nothing suggests instead (the choice is search/nearby.py's)."""

    def stats(self) -> dict[str, int]:
        """{"documents": n, "passages": n, "targets": n}"""

    def close(self) -> None: ...


def open_store(settings: "Settings", create: bool = True) -> "ManagedStore":
    """Open the backend the settings name, with the store folder's raw files and registry
    (search/managed.py: files, corrections, duplicates, deletion); imports only that backend's client.
    Without ``create`` a store that does not exist yet is an error (a mistyped path must not become
    an empty store)."""
    from vanban.search.managed import ManagedStore

    return ManagedStore(open_backend(settings, create), settings.store)


def open_backend(settings: "Settings", create: bool = True) -> Store:
    """The index alone, as the settings name it."""
    if settings.backend == "sqlite":
        from vanban.search.sqlite import SqliteStore

        return SqliteStore(settings.store, create=create)
    if settings.backend == "elasticsearch":
        from vanban.search.elastic import ElasticStore

        return ElasticStore.from_settings(settings, create=create)
    raise UsageError(f"unknown backend {settings.backend!r}: use sqlite or elasticsearch")
