"""What a reported result measures and says of itself: its indicator, the text's own assessment, its kind.

    Phrasing(text, structure, targets).indicator(q, ...)   the phrase naming what was measured

The indicator is the phrase before the value in its stretch of text, without time words, scope
("toàn tỉnh", "trong đó huyện Ngọc Khê"), the actor ("Bộ Tài chính đã ...") and result verbs;
when that leaves one or two words, the thing counted and what is said of it after the value
("55/78 xã đạt chuẩn nông thôn mới"); a bare share takes the indicator of the value before it, and
a value answering a requirement in its sentence ("phải đạt 90% ... (đến nay mới đạt 39,5%)")
the requirement's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from vanban.extractors.nlp import result_rules as rules
from vanban.extractors.nlp.numbers import YEAR
from vanban.extractors.nlp.quantities import Quantity
from vanban.extractors.nlp.structure import Structure
from vanban.extractors.nlp.targets import TargetReading
from vanban.folding import fold

if TYPE_CHECKING:
    from vanban.extractors.nlp.results import ResultReading

# A time phrase inside an indicator frames it ("Tổng thu ngân sách 10 tháng"); it is not part of it.
_TIME_PHRASE = re.compile(
    rf"(?<!\w)(?:(?:từ|trong|sau|lũy kế|luỹ kế|tính đến|đến hết|đến|tới|cuối|hết)\s+)*"
    rf"(?:\d{{1,2}}\s+tháng(?:\s+đầu)?(?:\s+năm(?:\s+{YEAR})?)?|tháng\s+\d{{1,2}}\s*/\s*{YEAR}|quý\s+[IV\d]+(?:\s*/\s*{YEAR})?"
    rf"|(?:giai đoạn\s+)?{YEAR}\s*[-–]\s*{YEAR}|năm\s+{YEAR}|nay|(?:ngày\s+)?\d{{1,2}}/\d{{1,2}}/{YEAR}"
    rf"|ngày\s+\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+{YEAR})(?:\s*,)?",
    re.IGNORECASE)
_SCOPE = re.compile(r"^(?:(?:toàn tỉnh|toàn huyện|toàn xã|toàn thành phố|toàn quốc|toàn đảng bộ|toàn ngành|cả nước"
                    r"|trên địa bàn(?: tỉnh| huyện| xã)?|trong đó|đồng thời|riêng|cụ thể|qua đó|bên cạnh đó"
                    r"|(?:huyện|xã|tỉnh|thành phố|thị xã|phường|quận|thị trấn)(?:\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][\w-]*)+)\s*,?\s*)+")
_LEAD = re.compile(r"^[\s\-–+•*,.;:()\d]*(?:[ivx]{1,4}\)|[a-zđ]\))?\s*", re.IGNORECASE)
_TAIL_STOP = re.compile(r"[;:.()|]|,\s*(?=(?:đạt|bằng|vượt|tăng|giảm|chiếm|so với|trong đó|đồng thời|cao hơn|thấp hơn"
                        r"|chưa|cơ bản|không|mới"
                        r"|góp phần|nhằm|để|còn|riêng|với)(?!\w))|\s(?:so với|so cùng kỳ|đạt(?!\s+chuẩn)|bằng|vượt|chiếm|cao hơn"
                        r"|thấp hơn)(?!\w)|,\s*(?=(?:huyện|xã|tỉnh|thành phố|thị xã|phường|quận)\s+[A-ZĐ])")
# Before a comma, words that make what precedes it a lead-in, not the first half of an indicator.
_LEAD_IN = re.compile(r"(?<!\w)(?:năm|giai đoạn|tháng|quý|nay|hiện nay|đến|sau khi|ngay sau khi|trong đó|đồng thời|"
                      r"qua đó|theo đó|bên cạnh đó|nhìn chung|tính chung|cụ thể|ban hành|cùng kỳ)(?!\w)", re.IGNORECASE)
_QUANTITY_TEXT = re.compile(r"\d[\d.,/]*\s*%?")
_NOW_WORDS = re.compile(r"^(?:(?:hiện nay|hiện|mới|đến nay|tuy nhiên|theo đó|theo báo cáo(?: tại hội nghị)?)\s*,?\s*)+",
                        re.IGNORECASE)
MAX_WORDS = 20


class Phrasing:
    def __init__(self, text: str, st: Structure, targets: list[TargetReading]):
        self.text = text
        self.low = text.lower()
        self.st = st
        self.targets = sorted(targets, key=lambda t: t.quantity.start)

    def indicator(self, q: Quantity, seg_start: int, clause, nxt: int, previous: ResultReading | None,
                   share: bool) -> str:
        if share and previous is not None:
            return previous.indicator
        seg_start = self.after_lead_in(seg_start, q)
        phrase = re.sub(r"\s+", " ", _TIME_PHRASE.sub(" ", self.text[seg_start:q.start]))
        phrase = _SCOPE.sub("", _LEAD.sub("", phrase).strip())
        phrase = _NOW_WORDS.sub("", phrase)
        done = [m.end() for m in re.finditer(r"(?<!\w)đã(?!\w)", phrase, re.IGNORECASE)]
        phrase = rules.TAIL_WORDS.sub("", phrase[done[-1]:] if done else phrase).strip(" ,.;:-–")
        tail = self.tail(q, min(clause[1], nxt), nxt < clause[1])
        previous = previous if previous is not None and previous.quantity.end >= clause[0] else None
        same_unit = previous is not None and previous.unit.split()[:1] == q.unit.split()[:1]
        if not phrase and (same_unit or q.measure) and previous is not None:
            return previous.indicator  # "huyện Vân Lĩnh 1.021 đảng viên": what the sentence counts
        aim = self.target_before(q)
        if not phrase and not tail and aim is not None:
            return aim.indicator  # "phải đạt 90% trong năm 2025 (đến nay mới đạt 39,5%)": the same measure
        if not phrase and not tail and seg_start > clause[0]:
            # "tỷ lệ hộ nghèo giảm từ 14,6% xuống còn 7,9%": the words before the value it changed from
            words = _QUANTITY_TEXT.sub(" ", self.text[clause[0]:q.start])
            phrase = rules.TAIL_WORDS.sub("", re.sub(r"\s+", " ", _TIME_PHRASE.sub(" ", words))).strip(" ,.;:-–")
        if phrase.lower() in ("tăng", "giảm") and not tail and previous is not None:
            return f"{previous.indicator} {phrase.lower()}"  # "FDI đạt 1.219 triệu USD, tăng 84%"
        if len(phrase.split()) <= 2:
            counted = "" if q.measure else q.unit
            phrase = " ".join(x for x in (phrase, counted, tail) if x)
        phrase = phrase or q.unit
        return phrase[0].lower() + phrase[1:] if phrase[:1].isupper() and not phrase[1:2].isupper() else phrase

    def target_before(self, q: Quantity) -> TargetReading | None:
        """The target stated just before the value in its sentence, if one is."""
        a, _ = self.st.sentence_at(q.start)
        before = [t for t in self.targets if a <= t.quantity.start < q.start]
        return before[-1] if before else None

    def after_lead_in(self, seg_start: int, q: Quantity) -> int:
        """Past the commas that close a lead-in ("Ngay sau khi Nghị quyết được ban hành, 100% cấp
        ủy ..."); a comma inside an indicator ("thu gom, xử lý") is no place to start."""
        start = cursor = seg_start
        for m in re.finditer(",", self.text[seg_start:q.start]):
            comma = seg_start + m.start()
            if not q.measure or _LEAD_IN.search(self.text, cursor, comma):
                start = comma + 1
            cursor = comma + 1
        return start

    def tail(self, q: Quantity, limit: int, before_next: bool = False) -> str:
        region = self.text[q.end:limit]
        if before_next and "," in region:  # "362 đảng viên mới, trồng mới 640 ha": the comma ends it
            region = region[:region.rindex(",")]
        stop = _TAIL_STOP.search(region)
        region = _TIME_PHRASE.sub(" ", region[:stop.start()] if stop else region)
        words = region.split()[:MAX_WORDS]
        return rules.TAIL_WORDS.sub("", " ".join(words)).strip(" ,")

    def assessment(self, q: Quantity, clause, nxt: int, share: float | None) -> tuple[str, str]:
        """The text's own judgement: after the value first, then the words leading to it."""
        if share is not None:
            lead = rules.SHARE_LEAD.search(self.low, max(0, q.start - 12), q.start)
            end = rules.SHARE_OF_TARGET.match(self.low, q.end).end()
            state = "exceeded" if share > 100 else "achieved" if share == 100 else "stated_in_text_only"
            return state, re.sub(r"\s+", " ", self.text[lead.start():end])
        if q.of is not None and q.of > 0 and q.value >= q.of and rules.PAST_OR_DONE.search(self.low, q.end, clause[1]):
            return "achieved", re.sub(r"\s+", " ", self.text[q.start:clause[1]]).strip()[:120]
        regions = ((q.end, min(clause[1], nxt, q.end + 80), False), (clause[0], q.start, True))
        for a, b, nearest_last in regions:
            found = [(m.start(), m.end(), a_) for p, a_, _ in rules.ASSESSMENT_WORDS for m in p.finditer(self.low, a, b)]
            if found:
                s, e, state = max(found, key=lambda f: (f[0], f[1] - f[0])) if nearest_last else min(found)
                return state, re.sub(r"\s+", " ", self.text[s:e])
        return "stated_in_text_only", ""

    def kind(self, q: Quantity, indicator: str, clause) -> str:
        """The first kind whose words the result holds; plans issued before a share of units done."""
        unit, folded_clause = fold(q.unit), fold(self.text[clause[0]:clause[1]])
        if rules.TASK_UNIT.match(unit):
            return "task_completion"
        words = f"{unit} {fold(indicator)} {folded_clause}"
        for pattern, kind, _ in rules.RESULT_KINDS:
            if pattern.search(unit if kind == "other" else words):
                return kind
            if kind == "plans_issued" and rules.COMPLETED_SHARE.search(folded_clause):
                return "task_completion"
        return "indicator_result"
