"""Check reports and progress kept between requests, for exactly as long as the store holds the same documents.

    checks_for(store, parent=None, child=None) -> list[CheckResult]
    progress_for(store, parent) -> Progress
    parents_for(store) -> list[Document]     documents with targets, for /progress

run_checks reads and pairs every document: seconds on a store of a thousand. A page view only
needs to know that nothing changed since the last one, and the store's fingerprint() answers that
in one cheap query (it changes whenever a document is added, replaced or deleted). So a report is
reused while the fingerprint it was computed under still holds, and recomputed on the first view
after.

The fingerprint is read before the checks run: a document written while they run leaves the
report under the older fingerprint, so the next view recomputes rather than trusting it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from vanban.checks import run_checks
from vanban.checks.progress import parents_with_targets, run_progress
from vanban.model import CheckResult, Document, Progress
from vanban.web.deps import ServedStore

MAX_REPORTS = 16  # (store content, parent, child) combinations kept; the oldest view goes first
T = TypeVar("T")


class StoreCache:
    """Results computed from a store, kept per (store content, arguments), the oldest view first out."""

    def __init__(self, size: int = MAX_REPORTS):
        self.size = size
        self._reports: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()  # guards _reports and _computing
        self._computing: dict[tuple, threading.Lock] = {}

    def get(self, store: ServedStore, args: tuple, compute: Callable[[], T]) -> T:
        """compute(), once per store content and ``args``. Shared: do not mutate what it returns."""
        key = (store.fingerprint(), *args)
        with self._lock:
            if key in self._reports:
                self._reports.move_to_end(key)
                return self._reports[key]
            # Views arriving together for the same report wait for one computation, not one each.
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            with self._lock:
                if key in self._reports:
                    return self._reports[key]
            try:
                results = compute()
                with self._lock:
                    self._reports[key] = results
                    while len(self._reports) > self.size:
                        self._reports.popitem(last=False)
            finally:
                with self._lock:
                    self._computing.pop(key, None)
            return results


class ChecksCache(StoreCache):
    def results(self, store: ServedStore, parent: str | None = None, child: str | None = None) -> list[CheckResult]:
        """run_checks(store, parent, child), computed once per store content. Shared: do not mutate."""
        parent, child = parent or None, child or None
        return self.get(store, (parent, child), lambda: run_checks(store, parent=parent, child=child))


_shared = ChecksCache()


def checks_for(store: ServedStore, parent: str | None = None, child: str | None = None) -> list[CheckResult]:
    """The process-wide cache that /checks and /api/checks share (see ChecksCache.results)."""
    return _shared.results(store, parent, child)


_progress = StoreCache()


def progress_for(store: ServedStore, parent: str) -> Progress:
    """run_progress(store, parent), once per store content: /progress and /api/progress share it."""
    return _progress.get(store, ("progress", parent), lambda: run_progress(store, parent))


def parents_for(store: ServedStore) -> list[Document]:
    """The documents that state targets, for the list of resolutions to follow through."""
    return _progress.get(store, ("parents",), lambda: parents_with_targets(store))
