"""The one exporter: progress and checks as XLSX (openpyxl) or CSV, for meetings, in Vietnamese.

    export_progress(progress, fmt) -> bytes   fmt "xlsx" or "csv" (vocab.EXPORT_FORMATS)
    export_checks(results, fmt) -> bytes
    filename(prefix, label, fmt) -> str       "tien-do-15-NQ-TU.xlsx"

XLSX: progress has a sheet per part (Chỉ tiêu, Kết quả, Chưa gắn chỉ tiêu, Nhiệm vụ, Văn bản thực
hiện, Chưa có trong kho); checks have one sheet of items and one of counts per pair. CSV is one
table: for progress a row per target and reported value (a target with no report gets one row, the
unlinked results follow with the target columns empty); for checks a row per item. CSV is UTF-8
with a byte-order mark, so spreadsheet programs read the Vietnamese letters right.

Text comes from uploaded documents: a cell that would start a formula (=, +, -, @) is written as
text (XLSX) or behind an apostrophe (CSV), never evaluated.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from vanban.errors import UsageError
from vanban.model import CheckResult, Progress, ReportedValue, Target, TargetProgress
from vanban.vocab import EXPORT_FORMATS, assessment_label, level_label, progress_label, status_label

from vanban.checks import wording
from vanban.checks.progress_report import value_text, vn_date

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Row = Sequence[object]


def _target_cells(t: Target | None) -> list[object]:
    if t is None:
        return ["", "", ""]
    return [wording.value(t), t.deadline, _sentence(t.sentence or t.text)]


def _sentence(text: str) -> str:
    """A sentence without the bullet that opened its line ("- Tỷ lệ ...")."""
    return re.sub(r"^[-+•*–\s]+", "", " ".join(text.split()))


def _value_cells(v: ReportedValue | None) -> list[object]:
    if v is None:
        return [""] * 8
    return [value_text(v), vn_date(v.as_of), assessment_label(v.assessment), v.assessment_text, v.source,
            v.page or "", v.scope, _sentence(v.sentence)]


_TARGET_HEAD = ["Chỉ tiêu", "Mức chỉ tiêu", "Thời hạn", "Câu nêu chỉ tiêu"]
_VALUE_HEAD = ["Kết quả", "Thời điểm", "Văn bản tự đánh giá", "Lời văn bản", "Nguồn", "Trang", "Riêng đơn vị",
               "Câu nêu kết quả"]


def progress_rows(progress: Progress) -> tuple[list[str], list[Row]]:
    """The long table: a row per target and reported value, then the unlinked results."""
    head = [*_TARGET_HEAD, "Trạng thái", "Cách tính", *_VALUE_HEAD]
    rows: list[Row] = []
    for tp in progress.targets:
        for v in tp.results or [None]:
            rows.append([tp.indicator, *_target_cells(tp.target), progress_label(tp.status), tp.reason, *_value_cells(v)])
    for v in progress.results_unlinked:
        rows.append([v.indicator, "", "", "", "Chưa gắn chỉ tiêu", "", *_value_cells(v)])
    return head, rows


def _progress_sheets(progress: Progress) -> list[tuple[str, list[str], list[Row]]]:
    summary = [[tp.indicator, *_target_cells(tp.target), progress_label(tp.status),
                assessment_label(tp.stated) if tp.stated else "", _latest(tp), tp.reason]
               for tp in progress.targets]
    cov = progress.coverage
    return [
        ("Chỉ tiêu", [*_TARGET_HEAD, "Trạng thái", "Văn bản tự đánh giá", "Kết quả mới nhất", "Cách tính"], summary),
        ("Kết quả", *progress_rows(progress)),
        ("Chưa gắn chỉ tiêu", ["Nội dung", *_VALUE_HEAD],
         [[v.indicator, *_value_cells(v)] for v in progress.results_unlinked]),
        ("Nhiệm vụ", ["Đã thực hiện", "Tổng số", "Đơn vị tính", "Thời điểm", "Nguồn", "Câu"],
         [[t.done, t.total or "", t.unit, vn_date(t.as_of), t.source, t.sentence] for t in progress.tasks]),
        ("Văn bản thực hiện", ["Số", "Cơ quan ban hành", "Cấp", "Ngày", "Đúng hạn", "Trích yếu"],
         [[i.number, i.issuer, level_label(i.level), vn_date(i.date),
           {True: "Đúng hạn", False: "Chậm", None: ""}[i.on_time], i.title] for i in cov.implemented_by]),
        ("Chưa có trong kho", ["Đơn vị", "Cấp", "Ghi chú"],
         [[m.unit, level_label(m.level), m.note] for m in cov.missing]),
    ]


def _latest(tp: TargetProgress) -> str:
    if not tp.results:
        return ""
    v = tp.results[-1]
    return f"{value_text(v)} ({vn_date(v.as_of)}, {v.source})"


def checks_rows(results: Iterable[CheckResult]) -> tuple[list[str], list[Row]]:
    head = ["Văn bản cấp trên", "Văn bản cấp dưới", "Chỉ tiêu", "Trạng thái", "Lý do", "Mức cấp trên",
            "Thời hạn cấp trên", "Câu cấp trên", "Mức cấp dưới", "Thời hạn cấp dưới", "Câu cấp dưới", "Chi tiết"]
    rows: list[Row] = []
    for r in results:
        for item in r.items:
            rows.append([r.parent, r.child, item.indicator, status_label(item.status), getattr(item, "reason", ""),
                         *_target_cells(item.parent_target), *_target_cells(item.child_target), item.message])
    return head, rows


def _checks_sheets(results: list[CheckResult]) -> list[tuple[str, list[str], list[Row]]]:
    statuses = sorted({item.status for r in results for item in r.items})
    counts = [[r.parent, r.child, *[sum(1 for i in r.items if i.status == s) for s in statuses]] for r in results]
    return [("Kiểm tra", *checks_rows(results)),
            ("Tổng hợp", ["Văn bản cấp trên", "Văn bản cấp dưới", *map(status_label, statuses)], counts)]


def _safe(value: object) -> object:
    if isinstance(value, str):
        return " ".join(value.split()) if "\n" in value else value
    return value


def _csv(head: list[str], rows: list[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in [head, *rows]:
        writer.writerow(["'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v
                         for v in map(_safe, row)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(sheets: list[tuple[str, list[str], list[Row]]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    for title, head, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append(head)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_safe(v) for v in row])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # "=..." from a document stays text, never a formula
                    cell.alignment = Alignment(wrap_text=len(cell.value) > 60, vertical="top")
        for column, name in zip(sheet.columns, head):
            longest = max([len(name)] + [len(str(c.value or "")) for c in column])
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, longest + 2))
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _check_format(fmt: str) -> str:
    fmt = (fmt or "").lower()
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"định dạng xuất {fmt!r} không hỗ trợ: dùng {' hoặc '.join(EXPORT_FORMATS)}")
    return fmt


def export_progress(progress: Progress, fmt: str) -> bytes:
    fmt = _check_format(fmt)
    return _xlsx(_progress_sheets(progress)) if fmt == "xlsx" else _csv(*progress_rows(progress))


def export_checks(results: list[CheckResult], fmt: str) -> bytes:
    fmt = _check_format(fmt)
    return _xlsx(_checks_sheets(results)) if fmt == "xlsx" else _csv(*checks_rows(results))


def filename(prefix: str, label: str, fmt: str) -> str:
    """A download name: ("tien-do", "15-NQ/TU", "xlsx") -> "tien-do-15-NQ-TU.xlsx" (ASCII, no slashes)."""
    from vanban.folding import fold

    safe = re.sub(r"[^A-Za-z0-9]+", "-", fold(label or "").upper()).strip("-")
    return f"{prefix}-{safe}.{_check_format(fmt)}" if safe else f"{prefix}.{_check_format(fmt)}"
