"""The words that make a quantity a chỉ tiêu, and how its comparator, indicator and horizon read.

Rules as data: each list of phrases says why it is there, and is compiled once, in the form it is
matched in: ``accented`` over the text as written (case-insensitive), ``folded`` over
``vanban.folding.fold`` of it (no marks, đ -> d). Folding is not always safe: it makes "đã" (done)
of "tối đa" (at most), so phrases that need the marks are matched accented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from vanban.extractors.nlp.numbers import YEAR
from vanban.extractors.nlp.quantities import RANK
from vanban.folding import fold


@dataclass(frozen=True)
class Phrases:
    words: tuple[str, ...]  # accented, as written
    why: str

    @cached_property
    def alternation(self) -> str:
        ordered = sorted(self.words, key=len, reverse=True)  # "ước đạt" before "ước"
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)

    @cached_property
    def folded_alternation(self) -> str:
        ordered = sorted({fold(w) for w in self.words}, key=len, reverse=True)
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)

    @cached_property
    def accented(self) -> re.Pattern[str]:
        """Any phrase as a whole word of the text as written."""
        return re.compile(rf"(?<!\w)(?:{self.alternation})(?!\w)", re.IGNORECASE)

    @cached_property
    def folded(self) -> re.Pattern[str]:
        """Any phrase as a whole word of the folded text."""
        return re.compile(rf"\b(?:{self.folded_alternation})\b")

    @cached_property
    def at_end(self) -> re.Pattern[str]:
        """A phrase that ends the (accented) text, spaces after it allowed."""
        return re.compile(rf"(?<!\w)(?:{self.alternation})\s*$", re.IGNORECASE)

    @cached_property
    def folded_at_end(self) -> re.Pattern[str]:
        return re.compile(rf"\b(?:{self.folded_alternation})\s*$")

    @cached_property
    def folded_prefix(self) -> re.Pattern[str]:
        """A phrase that opens the folded text."""
        return re.compile(rf"^(?:{self.folded_alternation})\b")


# --- what makes a clause a goal ------------------------------------------------------------------
GOAL = Phrases(("mục tiêu", "chỉ tiêu", "phấn đấu", "đề ra", "phải đạt", "giao chỉ tiêu", "được giao"),
               "a clause that sets or assigns a goal: its quantities are targets")
NOT_GOAL = Phrases(("chương trình mục tiêu", "vượt kế hoạch đề ra", "vượt chỉ tiêu đề ra", "vượt mục tiêu đề ra",
                    "so với mục tiêu", "so với chỉ tiêu", "so với kế hoạch", "mục tiêu kép"),
                   "goal words that name a programme or measure a result against a goal: no goal set here")
RESULT_AFTER = Phrases(("vượt kế hoạch", "vượt chỉ tiêu", "vượt mục tiêu", "vượt dự toán", "so cùng kỳ",
                        "so với cùng kỳ", "bằng kế hoạch"),
                       "just after a value, what says it was reached: a figure reported against its plan")
RESULT_AFTER_WINDOW = 40  # characters after a value where "vượt kế hoạch" reports it reached
GOAL_NAMES = Phrases(("mục tiêu", "chỉ tiêu", "phấn đấu", "đề ra"),
                     "where the words stating a goal end and its indicator begins")
NORM = Phrases(("ít nhất", "tối thiểu", "không dưới", "không thấp hơn", "tối đa", "không quá", "không vượt quá"),
               "a floor or a ceiling just before a value is a norm, whatever the sentence around it says")
RESULT = Phrases(("đã", "ước", "kết quả", "đạt được", "được kết nạp", "kết nạp được"),
                 "before a value, what was done: a figure, not a target (matched accented: "
                 "folded, 'tối đa' would read as 'đã')")
REPORTED = Phrases(("đã", "ước đạt", "ước tính"),
                   "a clause reporting what was done: its later clauses report too, unless they set a goal")
HEADING_GOAL = Phrases(("mục tiêu", "chỉ tiêu", "định hướng", "phương hướng"),
                       "a heading announcing goals: the quantities below it are targets")
HEADING_REPORT = Phrases(("tình hình", "kết quả", "đánh giá", "sơ kết", "tổng kết"),
                         "a heading announcing a review: the quantities below it are results")
NEVER_TARGET_UNIT = Phrases(
    ("chỉ tiêu", "tiêu chí", "nhiệm vụ", "giải pháp", "nhóm", "mục tiêu", "nội dung", "đề án", "dự án",
     "chương trình", "ngày", "tháng", "năm", "quý", "tuần", "giờ", "đại biểu", "lần thứ", "kỳ", "tuổi",
     "giai đoạn", "bước", "khâu"),
    "units that count chỉ tiêu, plans, durations, stages or meeting parts: never a target's value")
ENUMERATION = re.compile(r"\s*:\s*[A-ZĐ][^\W\d]*(?:\s+[A-ZĐ][^\W\d]*){0,3}\s*,")
"""A count that names what it counts ("04 xã: Gia Thuận, Tân Điền, ..."): which ones, not a target."""

# --- where an indicator starts and ends ----------------------------------------------------------
OPENER = Phrases(("mục tiêu", "chỉ tiêu", "phấn đấu", "đề ra", "là", "như", "gồm", "cụ thể", "trong đó", "với",
                  "nhằm"),
                 "the indicator starts after the last goal word or clause opener before the value")
LEAD_IN = Phrases(("năm", "giai đoạn", "nhiệm kỳ", "mục tiêu", "chỉ tiêu", "phấn đấu", "đề ra", "đã", "trong đó",
                   "đồng thời"),
                  "text before a comma that is a lead-in (time, goal, report), not the first half of an indicator")
CLAUSE_OPENER = Phrases(("trong đó", "đồng thời", "riêng", "không", "chưa", "góp phần", "nhằm", "để", "bảo đảm",
                         "đảm bảo", "phấn đấu", "đến", "tới", "vào", "năm", "giai đoạn", "nhiệm kỳ", "mục tiêu",
                         "chỉ tiêu", "tỷ lệ", "tỉ lệ", "qua đó", "từ đó", "còn"),
                        "after a comma, what opens a clause of its own: the words said of a quantity stop there")
TIME_WORDS = r"(?:hằng|hàng|mỗi)\s+(?:năm|quý|tháng)"  # frame an indicator ("hằng năm có 90% ..."), not part of it
LEAD_WORDS = Phrases(("và", "với", "trong đó", "phấn đấu", "mục tiêu", "chỉ tiêu", "cụ thể", "là", "đến", "tới", "vào",
                      "năm", "nhiệm kỳ", "giai đoạn", "cuối", "đầu", "hết", "đạt", "như", "gồm"),
                     "words that open an indicator phrase but are not part of it")
TAIL_WORDS = Phrases(("đạt", "là", "chiếm", "khoảng", "trên", "dưới", "hơn", "gần", "ít nhất", "tối thiểu", "tối đa",
                      "không dưới", "không quá", "từ", "sẽ", "phải", "phải đạt", "sẽ đạt", "đạt mức", "ở mức", "bằng",
                      "có", "còn", "ước đạt", "đạt trên", "xếp thứ", "đứng thứ", "xếp hạng", "vị trí thứ",
                      "đứng ở vị trí thứ", "vươn lên vị trí thứ", "vươn lên thứ"),
                     "verbs and comparators between an indicator and its value (a rank's 'xếp thứ' too)")
LEVEL_VERB = re.compile(r"(?<!\w)(?:đạt|là|chiếm|bằng)(?:\s+(?:mức|trên|dưới|khoảng|ít\s+nhất|tối\s+thiểu|tối\s+đa"
                        r"|hơn|gần|từ))*\s*$", re.IGNORECASE)
"""A verb of level just before a value: what comes before it is the indicator, even for a count."""
RANK_ABOUT = re.compile(r"\s(?:về|trong lĩnh vực)\s+(?P<what>[^,;.:()]+)", re.IGNORECASE)
RANK_REGION = re.compile(r"(?:khu\s+vực\s+)?(?P<region>thế\s+giới|toàn\s+cầu|Đông\s+Nam\s+Á"
                         r"|ASEAN|châu\s+Á|khu\s+vực)", re.IGNORECASE)
MOVEMENT = re.compile(r"\s+(?:tăng|giảm)(?:\s+(?:bình quân|xuống|lên|thêm|(?:hằng|hàng|mỗi) năm))*$", re.IGNORECASE)
"""A change stated of an indicator ("giảm bình quân"), dropped when a later clause gives its level."""


# --- comparators ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ComparatorRule:
    phrases: Phrases
    comparator: str  # one of vanban.vocab.COMPARATORS
    approx: bool = False


# Tried in order over the folded words just before a value; "trên X", "≥ X", "tối thiểu X" and
# "đạt X" state the same strength (a floor, or the value itself), so no rewording reads weaker.
COMPARATOR_RULES = (
    ComparatorRule(Phrases(("không dưới", "không thấp hơn", "không ít hơn", "ít nhất", "tối thiểu", "từ",
                            "ít nhất có", "tối thiểu có", "≥", ">=", "=>"),
                           "a floor"), ">="),
    ComparatorRule(Phrases(("không quá", "không vượt quá", "tối đa", "dưới", "thấp hơn", "không cao hơn", "≤", "<=",
                            "=<", "<"), "a ceiling (before 'hơn' below: 'thấp hơn' is no floor)"), "<="),
    ComparatorRule(Phrases(("trên", "hơn", "vượt", "cao hơn", ">"),
                           "above: the same strength as a floor (trên X reads as >= X)"), ">="),
    ComparatorRule(Phrases(("gần",), "nearly: at most, approximately"), "<=", approx=True),
    ComparatorRule(Phrases(("khoảng", "xấp xỉ", "chừng"), "about"), "=", approx=True),
)
AT_LEAST_AFTER = re.compile(r"\s*(?:trở\s+lên)", re.IGNORECASE)  # "8% trở lên"
AT_MOST_AFTER = re.compile(r"\s*(?:trở\s+xuống)", re.IGNORECASE)
RANGE_FROM = re.compile(r"\btu\s*$")  # "từ 90 - 100": a range, not a floor
RANK_BEFORE = re.compile(r"\b(?:nhom|top|xep hang|xep thu|dung thu)\s*$")
SAME_PHRASE = re.compile(r"\s*[^\W\d]+(?:\s+[^\W\d]+){0,8}\s+", re.IGNORECASE)  # words only, no comma
RANK_UNIT = re.compile(r"^(?:nuoc|quoc gia|nen kinh te)\b")
"""A rank among nations ("nhóm 3 nước dẫn đầu", "top 50 quốc gia"): better when lower, a ceiling.
A place in a league the quantities read as such (unit quantities.RANK, "xếp thứ 10/34") is one too."""


def comparator_before(folded_before: str, ranged: bool, unit: str = "") -> tuple[str, bool]:
    """(comparator, approx) from the folded words just before a value and the value's unit."""
    for rule in COMPARATOR_RULES:
        if rule.phrases.folded_at_end.search(folded_before) or _symbol_at_end(rule, folded_before):
            if rule.comparator == ">=" and ranged and RANGE_FROM.search(folded_before):
                return "=", False
            return rule.comparator, rule.approx
    if unit == RANK or RANK_BEFORE.search(folded_before) and RANK_UNIT.match(fold(unit)):
        return "<=", False
    return "=", False


