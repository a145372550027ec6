"""When a target is due: the horizons a text names, the sections that govern a passage, and the
period a document plans for.

A target's deadline comes, in order, from its own year ("đến năm 2025"), from the lead-in of its
section ("Đến năm 2030:", a heading "2. Tầm nhìn đến năm 2045"), then from the document's period
("giai đoạn 2026 - 2030", "nhiệm kỳ 2025 - 2030"). A section governs what follows it up to the next
heading of the same or a higher rank, so the vision of "2. Tầm nhìn đến năm 2045" ends at
"III. NHIỆM VỤ, GIẢI PHÁP".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from vanban.extractors.nlp import target_words as W
from vanban.extractors.nlp.numbers import YEAR
from vanban.extractors.nlp.structure import Line, Structure, is_upper_line


@dataclass(frozen=True, slots=True)
class Horizon:
    start: int
    end: int
    year: str  # the deadline: the year, or the last year of a period
    first: str = ""  # the first year of a period ("2021 - 2025"), "" for a single year

    @property
    def period(self) -> dict[str, str] | None:
        return {"start": self.first, "end": self.year} if self.first else None


def horizons(text: str, a: int, b: int) -> list[Horizon]:
    """The horizons in text[a:b]: "đến năm 2025", "năm 2030", "2021-2025" (due at its end)."""
    out = []
    for m in W.HORIZON.finditer(text, a, b):
        if m["year"]:
            cue = text[max(0, m.start() - W.HORIZON_CUE_WINDOW):m.start()]
            if not m["lead"] and W.NOT_HORIZON_BEFORE.search(cue):
                continue  # "so với năm 2020", "tháng 6 năm 2025": not a deadline
            out.append(Horizon(m.start(), m.end(), m["year"]))
        elif int(m["from"]) < int(m["to"]):
            out.append(Horizon(m.start(), m.end(), m["to"], m["from"]))
    return out


# --- sections ------------------------------------------------------------------------------------
# Rank of a heading, smaller is higher: parts, then Roman numerals, then headings in capitals,
# then "1.", "1.1.", "1.1.1.", then "a)". A heading governs up to the next of equal or higher rank.
_RANKS = (
    (re.compile(r"\s*(?:Phần|PHẦN|Chương|CHƯƠNG)\b"), 0),
    (re.compile(r"\s*[IVXL]{1,5}\s*[.\-–)]"), 1),
    (re.compile(r"\s*\d{1,2}\.\d{1,2}\.\d{1,2}\.?\s"), 5),
    (re.compile(r"\s*\d{1,2}\.\d{1,2}\.?\s"), 4),
    (re.compile(r"\s*\d{1,2}[.)]\s"), 3),
    (re.compile(r"\s*[a-zđ]\)\s"), 6),
)
CAPITALS_RANK = 2
OTHER_RANK = 7


def heading_rank(line: str) -> int:
    for pattern, rank in _RANKS:
        if pattern.match(line):
            return rank
    return CAPITALS_RANK if is_upper_line(line.strip()) else OTHER_RANK


class Sections:
    """The headings that govern each offset of a text: the nearest heading above it, then the
    heading that one sits under, and so on up to the top. A heading the line breaks of a crawled
    page cut in two ("4. Các" / "chỉ tiêu cụ thể đến năm 2030") is read with its second line."""

    def __init__(self, structure: Structure):
        self.headings: list[Line] = [_with_continuation(structure, h) for h in structure.headings]
        self._ends = [h.end for h in self.headings]
        self._parent: list[int] = []  # index of each heading's governing heading, -1 for none
        stack: list[tuple[int, int]] = []  # (rank, index)
        for i, h in enumerate(self.headings):
            rank = heading_rank(h.text)
            while stack and stack[-1][0] >= rank:
                stack.pop()
            self._parent.append(stack[-1][1] if stack else -1)
            stack.append((rank, i))

    def above(self, offset: int) -> list[Line]:
        """The headings governing ``offset``, nearest first."""
        i = bisect.bisect_right(self._ends, offset) - 1
        chain = []
        while i >= 0:
            chain.append(self.headings[i])
            i = self._parent[i]
        return chain

    def horizon(self, offset: int) -> Horizon | None:
        """The horizon of the nearest governing heading that names one."""
        for h in self.above(offset):
            found = horizons(h.text, 0, len(h.text))
            if found:
                return found[0]
        return None


CUT_HEADING_WORDS = 3  # a numbered heading this short may go on on the next line


def _with_continuation(structure: Structure, heading: Line) -> Line:
    words = heading.stripped.split()
    if len(words) > CUT_HEADING_WORDS or heading.stripped[-1:] in ".:;":
        return heading
    nxt = structure.line_after(heading)
    if nxt is None or not nxt.stripped[:1].islower() or len(nxt.stripped) > MAX_CONTINUATION:
        return heading
    return Line(heading.start, nxt.end, f"{heading.text} {nxt.stripped}")


MAX_CONTINUATION = 120


# --- the document's period -----------------------------------------------------------------------
_PERIOD_WORDS = re.compile(rf"(?:giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ|kế\s+hoạch)\s+(?P<from>{YEAR})\s*[-–—]\s*(?P<to>{YEAR})"
                           rf"|từ\s+năm\s+(?P<from2>{YEAR})\s+đến\s+(?:hết\s+)?năm\s+(?P<to2>{YEAR})", re.IGNORECASE)
_TERM = re.compile(rf"(?P<from>{YEAR})\s*[-–—]\s*(?P<to>{YEAR})")
_UNTIL = re.compile(rf"(?:đến|tới)\s+(?:hết\s+)?năm\s+(?P<to>{YEAR})", re.IGNORECASE)
_RUNNING_TIME = re.compile(r"thời\s+gian\s+(?:thực\s+hiện|triển\s+khai)", re.IGNORECASE)
OPENING = 12_000  # characters of the text where a document states when it runs ("3. Thời gian thực hiện")
RUNNING_TIME_WINDOW = 200  # characters after "Thời gian thực hiện" that give the years


@dataclass(frozen=True, slots=True)
class _Span:
    first: str
    last: str

    def as_dict(self) -> dict[str, str]:
        return {"start": self.first, "end": self.last}


def _period_in(text: str, doc_year: int | None) -> _Span | None:
    m = _PERIOD_WORDS.search(text)
    if m:
        first, last = (m["from"], m["to"]) if m["from"] else (m["from2"], m["to2"])
        if int(first) < int(last):
            return _Span(first, last)
    m = _TERM.search(text)
    if m and int(m["from"]) < int(m["to"]):
        return _Span(m["from"], m["to"])
    m = _UNTIL.search(text)
    if m:
        return _Span(str(doc_year) if doc_year and doc_year <= int(m["to"]) else "", m["to"])
    single = horizons(text, 0, len(text))
    if single:  # "... nhiệm vụ phát triển kinh tế - xã hội năm 2021": the plan of one year
        return _Span(single[0].year, single[0].year)
    return None


def doc_period(title: str, term: str, text: str, doc_year: int | None) -> dict[str, str] | None:
    """The period a document plans for: from its title ("... giai đoạn 2026 - 2030", "... đến năm
    2030", "... năm 2021"), else the term it was adopted for ("nhiệm kỳ 2020-2025"), else a sentence of its opening
    that states when it runs ("Thời gian thực hiện: từ năm 2025 đến hết năm 2030")."""
    span = _period_in(title, doc_year)
    if span is None and re.fullmatch(rf"{YEAR}-{YEAR}", term or ""):
        span = _Span(term[:4], term[-4:])
    if span is None:
        for m in _RUNNING_TIME.finditer(text, 0, OPENING):
            span = _period_in(text[m.start():m.start() + RUNNING_TIME_WINDOW], doc_year)
            if span:
                break
    return span.as_dict() if span else None

