"""Move documents between stores, or rebuild a store from the raw files it was built from."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from vanban.model import Document
from vanban.search.base import Store
from vanban.search.rawfiles import RawFiles

T = TypeVar("T")


def reindex(source: Store, target: Store, batch: int = 200) -> int:
    """Copy every document of ``source`` into ``target`` in batches; returns how many."""
    return _add_batches(target, source.documents(), batch)


def reindex_from_raw(raw: RawFiles, target: Store, load: Callable[[str, Path], Document],
                     batch: int = 200) -> int:
    """Rebuild ``target`` from the original files; ``load(doc_id, path)`` re-extracts one file."""
    return _add_batches(target, (load(doc_id, path) for doc_id, path in raw.iter()), batch)


def _add_batches(target: Store, docs: Iterable[Document], batch: int) -> int:
    return sum(target.add(chunk) for chunk in _chunks(docs, max(1, batch)))


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
