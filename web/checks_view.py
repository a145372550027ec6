"""The consistency report as the /checks page shows it: grouped by parent, one block per district,
a status filter, and a bar per district for the chart (SVG geometry computed here, drawn by the
template, so the page needs no script)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from vanban.vocab import CHECK_STATUSES
from vanban.model import CheckItem, CheckResult, Document, Target
from vanban.search.base import Store
from vanban.identity import number_key

from vanban.web.checks_cache import checks_for
from vanban.web.deps import store_of
from vanban.web.templating import templates

router = APIRouter(include_in_schema=False)

CHART_LABEL_WIDTH = 220  # room for the district's name left of its bar
CHART_BAR_WIDTH = 400
CHART_ROW = 30


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


@dataclass(slots=True)
class ChildBlock:
    result: CheckResult
    document: Document | None  # None for the totals across plans
    district: str
    rows: list[Row]
    counts: Counter


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
class ParentGroup:
    parent_id: str
    label: str
    document: Document | None
    blocks: list[ChildBlock] = field(default_factory=list)

    @property
    def districts(self) -> list[ChildBlock]:
        return [b for b in self.blocks if b.document is not None]

    @property
    def totals(self) -> list[ChildBlock]:
        return [b for b in self.blocks if b.document is None]


def _evidence(target: Target | None, doc: Document | None) -> Evidence | None:
    if target is None:
        return None
    page = target.page if target.page is not None else doc.page_at(target.start) if doc else None
    return Evidence(target, (target.sentence or target.text).strip(), page)


def build_groups(results: list[CheckResult], store: Store, status: str | None) -> list[ParentGroup]:
    """Results grouped by parent, each district's items filtered to ``status`` (None: all)."""
    cache: dict[str, Document | None] = {}

    def get(doc_id: str) -> Document | None:
        if doc_id and doc_id not in cache:
            cache[doc_id] = store.get(doc_id)
        return cache.get(doc_id)

    groups: dict[str, ParentGroup] = {}
    for result in results:
        parent = get(result.parent_id)
        group = groups.setdefault(result.parent_id, ParentGroup(result.parent_id, result.parent, parent))
        child = get(result.child_id)
        rows = [Row(item, _evidence(item.parent_target, parent), _evidence(item.child_target, child))
                for item in result.items if status is None or item.status == status]
        if not rows:
            continue
        district = (child.doc.issuer or child.doc.place or child.label) if child else "Tổng các kế hoạch"
        group.blocks.append(ChildBlock(result, child, district, rows, Counter(r.item.status for r in rows)))
    return [g for g in groups.values() if g.blocks]


def chart(blocks: list[ChildBlock]) -> list[Bar]:
    """One stacked bar per district, lengths in proportion to the busiest district's item count."""
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
        bars.append(Bar(block.district, index * CHART_ROW, segments))
    return bars


@router.get("/checks", response_class=HTMLResponse)
def checks_page(request: Request, status: str = "", parent: str = "", store: Store = Depends(store_of)):
    results = checks_for(store)
    parents = list(dict.fromkeys((r.parent_id, r.parent) for r in results))
    if parent:  # an id from the form, or a number typed into the URL in any spelling
        parent = next((pid for pid, label in parents
                       if parent == pid or number_key(label) == number_key(parent)), parent)
        results = [r for r in results if r.parent_id == parent]
    chosen = status if status in CHECK_STATUSES else None
    groups = build_groups(results, store, chosen)
    return templates.TemplateResponse(request, "checks.html", {
        "groups": groups, "chart": chart, "status": chosen, "parent": parent, "parents": parents,
        "counts": Counter(item.status for r in results for item in r.items),
        "pairs": sum(1 for r in results if r.child_id), "statuses": CHECK_STATUSES,
        "chart_width": CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 60, "chart_row": CHART_ROW,
        "label_width": CHART_LABEL_WIDTH,
    })
