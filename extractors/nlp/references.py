"""Document numbers cited in the text: full ("37-NQ/TU", "10/CTr-UBND") and partial ("Nghị quyết số 20")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from vanban.extractors.nlp.kinds import KIND_PATTERN, kind_at_start, kind_of_code
from vanban.extractors.nlp.spans import Taken
from vanban.identity import cites
from vanban.model import PartialReference, Reference

_SP = r"[ \t\u00a0]*"
_CODE = r"[A-ZĐ][A-Za-zĐđ]{0,7}"  # "NQ", "CTr", "QĐi"; an official letter's organ code in its place: "BVHTTDL"
# An issuer code; an official letter's drafting unit may hold dots ("11554/VPCP-V.I").
_ORG = r"[A-ZĐƯ][A-Za-zĐđƯư0-9]{0,11}(?:\.[A-ZĐ][A-Za-zĐđ0-9]{0,3})*"
# Numbers run to five digits in ministries' official letters ("10989/BNV-TCBC") and keep their
# leading zeros ("02125/QĐ-UBND").
# Party style: number-KIND/ISSUER ("37-NQ/TU", "37 - NQ/TU", "08-QĐi/TW").
_PARTY = rf"(?P<pn>\d{{1,5}}){_SP}[-–]{_SP}(?P<pcode>{_CODE}){_SP}/{_SP}(?P<porg>{_ORG})"
# State style: number[/year]/KIND-ISSUER ("10/CTr-UBND", "56/2020/NQ-HĐND", "749/QĐ-TTg").
_STATE = (rf"(?P<sn>\d{{1,5}}){_SP}(?:/(?P<year>\d{{4}}))?/{_SP}(?P<scode>{_CODE}){_SP}-{_SP}"
          rf"(?P<sorg>{_ORG}(?:-{_ORG})*)")
# Laws: number/year/legislature ("77/2015/QH13").
_LAW = r"(?P<ln>\d{1,4})/(?P<lyear>\d{4})/(?P<lorg>(?:UBTV)?QH\d{1,2})"
FULL_NUMBER = re.compile(rf"(?<![\d/.,\w])(?:{_PARTY}|{_STATE}|{_LAW})(?![\w/])")
_PARTIAL = re.compile(rf"(?P<kind>{KIND_PATTERN}){_SP}số{_SP}(?P<n>\d{{1,4}})(?![\d.,]*{_SP}[-–/]{_SP}\w)(?!\w)",
                      re.IGNORECASE)
_RELATION = re.compile(r"(căn\s+cứ|thực\s+hiện|triển\s+khai|cụ\s+thể\s+h[óo]a|cụ\s+thể\s+hoá|quán\s+triệt|thay\s+thế)"
                       rf"\s+(?:các\s+)?{KIND_PATTERN}\s*(?:số\s*:?\s*)?$", re.IGNORECASE)


def normalise(number: str) -> str:
    """ "37 - NQ/TU" -> "37-NQ/TU": the written number without its spaces."""
    return re.sub(r"\s+", "", number).replace("–", "-")


def type_code(number: str) -> str:
    """The kind code of a full number: "NQ" in "37-NQ/TU" and in "56/2020/NQ-HĐND"."""
    m = FULL_NUMBER.fullmatch(number)
    if not m:
        return ""
    return m.group("pcode") or m.group("scode") or ""


def kind_of_number(number: str) -> str | None:
    """The kind a full number's code names, read in the number's style: "12-TT/TW" is a party
    thông tri, "110/2025/TT-BTC" a state thông tư."""
    m = FULL_NUMBER.fullmatch(number)
    if not m:
        return None
    party = m.group("pcode") is not None
    return kind_of_code(m.group("pcode") or m.group("scode") or "", party)


def issuer_code(number: str) -> str:
    m = FULL_NUMBER.fullmatch(number)
    if not m:
        return ""
    return m.group("porg") or m.group("sorg") or m.group("lorg") or ""


@dataclass(slots=True)
class Citations:
    full: list[Reference]
    partial: list[PartialReference]


def relation_before(text: str, start: int, floor: int = 0) -> str:
    window = text[max(floor, start - 80):start]
    # the citation's kind words sit between the relation word and the number
    m = _RELATION.search(window)
    return re.sub(r"\s+", " ", m.group(1)).lower() if m else ""


def find_citations(text: str, own_number: str = "") -> Citations:
    own = normalise(own_number) if own_number else ""
    full: list[Reference] = []
    taken = Taken()
    for m in FULL_NUMBER.finditer(text):
        taken.add(*m.span())
        number = normalise(m.group())
        if number == own:
            continue
        full.append(Reference(number=number, text=m.group(), start=m.start(), end=m.end(),
                              relation=relation_before(text, m.start())))
    partial: list[PartialReference] = []
    for m in _PARTIAL.finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        partial.append(PartialReference(kind=kind_at_start(m.group("kind")) or "other", number=m.group("n"),
                                        text=m.group(), start=m.start(), end=m.end(),
                                        relation=relation_before(text, m.start())))
    return Citations(full, partial)


def resolve_partials(citations: Citations) -> Citations:
    """Partial citations that name exactly one number cited in full in the same text become full
    references (text kept as written)."""
    still: list[PartialReference] = []
    full = list(citations.full)
    for p in citations.partial:
        numbers = {r.number for r in citations.full if cites(p.kind, p.number, r.number)}
        if len(numbers) == 1:
            full.append(Reference(number=numbers.pop(), text=p.text, start=p.start, end=p.end,
                                  relation=p.relation))
        else:
            still.append(p)
    full.sort(key=lambda r: r.start)
    return Citations(full, still)
