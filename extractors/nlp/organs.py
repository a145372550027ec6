"""Issuing organs: the full name of the organ a header names, its level and its place.

A header names the issuer in capitals, often under its superior and broken over lines:
"BỘ TÀI CHÍNH / CỤC THUẾ", "ĐẢNG BỘ TỈNH LẠC GIANG / HUYỆN ỦY BẾN MÂY", "TỈNH ỦY LẠC GIANG / BAN
TUYÊN GIÁO". ``read_organ`` cuts such a block into organs at the words that open one (the tables
below), keeps the last (the organ that issues), adds the superior when the organ names no place of
its own ("Ban Tuyên giáo Tỉnh ủy Lạc Giang", "Sở Nội vụ tỉnh Lạc Giang"), and writes it the way
Nghị định 30/2020/NĐ-CP writes organ names: "Ủy ban nhân dân tỉnh Lạng Sơn", "Bộ Tài chính",
"Văn phòng Chính phủ", "Đảng ủy xã Hòa Bình".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from vanban.admin_units import UNIT_WORDS, Unit, find_unit, is_place_name, is_province_city
from vanban.folding import fold, nfc

# Central organs by their canonical names (state: the Government and its ministries and agencies
# from March 2025, with the ministries merged then; party: the Central Committee's organs).
CENTRAL_ORGANS: tuple[str, ...] = (
    "Quốc hội", "Ủy ban Thường vụ Quốc hội", "Chủ tịch nước", "Chính phủ", "Thủ tướng Chính phủ",
    "Văn phòng Chính phủ", "Văn phòng Quốc hội", "Văn phòng Chủ tịch nước", "Thanh tra Chính phủ",
    "Ngân hàng Nhà nước Việt Nam", "Kiểm toán Nhà nước", "Tòa án nhân dân tối cao",
    "Viện kiểm sát nhân dân tối cao", "Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao", "Bộ Nội vụ",
    "Bộ Tư pháp", "Bộ Tài chính", "Bộ Công Thương", "Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng",
    "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Khoa học và Công nghệ", "Bộ Giáo dục và Đào tạo", "Bộ Y tế",
    "Bộ Dân tộc và Tôn giáo", "Bộ Kế hoạch và Đầu tư", "Bộ Lao động - Thương binh và Xã hội",
    "Bộ Giao thông vận tải", "Bộ Tài nguyên và Môi trường", "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ Thông tin và Truyền thông", "Ủy ban Dân tộc",
    "Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư", "Văn phòng Trung ương Đảng",
    "Ban Tổ chức Trung ương", "Ban Tuyên giáo và Dân vận Trung ương", "Ban Tuyên giáo Trung ương",
    "Ban Dân vận Trung ương", "Ban Kinh tế Trung ương", "Ban Nội chính Trung ương",
    "Ban Đối ngoại Trung ương", "Ban Chính sách, chiến lược Trung ương", "Ủy ban Kiểm tra Trung ương",
    "Đảng ủy Chính phủ", "Đảng ủy Quốc hội", "Đảng ủy các cơ quan Đảng Trung ương",
    "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
)

# Words that open an organ, with how it is written and what follows it:
#   committee: a party committee, followed by its place ("Tỉnh ủy Yên Bái");
#   council: followed by a unit word and a place ("Ủy ban nhân dân tỉnh Lạng Sơn");
#   organ: followed by its own name ("Sở Nội vụ", "Cục Thuế"), placed by its superior;
#   named: an organ whose name is in the head, followed by its scope ("Ban Chỉ đạo quốc gia ...");
#   prefix: a standing body of the committee that follows ("Ban Thường vụ Tỉnh ủy").
# Weak heads are words that also occur inside an organ's name ("Sở Nội vụ", "Ban Nghiệp vụ thuế"):
# they open an organ only after one that is complete (a central organ, or one with its place).
HEADS: dict[str, tuple[str, str, bool]] = {  # words: (as written, role, weak)
    "tỉnh ủy": ("Tỉnh ủy", "committee", False), "thành ủy": ("Thành ủy", "committee", False),
    "huyện ủy": ("Huyện ủy", "committee", False), "quận ủy": ("Quận ủy", "committee", False),
    "thị ủy": ("Thị ủy", "committee", False),
    "đảng ủy khối": ("Đảng ủy Khối", "named", False), "đảng ủy": ("Đảng ủy", "council", False),
    "đảng bộ": ("Đảng bộ", "council", False),
    "ủy ban nhân dân": ("Ủy ban nhân dân", "council", False), "ubnd": ("Ủy ban nhân dân", "council", False),
    "hội đồng nhân dân": ("Hội đồng nhân dân", "council", False),
    "hđnd": ("Hội đồng nhân dân", "council", False),
    "chủ tịch ủy ban nhân dân": ("Chủ tịch Ủy ban nhân dân", "council", False),
    "ủy ban mặt trận tổ quốc việt nam": ("Ủy ban Mặt trận Tổ quốc Việt Nam", "council", False),
    "kho bạc nhà nước": ("Kho bạc Nhà nước", "council", False),
    "thuế": ("Thuế", "council", True), "công an": ("Công an", "council", True),
    "ban thường vụ": ("Ban Thường vụ", "prefix", False), "ban chấp hành": ("Ban Chấp hành", "prefix", False),
    "thường trực": ("Thường trực", "prefix", True),
    "ủy ban kiểm tra": ("Ủy ban Kiểm tra", "named", False), "ban chỉ đạo": ("Ban Chỉ đạo", "named", False),
    "ban quản lý": ("Ban Quản lý", "named", False), "bộ chỉ huy": ("Bộ Chỉ huy", "named", False),
    "văn phòng": ("Văn phòng", "organ", False), "tổng cục": ("Tổng cục", "organ", False),
    "chi cục": ("Chi cục", "organ", False), "cục": ("Cục", "organ", False), "sở": ("Sở", "organ", False),
    "ban": ("Ban", "organ", True), "vụ": ("Vụ", "organ", True), "phòng": ("Phòng", "organ", True),
    "trung tâm": ("Trung tâm", "organ", True), "thanh tra": ("Thanh tra", "organ", True),
    "viện": ("Viện", "organ", True),
}

_COMMITTEE_LEVEL = {"tỉnh ủy": "province", "huyện ủy": "district", "quận ủy": "district", "thị ủy": "district",
                    "đảng ủy khối": "province"}
_CENTRAL_DEPARTMENTS = ("cục", "tổng cục", "vụ")
# Written with capitals inside an organ's name.
_PROPER = ("Trung ương", "Chính phủ", "Quốc hội", "Nhà nước", "Việt Nam", "Tổ quốc", "Công Thương")
_TONE = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])$")


def modern_tones(text: str) -> str:
    """ "Uỷ ban", "Hoà Bình", "Thuỷ" -> "Ủy ban", "Hòa Bình", "Thủy": the tone on the first vowel of
    an open "oa", "oe", "uy", as the tables and most texts write it ("quý" keeps its own)."""
    def fix(m: re.Match) -> str:
        word = unicodedata.normalize("NFD", m.group())
        return nfc(_TONE.sub(r"\1\3\2", word))

    return re.sub(r"[^\W\d_]+", fix, nfc(text))


def _words(text: str) -> list[str]:
    return modern_tones(text).replace("\u00a0", " ").split()


def _bare(words) -> list[str]:
    return [w.lower().strip(",.;:") for w in words]


_CENTRAL = sorted(((_bare(name.split()), name) for name in CENTRAL_ORGANS), key=lambda x: -len(x[0]))
_HEAD_WORDS = sorted((k.split() for k in HEADS), key=len, reverse=True)
_UNIT_WORDS = sorted((w.split() for w in UNIT_WORDS), key=len, reverse=True)


def _starting(low: list[str], i: int, phrases) -> list[str] | None:
    return next((p for p in phrases if low[i:i + len(p)] == p), None)


@dataclass(slots=True)
class _Segment:
    head: str  # a HEADS key, "central", or "" for words before any head
    words: list[str] = field(default_factory=list)  # as written
    opening: int = 0  # how many of the words are the head's (a prefix's included)
    prefix: str = ""  # "Ban Thường vụ" glued to the committee that follows it
    complete: bool = False  # a central organ, or an organ whose place has begun

    @property
    def role(self) -> str:
        return HEADS[self.head][1] if self.head in HEADS else self.head


def _segments(words: list[str]) -> list[_Segment]:
    """Cut the words into organs, each opening with a central organ's name or a head; a unit word,
    a committee or a head is followed by a name, whose first word opens nothing."""
    low = _bare(words)
    segments: list[_Segment] = []
    i, name_next, place_next = 0, False, False
    while i < len(words):
        last = segments[-1] if segments else None
        central = None if name_next else _starting(low, i, (p for p, _ in _CENTRAL))
        head = None if name_next or central else _starting(low, i, _HEAD_WORDS)
        if head and HEADS[" ".join(head)][2] and last and not last.complete:
            head = None  # "vụ" of "Sở Nội vụ"
        if central or head:
            key = "central" if central else " ".join(head)
            length = len(central or head)
            if last and last.role == "prefix" and len(last.words) == last.opening:
                # "Ban Thường vụ" + "Tỉnh ủy ...": one organ
                last.prefix = HEADS[last.head][0]
                last.head, last.words, last.opening = key, last.words + words[i:i + length], last.opening + length
            else:
                segments.append(_Segment(key, words[i:i + length], length))
            segments[-1].complete = key == "central"
            i += length
            name_next = key != "central" and HEADS[key][1] != "prefix"
            place_next = key in HEADS and HEADS[key][1] == "committee"
            continue
        if last is None:
            last = _Segment("")
            segments.append(last)
        unit = None if name_next else _starting(low, i, _UNIT_WORDS)
        length = len(unit) if unit else 1
        if place_next:  # a known place name is taken whole: "HẢI PHÒNG" holds a head word
            length = next((n for n in range(min(5, len(words) - i), 1, -1)
                           if is_place_name(" ".join(words[i:i + n]))), 1)
        last.words += words[i:i + length]
        last.complete = last.complete or (place_next and not unit)
        i += length
        name_next = place_next = unit is not None
    return segments


def _title(words: list[str]) -> str:
    """A place name: every syllable capitalised ("Bà Rịa - Vũng Tàu", "Phường 12")."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in words)


