"""Plain-text views of results for people at a terminal (the --json forms are the contract)."""

from __future__ import annotations

import html
import re

from vanban.checks import wording
from vanban.model import Document, SearchResult

_MARK = re.compile(r"</?mark>")


def render_document(document: Document) -> str:
    meta = document.doc
    lines = [
        f"{document.source} ({document.format}, {len(document.pages)} pages, id {document.id[:12]}…)",
        f"  kind: {meta.kind}   number: {meta.number or '-'}   level: {meta.level}   date: {meta.date or '-'}",
        f"  issuer: {meta.issuer or '-'}",
        f"  title: {meta.title or '-'}",
        f"  references: {', '.join(r.number for r in document.references) or '-'}",
        f"  dates: {', '.join(d.value for d in document.dates) or '-'}",
        f"  figures: {len(document.figures)}   targets: {len(document.targets)}   results: {len(document.results)}",
    ]
    lines[1:1] = [f"  note: {warning}" for warning in document.warnings]  # how the file was read
    lines += [f"    - {t.indicator}: {wording.phrase(t)}" for t in document.targets]
    return "\n".join(lines) + "\n"


def render_search(result: SearchResult) -> str:
    lines = [f"{result.total} documents"]
    for hit in result.hits:
        snippet = html.unescape(_MARK.sub("**", hit.snippet))
        where = f", p. {hit.page}" if hit.page else ""
        lines.append(f"- {hit.number or hit.id[:12]} {hit.title} ({hit.issuer}, {hit.date or 'n.d.'}{where})")
        lines.append(f"    {snippet}")
    return "\n".join(lines) + "\n"
