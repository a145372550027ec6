"""Reports of check results, in Vietnamese: Markdown for people (grouped by parent and district,
with the two sentences that prove each finding and their pages) and a plain-text summary for a
terminal (counts per pair, the findings to act on, missing indicators folded per pair). Status
codes stay in brackets ("[weaker]"), as in the JSON."""

from __future__ import annotations

from collections import Counter

from vanban.vocab import CHECK_STATUSES, NOT_APPLICABLE_REASONS, status_label
from vanban.model import CheckItem, CheckResult, Document, Target

from vanban.checks import wording
from vanban.catalog import Catalog


def counts(results: list[CheckResult]) -> Counter[str]:
    return Counter(item.status for result in results for item in result.items)


def _pairs_line(results: list[CheckResult]) -> str:
    pairs = sum(1 for r in results if r.child_id)
    totals = len(results) - pairs
    return f"{pairs} cặp văn bản" + (f" và {totals} bảng tổng" if totals else "")


def _counts_line(results: list[CheckResult]) -> str:
    tally = counts(results)
    return ", ".join(f"{status_label(s)} {tally[s]}" for s in CHECK_STATUSES if tally[s]) or "không có chỉ tiêu"


def _page(target: Target, doc: Document | None) -> int | None:
    if target.page is not None:
        return target.page
    return doc.page_at(target.start) if doc is not None else None


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _evidence(label: str, target: Target, doc: Document | None) -> str:
    page = _page(target, doc)
    where = f"{label}, tr. {page}" if page is not None else label
    return f"  > {where}: «{_cell(wording.quote(target))}»"


def render_markdown(results: list[CheckResult], store: Catalog) -> str:
    docs: dict[str, Document | None] = {}

    def doc(doc_id: str) -> Document | None:
        if doc_id and doc_id not in docs:
            docs[doc_id] = store.get(doc_id)
        return docs.get(doc_id)

    lines = ["# Kiểm tra tính thống nhất", "", f"{_pairs_line(results)}: {_counts_line(results)}.", ""]
    if not results:
        lines.append(NOTHING_LINKED)
    parent_order: list[str] = []
    by_parent: dict[str, list[CheckResult]] = {}
    for r in results:
        if r.parent_id not in by_parent:
            parent_order.append(r.parent_id)
        by_parent.setdefault(r.parent_id, []).append(r)
    for parent_id in parent_order:
        group = by_parent[parent_id]
        parent = doc(parent_id)
        lines += [f"## {_heading(group[0].parent, parent)}", ""]
        for r in group:
            child = doc(r.child_id)
            if r.child_id:
                district = (child.doc.issuer or child.doc.place) if child else ""
                heading = _heading(r.child, child, with_issuer=not district)
                title = f"{district} — {heading}" if district else heading
            else:
                title = f"Tổng các kế hoạch {r.child}"
            lines += [f"### {title}", ""]
            if r.child_id and r.link:
                lines += [f"Căn cứ liên kết: {_cell(r.link)}.", ""]
            lines += [f"{_counts_line([r])}.", ""]
            lines += _table(r.items)
            for item in r.items:
                if item.status != "ok":
                    lines += _finding(item, group[0].parent, r.child, parent, child)
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _heading(label: str, doc: Document | None, with_issuer: bool = True) -> str:
    if doc is None:
        return label
    bits = [b for b in (doc.doc.issuer if with_issuer else "", doc.doc.date) if b]
    title = f"{label}: {doc.doc.title}" if doc.doc.title else label
    return f"{title} ({', '.join(bits)})" if bits else title


def _table(items: list[CheckItem]) -> list[str]:
    rows = ["| Tình trạng | Chỉ tiêu | Cấp trên | Cấp dưới |", "|---|---|---|---|"]
    for item in items:
        p = wording.stated(item.parent_target) if item.parent_target else ""
        c = wording.stated(item.child_target) if item.child_target else "—"
        rows.append(f"| {status_label(item.status)} | {_cell(item.indicator)} | {_cell(p)} | {_cell(c)} |")
    return rows + [""]


def _finding(item: CheckItem, parent_label: str, child_label: str,
             parent: Document | None, child: Document | None) -> list[str]:
    lines = [f"- **{status_label(item.status)}** — {_cell(_without_label(item))}"]
    if item.parent_target:
        lines.append(_evidence(parent_label, item.parent_target, parent))
    if item.child_target:
        lines.append(_evidence(child_label, item.child_target, child))
    return lines


