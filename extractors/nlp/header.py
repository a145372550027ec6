"""The header block of a document: where it is, and the number, dateline, kind line and trích yếu.

A header opens with the issuer in capitals (top left) beside the national motto "CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM" or "ĐẢNG CỘNG SẢN VIỆT NAM" (top right), then "Số: 10/CTr-UBND" (or party style
"Số 37-NQ/TU"), the dateline "Lạc Giang, ngày 5 tháng 2 năm 2022", and either the kind in capitals
with the trích yếu under it, or, for an official letter (công văn), a "V/v ..." subject under the
number and "Kính gửi:" before the body. Text taken from a web page or a PDF breaks all of this over
lines anywhere ("ỦY BAN NHÂN / DÂN", "QUYẾT / ĐỊNH", "Số:" with the number on the next line), and a
page may put a summary of the document before it: the header is looked for in the first
``LEAD`` characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vanban.extractors.nlp.kinds import KIND_PATTERN, kind_at_start, kind_of_words
from vanban.extractors.nlp.references import FULL_NUMBER, normalise
from vanban.extractors.nlp.structure import LOWER, UPPER, Structure, is_upper_line
from vanban.folding import fold

HEAD = 1500  # the header block and lead sit in the first characters after the header starts
LEAD = 6000  # a page may put this much summary before the document it presents

_MOTTO = re.compile(r"^(?:cong hoa|cong$|dang cong san)")
# "Số 37-NQ/TU" opens its line, or follows the "*" under the issuer when a table header is flattened.
_NUMBER_LINE = re.compile(r"(?:^|\n|[*|][ \t]*)[ \t]*Số[ \t]*[:.]?\s*(?P<number>\d[^\s,;]*)")
# An official letter's number need not fit FULL_NUMBER ("11554/VPCP-V.I"): any digits/letters code.
_ANY_NUMBER = re.compile(r"\d{1,6}(?:/\d{4})?[ \t]*[-/–][ \t]*[A-ZĐ][\w.&]*(?:[ \t]*[-/–][ \t]*[\w.&]+)*")
_EMPTY_NUMBER_LINE = re.compile(r"(?:^|\n)[ \t]*Số[ \t]*:?[ \t\n]*[-/](?P<code>[A-ZĐ][A-Za-zĐđ]{0,5})\b")
PLACE_DATE = re.compile(rf"(?<!\w)(?P<place>[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]+){{0,3}})\s*,\s*"
                        r"ngày\s*(?P<d>\d{1,2})\s*(?:tháng\s*|[/.-]\s*)(?P<m>\d{1,2})\s*(?:năm\s*|[/.-]\s*)(?P<y>\d{4})")
_SUBJECT = re.compile(r"^(?:V/v|V/V|v/v|Về\s+việc)\b\.?\s*:?\s*")
_ADDRESSED = re.compile(r"^Kính\s*$|^Kính\s+gửi\b", re.IGNORECASE)
# Lines that open the body: the header ends before them.
BODY_START = re.compile(r"(?:Căn cứ|[IVX]+\s*[.\-–]|Phần|PHẦN|\d+\.\s|Thực hiện|Hội nghị|Ban Chấp hành|Kính gửi|"
                        r"Điều\s+1\b)")



def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass(slots=True)
class Header:
    first: int  # index of the header's first line (the issuer block)
    anchor: int  # index of the motto or number line the header was found by
    start: int  # offset of the first line

    def region(self, text: str, size: int = HEAD + 500) -> tuple[int, str]:
        return self.start, text[self.start:self.start + size]


def _is_rule(s: str) -> bool:
    return bool(s) and set(s) <= set("*-|_=. ")


def find_header(st: Structure) -> Header | None:
    """The header: the motto (or a "Số" line) in the first LEAD characters, with a number or a
    dateline close under it, and the capitals block of the issuer above it."""
    for i, line in enumerate(st.lines):
        if line.start > LEAD:
            break
        folded = fold(line.stripped)
        if not (_MOTTO.match(folded) or (len(folded) < 40 and re.match(r"so\s*[:.]?\s*(?:\d|[-/]|$)", folded))):
            continue
        below = st.text[line.start:line.start + 600]
        if not (_NUMBER_LINE.search(below) or _EMPTY_NUMBER_LINE.search(below) or PLACE_DATE.search(below)):
            continue
        first = i
        for j in range(i - 1, max(-1, i - 12), -1):
            s = st.lines[j].stripped
            if not s or _is_rule(s):
                continue
            if not is_upper_line(s) or len(s) > 120:
                break
            first = j
        return Header(first, i, st.lines[first].start)
    flat = st.lines[0].stripped if st.lines else ""
    if re.match(r"[^*|]+?\s*(?:\*|\bSố\b)", flat) and is_upper_line(flat.split("*")[0].split("Số")[0] or "x"):
        return Header(0, 0, 0)  # a table header flattened to one line
    return None


_MOTTO_WORDS = re.compile(r"CỘNG\s+H[ÒO]À?\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|"
                          r"Độc\s+lập\s*-\s*Tự\s+do\s*-\s*Hạnh\s+phúc", re.IGNORECASE)


def _capitals(lines: list[str]) -> str:
    """The capitals lines joined, the motto taken out (it may be broken over lines too)."""
    kept = [s.strip(" |*") for s in lines if s and not _is_rule(s) and is_upper_line(s.strip(" |*"))]
    return clean(_MOTTO_WORDS.sub(" ", " ".join(kept)))


def issuer_block(st: Structure, header: Header) -> str:
    """The issuer's capitals, its superior included ("ĐẢNG BỘ TỈNH ... / HUYỆN ỦY ..."; ``organs``
    reads them): above the anchor, or between the motto and the number when a page reads the
    right column first."""
    first = st.lines[header.first].stripped
    flat = re.match(r"([^*|]+?)\s*(?:\*|\bSố\b)", first)
    if header.first == header.anchor == 0 and flat and is_upper_line(flat.group(1)):
        block = _capitals([flat.group(1)])  # a table header flattened to one line
    else:
        block = _capitals([st.lines[j].stripped for j in range(header.first, header.anchor)])
        if not block:
            below = []
            for line in st.lines[header.anchor + 1:header.anchor + 12]:
                if re.match(r"Số\b|SỐ\b", line.stripped) or PLACE_DATE.search(line.stripped):
                    break
                below.append(line.stripped)
            block = _capitals(below)
    return block


def read_number(head: str) -> tuple[str, str]:
    """(number, kind code of an unnumbered "Số: /KH-UBND") from the header text."""
    m = _NUMBER_LINE.search(head)
    if m:
        full = FULL_NUMBER.match(head, m.start("number"))
        loose = _ANY_NUMBER.match(head, m.start("number"))
        best = max((x for x in (full, loose) if x), key=lambda x: x.end(), default=None)
        if best:
            return normalise(best.group()).rstrip(".-/"), ""
    empty = _EMPTY_NUMBER_LINE.search(head)
    return "", empty.group("code") if empty else ""


def subject_line(st: Structure, header: Header) -> tuple[str, int] | None:
    """An official letter's "V/v ..." subject (its trích yếu) in the header, with its line index."""
    for i in range(header.anchor, min(len(st.lines), header.anchor + 25)):
        s = st.lines[i].stripped
        if _SUBJECT.match(s):
            parts = [_SUBJECT.sub("", s)]
            for line in st.lines[i + 1:i + 5]:
                t = line.stripped
                if not t or PLACE_DATE.search(t) or re.match(r"[A-ZĐ][^\s,]*\s*,\s*ngày|ngày\s+\d", t) \
                        or _ADDRESSED.match(t):
                    break
                parts.append(t)
            return clean(" ".join(parts)), i
        if _ADDRESSED.match(s) or BODY_START.match(s):
            break
    return None


