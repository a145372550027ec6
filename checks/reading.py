"""What the checks read from a store: four lookups, nothing else.

Every backend's Store (``vanban.search.base.Store``) satisfies it, and so does a list of documents
in tests. The checks never write, search or page, so they depend on this narrow protocol rather
than on the storage package.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from vanban.model import Document


@runtime_checkable
class ReadStore(Protocol):
    def get(self, doc_id: str) -> Document | None: ...

    def documents(self) -> Iterable[Document]:
        """Every stored document, extracted facts included."""

    def find_by_number(self, number: str) -> list[Document]:
        """Documents whose own number is ``number`` (spacing and case variants folded)."""

    def citing(self, number: str) -> list[Document]:
        """Documents whose references include ``number``."""
