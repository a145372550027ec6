"""Units of targets: which units measure the same thing, and how to convert between them.

A unit as written ("triệu đồng/người/năm", "nghìn tỷ đồng", "%/năm", "đảng viên") becomes a
``Unit``: a family (what is measured), a factor to the family's base unit (scale words such as
nghìn, triệu, tỷ multiply), and whether it is a rate per person (not summable across districts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vanban.folding import fold, nfc

_SCALES = {"nghin": 1e3, "ngan": 1e3, "trieu": 1e6, "ty": 1e9, "ti": 1e9}

# Folded base unit -> (family, factor to the family's base). People counted as party members,
# workers or plain persons are one family: a district may state "người" for "đảng viên".
_BASES: dict[str, tuple[str, float]] = {
    "%": ("percent", 1), "phan tram": ("percent", 1),
    "nguoi": ("person", 1), "dang vien": ("person", 1), "lao dong": ("person", 1),
    "hoi vien": ("person", 1), "doan vien": ("person", 1), "can bo": ("person", 1),
    "hoc vien": ("person", 1), "quan chung": ("person", 1),
    "chi bo": ("party_org", 1), "to chuc co so dang": ("party_org", 1),
    "tccs dang": ("party_org", 1), "dang bo co so": ("party_org", 1),
    "to chuc dang": ("party_org", 1), "dang bo": ("party_org", 1),
    "co so dang": ("party_org", 1), "to chuc co so": ("party_org", 1),
    "dong": ("vnd", 1), "vnd": ("vnd", 1), "d": ("vnd", 1),
    "usd": ("usd", 1), "do la": ("usd", 1), "do la my": ("usd", 1),
    "ha": ("area", 1), "hecta": ("area", 1), "hec ta": ("area", 1), "hec-ta": ("area", 1),
    "m2": ("area", 1e-4), "km2": ("area", 100),
    "km": ("length", 1000), "m": ("length", 1),
    "tan": ("mass", 1), "kg": ("mass", 1e-3),
    "ho": ("household", 1), "ho gia dinh": ("household", 1),
}

# A rank: a place in a league table ("Thứ bậc" of a table, "nhóm 3 nước dẫn đầu" of prose).
_RANKS = ("thu bac", "thu hang", "xep hang", "nuoc dan dau", "nuoc dung dau", "quoc gia")
_RANK_ALONE = ("nuoc", "quoc gia", "nen kinh te")  # "nhóm 3 nước": places among nations
# "người trên một vạn dân" is "người/vạn dân": a rate per so many inhabitants.
_PER_WORDS = re.compile(r"\s+tren\s+(?:mot|1|moi)\s+")

# Denominators that do not change what is measured: "%/năm" is still a percentage, a yearly
# income per person is stated with or without "/năm".
_NEUTRAL_PER = {"nam", "1 nam", "mot nam"}


@dataclass(frozen=True, slots=True)
class Unit:
    written: str
    family: str  # "" when no unit is stated
    factor: float
    per: tuple[str, ...] = ()  # "nguoi" for per-capita units

    @property
    def stated(self) -> bool:
        return bool(self.family)

    @property
    def absolute(self) -> bool:
        """A count or an amount that districts' shares add up to (not a rate, not per person, not a
        place in a league)."""
        return self.stated and self.family not in ("percent", "rank") and not self.per

    @property
    def kind(self) -> str:
        return "/".join((self.family, *self.per))


def parse_unit(written: str) -> Unit:
    text = " ".join(fold(nfc(written or "")).replace("héc", "hec").split())
    text = _PER_WORDS.sub("/", text)
    if not text:
        return Unit(written, "", 1.0)
    head, *pers = [p.strip() for p in text.split("/")]
    per = tuple(p for p in pers if p and p not in _NEUTRAL_PER)
    factor = 1.0
    words = head.split()
    while len(words) > 1 and words[0] in _SCALES:
        factor *= _SCALES[words.pop(0)]
    base = " ".join(words)
    if base.startswith("%"):
        base = "%"
    family, base_factor = _BASES.get(base, (f"lit:{base}", 1.0))
    if family.startswith("lit:") and (base in _RANK_ALONE or any(base == r or base.startswith(r + " ") for r in _RANKS)):
        family = "rank"
    if family == "percent":
        per = ()
    per = tuple(_BASES[p][0] if p in _BASES else p for p in per)
    return Unit(written, family, factor * base_factor, per)


def compatible(a: Unit, b: Unit) -> bool:
    """Same family (and same per-denominator); an unstated unit is compared on trust. Things counted
    by name agree when one name opens the other ("doanh nghiệp" counts "doanh nghiệp công nghệ
    số", "tổ chức" counts "tổ chức khoa học")."""
    if not a.stated or not b.stated or a.kind == b.kind:
        return True
    if a.family.startswith("lit:") and b.family.startswith("lit:") and a.per == b.per:
        wa, wb = a.family[4:].split(), b.family[4:].split()
        short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
        return long[:len(short)] == short
    return False


def in_base(value: float, unit: Unit) -> float:
    return value * unit.factor


def joined(value_text: str, unit_written: str) -> str:
    """ "7" + "%" -> "7%", "5.000" + "người" -> "5.000 người"."""
    unit_written = unit_written.strip()
    if not unit_written:
        return value_text
    return value_text + ("" if unit_written.startswith("%") else " ") + unit_written