def addressed(st: Structure, header: Header | None) -> bool:
    """Whether the text opens with "Kính gửi:" (after its header, if any): an official letter."""
    first = header.anchor if header else 0
    for line in st.lines[first:first + 30]:
        if _ADDRESSED.match(line.stripped):
            return True
        if header is None and line.stripped:
            return False
    return False


def kind_line(st: Structure, first: int = 0, limit: int | None = None) -> tuple[str, int, str] | None:
    """The kind written in capitals ("NGHỊ QUYẾT", "QUYẾT / ĐỊNH" broken, OCR'd "K ÉT LUẬN"), the index
    of its (last) line and what follows the kind words on that line ("KẾ HOẠCH TRIỂN KHAI ...")."""
    prefixed = None
    end = limit if limit is not None else (st.lines[first].start if first < len(st.lines) else 0) + HEAD + 500
    for i in range(first, len(st.lines)):
        line = st.lines[i]
        if line.start > end:
            break
        s = line.stripped
        if _ADDRESSED.match(s):
            break
        if not s or not is_upper_line(s):
            continue
        kind = kind_of_words(s) if len(s) < 40 else None
        if kind:
            return kind, i, ""
        nxt = st.lines[i + 1].stripped if i + 1 < len(st.lines) else ""
        if len(s) < 20 and nxt and is_upper_line(nxt) and len(nxt) < 40:
            joined = kind_of_words(f"{s} {nxt}")  # "QUYẾT / ĐỊNH"
            if joined:
                return joined, i + 1, ""
            m = re.match(KIND_PATTERN, f"{s} {nxt}", re.IGNORECASE)
            if m and len(m.group()) > len(s) and prefixed is None:
                prefixed = (kind_at_start(m.group()) or "other", i + 1, f"{s} {nxt}"[m.end():].strip())
        m = re.match(KIND_PATTERN, s, re.IGNORECASE)
        if prefixed is None and m and len(s) < 200:
            prefixed = (kind_at_start(m.group()) or "other", i, s[m.end():].strip())
    return prefixed


