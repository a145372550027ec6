"""The consistency-check flow: run the checks and leave the report in the Prefect UI."""

from __future__ import annotations

from prefect import flow
from prefect.artifacts import create_markdown_artifact

from vanban.model import to_dict
from vanban.settings import settings_for


@flow(name="check-consistency", log_prints=False)
def check_consistency(parent: str | None = None, child: str | None = None, store: str | None = None,
                      backend: str | None = None, es_url: str | None = None,
                      parents: list[str] | None = None) -> dict:
    """Check every linked pair (or one parent, one pair, or the parents with these ids); returns
    the `vanban check --json` shape."""
    from vanban.checks import render_markdown, run_checks
    from vanban.search.base import open_store

    index = open_store(settings_for(store, backend, es_url))
    try:
        results = run_checks(index, parent=parent, child=child, parents=parents)
        report = render_markdown(results, index)
    finally:
        index.close()
    create_markdown_artifact(key="consistency-report", markdown=report,
                             description=f"Consistency of {parent or ', '.join(parents or []) or 'every parent'}")
    return {"pairs": to_dict(results)}
