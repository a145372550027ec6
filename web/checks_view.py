"""The consistency report as the /checks page shows it: per parent, a matrix of implementing units
× indicators, then one block per unit with its problems first and what passed folded away;
filters by status, unit and level; a bar per unit for the chart (SVG geometry computed here,
drawn by the template, so the page needs no script).
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlencode
from dataclasses import dataclass, field

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from vanban.checks.compare import level_of
from vanban.identity import number_key
from vanban.model import CheckItem, CheckResult, Document, Target
from vanban.search.base import Store
from vanban.vocab import CHECK_STATUSES, EXPORT_FORMATS, LEVELS

from vanban.web import check_text
from vanban.web.checks_cache import checks_for
from vanban.web.deps import store_of
from vanban.web.templating import templates

router = APIRouter(include_in_schema=False)

CHART_LABEL_WIDTH = 220  # room for the unit's name left of its bar
CHART_BAR_WIDTH = 400
CHART_ROW = 30
# Problems first, the worst first; what needs no action (ok, not applicable) is folded at the end.
SEVERITY = ("weaker", "sum_short", "missing", "later_deadline", "unit_mismatch", "not_applicable", "ok")
SETTLED = ("ok", "not_applicable")
# The spreadsheets of the one exporter (vanban.checks.export), served by the API.
EXPORT_ROUTE = "/api/checks/export"


@dataclass(slots=True)
class Evidence:
    """One side of a comparison: the target, its sentence and where it stands."""

    target: Target
    sentence: str
    page: int | None


@dataclass(slots=True)
class Row:
    item: CheckItem
    parent: Evidence | None
    child: Evidence | None
    label: str  # the status as this row reads it ("Cao hơn mức trần")
    text: str  # the explanation in Vietnamese
    anchor: str


@dataclass(slots=True)
class ChildBlock:
    result: CheckResult
    document: Document | None  # None for the totals across plans
    unit: str
    level: str
    rows: list[Row]
    counts: Counter

    @property
    def problems(self) -> list[Row]:
        return [r for r in self.rows if r.item.status not in SETTLED]

    @property
    def settled(self) -> list[Row]:
        return [r for r in self.rows if r.item.status in SETTLED]


@dataclass(slots=True)
class Segment:
    status: str
    count: int
    x: float
    width: float


@dataclass(slots=True)
class Bar:
    label: str
    y: int
    segments: list[Segment]


@dataclass(slots=True)
class Matrix:
    """Units down, the parent's indicators across; a cell holds the row it links to."""

    columns: list[tuple[str, str]]  # (indicator, deadline)
    rows: list[tuple[ChildBlock, list[Row | None]]]


@dataclass(slots=True)
class ParentGroup:
    parent_id: str
    label: str
    document: Document | None
    blocks: list[ChildBlock] = field(default_factory=list)

    @property
    def units(self) -> list[ChildBlock]:
        return [b for b in self.blocks if b.document is not None]

    @property
    def totals(self) -> list[ChildBlock]:
        return [b for b in self.blocks if b.document is None]


def _evidence(target: Target | None, doc: Document | None) -> Evidence | None:
    if target is None:
        return None
    page = target.page if target.page is not None else doc.page_at(target.start) if doc else None
    return Evidence(target, (target.sentence or target.text).strip(), page)


def _key(target: Target | None, indicator: str) -> tuple[str, str]:
    return (target.indicator if target else indicator, target.deadline if target else "")