# A capitals line naming who adopted the document ("CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH", "HỘI NGHỊ LẦN
# THỨ BẢY"), standing between the kind and a "về ..." trích yếu.
_ADOPTED_BY = re.compile(r"(?:CỦA|HỘI NGHỊ|BAN CHẤP HÀNH|BAN THƯỜNG VỤ)\b")
# A state document names its enacting organ in capitals after the trích yếu, before "Căn cứ"; a
# telegram names who sends it ("THỦ TƯỚNG CHÍNH PHỦ điện:").
_ENACTED_BY = re.compile(r"(?:[ỦU][ỶY] BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|CHỦ TỊCH|THƯỜNG TRỰC|BỘ TRƯỞNG|"
                         r"THỦ TƯỚNG|CHÍNH PHỦ|QUỐC HỘI)\b|.*\bđiện\s*:\s*$")


def title_after(st: Structure, index: int, first: str = "") -> str:
    """The trích yếu on the lines after the kind line, up to a blank line, a rule or the body."""
    parts: list[str] = [first] if first else []
    for line in st.lines[index + 1:index + 8]:
        s = line.stripped
        if not s or set(s) <= set("-—–*|_ "):
            if parts:
                break
            continue
        # "Thực hiện Nghị quyết số 09-NQ/TU ..." right under the kind is the trích yếu, not the body
        title_first = not parts and s.startswith("Thực hiện") and len(s) <= 150 and not s.endswith(":")
        if (BODY_START.match(s) and not title_first) or (parts and _ENACTED_BY.match(s)):
            break
        # the trích yếu keeps its case from line to line, except a lower-case "về ..." after capitals
        if parts and is_upper_line(s) != is_upper_line(parts[-1]) and not re.match(r"[Vv]ề\s", s):
            break
        parts.append(s)
        if s[-1] in ".;":
            break
    about = next((i for i, part in enumerate(parts) if part.startswith("về ")), None)
    if about and _ADOPTED_BY.match(parts[0]) and all(is_upper_line(part) for part in parts[:about]):
        parts = parts[about:]
    return clean(" ".join(parts))
