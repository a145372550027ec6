"""The Jinja2 environment of the pages: autoescaping on, Vietnamese labels as filters."""

from __future__ import annotations

import html
import re
from pathlib import Path

from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from vanban.translations import error_vi, warning_vi

from vanban.web import labels, manage_labels, marking

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
_MARK_TAG = re.compile(r"(</?mark>)")


def snippet_html(snippet: str) -> Markup:
    """A store snippet as HTML that can hold no markup but <mark>.

    The stores escape the text and add <mark> (search/highlight.py); this re-escapes every piece
    between the mark tags after unescaping it, which leaves correctly escaped text unchanged and
    turns any raw markup a backend let through into text.
    """
    pieces = _MARK_TAG.split(snippet or "")
    return Markup("").join(Markup(p) if p in ("<mark>", "</mark>") else escape(html.unescape(p)) for p in pieces)


templates.env.filters.update(
    kind=labels.kind, level=labels.level, status=labels.status, vndate=labels.date,
    vnnumber=labels.number, snippet=snippet_html, warning=warning_vi, error=error_vi,
)
templates.env.filters.update(manage_labels.FILTERS)
templates.env.globals.update(KINDS=labels.KINDS, LEVELS=labels.LEVELS, STATUSES=labels.STATUSES,
                             SORTS=labels.SORTS, target_phrase=marking.target_phrase,
                             heading=labels.heading, ICONS=labels.ICONS)
