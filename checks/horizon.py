"""When targets are due, and how far a child plan reaches."""

from __future__ import annotations

import re

from vanban.model import Document, Target

_YEAR = re.compile(r"(?:19|20)\d\d")


def year(t: Target) -> int | None:
    """The deadline's year; None when none is stated (or it is not a year)."""
    found = _YEAR.search(t.deadline or "")
    return int(found.group()) if found else None


def child_horizon(child: Document) -> int | None:
    """The last year a child plan answers for: the end of the period it states, or its latest
    target's deadline when that is later (a 2026-2030 plan with a vision to 2045 answers for
    2045); None when it states no period (a plan whose targets stop at 2025 without saying it
    covers only 2021-2025 still owes the parent's 2030 targets)."""
    end = (child.doc.period or {}).get("end", "")
    if not end.isdigit():
        return None
    return max([int(end)] + [y for y in (year(t) for t in child.targets) if y is not None])
