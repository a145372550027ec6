"""Numbers with their units: every quantity of the text, each either a reported figure or a target.

A quantity is a Vietnamese number (or a ratio "16/18", or a range "6,5-7") and the unit written
after it ("%", "tỷ đồng", "đảng viên", "xã, phường, thị trấn"). The unit is read on underthesea's
words, so "đảng viên mới" ends after "đảng viên" and "điểm phát sóng wifi miễn phí" after "wifi".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from vanban.extractors.nlp.kinds import KIND_PATTERN
from vanban.extractors.nlp.numbers import NUMBER, YEAR, parse_number
from vanban.extractors.nlp.spans import Taken

# No line break before a range's dash: "NĂM 2025\n- 100% ..." is a year, then a bullet.
_EXPR = re.compile(rf"(?<![\w.,/+:\[])(?P<a>{NUMBER})(?:[ \t]*(?P<op>/|[-–—]|đến)\s*(?P<b>{NUMBER}))?"
                   r"(?![\w:]|[.,]\d|\]|/\d)")
_PERCENT = re.compile(r"\s*%(?:\s*/\s*(?:năm|tháng|quý))?")
_SCALE = re.compile(r"\s+(?:nghìn|ngàn|triệu|tỷ|tỉ|vạn)(?=\s)")
_MEASURE = re.compile(r"\s+(?:đồng|USD|usd|EUR|tấn|ha|héc-ta|hecta|km2|km²|km|m2|m²|m3|m³|m|kg|lít|MW|kW|kWh|GWh"
                      r"|lượt(?:\s+(?:người|khách))?|lần|ngày|tháng|năm|giờ|USD)(?!\w)"
                      r"(?:\s*/\s*(?:người|năm|tháng|ngày|ha|hộ|người/năm))*")
# Words before a number that make it a name, an ordinal or a section, not a quantity.
# "số" before a colon is the label of a number ("Số: 15") only at the start of a line; inside a phrase
# it ends a name ("môi trường số: 20.701 lượt").
_NOT_QUANTITY_BEFORE = re.compile(rf"(?:(?:^|\n)[ \t]*[Ss]ố\s*:\s*$)|(?:\bthứ|\bsố(?!\s*:)|\bĐiều|\bđiều|\bkhoản|\bPhụ\s+lục|\bphụ\s+lục|\bMục|\bChương|\bPhần"
                                  rf"|\bkhóa|\bkhoá|\bKhóa|{KIND_PATTERN}|\bQuyết\s+nghị|\bmạng|\btầng)\s*:?\s*$",
                                  re.IGNORECASE)
# A place in a league table, not an ordinal: "đứng thứ 04/34 tỉnh, thành phố", "xếp thứ 9 cả nước",
# "vươn lên vị trí thứ 12", "xếp hạng 15/63". Its unit is RANK (lower is better: checks/units.py).
_RANK_BEFORE = re.compile(r"(?<!\w)(?:đứng|xếp|vươn lên|tụt xuống|lên|xuống|giữ vững)\s+(?:ở\s+)?(?:vị trí\s+)?"
                          r"(?:thứ|hạng|hạng thứ)\s*$", re.IGNORECASE)
RANK = "thứ hạng"
_PER_POPULATION = re.compile(r"\s+(?:trên|/)\s*(?:một|1|mỗi)?\s*(?:vạn|nghìn|ngàn|triệu|10\.000|1\.000|100\.000)"
                             r"\s+(?:dân|người dân|dân số)(?!\w)", re.IGNORECASE)
_HEADING_NUMBER = re.compile(r"(?:^|\n)[ \t]*(?:[-+•]\s*)?$")
# A bare number after a comparator, ending its clause, is the level of an index.
_BARE_LEVEL_BEFORE = re.compile(r"(?<!\w)(?:trên|dưới|tối thiểu|ít nhất|không dưới|không quá|tối đa|duy trì)\s*$",
                                re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s*(?:[.;]|$)")
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")

# Words that end a unit phrase: verbs, prepositions, comparators, qualifiers.
_STOP = {
    "đã", "đang", "sẽ", "được", "đạt", "và", "hoặc", "có", "là", "của", "trong", "tại", "cho", "với", "so",
    "so với", "theo", "trên", "dưới", "về", "đến", "từ", "vượt", "tăng", "giảm", "còn", "mới", "chính thức",
    "khách mời", "hoàn thành", "nâng cao", "miễn phí", "đạt chuẩn", "trở lên", "như", "gồm", "bao gồm",
    "thuộc", "ở", "nhằm", "để", "thì", "mà", "này", "đó", "các", "những", "cả", "một", "khoảng", "gần",
    "hơn", "nhất", "thực hiện", "triển khai", "tham gia", "đi", "vào", "ra", "lên", "xuống", "bình quân",
    "hằng năm", "hàng năm", "mỗi", "năm", "trở xuống", "tham dự", "dự", "đạt được", "còn lại", "đến nay",
    "kèm theo", "tương ứng", "trực tiếp", "sau", "trước", "nữa", "ước", "khi", "nhưng", "cùng", "đồng thời",
    "chưa", "không", "khó", "vẫn", "trở", "đều", "cũng", "phải", "cần", "bị", "hiện", "hiện có", "trở thành",
}
# Nouns that continue a unit across a comma: "huyện, thị xã, thành phố", "đảng bộ, chi bộ cơ sở".
_LIST_NOUNS = {"xã", "phường", "thị trấn", "huyện", "thị xã", "thành phố", "quận", "tỉnh", "đảng bộ", "chi bộ",
               "thôn", "bản", "tổ dân phố", "khu phố", "làng", "ấp", "khóm", "cơ quan", "đơn vị", "doanh nghiệp",
               "hợp tác xã", "trường", "trạm"}
MAX_UNIT_WORDS = 3


@dataclass(slots=True)
class Quantity:
    value: float
    of: float | None
    value_max: float | None
    unit: str
    start: int  # the number
    end: int  # the end of the unit
    measure: bool  # "%", money, weight, ... (a property of what precedes), not a count of things


class Words:
    """The word spans of the spaCy doc, for reading unit phrases."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self.starts = [a for a, _ in spans]

    def from_offset(self, offset: int):
        i = bisect.bisect_left(self.starts, offset)
        if i > 0 and self.spans[i - 1][1] > offset:
            # a word the tokenizer joined across the number's end ("28/30 xã"): its part after it
            yield offset, self.spans[i - 1][1]
        while i < len(self.spans):
            yield self.spans[i]
            i += 1


