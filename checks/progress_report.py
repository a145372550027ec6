"""Progress for people: a terminal summary and a Markdown report (the Prefect artifact), in Vietnamese.

    render_text(progress) -> str       `vanban progress` without --json
    render_markdown(progress) -> str   the refresh-progress flow's artifact

Both read the same lines (``target_lines``, ``coverage_lines``), so they never tell different stories.
"""

from __future__ import annotations

from collections import Counter

from vanban.model import Progress, ReportedValue, TargetProgress
from vanban.vocab import PROGRESS_STATUSES, assessment_label, level_label, progress_label

from vanban.checks import wording
from vanban.checks.units import joined


def vn_date(iso: str) -> str:
    parts = (iso or "").split("-")
    return "/".join(reversed(parts)) if all(p.isdigit() for p in parts) and parts != [""] else iso or "không rõ ngày"


def value_text(v: ReportedValue) -> str:
    amount = wording.number(v.value) + (f"/{wording.number(v.of)}" if v.of else "")
    return joined(amount, v.unit)


def target_text(tp: TargetProgress) -> str:
    deadline = f" đến {tp.target.deadline}" if tp.target.deadline else ""
    return f"{wording.value(tp.target)}{deadline}"


def counts_line(progress: Progress) -> str:
    tally = Counter(t.status for t in progress.targets)
    parts = [f"{label} {tally[code]}" for code, label in PROGRESS_STATUSES.items() if tally[code]]
    return f"{len(progress.targets)} chỉ tiêu" + (": " + ", ".join(parts) if parts else "")


def value_line(v: ReportedValue) -> str:
    page = f", tr. {v.page}" if v.page else ""
    said = f"; văn bản nêu: {v.assessment_text}" if v.assessment_text else ""
    part = f" — riêng {v.scope}" if v.scope else ""
    estimate = " (ước)" if v.estimate else ""
    return f"{vn_date(v.as_of)}: {value_text(v)}{estimate}{part} ({v.source}{page}){said}"


def coverage_lines(progress: Progress) -> list[str]:
    cov = progress.coverage
    head = f"Văn bản thực hiện ({len(cov.implemented_by)})"
    if cov.deadline:
        head += f", hạn xây dựng kế hoạch {vn_date(cov.deadline)}"
    lines = [head + ":"]
    for i in cov.implemented_by:
        timing = {True: "đúng hạn", False: "chậm so với hạn", None: ""}[i.on_time]
        lines.append(f"  {i.number or i.id[:12]} — {i.issuer or 'không rõ cơ quan'} ({level_label(i.level)}), "
                     f"{vn_date(i.date)}{', ' + timing if timing else ''}")
    if cov.expected:
        lines.append("Đơn vị được giao xây dựng kế hoạch: " + "; ".join(u.unit for u in cov.expected))
    for m in cov.missing:
        lines.append(f"  {m.unit} ({level_label(m.level)}): {m.note}")
    return lines


def render_text(progress: Progress) -> str:
    lines = [f"Tiến độ thực hiện {progress.parent} — {counts_line(progress)}"]
    if progress.reports:
        lines.append("Báo cáo đã đọc: " + ", ".join(f"{r.number or r.id[:12]} ({vn_date(r.date)})"
                                                    for r in progress.reports))
    else:
        lines.append("Chưa có báo cáo nào về văn bản này trong kho.")
    for tp in progress.targets:
        lines += ["", f"[{progress_label(tp.status)}] {tp.indicator}: {target_text(tp)}"]
        lines += [f"    {value_line(v)}" for v in tp.results]
        if tp.results:
            lines.append(f"    → {tp.reason}")
        if tp.stated:
            lines.append(f"    văn bản tự đánh giá: {assessment_label(tp.stated)}")
    if progress.results_unlinked:
        lines += ["", f"Kết quả chưa gắn với chỉ tiêu nào ({len(progress.results_unlinked)}):"]
        lines += [f"  {v.indicator}: {value_line(v)}" for v in progress.results_unlinked]
    if progress.tasks:
        lines += ["", "Nhiệm vụ, chỉ tiêu theo báo cáo:"]
        lines += [f"  {wording.number(t.done)}{'/' + wording.number(t.total) if t.total else ''} {t.unit} "
                  f"({t.source}, {vn_date(t.as_of)}): {t.sentence}" for t in progress.tasks]
    return "\n".join(lines + [""] + coverage_lines(progress)) + "\n"


def _cell(text: str) -> str:
    return " ".join(str(text).replace("|", "\\|").split())


def render_markdown(progress: Progress) -> str:
    lines = [f"# Tiến độ thực hiện {progress.parent}", "", counts_line(progress) + ".", ""]
    lines += ["| Chỉ tiêu | Mức | Trạng thái | Kết quả đã báo cáo |", "|---|---|---|---|"]
    for tp in progress.targets:
        reported = "<br>".join(_cell(value_line(v)) for v in tp.results) or "—"
        status = progress_label(tp.status) + (f" (văn bản: {assessment_label(tp.stated)})" if tp.stated else "")
        lines.append(f"| {_cell(tp.indicator)} | {_cell(target_text(tp))} | {status} | {reported} |")
    if progress.results_unlinked:
        lines += ["", "## Kết quả chưa gắn với chỉ tiêu", ""]
        lines += [f"- {_cell(v.indicator)}: {_cell(value_line(v))}" for v in progress.results_unlinked]
    lines += ["", "## Văn bản thực hiện", ""] + [f"- {_cell(x)}" for x in coverage_lines(progress)]
    return "\n".join(lines) + "\n"
