"""Which quantities are chỉ tiêu (targets), and their indicator, comparator and deadline.

A quantity is a target when its clause is governed by a goal: a goal word in the clause
("mục tiêu", "chỉ tiêu", "phấn đấu", "đề ra", "phải đạt"), a lead-in ending in ":" that has one
(it governs the bullets and numbered items below it), a heading such as "II. CHỈ TIÊU ĐẾN NĂM
2025", a horizon not yet reached ("Đến năm 2025, ..." in a 2022 plan), or a floor or ceiling
("ít nhất", "tối đa"). A quantity the text reports as done ("đã kết nạp", "ước đạt") stays a
figure, and so do ratios ("16/18 chỉ tiêu"), durations and counts of chỉ tiêu.

The indicator is the phrase before the value, after the last goal word or lead-in ("Đến năm 2026,"),
without framing, comparator and time words ("Hằng năm có trên"). When that leaves nothing (or one
or two words), what follows the value to the end of its clause says it ("100% thôn, tổ dân phố có
chi bộ"); a clause with no words of its own continues the sentence's previous target ("...giảm bình
quân 1,5%/năm; đến năm 2025 còn dưới 3%" is the level of the same rate).

The deadline is the horizon nearest the value in its sentence, else the horizon of the lead-in
governing it ("Chỉ tiêu đến năm 2025:"), else of the headings above, else the document title's,
else the end of the document's term; "" when none is stated.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from vanban.extractors.nlp.numbers import YEAR
from vanban.extractors.nlp.quantities import Quantity
from vanban.extractors.nlp.structure import Structure, is_heading, is_top_heading
from vanban.folding import fold

_GOAL = re.compile(r"\b(?:muc tieu|chi tieu|phan dau|de ra|phai dat|giao chi tieu|duoc giao)\b")
_GOAL_WORDS = re.compile(r"(?<!\w)(?:mục tiêu|chỉ tiêu|phấn đấu|đề ra)(?!\w)")
# Where the indicator starts: after the last goal word or clause opener before the value.
_OPENER = re.compile(r"(?<!\w)(?:mục tiêu|chỉ tiêu|phấn đấu|đề ra|là|như|gồm|cụ thể|trong đó|với|nhằm)(?!\w)",
                     re.IGNORECASE)
# Text before a comma that is a lead-in (time, goal, report), not the first half of an indicator.
_LEAD_IN = re.compile(r"(?<!\w)(?:năm|giai đoạn|nhiệm kỳ|mục tiêu|chỉ tiêu|phấn đấu|đề ra|đã|trong đó|đồng thời)(?!\w)",
                      re.IGNORECASE)
# Matched on the lower-cased text, not folded: folding makes "đã" (done) of "tối đa" (at most).
_RESULT = re.compile(r"(?<!\w)(?:đã|ước|kết quả|đạt được|được kết nạp|kết nạp được)(?!\w)")
_REPORTED = re.compile(r"(?<!\w)(?:đã|ước đạt|ước tính)(?!\w)")
# A floor or ceiling is a norm, whatever the sentence around it says.
_NORM = re.compile(r"(?<!\w)(?:ít nhất|tối thiểu|không dưới|không thấp hơn|tối đa|không quá|không vượt quá)\s*$")
_HEADING_GOAL = re.compile(r"\b(?:muc tieu|chi tieu|dinh huong|phuong huong)\b")
_HEADING_REPORT = re.compile(r"\b(?:tinh hinh|ket qua|danh gia|so ket|tong ket)\b")
# Units that count chỉ tiêu, durations or meeting parts: never a target's value.
_NEVER_TARGET_UNIT = re.compile(r"^(?:chi tieu|tieu chi|nhiem vu|giai phap|nhom|muc tieu|noi dung|de an|du an"
                                r"|chuong trinh|ngay|thang|nam|quy|tuan|gio|dai bieu|lan thu|ky|tuoi)\b")
_HORIZON = re.compile(rf"(?P<lead>(?:đến|tới|vào|trong)\s+)?(?:(?:cuối|đầu|hết)\s+)?năm\s+(?P<year>{YEAR})(?!\d)"
                      rf"|(?P<from>{YEAR})\s*[-–—]\s*(?P<to>{YEAR})(?!\d|[.,]\d)", re.IGNORECASE)
_NOT_HORIZON_BEFORE = re.compile(r"(?:so\s+với|tháng\s+\d{1,2}|từ|trong|của)\s*$", re.IGNORECASE)
_LEAD_IN_TAIL = re.compile(r"(?:\s*,?\s*(?:theo\s+từng\s+năm|cụ\s+thể|như\s+sau|gồm|bao\s+gồm|như)\b)+\s*:?\s*$|\s*:\s*$",
                           re.IGNORECASE)
_ITEM = re.compile(r"\s*(?:[-+•]|\d{1,2}[.)]\s|[a-zđ]\)\s)")
# Where what is said of a counted thing ends: punctuation, a table cell, the next bullet or paragraph.
# A horizon ("vào năm 2030") ends them too: it is the deadline, not part of the indicator.
_TAIL_STOP = re.compile(r"[;:.()|]|\n\s*(?:[-+•]|\d{1,2}[.)]|\d{1,3}\s*\||[a-zđ]\)|\n)"
                        rf"|(?:\s+(?:vào|đến|tới|trong))?\s+(?:(?:cuối|đầu|hết)\s+)?năm\s+{YEAR}(?!\d)")
# What opens a clause of its own after a comma, so the words said of a quantity stop before it.
_CLAUSE_OPENER = re.compile(r"\s*(?:trong đó|đồng thời|riêng|không|chưa|góp phần|nhằm|để|bảo đảm|đảm bảo|phấn đấu"
                            r"|đến|tới|vào|năm|giai đoạn|nhiệm kỳ|mục tiêu|chỉ tiêu|tỷ lệ|tỉ lệ|qua đó|từ đó|còn)(?!\w)",
                            re.IGNORECASE)
MAX_TAIL_WORDS = 20
# Where the words said of one quantity end and those leading to the next begin.
_JOINT = re.compile(r",|\s(?:và|hoặc)\s")
# Time words frame an indicator ("hằng năm có 90% ..."; "... đảng viên mỗi năm"); they are not part of it.
_TIME_WORDS = r"(?:hằng|hàng|mỗi)\s+(?:năm|quý|tháng)"
_TAIL_END = re.compile(rf"(?:(?:^|\s+)(?:và|hoặc|{_TIME_WORDS}))+$", re.IGNORECASE)
# A change stated of an indicator ("giảm bình quân"), dropped when a later clause gives its level.
_MOVEMENT = re.compile(r"\s+(?:tăng|giảm)(?:\s+(?:bình quân|xuống|lên|thêm|(?:hằng|hàng|mỗi) năm))*$", re.IGNORECASE)
_BULLET_YEAR = re.compile(rf"\s*[-+•]?\s*Năm\s+({YEAR})\s*:", re.IGNORECASE)

_COMPARATORS = [  # (folded words just before the value, comparator, approx)
    (r"(?:khong duoi|khong thap hon|khong it hon|it nhat|toi thieu|tu)\s*$", ">=", False),
    (r"(?:tren|hon|vuot|cao hon)\s*$", ">=", False),
    (r"(?:khong qua|khong vuot qua|toi da|duoi|thap hon|khong cao hon)\s*$", "<=", False),
    (r"gan\s*$", "<=", True),
    (r"(?:khoang|xap xi|chung)\s*$", "=", True),
]
_AFTER_GE = re.compile(r"\s*(?:trở\s+lên)", re.IGNORECASE)
_AFTER_LE = re.compile(r"\s*(?:trở\s+xuống)", re.IGNORECASE)
# Words that open an indicator phrase but are not part of it.
_LEAD_WORDS = re.compile(rf"^\s*(?:(?:\(?\d{{1,2}}\)|[a-zđ]\)|{_TIME_WORDS}|và|với|trong đó|phấn đấu|mục tiêu|chỉ tiêu|cụ thể|là|đến|tới|vào|năm|nhiệm kỳ|giai đoạn"
                         r"|cuối|đầu|hết|đạt|như|gồm|\d{4}|[-–—+•:;,.()])\s*)+", re.IGNORECASE)
_TAIL_WORDS = re.compile(r"(?:\s*(?:đạt|là|chiếm|khoảng|trên|dưới|hơn|gần|ít nhất|tối thiểu|tối đa|không dưới"
                         r"|không quá|từ|sẽ|phải|phải đạt|sẽ đạt|đạt mức|ở mức|bằng|có|còn|ước đạt|đạt trên)\s*)+$",
                         re.IGNORECASE)


@dataclass(slots=True)
class TargetReading:
    quantity: Quantity
    indicator: str
    comparator: str
    approx: bool
    deadline: str
    start: int
    end: int
    sentence: tuple[int, int]


def _clauses(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out = []
    cursor = a
    for m in re.finditer(r"[;:|]", text[a:b]):
        out.append((cursor, a + m.start()))
        cursor = a + m.end()
    out.append((cursor, b))
    return out


def _masked(text: str, a: int, b: int, quantities: list[Quantity]) -> str:
    """Folded text of [a, b) with the quantities blanked out ("16/18 chỉ tiêu" is no goal word)."""
    chars = list(fold(text[a:b]))
    for q in quantities:
        if q.end <= a or q.start >= b:
            continue
        # "58,6% chỉ tiêu Nghị quyết" is a share of a target reached: its "chỉ tiêu" is no goal word either
        after = re.match(r"\s*chỉ\s+tiêu", text[q.end:b])
        for i in range(max(q.start, a), min(q.end + (after.end() if after else 0), b)):
            chars[i - a] = " "
    return "".join(chars)


def horizons(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """(start, end, year) of the horizons in [a, b): "đến năm 2025", "năm 2030", "2021-2025" (its end)."""
    out = []
    for m in _HORIZON.finditer(text, a, b):
        if m["year"]:
            if not m["lead"] and _NOT_HORIZON_BEFORE.search(text[max(0, m.start() - 15):m.start()]):
                continue
            out.append((m.start(), m.end(), m["year"]))
        elif int(m["from"]) < int(m["to"]):
            out.append((m.start(), m.end(), m["to"]))
    return out


class TargetReader:
    def __init__(self, text: str, st: Structure, quantities: list[Quantity], doc_year: int | None,
                 title: str, term: str):
        self.text = text
        self.st = st
        self.quantities = quantities
        self.starts = [q.start for q in quantities]  # scan_quantities gives them in text order
        self.doc_year = doc_year
        fallback = horizons(title, 0, len(title))
        self.doc_horizon = fallback[0][2] if fallback else (term[-4:] if re.fullmatch(r"\d{4}-\d{4}", term) else "")
        self.lead_in = ""  # the lead-in governing the current bullets names what they count
        self.lead_horizon = ""  # and its horizon dates them
        self.previous: TargetReading | None = None  # the last target of the current sentence

    def read(self) -> list[TargetReading]:
        readings: list[TargetReading] = []
        lead_goal_until = -1  # a goal lead-in ending in ":" governs the bullets that follow
        starts = self.starts
        for a, b in self.st.sentences:
            inside = self.quantities[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]
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
                self.lead_horizon = own[-1][2] if own else (self.lead_horizon if governed else "")
            elif not governed and not item:
                self.lead_in = ""
                self.lead_horizon = ""
            self.previous = None
            lead_is_goal = False
            reported = False  # "đã kết nạp 3.514 đảng viên; trong đó huyện A kết nạp 1.296": still a report
            under_goal_heading = bool(inside) and self._heading_goal(a)
            for ca, cb in _clauses(self.text, a, b) if inside else []:
                own_goal = self._goal(ca, cb, inside)
                clause_goal = own_goal or ((lead_is_goal or governed or under_goal_heading) and not reported)
                reported = (reported or bool(_REPORTED.search(self.text[ca:cb].lower()))) and not own_goal
                # a goal stated at the head of a sentence ("Đến năm 2030, ...; ...") runs to its end
                lead_is_goal = lead_is_goal or (clause_goal and self.text[cb:cb + 1] != "|")
                for q in (q for q in inside if ca <= q.start < cb):
                    reading = self._reading(q, (ca, cb), (a, b), inside, clause_goal)
                    if reading:
                        readings.append(reading)
                        self.previous = reading
            if sentence_text.endswith(":"):
                goal = self._goal(a, b, inside) or governed or _BULLET_YEAR.match(self.text, b + 1)
                lead_goal_until = b + 1 if goal else -1
            elif governed:
                lead_goal_until = b + 1
            else:
                lead_goal_until = -1
        return readings

    def _goal(self, a: int, b: int, quantities: list[Quantity] | None = None) -> bool:
        if quantities is None:
            quantities = self.quantities[bisect.bisect_left(self.starts, a):bisect.bisect_left(self.starts, b)]
        folded = _masked(self.text, a, b, quantities)
        if _GOAL.search(folded):
            return True
        if self._ahead(a, b):
            return True
        bullet = _BULLET_YEAR.match(self.text, a)
        return bool(bullet and self.doc_year and int(bullet[1]) >= self.doc_year)

    def _ahead(self, a: int, b: int) -> bool:
        """Whether [a, b) names a horizon not yet reached: "đến năm 2025" in a 2022 document."""
        for h_start, _, year in horizons(self.text, a, b):
            lead = self.text[h_start:h_start + 4].lower()
            if lead.startswith(("đến", "tới")) and (self.doc_year is None or int(year) > self.doc_year):
                return True
        return False

    def _heading_goal(self, offset: int) -> bool:
        """Whether the headings above, nearest first up to a top-level one, announce goals."""
        for h in self.st.heading_before(offset):
            words = fold(h.text)
            if _HEADING_REPORT.search(words):
                return False
            if _HEADING_GOAL.search(words) or self._ahead(h.start, h.end):
                return True
            if is_top_heading(h.text):
                return False
        return False

    def _reading(self, q: Quantity, clause, sentence, inside: list[Quantity], goal: bool) -> TargetReading | None:
        if q.of is not None or _NEVER_TARGET_UNIT.match(fold(q.unit)):
            return None
        if not goal and not _NORM.search(self.text[max(clause[0], q.start - 20):q.start].lower()):
            return None
        prev_end = max([p.end for p in inside if p.end <= q.start and not _NEVER_TARGET_UNIT.match(fold(p.unit))]
                       + [clause[0]])
        seg_start = prev_end
        if prev_end > clause[0]:  # "1.300 đảng viên mới, trồng mới 2.400 ha": "mới" ends the previous one
            joint = _JOINT.search(self.text, prev_end, q.start)
            seg_start = joint.end() if joint else seg_start
        comma = self.text.rfind(",", seg_start, q.start)
        local = self.text[(comma + 1 if comma >= 0 else seg_start):q.start].lower()
        goal_words = list(_GOAL_WORDS.finditer(local))
        if goal_words:  # "đã đề ra mục tiêu ... 100%": the "đã" is about setting the goal
            local = local[goal_words[-1].end():]
        if _RESULT.search(local):
            return None
        openers = list(_OPENER.finditer(self.text[seg_start:q.start]))
        if openers:
            seg_start += openers[-1].end()
        seg_start = self._after_lead_in(seg_start, q)
        before = fold(self.text[max(seg_start, q.start - 25):q.start])
        comparator, approx = "=", False
        for pattern, comp, is_approx in _COMPARATORS:
            if re.search(r"\b" + pattern, before):
                comparator, approx = comp, is_approx
                break
        if comparator == ">=" and q.value_max is not None and re.search(r"\btu\s*$", before):
            comparator = "="  # "từ 90 - 100": a range, not a floor
        if _AFTER_GE.match(self.text, q.end):
            comparator = ">="
        elif _AFTER_LE.match(self.text, q.end):
            comparator = "<="
        indicator, start, end = self._indicator(q, seg_start, clause[1], inside)
        return TargetReading(q, indicator, comparator, approx, self._deadline(q, sentence, inside), start, end,
                             sentence)

    def _after_lead_in(self, seg_start: int, q: Quantity) -> int:
        """Where the indicator can start once commas that close a lead-in are passed.

        Before a count, every comma does ("Năm 2025, toàn huyện có 12 xã"). Before a measure, only a
        comma closing a lead-in of its own ("đến năm 2026, tỷ lệ chất thải được thu gom, xử lý
        85%"): a comma inside the indicator ("thu gom, xử lý") is no place to start it.
        """
        commas = [m.start() for m in re.finditer(",", self.text[seg_start:q.start])]
        if not q.measure:
            return seg_start + commas[-1] + 1 if commas else seg_start
        start = cursor = seg_start
        for offset in commas:
            comma = seg_start + offset
            if _LEAD_IN.search(self.text[cursor:comma]):
                start = comma + 1
            cursor = comma + 1
        return start

    def _indicator(self, q: Quantity, seg_start: int, clause_end: int, inside: list[Quantity]):
        raw = self.text[seg_start:q.start]
        lead = _LEAD_WORDS.match(raw)
        start = seg_start + (lead.end() if lead else 0)
        phrase = self.text[start:q.start]
        phrase = _TAIL_WORDS.sub("", phrase)
        phrase = re.sub(rf"\s*(?:(?:đến|tới|vào|trong)\s+)?(?:(?:cuối|đầu|hết)\s+)?năm\s+{YEAR}\s*,?", " ", phrase)
        phrase = re.sub(r"\s+", " ", phrase).strip(" ,.;:-–")
        nxt = min([p.start for p in inside if p.start > q.start] + [clause_end])
        words, tail_end = self._tail(q, nxt, nxt < clause_end)
        end = q.end
        bare = re.sub(r"\s*\b(?:và|hoặc)\s*$", "", phrase).strip(" ,")
        cell = re.search(r"\|([^|\n]+)\|\s*$", self.text[max(0, seg_start - 200):seg_start])
        if cell and len(self.text[seg_start:q.start].split()) <= 2:
            phrase = re.sub(r"\s+", " ", cell.group(1)).strip()  # a table row: the indicator is the cell before
        elif (q.measure and len(bare.split()) <= 1 and len(words) <= 1 and self.previous is not None
              and self.previous.quantity.unit == q.unit):
            phrase = self.previous.indicator  # "20% GDP và khoảng 30% GDP vào năm 2030": the same indicator
        elif q.measure and not bare and not words and self.previous is not None:
            # "giảm bình quân 1,5%/năm; đến năm 2025 còn dưới 3%": the level of what the sentence is
            # about, not its yearly change
            phrase = _MOVEMENT.sub("", self.previous.indicator)
        elif not q.measure or len(phrase.split()) <= 2:
            # a count (or a bare verb before a share): what is counted and what is said of it
            if not q.measure and not phrase and not words and self.lead_in:
                phrase = self.lead_in  # a bullet "- Năm 2023: 132 xã" counts what its lead-in names
            else:
                counted = "" if q.measure else q.unit
                phrase = " ".join(x for x in (phrase, counted, " ".join(words)) if x)
                end = tail_end
        if not phrase:
            phrase = q.unit
        if phrase[:1].isupper() and not phrase[1:2].isupper():
            phrase = phrase[0].lower() + phrase[1:]
        return phrase, start if start < q.start else q.start, end

    def _tail(self, q: Quantity, nxt: int, before_quantity: bool) -> tuple[list[str], int]:
        """The words said of the quantity after it, up to the end of its clause, and where they end.

        A comma goes on with the phrase ("100% thôn, tổ dân phố có chi bộ"; "được đánh giá, xếp
        loại ...") unless what follows opens a clause of its own or leads to the next quantity.
        """
        region = self.text[q.end:nxt]
        hard = _TAIL_STOP.search(region)
        limit = hard.start() if hard else len(region)
        parts = region[:limit].split(",")
        if before_quantity and hard is None:  # "... rừng tập trung và có thêm 6 xã": "và" opens the next one
            parts[-1] = _JOINT.split(parts[-1], maxsplit=1)[0]
        kept = len(parts[0])
        for i, part in enumerate(parts[1:], 1):
            leads_on = before_quantity and hard is None and i == len(parts) - 1
            if leads_on or not part.strip() or _CLAUSE_OPENER.match(part):
                break
            kept += 1 + len(part)
        spans = [m.span() for m in re.finditer(r"\S+", region[:kept])]
        if len(spans) > MAX_TAIL_WORDS:
            spans = [m.span() for m in re.finditer(r"\S+", parts[0])][:10]
        text = " ".join(region[a:b] for a, b in spans)
        trimmed = _TAIL_END.sub("", text)
        words = trimmed.split()
        return words, q.end + spans[len(words) - 1][1] if words else q.end

    def _deadline(self, q: Quantity, sentence, inside: list[Quantity]) -> str:
        a, b = sentence
        found = horizons(self.text, a, b)
        prev_end = max([p.end for p in inside if p.end <= q.start] + [a])
        next_start = min([p.start for p in inside if p.start > q.start] + [b])
        between = [h for h in found if prev_end <= h[0] < q.start]
        if between:
            return between[-1][2]
        after = [h for h in found if q.end <= h[0] < next_start]
        if after:
            return after[0][2]
        earlier = [h for h in found if h[1] <= q.start]
        if earlier:
            return earlier[-1][2]
        if self.lead_horizon:
            return self.lead_horizon
        for h in self.st.heading_before(a, limit=3):
            hs = horizons(self.text, h.start, h.end)
            if hs:
                return hs[0][2]
        return self.doc_horizon
