"""Header metadata (DocMeta): kind, number, issuer, level, place, date, title, term, signer.

Three shapes of input, tried in this order:

- a document with its header block (``header``): the issuer over "*" or beside the motto, "Số ...",
  "Place, ngày d tháng m năm y", the kind in capitals and the trích yếu, or an official letter's
  "V/v ..." and "Kính gửi:"; a page may put a summary before it, and the header still decides;
- a document whose header was cut off: a caption naming it ("Công văn 12/ABC-XY ngày 5/3/2025 ...
  do Cục Thuế ban hành", "(Kèm theo Công văn số 12/ABC-XY ngày 5/3/2025 của Cục Thuế)") gives its
  number, date and issuer; a text that opens with "Kính gửi:" is an official letter;
- a web page about a document (``news``): headline, dateline and lead.

The kind: the title line decides, a "V/v" subject or a "Kính gửi" makes an official letter
(công văn, whose number carries its organ's code where other kinds carry theirs: "5253/CT-CS" is
no chỉ thị), and the number's code helps when neither is there. The issuer is the full organ
(``organs``), the signer comes from the signature block (``signature``), and ``province`` places
the issuer under today's province (``vanban.admin_units``).
"""

from __future__ import annotations

import re

from vanban.extractors.nlp import news
from vanban.extractors.nlp.dates import FULL_NUMERIC, FULL_WORDS, date_value, iso
from vanban.extractors.nlp.header import (
    HEAD, PLACE_DATE, Header, addressed, clean, find_header, issuer_block, kind_line, read_number,
    subject_line, title_after,
)
from vanban.extractors.nlp.kinds import KIND_PATTERN, kind_at_start, kind_of_code
from vanban.extractors.nlp.organs import Organ, read_organ
from vanban.extractors.nlp.references import issuer_code, kind_of_number, normalise
from vanban.extractors.nlp.signature import read_signature
from vanban.extractors.nlp.structure import Structure
from vanban.model import DocMeta

_TERM = re.compile(r"nhiệm\s+kỳ\s+(\d{4})\s*[-–—]\s*(\d{4})", re.IGNORECASE)
_KHOA = re.compile(r"\bkh(?:óa|oá|oa)\s+([IVXL]{1,6})\b", re.IGNORECASE)
_DATE = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
# A page's caption of the document it holds: "Quyết định 53/2025/QĐ-UBND ngày 28/11/2025 <trích yếu>
# do Ủy ban nhân dân tỉnh X ban hành".
_CAPTION = re.compile(rf"^(?P<kind>{KIND_PATTERN})\s+(?:số\s+)?(?P<number>\d{{1,6}}(?:/\d{{4}})?[-/]\S+)"
                      rf"\s+(?:năm\s+\d{{4}}\s+)?ngày\s+(?P<date>{_DATE})\s+(?P<title>.+?)\s+do\s+"
                      r"(?P<issuer>[^\n]+?)\s+ban\s+hành\s*$", re.MULTILINE | re.IGNORECASE)
# An appendix names the document it is attached to: "(Kèm theo Công văn số 12/ABC ngày 5/3/2025 của X)".
_ATTACHED = re.compile(rf"\(\s*Kèm\s+theo\s+(?P<kind>{KIND_PATTERN})\s+(?:số\s*:?\s*)?"
                       rf"(?P<number>\d{{1,6}}(?:/\d{{4}})?[-/][^\s,;)]+)\s+ngày\s+(?P<date>{_DATE})\s+của\s+"
                       r"(?P<issuer>[^)]{3,120}?)\s*\)", re.IGNORECASE)

# "TƯ" is left out: it is as often an OCR'd "TU" as Trung ương, so the issuer's words decide.
_PARTY_LEVEL = {"TW": "central", "TU": "province", "TƯU": "province", "HU": "district",
                "QU": "district", "ThU": "district", "TX": "district", "THU": "district", "ĐU": "commune",
                "ĐUK": "province"}
_CENTRAL_CODES = ("TTg", "CP", "QH", "UBTVQH")


def level_of(number: str, issuer: str, organ: Organ | None = None) -> str:
    """The level of the issuing organ: from a party number's committee code ("12-KH/HU"), else
    from the organ (read from the header, or from the issuer's words), else from a central organ's
    code ("749/QĐ-TTg")."""
    org = issuer_code(number)
    for suffix in sorted(_PARTY_LEVEL, key=len, reverse=True):
        if org.endswith(suffix):  # "BTGTU" is the Tỉnh ủy's Ban Tuyên giáo
            return _PARTY_LEVEL[suffix]
    organ = organ or (read_organ(issuer) if issuer else None)
    if organ and organ.level:
        return organ.level
    if org in _CENTRAL_CODES or re.match(r"B[A-ZĐ]", org or ""):  # "BNV", "BTC": a ministry
        return "central"
    return "unknown"


def _date(text: str) -> str:
    d = FULL_NUMERIC.search(text) or FULL_WORDS.search(text)
    return (date_value(d) or "") if d else ""