def _symbol_at_end(rule: ComparatorRule, text: str) -> bool:
    stripped = text.rstrip()
    return any(stripped.endswith(w) for w in rule.phrases.words if not w[0].isalpha())


# --- horizons ------------------------------------------------------------------------------------
HORIZON = re.compile(rf"(?P<lead>(?:đến|tới|vào|trong)\s+)?(?:(?:cuối|đầu|hết)\s+)?năm\s+(?P<year>{YEAR})(?!\d)"
                     rf"|(?P<from>{YEAR})\s*[-–—]\s*(?P<to>{YEAR})(?!\d|[.,]\d)", re.IGNORECASE)
HORIZON_CUE_WINDOW = 15  # characters before "năm 2025" that can make it a comparison, not a horizon
NOT_HORIZON_BEFORE = re.compile(r"(?:so\s+với|tháng\s+\d{1,2}|từ|trong|của)\s*$", re.IGNORECASE)
HORIZON_IN_PHRASE = re.compile(rf"\s*(?:(?:đến|tới|vào|trong)\s+)?(?:(?:cuối|đầu|hết)\s+)?năm\s+{YEAR}\s*,?",
                               re.IGNORECASE)
AHEAD_LEADS = ("đến", "tới")  # "đến năm 2025" in a 2022 document looks ahead: a goal
AHEAD_IF_DATED = ("vào", "tro")  # "vào năm 2030" too, when the document's own year shows it is ahead
BULLET_YEAR = re.compile(rf"\s*[-+•]?\s*Năm\s+({YEAR})\s*:", re.IGNORECASE)  # "- Năm 2023: 132 xã"
ANNUAL = Phrases(("hằng năm", "hàng năm", "mỗi năm", "trong năm", "năm nào cũng"),
                 "a yearly target: it holds every year of its period")

# --- windows (characters) ------------------------------------------------------------------------
NORM_WINDOW = 20  # a floor or ceiling this close before the value makes it a norm
COMPARATOR_WINDOW = 25  # the comparator is read in this many characters before the value
MAX_TAIL_WORDS = 20  # words said of a counted thing after it, at most
SHORT_TAIL_WORDS = 10  # kept of its first clause when the tail runs longer
