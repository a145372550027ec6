"""The one protocol every search backend implements, and the factory that opens one.

Both backends must behave the same: tests/search/test_contract.py runs unchanged against each.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from vanban.errors import UsageError
from vanban.model import Document, SearchQuery, SearchResult

if TYPE_CHECKING:
    from vanban.settings import Settings


@runtime_checkable
class Store(Protocol):
    shareable: bool
    """Whether one store may serve every thread of a process at once (the web app then keeps one)."""

    def has(self, doc_id: str) -> bool:
        """Whether a document with these bytes is already indexed."""

    def add(self, docs: Sequence[Document]) -> int:
        """Index documents in one batch; ids already present are replaced. Returns how many."""

    def get(self, doc_id: str) -> Document | None: ...

    def delete(self, doc_id: str) -> bool: ...

    def documents(self) -> Iterator[Document]:
        """Every stored document, extracted facts included."""

    def find_by_number(self, number: str) -> list[Document]:
        """Documents whose own number is ``number`` (spacing and case variants folded)."""

    def citing(self, number: str) -> list[Document]:
        """Documents whose references include ``number``."""

    def search(self, query: SearchQuery) -> SearchResult: ...

    def words_near(self, word: str, limit: int = 5) -> list[str]:
        """Indexed words (folded) a few edits from ``word``, closest and commonest first: what a
        search that found nothing suggests instead (the choice is search/nearby.py's)."""

    def stats(self) -> dict[str, int]:
        """{"documents": n, "passages": n, "targets": n}"""

    def fingerprint(self) -> str:
        """Names this store and the documents it holds now, in one cheap query: it changes whenever
        a document is added, replaced or deleted. Results computed from the documents (the web
        UI's check report) are reused while it stays the same, so they are never stale."""

    def close(self) -> None: ...


def open_store(settings: "Settings") -> Store:
    """Open the backend the settings name; imports only that backend's client."""
    if settings.backend == "sqlite":
        from vanban.search.sqlite import SqliteStore

        return SqliteStore(settings.store, cache_size=settings.search_cache)
    if settings.backend == "elasticsearch":
        from vanban.search.elastic import ElasticStore

        return ElasticStore.from_settings(settings)
    raise UsageError(f"unknown backend {settings.backend!r}: use sqlite or elasticsearch")