def _name(words: list[str]) -> str:
    """An organ's own name: "TÀI CHÍNH" -> "Tài chính", "GIÁO DỤC VÀ ĐÀO TẠO" -> "Giáo dục và Đào tạo"."""
    out: list[str] = []
    for w in words:
        low = w.lower()
        opens = not out or out[-1] in ("và", "-") or out[-1].endswith(",")
        out.append(w[:1].upper() + low[1:] if opens else low)
    text = " ".join(out)
    for proper in _PROPER:
        text = re.sub(rf"\b{proper}\b", proper, text, flags=re.IGNORECASE)
    return text


def _unit_level(unit: str, place: str) -> str:
    if unit == "thành phố":  # a city inside a province was a district-level unit
        return "province" if is_province_city(place) else "district"
    return UNIT_WORDS[unit]


@dataclass(slots=True)
class Organ:
    name: str  # "Ủy ban nhân dân tỉnh Lạng Sơn", "Cục Thuế", "Ban Tuyên giáo Tỉnh ủy Yên Bái"
    level: str  # central, province, district, commune, or "" when the words do not say
    places: list[tuple[str, str]] = field(default_factory=list)  # (unit word, place), the organ's first

    def placed(self, as_of: str | None = None) -> Unit | None:
        """The administrative unit of the organ's place on ``as_of`` (None when unknown or ambiguous)."""
        provinces = [p for u, p in self.places if UNIT_WORDS.get(u) == "province"]
        within = provinces[-1] if provinces else None
        for unit, place in self.places:
            narrow = within if UNIT_WORDS[unit] != "province" else None
            found = find_unit(f"{unit} {place}", as_of, narrow)
            if found:
                return found
        return None

    def province(self, as_of: str | None = None) -> str:
        """Today's province holding the organ's place (a former one placed under its successor)."""
        unit = self.placed(as_of)
        return unit.today if unit else ""

    def full_name(self, as_of: str | None = None) -> str:
        """The name, with the province of its day for an organ below one: "Huyện ủy Văn Chấn, tỉnh
        Yên Bái" (as the header's superior or the table of units places it)."""
        if self.level not in ("district", "commune"):
            return self.name
        unit = self.placed(as_of)
        declared = [p for u, p in self.places if UNIT_WORDS.get(u) == "province"]
        province = unit.province if unit else (declared[-1] if declared else "")
        if not province or fold(province) in fold(self.name):
            return self.name
        found = find_unit(province, as_of)
        word = found.kind if found and found.level == "province" else "tỉnh"
        return f"{self.name}, {word} {province}"


