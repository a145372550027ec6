"""The inbox flow: what an office's scheduled deployment runs over its drop folder."""

from __future__ import annotations

from prefect import flow

from vanban.pipelines.ingest import ingest
from vanban.settings import Settings


@flow(name="ingest-inbox", log_prints=False)
def ingest_inbox(inbox: str | None = None, store: str | None = None, backend: str | None = None,
                 es_url: str | None = None) -> dict:
    """Ingest every file in the inbox folder; files already ingested are skipped by content hash."""
    folder = inbox or str(Settings().inbox)
    return ingest([folder], store=store, backend=backend, es_url=es_url)
