"""What every route gets from the running app: its settings and a store opened for the request."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Protocol, runtime_checkable

from fastapi import Request

from vanban.search.base import Store, open_store
from vanban.settings import Settings


@runtime_checkable
class ServedStore(Store, Protocol):
    """What the web app needs of a store beyond the Store protocol; both backends provide it."""

    shareable: bool
    """Whether one store may serve every thread of a process at once (the app then keeps one)."""

    def fingerprint(self) -> str:
        """Names this store and the documents it holds now, in one cheap query: it changes whenever
        a document is added, replaced or deleted. Results computed from the documents (the check
        report) are reused while it stays the same, so they are never stale."""


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def wants_json(request: Request) -> bool:
    """API paths, and the pages' own scripts (which ask for JSON), get JSON answers and errors."""
    return request.url.path.startswith("/api/") or request.headers.get("accept", "").startswith("application/json")


class Stores:
    """Where requests get their store, kept open between requests so that they reuse warm
    connections and indexes instead of paying to open them each time (for the embedded store,
    most of a small search). A backend whose store serves many threads at once (its
    ``shareable``: Elasticsearch, a thread-safe client pooling its connections) gets one store for
    all; the embedded store gets one per worker thread, since its connection serialises callers
    and separate connections read side by side."""

    def __init__(self) -> None:
        self._kept: ServedStore | None = None
        self._per_thread = threading.local()
        self._opened: list[ServedStore] = []
        self._lock = threading.Lock()

    def acquire(self, settings: Settings) -> tuple[ServedStore, bool]:
        """A store, and whether the caller owns it (and closes it)."""
        if self._kept is not None:
            return self._kept, False
        mine = getattr(self._per_thread, "store", None)
        if mine is not None:
            return mine, False
        store = open_store(settings)
        with self._lock:
            if store.shareable:
                if self._kept is None:
                    self._kept = store
                    return store, False
                store.close()  # another request kept its own first
                return self._kept, False
            self._per_thread.store = store
            self._opened.append(store)
            return store, False

    def close(self) -> None:
        with self._lock:
            for store in [*self._opened, *([self._kept] if self._kept is not None else [])]:
                store.close()
            self._opened, self._kept = [], None
            self._per_thread = threading.local()


def store_of(request: Request) -> Iterator[ServedStore]:
    store, owned = request.app.state.stores.acquire(settings_of(request))
    try:
        yield store
    finally:
        if owned:
            store.close()
