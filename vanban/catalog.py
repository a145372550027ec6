"""What the checks and reports read from a store: documents by id, all of them, by number, citing.

Every search backend satisfies it (``vanban.search.base.Store`` extends it), and so can anything
else that holds Documents: the checks depend on this protocol, never on a storage package.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, runtime_checkable

from vanban.model import Document


@runtime_checkable
class Catalog(Protocol):
    def get(self, doc_id: str) -> Document | None:
        """The whole document, extracted facts included; None when no document has this id."""

    def documents(self) -> Iterator[Document]:
        """Every stored document, oldest first (by date, then id)."""

    def find_by_number(self, number: str) -> list[Document]:
        """Documents whose own number is ``number`` (spacing and case variants folded)."""

    def citing(self, number: str) -> list[Document]:
        """Documents whose references include ``number``."""
