"""Consistency checks: does each implementing plan carry its parent's targets, as strongly and in time?

    run_checks(store, parent=None, child=None) -> list[CheckResult]
    render_markdown(results, store) -> str      report grouped by parent and district, with evidence
    render_summary(results, every_missing=False) -> str
                                                counts per pair, findings to act on, missing
                                                indicators folded per pair: for a terminal

How it works, one module each:
    linking     which document implements which (relation words, titles, partial citations)
    indicators  which child target states the same indicator (folding, equivalents, similarity)
    units       unit families and scale conversion (tỷ đồng = 1.000 triệu đồng)
    compare     one pair: a status and a message per parent target
    totals      sum_short across the districts' plans of one parent
    report      Markdown and plain-text renderings

Follow-through (reported results against targets, `vanban progress`):
    progress         run_progress(store, parent) -> Progress: the targets' timelines and standing
    reviews          which documents report on a parent
    standing         achieved, exceeded, on_track, behind, no_report from a target's values
    coverage         who implements a parent, by its deadline; who has no plan in the store
    progress_report  terminal and Markdown renderings, in Vietnamese
    export           export_progress(progress, fmt), export_checks(results, fmt): XLSX and CSV
    results_eval     `vanban eval --results` against gold-results

Only the Catalog protocol (vanban.catalog: get, documents, find_by_number, citing) is read, so
every backend serves the checks the same way, and the checks never depend on the storage package.
``vanban.model.to_dict`` on a CheckResult gives the JSON of ``vanban check --json``.
"""

from __future__ import annotations

from vanban.checks.report import render_markdown, render_summary
from vanban.checks.run import run_checks

__all__ = ["run_checks", "render_markdown", "render_summary"]