def build_groups(results: list[CheckResult], store: Store, status: str | None = None,
                 unit: str | None = None, level: str | None = None) -> list[ParentGroup]:
    """Results grouped by parent; each unit's items filtered to ``status``, units to ``unit`` and
    ``level`` (None: all); rows in order of severity."""
    cache: dict[str, Document | None] = {}

    def get(doc_id: str) -> Document | None:
        if doc_id and doc_id not in cache:
            cache[doc_id] = store.get(doc_id)
        return cache.get(doc_id)

    groups: dict[str, ParentGroup] = {}
    for r_index, result in enumerate(results):
        parent = get(result.parent_id)
        group = groups.setdefault(result.parent_id, ParentGroup(result.parent_id, result.parent, parent))
        child = get(result.child_id)
        name = (child.doc.issuer or child.doc.place or child.label) if child else "Tổng các kế hoạch"
        child_level = level_of(child) if child else ""
        if (unit and name != unit) or (level and child_level != level):
            continue
        rows = [Row(item, _evidence(item.parent_target, parent), _evidence(item.child_target, child),
                    check_text.status_label(item), check_text.explain(item, result.parent, result.child),
                    f"muc-{r_index}-{i}")
                for i, item in enumerate(result.items) if status is None or item.status == status]
        if not rows:
            continue
        rows.sort(key=lambda r: SEVERITY.index(r.item.status) if r.item.status in SEVERITY else 0)
        group.blocks.append(ChildBlock(result, child, name, child_level, rows, Counter(r.item.status for r in rows)))
    return [g for g in groups.values() if g.blocks]


def matrix(group: ParentGroup) -> Matrix:
    columns: list[tuple[str, str]] = []
    for block in group.units:
        for item in block.result.items:  # the parent's order, not the rows' order of severity
            key = _key(item.parent_target, item.indicator)
            if key not in columns and any(r.item is item for r in block.rows):
                columns.append(key)
    rows = []
    for block in group.units:
        cells: dict[tuple[str, str], Row] = {}
        for row in block.rows:
            key = _key(row.item.parent_target, row.item.indicator)
            held = cells.get(key)
            if held is None or SEVERITY.index(row.item.status) < SEVERITY.index(held.item.status):
                cells[key] = row
        rows.append((block, [cells.get(c) for c in columns]))
    return Matrix(columns, rows)


def chart(blocks: list[ChildBlock]) -> list[Bar]:
    """One stacked bar per unit, lengths in proportion to the busiest unit's item count."""
    most = max((sum(b.counts.values()) for b in blocks), default=0) or 1
    bars = []
    for index, block in enumerate(blocks):
        x, segments = float(CHART_LABEL_WIDTH), []
        for status in CHECK_STATUSES:
            n = block.counts.get(status, 0)
            if n:
                width = CHART_BAR_WIDTH * n / most
                segments.append(Segment(status, n, round(x, 1), round(width, 1)))
                x += width
        bars.append(Bar(block.unit, index * CHART_ROW, segments))
    return bars


def export_links(parent: str) -> dict[str, str]:
    """The exporter's links for what the page shows: every pair, or one parent's."""
    chosen = {"parent": parent} if parent else {}
    return {fmt.upper(): f"{EXPORT_ROUTE}?{urlencode({'format': fmt, **chosen})}" for fmt in EXPORT_FORMATS}


@router.get("/checks", response_class=HTMLResponse)
def checks_page(request: Request, status: str = "", parent: str = "", unit: str = "", level: str = "",
                store: Store = Depends(store_of)):
    results = checks_for(store)
    parents = list(dict.fromkeys((r.parent_id, r.parent) for r in results))
    if parent:  # an id from the form, or a number typed into the URL in any spelling
        parent = next((pid for pid, label in parents
                       if parent == pid or number_key(label) == number_key(parent)), parent)
        results = [r for r in results if r.parent_id == parent]
    chosen = status if status in CHECK_STATUSES else None
    level = level if level in LEVELS else ""
    every = build_groups(results, store)
    units = sorted({b.unit for g in every for b in g.units})
    unit = unit if unit in units else ""
    groups = build_groups(results, store, chosen, unit or None, level or None)
    return templates.TemplateResponse(request, "checks.html", {
        "groups": groups, "chart": chart, "matrix": matrix, "status": chosen, "parent": parent,
        "parents": parents, "unit": unit, "units": units, "level": level,
        "levels": sorted({b.level for g in every for b in g.units} - {""}),
        "counts": Counter(item.status for r in results for item in r.items),
        "pairs": sum(1 for r in results if r.child_id), "statuses": CHECK_STATUSES,
        "exports": export_links(parent),
        "chart_width": CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 60, "chart_row": CHART_ROW,
        "label_width": CHART_LABEL_WIDTH, "filtered": bool(chosen or parent or unit or level),
    })
