"""When a reported value stands: the period or date a report gives it, as an ISO date.

    "09 tháng đầu năm 2025" -> 2025-09      "lũy kế 10 tháng" (a 2025 report) -> 2025-10
    "đến hết tháng 11/2023" -> 2023-11      "năm 2022" -> 2022     "giai đoạn 2021-2023" -> 2023
    "quý III/2024" -> 2024-09               "đến nay", "hiện nay" -> the report's own date

A value counted since a start ("từ năm 2021 đến hết tháng 11/2023", "lũy kế", "giai đoạn
2021-2023") is cumulative. A date after the report's own is a deadline or a horizon, never the date
of a result; so is a date after "trước ngày" or "thời hạn", or the date of a cited document
("Công văn số 17000/BTC-PTHT ngày 31/10/2025").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from vanban.extractors.nlp.numbers import YEAR
from vanban.model import DateMention

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# (pattern, why): each names its month count or quarter in group "n"/"q" and its year in "y".
_MONTHS = re.compile(rf"(?<!\w)(?P<lead>lũy kế\s+|luỹ kế\s+|trong\s+|sau\s+)?(?P<n>\d{{1,2}})\s+tháng"
                     rf"(?:\s+đầu)?(?:\s+năm(?:\s+(?P<y>{YEAR}))?)?(?!\w)", re.IGNORECASE)
_QUARTER = re.compile(rf"(?<!\w)quý\s+(?P<q>iv|i{{1,3}}|[1-4])(?:\s*(?:năm|/)\s*(?P<y>{YEAR}))?(?!\w)",
                      re.IGNORECASE)
_NOW = re.compile(r"(?<!\w)(?:đến nay|hiện nay|hiện tại|tới nay|đến thời điểm (?:này|hiện tại))(?!\w)",
                  re.IGNORECASE)
# Words before a date that make it the date of a result, a span's start, or something else.
_AT_CUE = re.compile(r"(?:đến|tính đến|đến hết|hết|tới|trong|vào|cuối|năm|tháng|giai đoạn|ngày|tại|qua)\s*$",
                     re.IGNORECASE)
_NOT_AT = re.compile(r"(?:trước|hạn|thời\s+hạn|chậm\s+nhất|số\s+\S+|kể\s+từ|so\s+với(?:\s+cùng\s+kỳ)?(?:\s+năm)?)\s*"
                     r"(?:ngày\s*)?$", re.IGNORECASE)
# "Trong năm", "cả năm" with no year named: the report's own year.
_THIS_YEAR = re.compile(rf"(?<!\w)(?:trong\s+năm|cả\s+năm|năm\s+nay)(?!\s*(?:{YEAR}|\d))", re.IGNORECASE)
_SINCE = re.compile(rf"(?<!\w)(?:từ|kể từ|sau)\s+(?:đầu\s+)?(?:năm\s+)?{YEAR}|lũy kế|luỹ kế|tổng cộng|cộng dồn",
                    re.IGNORECASE)
_CITED_BEFORE = re.compile(r"số\s+[\w./-]+\s+$", re.IGNORECASE)


@dataclass(slots=True)
class Period:
    as_of: str
    text: str
    start: int
    end: int
    cumulative: bool = False


def _end_month(year: int, month: int) -> str:
    return f"{year:04d}-{min(max(month, 1), 12):02d}"


class PeriodReader:
    def __init__(self, text: str, dates: list[DateMention], doc_date: str):
        self.text = text
        self.dates = sorted(dates, key=lambda d: d.start)
        self.starts = [d.start for d in self.dates]
        self.doc_date = doc_date
        self.doc_year = int(doc_date[:4]) if doc_date[:4].isdigit() else None

    def in_span(self, a: int, b: int, near: int) -> Period | None:
        """The period named in [a, b) nearest to ``near`` (before it first, then after it)."""
        found = self._candidates(a, b)
        if not found:
            return None
        before = [p for p in found if p.end <= near]
        chosen = before[-1] if before else min(found, key=lambda p: abs(p.start - near))
        chosen.cumulative = chosen.cumulative or bool(_SINCE.search(self.text, a, b))
        return chosen

    def now(self) -> Period:
        return Period(self.doc_date, "", -1, -1)

    def _candidates(self, a: int, b: int) -> list[Period]:
        text = self.text
        out: list[Period] = []
        taken: list[tuple[int, int]] = []
        for m in _MONTHS.finditer(text, a, b):
            year = int(m["y"]) if m["y"] else self._context_year(m.start())
            if year is None or not 1 <= int(m["n"]) <= 12 or (m["lead"] or "").strip() == "sau":
                continue
            out.append(Period(_end_month(year, int(m["n"])), m.group().strip(), m.start(), m.end(), True))
            taken.append(m.span())
        for m in _QUARTER.finditer(text, a, b):
            year = int(m["y"]) if m["y"] else self._context_year(m.start())
            if year is not None:
                out.append(Period(_end_month(year, 3 * _ROMAN[m["q"].lower()]), m.group(), m.start(), m.end()))
                taken.append(m.span())
        i = bisect.bisect_left(self.starts, a)
        while i < len(self.dates) and self.dates[i].start < b:
            d = self.dates[i]
            i += 1
            if any(s <= d.start < e for s, e in taken) or not self._result_date(d):
                continue
            value = d.value.split("-")[-1] if re.fullmatch(r"\d{4}-\d{4}", d.value) else d.value
            out.append(Period(value, d.text, d.start, d.end, cumulative=bool(re.fullmatch(r"\d{4}-\d{4}", d.value))))
        for m in _NOW.finditer(text, a, b):
            out.append(Period(self.doc_date, m.group(), m.start(), m.end()))
        for m in _THIS_YEAR.finditer(text, a, b):
            if self.doc_year is not None:
                out.append(Period(str(self.doc_year), m.group(), m.start(), m.end()))
        return sorted(out, key=lambda p: p.start)

    def _result_date(self, d: DateMention) -> bool:
        before = self.text[max(0, d.start - 30):d.start]
        if _NOT_AT.search(before) or _CITED_BEFORE.search(before):
            return False
        if self.doc_date and d.value[:len(self.doc_date)] > self.doc_date:
            return False  # after the report: a deadline or a horizon
        return bool(_AT_CUE.search(before)) or bool(re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?|\d{4}-\d{4}", d.value))

    def _context_year(self, offset: int) -> int | None:
        """The year of "10 tháng đầu năm" written without one: the report's own (a report on last
        year's months names the year)."""
        return self.doc_year
