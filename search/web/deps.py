"""What every route gets from the running app: its settings and a store opened for the request."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request

from vanban.search.base import Store, open_store
from vanban.settings import Settings


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def wants_json(request: Request) -> bool:
    """API paths, and the pages' own scripts (which ask for JSON), get JSON answers and errors."""
    return request.url.path.startswith("/api/") or request.headers.get("accept", "").startswith("application/json")


def store_of(request: Request) -> Iterator[Store]:
    # A store per request: SQLite connections are cheap, and no state leaks between requests.
    store = open_store(settings_of(request))
    try:
        yield store
    finally:
        store.close()
