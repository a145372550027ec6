"""The inbox flow: what an office's scheduled deployment runs over its drop folder."""

from __future__ import annotations

from prefect import flow

from vanban.pipelines.ingest import ingest
from vanban.settings import Settings, settings_for

# The audit log's label for what arrives through the watched folder (no staff key is involved).
INBOX_LABEL = "inbox"


@flow(name="ingest-inbox", log_prints=False)
def ingest_inbox(inbox: str | None = None, store: str | None = None, backend: str | None = None,
                 es_url: str | None = None) -> dict:
    """Ingest every file in the inbox folder; files already ingested are skipped by content hash."""
    folder = inbox or str(Settings().inbox)
    summary = ingest([folder], store=store, backend=backend, es_url=es_url)
    # The audit log gets every file but those already stored byte for byte (no news each run).
    news = [f for f in summary["files"] if not (f["status"] == "skipped" and f.get("reason") == "same_file")]
    if news:
        from vanban.search.base import open_store

        with open_store(settings_for(store, backend, es_url)) as index:
            index.log_ingest(news, INBOX_LABEL, action="ingest")
    return summary
