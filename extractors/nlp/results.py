"""Which quantities are reported results, and what each says: indicator, date, the text's judgement.

Reports (báo cáo, thông báo kết luận, công văn, news) are read whole; other documents only in their
review parts (under a heading such as "Kết quả đạt được", "Tình hình thực hiện"). A quantity is a
result when the nearest cue before it in its stretch of text reports it ("đã kết nạp", "ước đạt",
"đến nay mới đạt", "toàn tỉnh có"), no goal word governs it after the last firm one ("phấn đấu
giải ngân đạt 100%" is a target: "đạt" is the word results use too), it does not size a task
("Chủ trì xây dựng ... 117 thôn"), and its unit is not a duration or a name ("10 tháng", "6 rõ").
Under headings of tasks and goals only a firm cue counts (đã, ước, đến nay, hiện). A quantity with
no cue of its own takes the verdict of the one before it in its sentence ("huyện Ngọc Khê 1.296
đảng viên, huyện Vân Lĩnh 1.021 đảng viên"). The phrases and their reasons are in result_rules.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from vanban.extractors.nlp import result_rules as rules
from vanban.extractors.nlp.numbers import YEAR
from vanban.extractors.nlp.periods import Period, PeriodReader
from vanban.extractors.nlp.quantities import Quantity
from vanban.extractors.nlp.result_phrases import Phrasing
from vanban.extractors.nlp.structure import Structure
from vanban.extractors.nlp.targets import TargetReading
from vanban.folding import fold
from vanban.model import DateMention, DocMeta
from vanban.vocab import REPORTING_KINDS

_CLAUSE_BREAK = re.compile(r"[;:()|\[\]]|\n\s*\|")
_JOINT = re.compile(r",|\s(?:và|hoặc)\s")
_PAST_YEAR = re.compile(rf"(?<!\w)(?:năm|trong năm)\s+({YEAR})(?!\d|\s*[-–])", re.IGNORECASE)
_FUTURE_YEAR = re.compile(rf"(?<!\w)(?:năm|đến|tới|trong)\s+(?:năm\s+)?({YEAR})(?!\d)", re.IGNORECASE)
_PLACE_AFTER_COMMA = re.compile(r",\s*(?:huyện|xã|tỉnh|thành phố|thị xã|phường|quận|thị trấn)\s+[A-ZĐ].*$")
PARAGRAPH = 8  # sentences looked back for the period a paragraph's lead gives its values
HEADINGS_UP = 60  # headings looked at above a sentence for its part of the document
BRACKET = 300  # the longest aside in brackets read as part of the words around it
LEAD_IN = 200  # characters of a lead-in before ":" that govern the items after it


_MARKER_ONLY = re.compile(r"\s*(?:\d{1,2}|[a-zđ]|[IVXL]{1,4})[.)]\s*")
_ITEM = re.compile(r"\s*(?:[-+•]\s|\d{1,2}[.)]\s|[a-zđ]\)\s|\([ivx\d]{1,4}\)\s)")
_PART = re.compile(r"\W*(?:(?:trong đó|riêng|tại|ở)\s+)?((?:huyện|xã|tỉnh|thành phố|thị xã|phường|quận|thị trấn)"
                   r"(?:\s+[A-ZĐÂĂÊÔƠƯ][\w-]*)+)")


@dataclass(slots=True)
class ResultReading:
    quantity: Quantity  # the pipeline's quantity (targets and figures are told apart by it)
    unit: str  # its unit without a place swept into it
    indicator: str
    scope: str
    period: Period
    assessment: str
    assessment_text: str
    kind: str
    estimate: bool
    share_of_target: float | None
    sentence: tuple[int, int]


@dataclass(slots=True)
class _Verdict:
    result: bool
    estimate: bool = False
    over_goal: bool = False  # reported in words that stand against a goal set earlier (đã, đến nay)
    local: bool = False  # a floor or ceiling ("ít nhất 02 cán bộ"): it rules its own value only


def _cue_end(patterns, text: str) -> tuple[int, int, object | None]:
    """(end, -start, cue) of the cue ending last in ``text`` (the longer one on a tie)."""
    best = (-1, 0, None)
    for cue in patterns:
        for m in cue.pattern.finditer(text):
            key = (m.end(), -m.start(), cue)
            if key[:2] > best[:2]:
                best = key
    return best


class ResultReader:
    def __init__(self, text: str, st: Structure, quantities: list[Quantity], dates: list[DateMention],
                 meta: DocMeta, targets: list[TargetReading] = ()):
        self.text = text
        self.phrasing = Phrasing(text, st, targets)
        self.low = text.lower()
        self.st = st
        self.quantities = [self._own_unit(q) for q in quantities]
        self.origin = {id(mine): q for mine, q in zip(self.quantities, quantities)}  # the pipeline's own objects
        self.starts = [q.start for q in self.quantities]
        self.reporting = meta.kind in REPORTING_KINDS
        self.doc_year = int(meta.date[:4]) if meta.date[:4].isdigit() else None
        self.periods = PeriodReader(text, dates, meta.date)

    def read(self) -> list[ResultReading]:
        out: list[ResultReading] = []
        lead: _Verdict | None = None  # a lead-in ending in ":" governs the list items under it
        after_colon = marker = False
        carry: tuple[_Verdict | None, ResultReading | None] = (None, None)  # the last sentence's state
        for a, b in self.st.sentences:
            if _MARKER_ONLY.fullmatch(self.text, a, b):
                marker = True  # "1." split from its item: the item goes on
                continue
            inside = self.quantities[bisect.bisect_left(self.starts, a):bisect.bisect_left(self.starts, b)]
            lead = lead if after_colon or marker or _ITEM.match(self.text, a) else None
            marker = False
            after_colon = self.text[a:b].rstrip().endswith(":")
            if not inside:
                continue  # an item's own lead-in ("1. Nâng cao nhận thức ...:") keeps the outer one
            context = self._context(a)
            if context == "plan" and not self.reporting or context is None and not self.reporting:
                continue
            verdict: _Verdict | None = lead
            previous: ResultReading | None = None
            if self.text[a:a + 1].islower():  # a sentence a page break cut in two goes on
                verdict, previous = lead or carry[0], carry[1]
            prev_end = a
            for i, q in enumerate(inside):
                if rules.NOT_RESULT_UNIT.match(fold(q.unit)):
                    continue  # "10 tháng" frames the value after it; it ends no phrase
                clause = self._clause(q.start, a, b)
                seg_start = self._segment_start(prev_end, clause[0], q.start)
                nxt = inside[i + 1].start if i + 1 < len(inside) else b
                own = self._judge(q, seg_start, clause, (a, b), context, nxt)
                if own is not None and (verdict is None or verdict.result or verdict.local or not own.result
                                        or own.over_goal):
                    verdict = own  # a goal at the head of a sentence runs on past a plain "đạt"
                prev_end = q.end
                if verdict is None or not verdict.result:
                    continue
                reading = self._reading(q, seg_start, clause, (a, b), nxt, verdict, previous)
                out.append(reading)
                previous = reading
            if after_colon and verdict is not None:
                lead = verdict
            carry = (verdict, previous)
        return out

    # --- is it a result? -------------------------------------------------------------------------

    def _context(self, offset: int) -> str | None:
        """"review" under a heading of results, "plan" under one of goals or tasks, else None: the
        nearest heading that says either (wrapped numbered lines and table headers say neither)."""
        for h in self.st.heading_before(offset, limit=HEADINGS_UP):
            words = fold(h.text)
            if rules.REVIEW_HEADING.search(words):
                return "review"
            if rules.PLAN_HEADING.search(words):
                return "plan"
        return None

    def _clause(self, offset: int, a: int, b: int) -> tuple[int, int]:
        """The stretch around ``offset`` between ; : | and brackets; a bracket holding no number
        ("(GRDP)", "(IIP)") is part of the words, not a break."""
        breaks = [m for m in _CLAUSE_BREAK.finditer(self.text, a, b) if not self._naming_bracket(m)]
        start = max([m.end() for m in breaks if m.end() <= offset], default=a)
        stop = min([m.start() for m in breaks if m.start() >= offset], default=b)
        return start, stop

    def _naming_bracket(self, m: re.Match) -> bool:
        """A bracket that holds no quantity: a name, an aside, a citation ("(IIP)", "(tại Quyết
        định số 185/QĐ-TTg ngày 17/9/2025)", "(i)")."""
        if m.group() == "(":
            a, b = m.end(), self.text.find(")", m.end(), m.end() + BRACKET)
        elif m.group() == ")":
            a, b = self.text.rfind("(", max(0, m.start() - BRACKET), m.start()), m.start()
        else:
            return False
        return a >= 0 and b >= 0 and bisect.bisect_left(self.starts, a) == bisect.bisect_left(self.starts, b)

    def _segment_start(self, prev_end: int, clause_start: int, q_start: int) -> int:
        """Where the words leading to this quantity begin: after the previous quantity's phrase."""
        if prev_end <= clause_start:
            return clause_start
        commas = [m.end() for m in re.finditer(",", self.text[prev_end:q_start])]
        if commas:  # "đạt và vượt tiến độ, 6 chỉ tiêu": the last comma, not the "và" inside a phrase
            return prev_end + commas[-1]
        joint = _JOINT.search(self.text, prev_end, q_start)
        return joint.end() if joint else prev_end

    def _judge(self, q: Quantity, seg_start: int, clause, sentence, context: str | None,
               nxt: int) -> _Verdict | None:
        """The verdict the words before ``q`` give; None when they say nothing (the sentence's holds).
        Items after a lead-in ending in ":" read it as their own words ("NHNN đã: (i) Tổ chức 05
        cuộc họp")."""
        lead = self._lead_in(clause[0], sentence[0]) if seg_start == clause[0] else ""
        before = self.low[seg_start:q.start]
        if lead and (not _cue_end(rules.REACHED, before)[2] or _cue_end(rules.GOAL, lead)[2]):
            before = lead + " " + before  # "Mục tiêu: ... 8%", "NHNN đã: (i) Tổ chức 05 cuộc họp"
        goal_end, _, goal = _cue_end(rules.GOAL, before)
        firm_after_goal = _cue_end(rules.OVER_GOAL, before[max(goal_end, 0):])[0] >= 0
        if goal_end >= 0 and not firm_after_goal:
            # "phấn đấu giải ngân đạt 100%": the goal governs a plain "đạt"
            return _Verdict(False, local=goal in rules.NORMS)
        reached = _cue_end(rules.REACHED, before)[2]
        if reached is None and not rules.AFTER_REACHED.match(self.low, q.end, min(clause[1], q.end + 80)) \
                and not self._past(q.start, clause[0], context == "review"):
            return None
        firm = _cue_end(rules.FIRM, lead + " " + self.low[clause[0]:q.start])[0] >= 0
        if not firm:
            if context == "plan" or not self.reporting and context != "review":
                return _Verdict(False)  # under goals and tasks only a firm cue reports
            if self._task(sentence[0], clause[0], q.start) or self._future(seg_start, min(clause[1], nxt)):
                return _Verdict(False)
        estimate = any(c.estimate and c.pattern.search(before) for c in rules.REACHED)
        return _Verdict(True, estimate, _cue_end(rules.OVER_GOAL, before)[0] >= 0)

    def _lead_in(self, clause_start: int, sentence_start: int) -> str:
        """The words before a ":" that opens this clause, lower-cased ("" when there is none)."""
        if clause_start <= sentence_start or self.text[clause_start - 1] != ":":
            return ""
        stop = clause_start - 1
        start = max([sentence_start, stop - LEAD_IN] + [m.end() for m in re.finditer(r"[;|]", self.text[sentence_start:stop])])
        return self.low[start:stop]

    def _task(self, sentence_start: int, clause_start: int, value: int) -> bool:
        """A task's own words: the clause or the sentence opens with a task verb and nothing between
        it and the value is past ("Chủ trì, phối hợp ..., hoàn thành 04 CSDL")."""
        return any(rules.TASK_OPENERS.match(self.low, start) and not rules.PAST.search(self.low, start, value)
                   for start in (clause_start, sentence_start))

    def _past(self, value: int, clause_start: int, review: bool) -> bool:
        """A year before the report's own leads the clause ("năm 2021 toàn huyện kết nạp 362 ..."):
        what it counts happened. Under a heading of results the report's own year is past too."""
        if self.doc_year is None:
            return False
        last = self.doc_year if review else self.doc_year - 1
        return any(int(m[1]) <= last for m in _PAST_YEAR.finditer(self.text, clause_start, value))

    def _future(self, start: int, end: int) -> bool:
        """A year after the report's own around the value: a horizon, so the value is wanted."""
        if self.doc_year is None:
            return False
        return any(int(m[1]) > self.doc_year for m in _FUTURE_YEAR.finditer(self.text, start, end))

    # --- what the result says ----------------------------------------------------------------------

    def _reading(self, q: Quantity, seg_start: int, clause, sentence, nxt: int, verdict: _Verdict,
                 previous: ResultReading | None) -> ResultReading:
        share = self._share(q)
        indicator = self.phrasing.indicator(q, seg_start, clause, nxt, previous, share is not None)
        period = (self.periods.in_span(seg_start, min(clause[1], nxt), q.start)
                  or self.periods.in_span(*sentence, q.start) or self._period_above(sentence[0])
                  or self.periods.now())
        assessment, words = self.phrasing.assessment(q, (seg_start, clause[1]), nxt, share)
        if share is not None and previous is not None and previous.assessment_text == "":
            previous.assessment, previous.assessment_text = assessment, words
            previous.share_of_target = share
        kind = self.phrasing.kind(q, indicator, clause)
        part = _PART.match(self.text, self.phrasing.after_lead_in(seg_start, q), q.start)
        return ResultReading(self.origin[id(q)], q.unit, indicator, part[1] if part else "", period, assessment, words, kind, verdict.estimate, share, sentence)

    @staticmethod
    def _own_unit(q: Quantity) -> Quantity:
        """The unit without a place the list reading swept in ("đảng viên, huyện Vân Lĩnh")."""
        cut = _PLACE_AFTER_COMMA.search(q.unit)
        if cut is None:
            return q
        unit = q.unit[:cut.start()]
        return Quantity(q.value, q.of, q.value_max, unit, q.start, q.end - (len(q.unit) - len(unit)), q.measure)

    def _share(self, q: Quantity) -> float | None:
        """58.6 for "đạt 58,6% chỉ tiêu": a share of what was set, as the text states it."""
        if not q.unit.startswith("%") or not rules.SHARE_LEAD.search(self.low, max(0, q.start - 12), q.start):
            return None
        after = rules.SHARE_OF_TARGET.match(self.low, q.end)
        return q.value if after else None

    def _period_above(self, offset: int) -> Period | None:
        """The period of the paragraph's lead ("Trong 10 tháng đầu năm 2025, ...") or a heading."""
        i = bisect.bisect_left([s for s, _ in self.st.sentences], offset)
        headings = self.st.heading_before(offset, limit=1)
        floor = headings[0].end if headings else 0
        for a, b in self.st.sentences[max(0, i - PARAGRAPH):i][::-1]:
            if a < floor or "\n\n" in self.text[b:offset]:
                break  # not above the heading, nor across a blank line
            found = self.periods.in_span(a, b, b)
            if found is not None:
                return found
        for h in self.st.heading_before(offset, limit=3):
            found = self.periods.in_span(h.start, h.end, h.end)
            if found is not None:
                return found
        return None