def _unit_phrase(text: str, pos: int, words: Words) -> tuple[int, int]:
    """(start, end) of the noun phrase naming what was counted, starting after ``pos``."""
    start = end = None
    count = 0
    comma = False
    last = pos
    for a, b in words.from_offset(pos):
        gap = text[last:a]
        last = b
        if gap.count("\n") > 1 or gap.strip():
            break
        word = re.sub(r"\s+", " ", text[a:b])
        low = word.lower()
        if word == ",":
            if start is None or comma:
                break
            comma = True
            continue
        if comma and low not in _LIST_NOUNS:
            break
        if not comma and count >= MAX_UNIT_WORDS:
            break
        if not re.search(r"[^\W\d_]", word) or low in _STOP or any(ch.isdigit() for ch in word):
            break
        if start is None:
            start = a
        if comma:
            count = 1  # each listed noun starts its own short phrase
        comma = False
        end = b
        count += 1
    return (start, end) if start is not None else (pos, pos)


def scan_quantities(text: str, words: Words, taken: Taken) -> list[Quantity]:
    found: list[Quantity] = []
    for m in _EXPR.finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        before = text[max(0, m.start() - 25):m.start()]
        if _RANK_BEFORE.search(before) and m["op"] in (None, "/"):
            found.append(Quantity(parse_number(m["a"]), parse_number(m["b"]) if m["b"] else None, None, RANK,
                                  m.start(), m.end(), True))
            continue
        if _NOT_QUANTITY_BEFORE.search(before):
            continue
        after = text[m.end():m.end() + 3]
        if _HEADING_NUMBER.search(before) and re.match(r"[.)]\s|\.\d|\s*\|", after):
            continue  # "1. ", "2) ", "1.1." open a section; "3 |" numbers a table row
        if _HEADING_NUMBER.search(before) and _LINE_END.match(text, m.end()):
            continue  # a number alone on its line: a page number, or a table cell read elsewhere
        if text[m.start() - 1:m.start()] == "-" and text[m.start() - 2:m.start() - 1].isalpha():
            continue  # "COVID-19"
        if re.fullmatch(YEAR, m["a"]) and (not m["b"] or re.fullmatch(YEAR, m["b"])) and not _PERCENT.match(text, m.end()):
            continue  # "2021 đến 2025", "kế hoạch 2024": years without a date cue are still no quantities
        a = parse_number(m["a"])
        b = parse_number(m["b"]) if m["b"] else None
        of = value_max = None
        end = m.end()
        if m["op"] == "/":
            of = b
        elif b is not None:
            if b > a:
                value_max = b
            else:
                end = m.end("a")
        unit = _unit_after(text, end, words)
        if unit is None and _BARE_LEVEL_BEFORE.search(before) and _CLAUSE_END.match(text, end):
            unit = ("", end, True)  # "chỉ số HDI duy trì trên 0,7.": an index, a level with no unit
        if unit is None:
            continue
        found.append(Quantity(a, of, value_max, unit[0], m.start(), unit[1], unit[2]))
    return found


def _unit_after(text: str, end: int, words: Words) -> tuple[str, int, bool] | None:
    """(unit as written, where it ends, whether it is a measure) for the number ending at ``end``."""
    pm = _PERCENT.match(text, end)
    if pm:
        return "%" + re.sub(r"\s+", "", pm.group()[pm.group().index("%") + 1:]), pm.end(), True
    scale = _SCALE.match(text, end)
    after_scale = scale.end() if scale else end
    mm = _MEASURE.match(text, after_scale)
    if mm:
        unit_end, measure = mm.end(), True
    else:
        ua, ub = _unit_phrase(text, after_scale, words)
        if ua == ub and not scale:
            return None
        unit_end, measure = (ub, False) if ua < ub else (scale.end(), True)  # "2.000 tỷ": the scale alone
        per = _PER_POPULATION.match(text, ub) if ua < ub else None
        if per:
            unit_end, measure = per.end(), True  # "12 người trên một vạn dân": a rate, not a count
    unit = re.sub(r"\s+", " ", text[end:unit_end]).strip()
    return (unit, unit_end, measure) if unit else None
