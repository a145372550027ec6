"""Which quantities of the prose are chỉ tiêu (targets), and their indicator, comparator and deadline.

A quantity is a target when its clause is governed by a goal: a goal word in the clause
("mục tiêu", "chỉ tiêu", "phấn đấu", "đề ra", "phải đạt"), a lead-in ending in ":" that has one
(it governs the bullets and numbered items below it), a heading such as "II. CHỈ TIÊU ĐẾN NĂM
2025", a horizon not yet reached ("Đến năm 2025, ..." in a 2022 plan), or a floor or ceiling
("ít nhất", "tối đa"). A quantity the text reports as done ("đã kết nạp", "ước đạt") stays a
figure, and so do ratios ("16/18 chỉ tiêu"), durations and counts of chỉ tiêu. The words are in
``target_words``; what the indicator is, in ``indicator_phrase``; tables of targets are read by
``table_targets``, and their cells read here only when a row has no value column.

The deadline is the horizon nearest the value in its sentence, else the horizon of the lead-in
governing it ("Chỉ tiêu đến năm 2025:"), else of the sections it sits in, else the end of the
document's period; "" when none is stated. A yearly target ("hằng năm") keeps its period.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from vanban.extractors.nlp import target_words as W
from vanban.extractors.nlp.horizons import Horizon, Sections, horizons
from vanban.extractors.nlp.indicator_phrase import JOINT, Context, content_words, indicator_of
from vanban.extractors.nlp.quantities import RANK, Quantity
from vanban.extractors.nlp.structure import Structure, is_heading, is_top_heading
from vanban.folding import fold

_LEAD_IN_TAIL = re.compile(r"(?:\s*,?\s*(?:theo\s+từng\s+năm|cụ\s+thể|như\s+sau|gồm|bao\s+gồm|như)\b)+\s*:?\s*$"
                           r"|\s*:\s*$", re.IGNORECASE)
_ITEM = re.compile(r"\s*(?:[-+•]|\d{1,2}[.)]\s|[a-zđ]\)\s)")
_CLAUSE_BREAK = re.compile(r"[;:|]")
_OPENING_HORIZON = re.compile(r"\s*(?:[-+•]\s*|[a-zđ]\)\s*)?(?:đến|tới)\s+(?:hết\s+)?năm\s+\d{4}\s*,", re.IGNORECASE)
# A few words after the value (its unit's tail: no comma, no "và"): the value's own year follows
# ("1,5% GDP vào năm 2015, trên 2% GDP vào năm 2020"), unless it opens the next clause ("đến năm").
_RIGHT_AFTER = re.compile(r"\s*(?:(?!và\b|hoặc\b)[^\W\d]+\s+){0,3}", re.IGNORECASE)
_SHARE_OF_TARGETS = re.compile(r"\s*chỉ\s+tiêu")  # "58,6% chỉ tiêu": a share of targets reached


@dataclass(slots=True)
class TargetReading:
    quantity: Quantity
    indicator: str
    comparator: str
    approx: bool
    deadline: str
    start: int
    end: int
    sentence: tuple[int, int]  # the evidence: the sentence, bullet or table row
    period: dict[str, str] | None = None
    row: dict[str, list[str]] | None = None


def _clauses(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out, cursor = [], a
    for m in _CLAUSE_BREAK.finditer(text, a, b):
        out.append((cursor, m.start()))
        cursor = m.end()
    out.append((cursor, b))
    return out


def _masked(text: str, a: int, b: int, quantities: list[Quantity]) -> str:
    """Folded text of [a, b) with the quantities blanked out ("16/18 chỉ tiêu" is no goal word)."""
    chars = list(fold(text[a:b]))
    for q in quantities:
        if q.end <= a or q.start >= b:
            continue
        after = _SHARE_OF_TARGETS.match(text, q.end, b)
        for i in range(max(q.start, a), min(after.end() if after else q.end, b)):
            chars[i - a] = " "
    return "".join(chars)


class TargetReader:
    """Reads the prose sentence by sentence. ``units`` are the sentences to read (table cells
    stand as sentences of their own) and ``evidence`` maps a unit to what a check quotes for it
    (a cell's row), when that is not the unit itself."""

    def __init__(self, text: str, st: Structure, quantities: list[Quantity], doc_year: int | None,
                 period: dict[str, str] | None, units: list[tuple[int, int]] | None = None,
                 evidence: dict[tuple[int, int], tuple[int, int]] | None = None, sections: Sections | None = None):
        self.text = text
        self.st = st
        self.sections = sections or Sections(st)
        self.quantities = quantities
        self.starts = [q.start for q in quantities]  # scan_quantities gives them in text order
        self.doc_year = doc_year
        self.period = period
        self.units = st.sentences if units is None else units
        self.evidence = evidence or {}
        self.lead_in = ""  # the lead-in governing the current bullets names what they count
        self.lead_horizon: Horizon | None = None  # and its horizon dates them
        self.paragraph_horizon: Horizon | None = None  # "Đến năm 2020, ..." opening the paragraph
        self.previous: TargetReading | None = None  # the last target of the current sentence

    def read(self) -> list[TargetReading]:
        readings: list[TargetReading] = []
        lead_goal_until = -1  # a goal lead-in ending in ":" governs the bullets that follow
        for a, b in self.units:
            inside = self._without_qualifiers(self._inside(a, b))
            sentence_text = self.text[a:b].rstrip()
            # a lead-in governs its bullets and numbered items, up to a heading or a new paragraph
            starts_line = a == 0 or not self.text[self.text.rfind("\n", 0, a) + 1:a].strip()
            item = _ITEM.match(sentence_text) is not None
            governed = a <= lead_goal_until and not is_heading(sentence_text) and (item or not starts_line)
            if sentence_text.endswith(":"):
                self.lead_in = re.sub(r"\s+", " ", _LEAD_IN_TAIL.sub("", sentence_text)).strip()
                # "Chỉ tiêu đến năm 2025:" dates the bullets below it; a lead-in without a horizon
                # nested under one ("a) Về kinh tế:") keeps the outer one
                own = horizons(self.text, a, b)
                self.lead_horizon = own[-1] if own else (self.lead_horizon if governed else None)
            elif not governed and not item:
                self.lead_in = ""
                self.lead_horizon = None
            if starts_line:
                self.paragraph_horizon = None
            opening = _OPENING_HORIZON.match(self.text, a)
            if opening:  # "Đến năm 2020, ..." at the head of a paragraph dates its later sentences too
                found = horizons(self.text, a, opening.end())
                self.paragraph_horizon = found[0] if found else self.paragraph_horizon
            self.previous = None
            lead_is_goal = False
            reported = False  # "đã kết nạp 3.514 đảng viên; trong đó huyện A kết nạp 1.296": still a report
            under_goal_heading = bool(inside) and self._heading_goal(a)
            for ca, cb in _clauses(self.text, a, b) if inside else []:
                own_goal = self._goal(ca, cb, inside)
                clause_goal = own_goal or ((lead_is_goal or governed or under_goal_heading) and not reported)
                reported = (reported or bool(W.REPORTED.accented.search(self.text, ca, cb))) and not own_goal
                # a goal stated at the head of a sentence ("Đến năm 2030, ...; ...") runs to its end
                lead_is_goal = lead_is_goal or (clause_goal and self.text[cb:cb + 1] != "|")
                for q in (q for q in inside if ca <= q.start < cb):
                    reading = self._reading(q, (ca, cb), (a, b), inside, clause_goal)
                    if reading:
                        readings.append(reading)
                        self.previous = reading
            if sentence_text.endswith(":"):
                goal = self._goal(a, b, inside) or governed or W.BULLET_YEAR.match(self.text, b + 1)
                lead_goal_until = b + 1 if goal else -1
            elif governed:
                lead_goal_until = b + 1
            else:
                lead_goal_until = -1
        return readings

    def _inside(self, a: int, b: int) -> list[Quantity]:
        return self.quantities[bisect.bisect_left(self.starts, a):bisect.bisect_left(self.starts, b)]

    def _goal(self, a: int, b: int, quantities: list[Quantity] | None = None) -> bool:
        folded = _masked(self.text, a, b, self._inside(a, b) if quantities is None else quantities)
        folded = W.NOT_GOAL.folded.sub(" ", folded)
        if W.GOAL.folded.search(folded) or self._ahead(a, b):
            return True
        bullet = W.BULLET_YEAR.match(self.text, a)
        return bool(bullet and self.doc_year and int(bullet[1]) >= self.doc_year)

    def _ahead(self, a: int, b: int) -> bool:
        """Whether [a, b) names a horizon not yet reached: "đến năm 2025" in a 2022 document."""
        for h in horizons(self.text, a, b):
            lead = self.text[h.start:h.start + 4].lower()
            if lead.startswith(W.AHEAD_LEADS) and (self.doc_year is None or int(h.year) > self.doc_year):
                return True
            if lead.startswith(W.AHEAD_IF_DATED) and self.doc_year is not None and int(h.year) > self.doc_year:
                return True
        return False

    def _heading_goal(self, offset: int) -> bool:
        """Whether the sections ``offset`` sits in, nearest first up to a top-level one, announce goals."""
        for h in self.sections.above(offset):
            words = fold(h.text)
            if W.HEADING_REPORT.folded.search(words):
                return False
            if W.HEADING_GOAL.folded.search(words) or self._ahead(h.start, h.end):
                return True
            if is_top_heading(h.text):
                return False
        return False

    def _reading(self, q: Quantity, clause, sentence, inside: list[Quantity], goal: bool) -> TargetReading | None:
        if q.of is not None and q.unit != RANK or W.NEVER_TARGET_UNIT.folded_prefix.match(fold(q.unit)):
            # a share ("16/18 xã") reports; a rank's "/34" only sizes the league ("xếp thứ 10/34")
            return None
        if W.ENUMERATION.match(self.text, q.end):
            return None
        if W.RESULT_AFTER.accented.search(self.text, q.end, min(clause[1], q.end + W.RESULT_AFTER_WINDOW)):
            return None
        if not goal and not W.NORM.at_end.search(self.text[max(clause[0], q.start - W.NORM_WINDOW):q.start]):
            return None
        counted = [p.end for p in inside if p.end <= q.start and not W.NEVER_TARGET_UNIT.folded_prefix.match(fold(p.unit))]
        prev_end = max(counted + [clause[0]])
        seg_start = prev_end
        if prev_end > clause[0]:  # "1.300 đảng viên mới, trồng mới 2.400 ha": "mới" ends the previous one
            joints = list(JOINT.finditer(self.text, prev_end, q.start))
            if joints:
                # "80% số trạm y tế xã, phường và 100% cơ sở ...": a "và" just before the value (its
                # comparator aside) opens it; the words before it went with the previous one
                last = joints[-1].end()
                seg_start = last if not content_words(self.text[last:q.start]) else joints[0].end()
        comma = self.text.rfind(",", seg_start, q.start)
        local = self.text[(comma + 1 if comma >= 0 else seg_start):q.start]
        goal_words = list(W.GOAL_NAMES.accented.finditer(local))
        if goal_words:  # "đã đề ra mục tiêu ... 100%": the "đã" is about setting the goal
            local = local[goal_words[-1].end():]
        if W.RESULT.accented.search(local):
            return None
        openers = list(W.OPENER.accented.finditer(self.text, seg_start, q.start))
        if openers:
            seg_start = openers[-1].end()
        seg_start = self._after_lead_in(seg_start, q)
        before = fold(self.text[max(seg_start, q.start - W.COMPARATOR_WINDOW):q.start])
        comparator, approx = W.comparator_before(before, q.value_max is not None, q.unit)
        if W.AT_LEAST_AFTER.match(self.text, q.end):
            comparator = ">="
        elif W.AT_MOST_AFTER.match(self.text, q.end):
            comparator = "<="
        nxt = min([p.start for p in inside if p.start > q.start] + [clause[1]])
        previous = self.previous
        ctx = Context(previous.indicator if previous else None, previous.quantity.unit if previous else None,
                      self.lead_in, previous is not None and previous.quantity.end >= clause[0])
        indicator, start, end = indicator_of(self.text, q, seg_start, nxt, clause[1], ctx,
                                             level=self._level(seg_start, q))
        deadline, period, own = self._deadline(q, sentence, inside)
        if not own and period is None and self._annual(clause[0], end):
            period = self._period_in_force(sentence[0])
            deadline = period["end"] if period else deadline
        return TargetReading(q, indicator, comparator, approx, deadline, start, end,
                             self.evidence.get(sentence, sentence), period=period)

    def _without_qualifiers(self, inside: list[Quantity]) -> list[Quantity]:
        """The quantities of a sentence but those that say which of the things counted just before
        are meant ("8 cơ sở giáo dục đại học thuộc nhóm 200 đại học hàng đầu châu Á"): part of the
        indicator, neither a target nor where the indicator stops."""
        kept: list[Quantity] = []
        for q in inside:
            rank = W.RANK_BEFORE.search(fold(self.text[max(0, q.start - W.NORM_WINDOW):q.start]))
            if rank and kept and W.SAME_PHRASE.fullmatch(self.text, kept[-1].end, q.start):
                continue
            kept.append(q)
        return kept

    def _after_lead_in(self, seg_start: int, q: Quantity) -> int:
        """Where the indicator can start once commas that close a lead-in are passed.

        Before a count, every comma does ("Năm 2025, toàn huyện có 12 xã"). Before a measure, only a
        comma closing a lead-in of its own ("đến năm 2026, tỷ lệ chất thải được thu gom, xử lý
        85%"): a comma inside the indicator ("thu gom, xử lý") is no place to start it.
        """
        commas = [m.start() for m in re.finditer(",", self.text[seg_start:q.start])]
        if not q.measure and not self._level(seg_start, q):
            return seg_start + commas[-1] + 1 if commas else seg_start
        start = cursor = seg_start
        for offset in commas:
            comma = seg_start + offset
            if W.LEAD_IN.accented.search(self.text, cursor, comma):
                start = comma + 1
            cursor = comma + 1
        return start

    def _level(self, seg_start: int, q: Quantity) -> bool:
        """Whether the value is the level the words before it reach ("nhân lực nghiên cứu, phát
        triển công nghệ đạt 12 người trên một vạn dân"), not a count of what follows it."""
        return bool(W.LEVEL_VERB.search(self.text, seg_start, q.start))

    def _annual(self, a: int, b: int) -> bool:
        return bool(W.ANNUAL.accented.search(self.text, a, b))

    def _period_in_force(self, offset: int) -> dict[str, str] | None:
        """The period a passage plans for: its lead-in's or section's, else the document's."""
        for h in (self.lead_horizon, self.sections.horizon(offset)):
            if h is not None and h.period:
                return h.period
        return self.period

    def _deadline(self, q: Quantity, sentence, inside: list[Quantity]) -> tuple[str, dict[str, str] | None, bool]:
        """(deadline, period when the deadline is a period's end, whether its sentence states it)."""
        a, b = sentence
        found = horizons(self.text, a, b)
        prev_end = max([p.end for p in inside if p.end <= q.start] + [a])
        next_start = min([p.start for p in inside if p.start > q.start] + [b])
        between = [h for h in found if prev_end <= h.start < q.start]
        after = [h for h in found if q.end <= h.start < next_start]
        earlier = [h for h in found if h.end <= q.start]
        own = between[-1] if between else after[0] if after else earlier[-1] if earlier else None
        if (after and between and _RIGHT_AFTER.fullmatch(self.text, q.end, after[0].start)
                and not self.text[after[0].start:after[0].end].lower().startswith(W.AHEAD_LEADS)):
            own = after[0]  # "1,5% GDP vào năm 2015, trên 2% GDP vào năm 2020": each value its own year
        governing = own or self.lead_horizon or self.paragraph_horizon or self.sections.horizon(a)
        if governing is not None:
            return governing.year, governing.period, own is not None
        if self.period:
            return self.period["end"], self.period, False
        return "", None, False