def _read(segment: _Segment) -> Organ:
    """One organ's name, level and place from its words."""
    words = segment.words
    if segment.head == "central":
        return Organ(_central_name(words), "central")
    canonical = " ".join(p for p in (segment.prefix, HEADS[segment.head][0] if segment.head else "") if p)
    rest = words[segment.opening:]
    if segment.role == "committee":
        place = _title(rest)
        if segment.head == "thành ủy":
            level, unit = ("province" if is_province_city(place) else "district"), "thành phố"
        else:
            level = _COMMITTEE_LEVEL[segment.head]
            unit = {"province": "tỉnh", "district": "huyện"}[level]
        return Organ(f"{canonical} {place}".strip(), level, [(unit, place)] if place else [])
    low = _bare(rest)
    at = next(((i, u) for i in range(len(low)) if (u := _starting(low, i, _UNIT_WORDS))), None)
    own, place_words, unit = (rest[:at[0]], rest[at[0] + len(at[1]):], " ".join(at[1])) if at else (rest, [], "")
    place = _title(place_words)
    own_name = " ".join(w.lower() for w in own) if segment.role == "named" else _name(own)
    name = " ".join(p for p in (canonical, own_name, unit, place) if p)
    level = _unit_level(unit, place) if unit else _COMMITTEE_LEVEL.get(segment.head, "")
    if not level and segment.head == "đảng ủy":
        level = "commune"  # "Đảng ủy" alone heads a commune's party committee
    if not level and segment.head in _CENTRAL_DEPARTMENTS:
        level = "central"  # a ministry's department; a province's is named with its place
    return Organ(name, level, [(unit, place)] if unit and place else [])


