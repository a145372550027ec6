"""Pages about a document rather than the document: a news report, or a page presenting a text.

A web page has a headline, a dateline and a lead. A page that presents a document's full text
takes that document's kind and number; a news report is kind "news" and carries a number only when
its headline restates the trích yếu of the document whose issuing it reports.
"""

from __future__ import annotations

import re

from vanban.extractors.nlp.dates import FULL_NUMERIC, FULL_WORDS, date_value
from vanban.extractors.nlp.header import HEAD, clean
from vanban.extractors.nlp.kinds import KIND_PATTERN, kind_at_start
from vanban.extractors.nlp.references import FULL_NUMBER, kind_of_number, normalise, relation_before
from vanban.extractors.nlp.structure import LOWER, UPPER, Structure
from vanban.folding import fold

ISSUING = re.compile(r"\b(?:ban\s+hành|thông\s+qua|ký\s+ban\s+hành)\b", re.IGNORECASE)
ORGAN = re.compile(r"(?:Ban\s+(?:Thường\s+vụ|Chấp\s+hành)\s+)?(?:(?:Tỉnh|Huyện|Thành|Quận|Thị)\s+[ỦủUu][ỷy]"
                   r"|Đảng\s+[ủu][ỷy]|Đảng\s+bộ(?:\s+(?:tỉnh|huyện|xã|thành\s+phố|thị\s+xã|phường))?"
                   r"|UBND|Ủy\s+ban\s+nhân\s+dân|HĐND|Hội\s+đồng\s+nhân\s+dân)"
                   r"(?:\s+(?:tỉnh|huyện|xã|thành\s+phố|thị\s+xã|phường|quận))?"
                   rf"(?:[ \t]+[{UPPER}][{LOWER}]*){{0,3}}")


def headline(st: Structure) -> tuple[str, int]:
    """The first line that is neither a dateline nor a byline."""
    for line in st.lines[:6]:
        s = line.stripped
        if len(s) > 60 or (len(s) > 20 and not FULL_NUMERIC.search(s)):
            return s, line.start
    return "", 0


def dateline(st: Structure) -> str:
    """A short line near the top that is mostly a date: "02/11/2020 | 05:06", "N.Tâm - 15:09, 13/10/2020"."""
    for line in st.lines[:8]:
        s = line.stripped
        m = FULL_NUMERIC.search(s) or FULL_WORDS.search(s)
        if m and len(s) <= 60 and len(s) - len(m.group()) <= 35:
            value = date_value(m)
            if value:
                return value
    return ""


def closing_day(text: str) -> str:
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


def date_near(text: str, start: int, end: int) -> str:
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


def issuer_near(text: str, start: int, end: int) -> str:
    after = re.match(r"[^.;\n]{0,60}?\b(?:của|bởi)\s+", text[end:end + 80])
    if after:
        m = ORGAN.match(text, end + after.end())
        if m:
            return clean(m.group())
    before = text[max(0, start - 160):start]
    organs = list(ORGAN.finditer(before))
    return clean(organs[-1].group()) if organs else ""


def cited_document(st: Structure, kind: str | None, title: str, news: bool):
    """The citation in the lead that names this document, per the rules in the module docstring."""
    text = st.text
    lead_end = min(len(text), HEAD)
    head_words = _syllables(title)
    for m in FULL_NUMBER.finditer(text, 0, lead_end):
        before = text[max(0, m.start() - 40):m.start()]
        km = re.search(rf"({KIND_PATTERN})\s*(?:số\s*)?$", before, re.IGNORECASE)
        cited_kind = kind_at_start(km.group(1)) if km else kind_of_number(normalise(m.group()))
        if not news:
            # a legal basis ("Căn cứ Nghị quyết số 158/2024/QH15") is another document
            if kind and cited_kind == kind and not relation_before(text, m.start()):
                return m
            continue
        a, b = st.sentence_at(m.start())
        sentence = text[a:b]
        if not ISSUING.search(sentence) or not head_words:
            continue
        if len(head_words & _syllables(sentence)) / len(head_words) >= 0.8:
            return m
    return None
