"""The follow-through pages: /progress lists the documents with targets, /progress/{id} shows one:
its targets against the reports on it (each reported value in its report's column), a small chart
per target of the reported values against the target over time (SVG geometry computed here, drawn by
the template, no script), and who implements it (coverage), with the XLSX and CSV exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from vanban.checks.linking import resolve
from vanban.checks.progress import choose, period_start
from vanban.checks.progress_report import value_text, vn_date
from vanban.checks.standing import date_of, end_of, in_target_unit
from vanban.identity import is_doc_id
from vanban.model import Document, Progress, ReportedValue, TargetProgress
from vanban.search.base import Store
from vanban.vocab import PROGRESS_STATUSES, assessment_label, progress_label

from vanban.web.checks_cache import parents_for, progress_for
from vanban.web.deps import store_of
from vanban.web.templating import templates

router = APIRouter(include_in_schema=False)

CHART_WIDTH = 240
CHART_HEIGHT = 80
CHART_PAD = 14


@dataclass(slots=True)
class Point:
    x: float
    y: float
    label: str


@dataclass(slots=True)
class Chart:
    """A small chart: reported values (points joined by a line) against the target (a dashed line)."""

    width: int
    height: int
    target_y: float
    target_label: str
    points: list[Point]
    start_label: str
    end_label: str

    @property
    def line(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)


def _when(v: ReportedValue) -> dt.date | None:
    return date_of(v.as_of)


def chart(tp: TargetProgress, start: dt.date | None) -> Chart | None:
    """Values in the target's unit over time, from the period's start to the deadline (or the
    last report, when that is later); None when no value can be drawn."""
    drawn = []
    for v in tp.results:
        value = (tp.target.value * v.share_of_target / 100 if v.share_of_target is not None and v.unit.startswith("%")
                 else in_target_unit(v, tp.target))
        when = _when(v)
        if value is not None and when is not None:
            drawn.append((when, value, v))
    if not drawn:
        return None
    dates = [w for w, _, _ in drawn]
    first = min(dates + ([start] if start else []))
    deadline = end_of(tp.target.deadline)
    last = max(dates + ([deadline] if deadline else []))
    span = max(1, (last - first).days)
    top = max([tp.target.value, tp.target.value_max or 0] + [x for _, x, _ in drawn]) * 1.1 or 1.0
    inner_w, inner_h = CHART_WIDTH - 2 * CHART_PAD, CHART_HEIGHT - 2 * CHART_PAD

    def y(value: float) -> float:
        return round(CHART_PAD + inner_h * (1 - value / top), 1)

    points = [Point(round(CHART_PAD + inner_w * (w - first).days / span, 1), y(x),
                    f"{vn_date(v.as_of)}: {value_text(v)} ({v.source})") for w, x, v in sorted(drawn, key=lambda d: d[0])]
    return Chart(CHART_WIDTH, CHART_HEIGHT, y(tp.target.value), f"Chỉ tiêu {tp.target.value:g}", points,
                 str(first.year), str(last.year))


def _columns(progress: Progress) -> list[tuple[str, str, str]]:
    """(id, label, date) of each report that gives a value for some target, oldest first."""
    used = {v.source_id for tp in progress.targets for v in tp.results}
    return [(r.id, r.number or r.id[:12], r.date) for r in progress.reports if r.id in used]


@router.get("/progress", response_class=HTMLResponse)
def progress_list(request: Request, parent: str = "", store: Store = Depends(store_of)):
    if parent.strip():  # a number typed in any spelling, or an id
        return RedirectResponse(f"/progress/{choose(resolve(store, parent)).id}", status_code=303)
    return templates.TemplateResponse(request, "progress_list.html", {"parents": parents_for(store)})


@router.get("/progress/{doc_id}", response_class=HTMLResponse)
def progress_page(request: Request, doc_id: str, store: Store = Depends(store_of)):
    doc: Document | None = store.get(doc_id) if is_doc_id(doc_id) else None
    if doc is None:
        return RedirectResponse(f"/progress?{urlencode({'parent': doc_id})}", status_code=303)
    progress = progress_for(store, doc.id)
    start = period_start(doc)
    query = urlencode({"parent": doc.id})
    return templates.TemplateResponse(request, "progress.html", {
        "doc": doc, "progress": progress, "columns": _columns(progress), "start": start,
        "chart": lambda tp: chart(tp, start), "statuses": PROGRESS_STATUSES, "query": query,
        "counts": {s: sum(1 for t in progress.targets if t.status == s) for s in PROGRESS_STATUSES},
        "value_text": value_text, "vn_date": vn_date, "progress_label": progress_label,
        "assessment_label": assessment_label,
    })