def _central_name(words: list[str]) -> str:
    low = _bare(words)
    for phrase, name in _CENTRAL:
        if low[:len(phrase)] == phrase:
            rest = words[len(phrase):]
            return f"{name} {_name(rest)}".strip() if rest else name
    return _name(words)


def read_organ(text: str) -> Organ | None:
    """The issuing organ a header (or a phrase such as "UBND tỉnh Lạng Sơn") names; None for no words."""
    segments = [s for s in _segments(_words(text)) if s.words]
    if not segments:
        return None
    organs = [_read(s) for s in segments]
    organ, superiors = organs[-1], organs[:-1]
    last = segments[-1]
    if superiors and not organ.places and organ.level != "central" and last.role in ("organ", "named", ""):
        superior = superiors[-1]
        if superior.level == "central":
            organ.level = "central"  # a department of a ministry: "Cục Thuế" of Bộ Tài chính
        else:
            role = segments[-2].role
            # "Ban Tuyên giáo Tỉnh ủy Yên Bái"; "Sở Nội vụ tỉnh Lạng Sơn" (the council is implied)
            if role == "committee" or not superior.places:
                tail = superior.name
            else:
                tail = " ".join(superior.places[0])
            organ.name = f"{organ.name} {tail}".strip()
            organ.level = organ.level or superior.level
    if superiors and last.role == "committee" and not organ.places and superiors[-1].places:
        organ.name = f"{organ.name} {superiors[-1].places[0][1]}"  # "Ban Thường vụ Tỉnh ủy" + its place
    for superior in reversed(superiors):
        organ.places += [p for p in superior.places if p not in organ.places]
        organ.level = organ.level or superior.level
    return organ