def _from_header(st: Structure, header: Header, meta: DocMeta) -> tuple[int, Organ | None]:
    """Fill ``meta`` from the header; the offset where the body starts, and the issuing organ."""
    text = st.text
    start, head = header.region(text)
    block = issuer_block(st, header)
    organ = read_organ(block) if block else None
    meta.number, empty_code = read_number(head)
    place_m = PLACE_DATE.search(head)
    found = kind_line(st, header.first)
    subject = subject_line(st, header)
    if found:
        meta.kind = found[0]
    elif subject or addressed(st, header):
        meta.kind = "cong_van"  # an official letter: its number's code names its organ, not a kind
    else:
        meta.kind = kind_of_number(meta.number) or kind_of_code(empty_code) or "other"
    if place_m:
        meta.place = clean(place_m.group("place"))
        meta.date = iso(int(place_m["y"]), int(place_m["m"]), int(place_m["d"])) or ""
    else:  # a header date without its place, above the kind line
        end = st.lines[found[1]].start if found else min(len(text), start + 400)
        d = FULL_WORDS.search(text, start, end)
        meta.date = (date_value(d) or "") if d else ""
    if found:
        meta.title = title_after(st, found[1], found[2])
        body = st.lines[found[1]].end
    elif subject:
        meta.title, body = subject[0], st.lines[subject[1]].end
    else:
        body = st.lines[header.anchor].end
    meta.issuer = organ.full_name(meta.date or None) if organ else block
    meta.province = organ.province(meta.date or None) if organ else ""
    return body, organ


def _from_caption(text: str, meta: DocMeta) -> Organ | None:
    """Fill ``meta`` from a caption naming the document, when its header was cut off; the organ."""
    m = next((c for c in _CAPTION.finditer(text)), None) or _ATTACHED.search(text)
    if not m:
        return None
    meta.kind = kind_at_start(m.group("kind")) or "other"
    meta.number = normalise(m.group("number")).rstrip(".")
    meta.date = _date(m.group("date"))
    organ = read_organ(m.group("issuer"))
    meta.issuer = organ.full_name(meta.date or None) if organ else clean(m.group("issuer"))
    meta.province = organ.province(meta.date or None) if organ else ""
    if "title" in m.groupdict():
        meta.title = clean(m.group("title"))
    return organ or Organ(meta.issuer, "")


def _from_page(st: Structure, meta: DocMeta) -> None:
    """Fill ``meta`` for a web page about a document (see ``news``)."""
    text = st.text
    headline, _ = news.headline(st)
    found = kind_line(st)
    full_text = bool(re.search(r"toàn\s+văn", text[:800], re.IGNORECASE))
    structured = bool(re.search(r"\n\s*(?:I|1)\s*[.\-–]\s*\S", text[:1200]))
    kind = found[0] if found else kind_at_start(headline)
    presents = kind is not None and (full_text or found is not None or structured)
    meta.kind = kind if presents else ("news" if headline else "other")
    meta.title = clean(headline).rstrip(".")
    cited = news.cited_document(st, kind if presents else None, headline, news=not presents)
    if cited:
        meta.number = normalise(cited.group())
        meta.date = news.date_near(text, cited.start(), cited.end())
        meta.issuer = news.issuer_near(text, cited.start(), cited.end())
    if not meta.date and meta.kind == "nghi_quyet" and re.search(r"đại\s+hội", headline, re.IGNORECASE):
        meta.date = news.closing_day(text)
    if not meta.date:
        meta.date = news.dateline(st)
    if not meta.issuer:
        named = news.ORGAN.search(text[:HEAD])
        meta.issuer = clean(named.group()) if named else ""
    organ = read_organ(meta.issuer) if meta.issuer else None
    if organ and organ.places:  # "UBND tỉnh Quảng Ninh" written as the header would write it
        meta.issuer = organ.full_name(meta.date or None)
        meta.province = organ.province(meta.date or None)


def extract_metadata(text: str, st: Structure | None = None) -> DocMeta:
    st = st or Structure(text)
    meta = DocMeta()
    header = find_header(st)
    own_start = header.start if header else 0
    organ = None
    if header:
        body, organ = _from_header(st, header, meta)
        meta.signer, meta.signer_title = read_signature(st, body)
    elif (organ := _from_caption(text, meta)) or addressed(st, None):
        if meta.kind == "other":
            meta.kind = "cong_van"
        meta.signer, meta.signer_title = read_signature(st, 0)
    else:
        _from_page(st, meta)
    meta.level = level_of(meta.number, meta.issuer, organ)
    # the document's own term is named in its header and title, not in the documents it cites
    body_m = re.search(r"\n\s*(?:Căn\s+cứ|Thực\s+hiện|[IVX]+\s*[.\-–]\s)", text[own_start:own_start + HEAD])
    own = text[own_start:own_start + (body_m.start() if body_m else 600)]
    term = _TERM.search(own)
    if term:
        meta.term = f"{term[1]}-{term[2]}"
    else:
        khoa = _KHOA.search(own)
        meta.term = f"khóa {khoa[1].upper()}" if khoa else ""
    return meta
