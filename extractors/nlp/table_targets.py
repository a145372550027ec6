"""Targets from tables: one per row and value column, read through the header.

The header says what each column holds (``COLUMN_RULES``): the row number (never a value), the
indicator, its unit, the responsible agency, a deadline, and the value columns (one per year,
"Mục tiêu đến năm 2030", "Kế hoạch", "Kết quả"). A value cell holds a number with an optional
comparator ("≥ 30", ">= 30", "≤ 3", "Trên 92%", "40 - 50"), sometimes several ("≤ 3 Đông Nam Á;
≤ 50 Thế giới"). A section row ("I | Đến năm 2030") dates the rows under it. Each target's text
is its row as it stands in the document, and its evidence too: never the whole table.

A table without value columns (tasks and the agencies in charge) and a row whose value cells hold
no number are left to the prose reader, cell by cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vanban.extractors.nlp import target_words as W
from vanban.extractors.nlp.horizons import Horizon, Sections, horizons
from vanban.extractors.nlp.numbers import NUMBER, parse_number
from vanban.extractors.nlp.quantities import Quantity
from vanban.extractors.nlp.tables import ROW_NUMBER
from vanban.extractors.nlp.targets import TargetReading
from vanban.folding import fold
from vanban.model import Table, TableRow


@dataclass(frozen=True, slots=True)
class ColumnRule:
    pattern: str  # over the folded heading
    role: str
    why: str


# Tried in order: the first rule whose pattern is found in a heading gives the column its role.
COLUMN_RULES = tuple(
    ColumnRule(p, role, why) for p, role, why in (
        (r"^(?:so )?(?:stt|tt|so thu tu|thu tu)\.?$", "number", "numbers the rows: never a value"),
        (r"\b(?:co quan|don vi|bo, nganh)\b.*\b(?:chu tri|phoi hop|thuc hien|theo doi|trach nhiem)\b"
         r"|^(?:chu tri|phoi hop|trach nhiem)\b", "agency", "who carries it out"),
        (r"^(?:don vi tinh|don vi|dvt|dv tinh|dv)\.?$", "unit", "the unit of the values in the row"),
        (r"\b(?:thoi gian|thoi han|tien do|han hoan thanh)\b", "deadline", "when a task is due"),
        (r"\b(?:uoc thuc hien|uoc dat|uoc th|thuc hien|thuc te|dat duoc|so sanh|hien hanh|danh gia|tinh trang)\b",
         "other", "what was done or estimated, or a comparison: not a target"),
        (r"\b(?:ghi chu|san pham|van ban|nguon|noi dung chinh|nhom nhiem vu|ket qua dau ra)\b", "other",
         "notes and outputs"),
        (r"\b(?:nam|giai doan)\s+\d{4}|^\d{4}(?:\s*[-–]\s*\d{4})?$|\b(?:muc tieu|ke hoach|ket qua|gia tri|du kien"
         r"|du toan|phan dau|chi tieu (?:den|nam|giai doan))\b", "value", "a value the plan commits to"),
        (r"\b(?:chi tieu|noi dung|chi so|tieu chi|linh vuc|nhiem vu|ten)\b", "indicator", "what is measured"),
    )
)
_COMPILED = tuple((re.compile(r.pattern), r) for r in COLUMN_RULES)

# A value cell: optional words or symbols before the number, the number (or a range), its unit.
_VALUE = re.compile(rf"(?P<before>[^\d;]{{0,30}}?)(?P<a>{NUMBER})\s*(?P<pa>%)?"
                    rf"(?:\s*[-–—]\s*(?P<b>{NUMBER})\s*(?P<pb>%)?)?(?P<rest>[^;]*)")
_ALLOWED_BEFORE = re.compile(r"^[\s≥≤<>=(]*(?:(?:đạt|phấn đấu|là|bằng|ít nhất|tối thiểu|trên|dưới|tối đa|khoảng"
                             r"|không dưới|không quá|từ|gần|hơn|nhóm|top)\s*)*[\s≥≤<>=]*$", re.IGNORECASE)
LEAD_CHARS = 400  # a caption or lead-in longer than this is a paragraph, not the table's title
MAX_QUALIFIER_WORDS = 4  # "Đông Nam Á" after a value qualifies the indicator; a longer tail is prose
_LETTER = re.compile(r"[^\W\d_]")
_RANK_UNITS = re.compile(r"^(?:thu bac|thu hang|xep hang|hang)$")


@dataclass(slots=True)
class Columns:
    roles: list[str]
    horizons: dict[int, Horizon | None] = field(default_factory=dict)  # value column -> its heading's horizon

    def first(self, role: str) -> int | None:
        return next((i for i, r in enumerate(self.roles) if r == role), None)

    @property
    def values(self) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r == "value"]


def column_role(heading: str) -> str:
    folded = " ".join(fold(heading).split())
    for pattern, rule in _COMPILED:
        if pattern.search(folded):
            return rule.role
    return "other"


def columns_of(header: list[str]) -> Columns | None:
    """The columns of a table of targets, or None when the header names no indicator and value."""
    roles = [column_role(h) for h in header]
    if "value" not in roles:
        return None
    if "indicator" not in roles:  # the first text column after the number names what is measured
        free = [i for i, r in enumerate(roles) if r == "other" and header[i].strip()]
        if not free or free[0] > min(i for i, r in enumerate(roles) if r == "value"):
            return None
        roles[free[0]] = "indicator"
    columns = Columns(roles)
    for i in columns.values:
        found = horizons(header[i], 0, len(header[i]))
        bare = re.fullmatch(r"\s*(\d{4})\s*", header[i])
        columns.horizons[i] = found[-1] if found else Horizon(0, 0, bare[1]) if bare else None
    return columns


@dataclass(slots=True)
class _Value:
    value: float
    value_max: float | None
    unit: str
    comparator: str
    approx: bool
    qualifier: str
    start: int
    end: int


def read_value_cell(cell: str, offset: int, unit_cell: str) -> list[_Value]:
    """The values of a cell ("≥ 30", "≤ 3 Đông Nam Á; ≤ 50 Thế giới", "Trên 92%"); none when the cell
    is prose or text ("Đạt mức tiên tiến")."""
    out = []
    pos = 0
    for part in cell.split(";"):
        m = _VALUE.match(part)
        if m and _ALLOWED_BEFORE.match(m["before"]):
            rest = " ".join(m["rest"].split()).strip(" ,.")
            percent = "%" if (m["pa"] or m["pb"]) else ""
            unit = unit_cell or percent
            qualifier = ""
            if rest and len(rest.split()) <= MAX_QUALIFIER_WORDS and not re.match(r"(?:và|hoặc|,)", rest):
                if unit_cell or percent:
                    qualifier = rest
                else:
                    unit = rest
            value = parse_number(m["a"])
            high = parse_number(m["b"]) if m["b"] else None
            ranged = high is not None and high > value
            comparator, approx = W.comparator_before(fold(m["before"]), ranged, unit)
            if _RANK_UNITS.match(fold(unit_cell).strip()) and comparator == "=":
                comparator = "<="  # a rank: the place to reach or better
            start = offset + pos + m.start("a")
            out.append(_Value(value, high if ranged else None, unit, comparator, approx, qualifier,
                              start, offset + pos + m.end("rest")))
        pos += len(part) + 1
    return out


class TableTargets:
    """Reads the tables of one document; ``rows_read`` are the rows that gave targets."""

    def __init__(self, text: str, sections: Sections, period: dict[str, str] | None):
        self.text = text
        self.sections = sections
        self.period = period
        self.rows_read: list[TableRow] = []

    def read(self, tables: list[Table]) -> list[TargetReading]:
        readings = []
        for table in tables:
            columns = columns_of(table.header)
            if columns is not None:
                readings += self._table(table, columns)
        return readings

    def _table(self, table: Table, columns: Columns) -> list[TargetReading]:
        above = self._horizon_above(table)
        section: Horizon | None = None
        readings = []
        indicator_col, unit_col = columns.first("indicator"), columns.first("unit")
        number_col, deadline_col = columns.first("number"), columns.first("deadline")
        wider = sum(1 for row in table.rows if len(row.cells) > len(columns.roles))
        if wider * 2 > len(table.rows):
            return []  # a header of merged cells: which value is in which column cannot be told
        for row in table.rows:
            if len(row.cells) > len(columns.roles):
                continue  # merged cells shifted the columns: read as prose
            cells = row.cells + [""] * (len(columns.roles) - len(row.cells))
            spans = row.spans + [(row.end, row.end)] * (len(columns.roles) - len(row.spans))
            label = cells[indicator_col]
            number = cells[number_col] if number_col is not None else ""
            if not _LETTER.search(label) or (number and not ROW_NUMBER.fullmatch(number)):
                continue  # not a row of this table's shape: its cells are read as prose
            if not any(cells[i] for i in columns.values):
                section = self._section(cells, number_col, label, section)
                continue
            unit = cells[unit_col] if unit_col is not None else ""
            row_readings = []
            for col in columns.values:
                for v in read_value_cell(cells[col], spans[col][0], unit):
                    horizon = columns.horizons.get(col) or section or above
                    deadline, period = self._deadline(horizon, cells[deadline_col] if deadline_col is not None else "")
                    indicator = f"{label} ({v.qualifier})" if v.qualifier else label
                    quantity = Quantity(v.value, None, v.value_max, v.unit, v.start, v.end, measure=True)
                    row_readings.append(TargetReading(
                        quantity, indicator, v.comparator, v.approx, deadline, row.start, row.end,
                        (row.start, row.end), period=period,
                        row={"header": list(table.header), "cells": list(row.cells)}))
            if row_readings and label:
                readings += row_readings
                self.rows_read.append(row)
        return readings

    @staticmethod
    def _section(cells: list[str], number_col: int | None, label: str, current: Horizon | None) -> Horizon | None:
        """The horizon of the rows below a row without values: the one its label names ("I | Đến
        năm 2030"); none under a new lettered or Roman section that names none; unchanged under a
        group of numbered rows ("11 | Chỉ tiêu về thủ tục hành chính")."""
        found = horizons(label, 0, len(label))
        if found:
            return found[-1]
        number = cells[number_col].strip(" .)") if number_col is not None else ""
        if number and not number.replace(".", "").isdigit():
            return None
        return current

    def _horizon_above(self, table: Table) -> Horizon | None:
        """The horizon of the lines just above the table (its caption or lead-in), else of its section."""
        block_start = self.text.rfind("\n\n", 0, max(0, table.start - 1))
        lead = self.text[block_start + 1 if block_start >= 0 else 0:table.start]
        found = horizons(lead, 0, len(lead)) if len(lead) < LEAD_CHARS else []
        return found[-1] if found else self.sections.horizon(table.start)

    def _deadline(self, horizon: Horizon | None, due: str) -> tuple[str, dict[str, str] | None]:
        own = horizons(due, 0, len(due)) or [Horizon(0, 0, y) for y in re.findall(r"\b(?:19|20)\d\d\b", due)[-1:]]
        if own:
            return own[-1].year, own[-1].period
        if W.ANNUAL.accented.search(due):
            period = horizon.period if horizon and horizon.period else self.period
            return (period["end"] if period else horizon.year if horizon else ""), period
        if horizon is not None:
            return horizon.year, horizon.period
        if self.period:
            return self.period["end"], self.period
        return "", None

