"""Header metadata (DocMeta): kind, number, issuer, level, place, date, title, term.

Two shapes of input: a document with its header block (issuer over "*", "Số 37-NQ/TU",
"Place, ngày d tháng m năm y", the kind in capitals, the trích yếu), and a web page about a
document (headline, dateline, lead). A page that presents a document's full text takes that
document's kind and number; a news report is kind "news" and carries a number only when its
headline restates the trích yếu of the document whose issuing it reports.
"""

from __future__ import annotations

import re

from vanban.extractors.nlp.dates import FULL_NUMERIC, FULL_WORDS, date_value, iso
from vanban.extractors.nlp.kinds import CODE_KINDS, KIND_PATTERN, kind_at_start, kind_of_words
from vanban.extractors.nlp.references import FULL_NUMBER, issuer_code, normalise, type_code
from vanban.extractors.nlp.structure import LOWER, UPPER, Structure, is_upper_line
from vanban.folding import fold
from vanban.model import DocMeta

HEAD = 1500  # the header block and lead sit in the first characters

# "Số 37-NQ/TU" opens its line, or follows the "*" under the issuer when a table header is flattened.
_NUMBER_LINE = re.compile(rf"(?:^|\n|[*|][ \t]*)[ \t]*Số[ \t]*:?\s*(?P<number>{FULL_NUMBER.pattern})")
_EMPTY_NUMBER_LINE = re.compile(r"(?:^|\n)[ \t]*Số[ \t]*:?[ \t\n]*[-/](?P<code>[A-ZĐ][A-Za-zĐđ]{0,5})\b")
_PLACE_DATE = re.compile(rf"(?<!\w)(?P<place>[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]+){{0,3}})\s*,\s*"
                         r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_ANCHOR = re.compile(r"^(?:cong hoa|cong$|dang cong san|so\b|so:)")
_TERM = re.compile(r"nhiệm\s+kỳ\s+(\d{4})\s*[-–—]\s*(\d{4})", re.IGNORECASE)
_KHOA = re.compile(r"\bkh(?:óa|oá|oa)\s+([IVXL]{1,6})\b", re.IGNORECASE)
_ISSUING = re.compile(r"\b(?:ban\s+hành|thông\s+qua|ký\s+ban\s+hành)\b", re.IGNORECASE)
_ORGAN = re.compile(r"(?:Ban\s+(?:Thường\s+vụ|Chấp\s+hành)\s+)?(?:(?:Tỉnh|Huyện|Thành|Quận|Thị)\s+[ỦủUu][ỷy]"
                    r"|Đảng\s+[ủu][ỷy]|Đảng\s+bộ(?:\s+(?:tỉnh|huyện|xã|thành\s+phố|thị\s+xã|phường))?"
                    r"|UBND|Ủy\s+ban\s+nhân\s+dân|HĐND|Hội\s+đồng\s+nhân\s+dân)"
                    r"(?:\s+(?:tỉnh|huyện|xã|thành\s+phố|thị\s+xã|phường|quận))?" rf"(?:[ \t]+[{UPPER}][{LOWER}]*){{0,3}}")

# "TƯ" is left out: it is as often an OCR'd "TU" as Trung ương, so the issuer's words decide.
_PARTY_LEVEL = {"TW": "central", "TU": "province", "TƯU": "province", "HU": "district",
                "QU": "district", "ThU": "district", "TX": "district", "THU": "district", "ĐU": "commune",
                "ĐUK": "province"}


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def level_of(number: str, issuer: str) -> str:
    org = issuer_code(number)
    for suffix in sorted(_PARTY_LEVEL, key=len, reverse=True):
        if org.endswith(suffix):  # "BTGTU" is the Tỉnh ủy's Ban Tuyên giáo
            return _PARTY_LEVEL[suffix]
    words = fold(issuer)
    if re.search(r"\b(?:trung uong|bo chinh tri|ban bi thu|quoc hoi|chinh phu|thu tuong)\b", words):
        return "central"
    if re.search(r"\b(?:thi xa|thi uy|huyen|quan|thanh pho|thanh uy)\b", words):
        return "district"
    if re.search(r"\b(?:xa|phuong|thi tran|dang uy)\b", words):
        return "commune"
    if re.search(r"\btinh\b", words):
        return "province"
    if org in ("TTg", "CP") or org.startswith("B"):
        return "central"
    return "unknown"


_SUPERIOR = re.compile(r"^ĐẢNG\s+BỘ\s+.*?\s(?=(?:BAN\s+THƯỜNG\s+VỤ\s+|BAN\s+CHẤP\s+HÀNH\s+)?"
                       r"(?:HUYỆN|TỈNH|THÀNH|QUẬN|THỊ|ĐẢNG)\s+[ỦU][ỶY])")


def _header_issuer(st: Structure) -> str:
    """The capitals above the anchor ("ĐẢNG CỘNG SẢN", "CỘNG HÒA", "Số"), without the superior
    committee a party header names first ("ĐẢNG BỘ TỈNH ... / HUYỆN ỦY ...")."""
    return _SUPERIOR.sub("", _header_block(st)).strip()


def _header_block(st: Structure) -> str:
    first = st.lines[0].stripped if st.lines else ""
    flat = re.match(r"([^*|]+?)\s*(?:\*|\bSố\b)", first)
    if flat and is_upper_line(flat.group(1)):  # a table header flattened to one line
        return _clean(flat.group(1))
    for i, line in enumerate(st.lines[:40]):
        if _ANCHOR.match(fold(line.stripped)):
            block: list[str] = []
            for prev in reversed(st.lines[:i]):
                s = prev.stripped
                if not s or set(s) <= set("*-|_=. "):
                    if block:
                        break
                    continue
                if not is_upper_line(s):
                    break
                block.insert(0, s)
            return _clean(" ".join(block))
    return ""


def _kind_line(st: Structure) -> tuple[str, int, str] | None:
    """The kind written in capitals ("NGHỊ QUYẾT", OCR'd "K ÉT LUẬN"), the index of its line and
    what follows the kind words on that line ("KẾ HOẠCH TRIỂN KHAI ..." when title and kind share it)."""
    prefixed = None
    for i, line in enumerate(st.lines):
        if line.start > HEAD + 500:
            break
        s = line.stripped
        if not s or not is_upper_line(s):
            continue
        kind = kind_of_words(s) if len(s) < 40 else None
        if kind:
            return kind, i, ""
        m = re.match(KIND_PATTERN, s, re.IGNORECASE)
        if prefixed is None and m and len(s) < 200:
            prefixed = (kind_at_start(m.group()) or "other", i, s[m.end():].strip())
    return prefixed


# Lines that open the body: the trích yếu ends before them.
_BODY_START = re.compile(r"(?:Căn cứ|[IVX]+\s*[.\-–]|Phần|PHẦN|\d+\.\s|Thực hiện|Hội nghị|Ban Chấp hành)")
# A capitals line naming who adopted the document ("CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH", "HỘI NGHỊ LẦN
# THỨ BẢY"), standing between the kind and a "về ..." trích yếu.
_ADOPTED_BY = re.compile(r"(?:CỦA|HỘI NGHỊ|BAN CHẤP HÀNH|BAN THƯỜNG VỤ)\b")
# A state document names its enacting organ in capitals after the trích yếu, before "Căn cứ".
_ENACTED_BY = re.compile(r"(?:[ỦU][ỶY] BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|CHỦ TỊCH|THƯỜNG TRỰC)\b")


def _title_after(st: Structure, index: int, first: str = "") -> str:
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
        if (_BODY_START.match(s) and not title_first) or (parts and _ENACTED_BY.match(s)):
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
    return _clean(" ".join(parts))


def _headline(st: Structure) -> tuple[str, int]:
    """The first line that is neither a dateline nor a byline."""
    for line in st.lines[:6]:
        s = line.stripped
        if len(s) > 60 or (len(s) > 20 and not FULL_NUMERIC.search(s)):
            return s, line.start
    return "", 0


def _dateline(st: Structure) -> str:
    """A short line near the top that is mostly a date: "02/11/2020 | 05:06", "N.Tâm - 15:09, 13/10/2020"."""
    for line in st.lines[:8]:
        s = line.stripped
        m = FULL_NUMERIC.search(s) or FULL_WORDS.search(s)
        if m and len(s) <= 60 and len(s) - len(m.group()) <= 35:
            value = date_value(m)
            if value:
                return value
    return ""


def _closing_day(text: str) -> str:
    """A congress adopts its resolution on its closing day: "diễn ra từ ngày 5 ... đến ngày 6 tháng 8 năm 2020"."""
    m = re.search(r"từ\s+ngày\s+[^.;\n]{1,40}?\s+đến\s+(?=ngày)", text[:HEAD])
    if m:
        day = re.compile(r"ngày\s+").match(text, m.end())
        d = FULL_WORDS.match(text, m.end()) or (FULL_NUMERIC.match(text, day.end()) if day else None)
        if d:
            return date_value(d) or ""
    return ""


def _syllables(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", fold(text)) if len(w) > 1}


def _date_near(text: str, start: int, end: int) -> str:
    """The full date written right after a citation ("..., ngày 18/8/2021") or opening its sentence."""
    after = text[end:end + 40]
    m = re.match(r"\s*,?\s*(?:ngày\s*)?", after)
    for pattern in (FULL_NUMERIC, FULL_WORDS):
        d = pattern.match(after, m.end()) if m else None
        if d is None and pattern is FULL_WORDS:
            d = FULL_WORDS.match(after, (m.end() - len("ngày ")) if m and "ngày" in m.group() else 0)
        if d:
            return date_value(d) or ""
    before = text[max(0, start - 200):start]
    sentence_start = max(before.rfind(". "), before.rfind("\n"))
    lead = before[sentence_start + 1:]
    d = FULL_NUMERIC.search(lead) or FULL_WORDS.search(lead)
    if d:
        return date_value(d) or ""
    return ""


def _issuer_near(text: str, start: int, end: int) -> str:
    after = re.match(r"[^.;\n]{0,60}?\b(?:của|bởi)\s+", text[end:end + 80])
    if after:
        m = _ORGAN.match(text, end + after.end())
        if m:
            return _clean(m.group())
    before = text[max(0, start - 160):start]
    organs = list(_ORGAN.finditer(before))
    return _clean(organs[-1].group()) if organs else ""


def _cited_document(st: Structure, kind: str | None, headline: str, news: bool):
    """The citation in the lead that names this document, per the rules in the module docstring."""
    text = st.text
    lead_end = min(len(text), HEAD)
    head_words = _syllables(headline)
    for m in FULL_NUMBER.finditer(text, 0, lead_end):
        before = text[max(0, m.start() - 40):m.start()]
        km = re.search(rf"({KIND_PATTERN})\s*(?:số\s*)?$", before, re.IGNORECASE)
        cited_kind = kind_at_start(km.group(1)) if km else CODE_KINDS.get(type_code(m.group()))
        if not news:
            if kind and cited_kind == kind:
                return m
            continue
        a, b = st.sentence_at(m.start())
        sentence = text[a:b]
        if not _ISSUING.search(sentence) or not head_words:
            continue
        if len(head_words & _syllables(sentence)) / len(head_words) >= 0.8:
            return m
    return None


def extract_metadata(text: str, st: Structure | None = None) -> DocMeta:
    st = st or Structure(text)
    meta = DocMeta()
    head = text[:HEAD + 500]
    number_m = _NUMBER_LINE.search(head)
    place_m = _PLACE_DATE.search(head)
    kind_line = _kind_line(st)
    formal = bool(number_m or _EMPTY_NUMBER_LINE.search(head) or place_m
                  or re.search(r"CỘNG\s+HÒA\s+XÃ|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM", head))
    headline, _ = _headline(st)
    if formal:
        meta.issuer = _header_issuer(st)
        if number_m:
            meta.number = normalise(number_m.group("number"))
        code = type_code(meta.number) if meta.number else ((_EMPTY_NUMBER_LINE.search(head) or {}) and
                                                           _EMPTY_NUMBER_LINE.search(head).group("code"))
        meta.kind = (kind_line[0] if kind_line else None) or CODE_KINDS.get(code or "", "other")
        if place_m:
            meta.place = _clean(place_m.group("place"))
            meta.date = iso(int(place_m["y"]), int(place_m["m"]), int(place_m["d"])) or ""
        else:  # a header date without its place, above the kind line
            header_end = st.lines[kind_line[1]].start if kind_line else min(len(text), 400)
            d = FULL_WORDS.search(text, 0, header_end)
            meta.date = (date_value(d) or "") if d else ""
        if kind_line:
            meta.title = _title_after(st, kind_line[1], kind_line[2])
    else:
        full_text = bool(re.search(r"toàn\s+văn", text[:800], re.IGNORECASE))
        structured = bool(re.search(r"\n\s*(?:I|1)\s*[.\-–]\s*\S", text[:1200]))
        kind = kind_line[0] if kind_line else kind_at_start(headline)
        presents = kind is not None and (full_text or kind_line is not None or structured)
        meta.kind = kind if presents else ("news" if headline else "other")
        meta.title = _clean(headline).rstrip(".")
        cited = _cited_document(st, kind if presents else None, headline, news=not presents)
        if cited:
            meta.number = normalise(cited.group())
            meta.date = _date_near(text, cited.start(), cited.end())
            meta.issuer = _issuer_near(text, cited.start(), cited.end())
        if not meta.date and meta.kind == "nghi_quyet" and re.search(r"đại\s+hội", headline, re.IGNORECASE):
            meta.date = _closing_day(text)
        if not meta.date:
            meta.date = _dateline(st)
        if not meta.issuer:
            organ = _ORGAN.search(text[:HEAD])
            meta.issuer = _clean(organ.group()) if organ else ""
    meta.level = level_of(meta.number, meta.issuer)
    # the document's own term is named in its header and title, not in the documents it cites
    body = re.search(r"\n\s*(?:Căn\s+cứ|Thực\s+hiện|[IVX]+\s*[.\-–]\s)", text[:HEAD])
    own = text[:body.start() if body else min(len(text), 600)]
    term = _TERM.search(own)
    if term:
        meta.term = f"{term[1]}-{term[2]}"
    else:
        khoa = _KHOA.search(own)
        meta.term = f"khóa {khoa[1].upper()}" if khoa else ""
    return meta