NOTHING_LINKED = "Không có văn bản nào trong kho thực hiện một văn bản khác."
NOTHING_FOUND = "Không phát hiện điểm không thống nhất."


def _without_label(item: CheckItem) -> str:
    """Messages open with their status ("Thấp hơn cấp trên: …"); a tag or a heading already says it."""
    return item.message.removeprefix(status_label(item.status) + ": ")


MISSING_NAMED = 3  # missing indicators named per pair in the grouped summary
NAME_WIDTH = 48  # characters of an indicator's name shown there


def render_summary(results: list[CheckResult], every_missing: bool = False) -> str:
    """For a terminal, read at a glance: one line of counts per pair (parent → child), then the
    findings that need action (every status but ok, not_applicable and missing), each with its two
    sentences, then the missing indicators folded into one line per pair, and the targets that do
    not apply counted by reason. ``every_missing`` lists each missing indicator with its sentence
    among the findings instead (``vanban check --all``)."""
    lines = [f"Kiểm tra tính thống nhất: {_pairs_line(results)} — {_counts_line(results)}"]
    if not results:
        return "\n".join(lines + [NOTHING_FOUND]) + "\n"
    width = max(len(_pair_label(r)) for r in results)
    lines += [""] + [f"  {_pair_label(r):<{width}}  {_counts_line([r])}" for r in results]
    folded = () if every_missing else ("missing",)
    findings = [(r, [item for item in r.items if item.status not in ("ok", "not_applicable", *folded)])
                for r in results]
    if any(items for _, items in findings):
        lines += ["", "Các phát hiện:" if every_missing else "Cần xử lý:"]
    for r, items in findings:
        if items:
            lines.append(_pair_label(r))
            lines += [line for item in items for line in _finding_lines(item)]
    missing = [(r, [i for i in r.items if i.status == "missing"]) for r in results]
    if not every_missing and any(items for _, items in missing):
        lines += ["", f"Thiếu trong các kế hoạch ({sum(len(items) for _, items in missing)}; "
                      "`vanban check --all` liệt kê từng chỉ tiêu với câu văn):"]
        lines += [f"  {_pair_label(r)}: {_named(items)}" for r, items in missing if items]
    not_applicable = [(r, Counter(i.reason for i in r.items if i.status == "not_applicable")) for r in results]
    if any(reasons for _, reasons in not_applicable):
        lines += ["", "Không áp dụng (không cần xử lý; `vanban check --json` ghi lý do từng chỉ tiêu):"]
        lines += [f"  {_pair_label(r)}: " + ", ".join(f"{n} {NOT_APPLICABLE_REASONS.get(reason, reason)}"
                                                    for reason, n in reasons.most_common())
                  for r, reasons in not_applicable if reasons]
    if all(item.status in ("ok", "not_applicable") for r in results for item in r.items):
        lines += ["", NOTHING_FOUND]
    return "\n".join(lines) + "\n"


def _pair_label(result: CheckResult) -> str:
    child = result.child if result.child_id else f"tổng của {result.child}"
    return f"{result.parent} → {child}"


def _finding_lines(item: CheckItem) -> list[str]:
    lines = [f"  [{item.status}] {_without_label(item)}"]
    for side, target in (("cấp trên", item.parent_target), ("cấp dưới", item.child_target)):
        if target is not None:
            page = f" (tr. {target.page})" if target.page is not None else ""
            lines.append(f"    {side}{page}: «{' '.join(wording.quote(target).split())}»")
    return lines


def _named(items: list[CheckItem]) -> str:
    """'"a", "b", "c" …and 4 more': the first few distinct indicators, then how many items remain."""
    names = list(dict.fromkeys(" ".join(item.indicator.split()) for item in items))[:MISSING_NAMED]
    shown = ", ".join(f'"{_clipped(name)}"' for name in names)
    rest = len(items) - len(names)
    return shown + (f" …và {rest} chỉ tiêu khác" if rest else "")


def _clipped(name: str) -> str:
    """At most NAME_WIDTH characters, cut between words."""
    return name if len(name) <= NAME_WIDTH else name[:NAME_WIDTH].rsplit(" ", 1)[0].rstrip(",;") + "…"
