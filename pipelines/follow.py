"""The follow-through flow: refresh the progress of resolutions and leave the report in the Prefect UI.

An ingest that brings a report (or a plan) in runs it for the documents the new files review or
implement (``pipelines.ingest``), so a resolution's progress page and artifact are never stale.
"""

from __future__ import annotations

import re

from prefect import flow
from prefect.artifacts import create_markdown_artifact

from vanban.folding import fold
from vanban.model import to_dict
from vanban.settings import settings_for


def artifact_key(label: str) -> str:
    """Prefect keys take lower-case letters, digits and dashes: "15-NQ/TU" -> "progress-15-nq-tu"."""
    return "progress-" + (re.sub(r"[^a-z0-9]+", "-", fold(label)).strip("-") or "document")[:50]


@flow(name="refresh-progress", log_prints=False)
def refresh_progress(parents: list[str], store: str | None = None, backend: str | None = None,
                     es_url: str | None = None) -> dict:
    """The progress of each parent (ids or numbers), one Markdown artifact each; returns
    {"progress": [the `vanban progress --json` shape, ...]}."""
    from vanban.checks.progress import run_progress
    from vanban.checks.progress_report import counts_line, render_markdown
    from vanban.search.base import open_store

    index = open_store(settings_for(store, backend, es_url))
    try:
        done = [run_progress(index, parent) for parent in parents]
    finally:
        index.close()
    for progress in done:
        create_markdown_artifact(key=artifact_key(progress.parent), markdown=render_markdown(progress),
                                 description=f"Tiến độ {progress.parent}: {counts_line(progress)}")
    return {"progress": [to_dict(p) for p in done]}
