"""Move documents from one store into another (`vanban reindex`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from vanban.search.base import Store

T = TypeVar("T")


def reindex(source: Store, target: Store, batch: int = 200) -> int:
    """Copy every document of ``source`` into ``target`` in batches; returns how many."""
    return sum(target.add(chunk) for chunk in _chunks(source.documents(), max(1, batch)))


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
