"""When a parent target does not apply to a child: ``not_applicable`` and its reason.

Reasons are tried in the order of ``vanban.vocab.NOT_APPLICABLE_REASONS``; the first that holds
is the one given:

- beyond_period: the target is due after the child's horizon ends. The child's horizon is the end
  of the period it states (``doc.period``), or its latest target's deadline when that is later (a
  2026-2030 plan with a vision to 2045 answers for 2045). A child that states no period is
  compared as it stands.
- deadline_passed: the target was due in a year before the child was issued.
- national_scope: only the whole country has it (its rank among nations, counts of national
  institutions or firms measured against the world), and the child is a province's, a district's
  or a commune's.
- outside_subject: decided from titles, and only for a target the child does not carry: the
  child's title names fields (``FIELDS``: kinh tế số, chính phủ số, ma túy, ...), the parent's
  title names more (the child takes up part of the parent), and the target's indicator has no
  word of the child's fields. A child whose title names no field, or the parent's fields all, is
  taken to answer for every target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vanban.folding import fold, nfc
from vanban.model import Document, Target

from vanban.checks.horizon import child_horizon, year
from vanban.checks.units import parse_unit

LOCAL_LEVELS = ("province", "district", "commune")


@dataclass(frozen=True, slots=True)
class ScopeRule:
    pattern: re.Pattern[str]  # over the folded indicator and unit
    why: str


# A rank ("Thứ bậc", "nhóm 3 nước dẫn đầu") is the country's place among nations, unless it says
# it ranks provinces ("chỉ số chuyển đổi số cấp tỉnh": a province's own).
RANK_AMONG_NATIONS = "thứ hạng của Việt Nam giữa các nước"
RANK_AMONG_PROVINCES = re.compile(r"\b(?:cap tinh|cac tinh|tinh, thanh pho|ca nuoc|toan quoc|trong nuoc)\b")
# Counts of institutions, firms or works that only the whole country has: measured against the
# world, named national, or national infrastructure.
COUNT_OF_THE_NATION = ScopeRule(re.compile(r"\bngang tam (?:cac )?nuoc|\bhang dau (?:the gioi|khu vuc)|\bxep hang khu vuc"
                                           r"|\b(?:khu vuc va|tren) the gioi|\bquoc gia\b|\bviet nam\b|\btrung uong\b"
                                           r"|\bcap quang (?:tren )?bien\b"),
                                "số tổ chức, doanh nghiệp hay công trình của cả nước")
# A share of the country's own total ("doanh thu công nghiệp số Việt Nam").
SHARE_OF_THE_NATION = ScopeRule(re.compile(r"\bviet nam\b|\bca nuoc\b|\btoan quoc\b"), "tỷ lệ tính trên cả nước")
_INDEX_UNIT = re.compile(r"(?:chi so|ty le|ti le|he so|muc)\b")  # an index named as the unit: not a count


def national_scope(target: Target) -> str:
    """Why only the whole country has this target ("" when a province can have it too)."""
    unit = parse_unit(target.unit)
    folded = fold(nfc(f"{target.indicator} {target.unit}"))
    if unit.family == "rank" and not RANK_AMONG_PROVINCES.search(folded):
        return RANK_AMONG_NATIONS
    counted = unit.absolute and unit.family != "rank" and not _INDEX_UNIT.match(fold(nfc(unit.written)).strip())
    if counted and COUNT_OF_THE_NATION.pattern.search(folded):
        return COUNT_OF_THE_NATION.why
    if unit.family == "percent" and SHARE_OF_THE_NATION.pattern.search(folded):
        return SHARE_OF_THE_NATION.why
    return ""


# Fields a plan's title may limit it to, each with the words that say a target belongs to it.
# "chuyển đổi số" names the three digital fields at once.
_DIGITAL_WORDS = ("chuyen doi so", "so hoa", "du lieu", "dien tu", "truc tuyen", "moi truong so", "nen tang so")
FIELDS: dict[str, tuple[str, ...]] = {
    "kinh tế số": (*_DIGITAL_WORDS, "kinh te so", "thuong mai dien tu", "khong dung tien mat", "thanh toan",
                   "cong nghe so", "ha tang so"),
    "xã hội số": (*_DIGITAL_WORDS, "xa hoi so", "ky nang so", "chu ky so", "cong dan so", "internet", "bang rong",
                  "cap quang", "phu song", "5g", "dien thoai thong minh", "tai khoan"),
    "chính phủ số": (*_DIGITAL_WORDS, "chinh phu so", "chinh quyen so", "dich vu cong", "thu tuc hanh chinh",
                     "van ban", "ho so"),
    "khoa học, công nghệ": ("khoa hoc", "cong nghe", "nghien cuu", "r&d", "r d", "sang che", "cong bo",
                            "nang suat", "tfp", "doi moi sang tao"),
    "đổi mới sáng tạo": ("doi moi sang tao", "khoi nghiep", "sang che"),
    "ma túy": ("ma tuy", "nghien", "cai nghien"),
    "dân số": ("dan so", "sinh", "tuoi tho", "gia hoa", "ty so gioi tinh"),
    "giáo dục": ("giao duc", "truong", "hoc sinh", "sinh vien", "dao tao", "pho cap"),
    "y tế": ("y te", "benh vien", "bac si", "giuong benh", "bao hiem y te", "suc khoe"),
    "môi trường": ("moi truong", "chat thai", "khong khi", "nuoc thai", "rac thai", "o nhiem", "rung"),
}
_FIELD_NAMES = {name: re.compile(rf"\b{re.escape(fold(name)).replace(',', ',?')}\b") for name in FIELDS}
_DIGITAL = ("kinh tế số", "xã hội số", "chính phủ số")
_DIGITAL_NAME = re.compile(r"\bchuyen doi so\b")


def fields_of(title: str) -> set[str]:
    folded = " ".join(fold(nfc(title)).split())
    found = {name for name, pattern in _FIELD_NAMES.items() if pattern.search(folded)}
    if _DIGITAL_NAME.search(folded):
        found.update(_DIGITAL)
    return found


def outside_subject(target: Target, parent: Document, child: Document) -> str:
    """Why the target lies outside what the child's title takes up ("" when it may not)."""
    mine, theirs = fields_of(child.doc.title), fields_of(parent.doc.title)
    if not mine or not theirs or theirs <= mine:
        return ""
    folded = " ".join(fold(nfc(target.indicator)).split())
    if any(re.search(rf"\b{re.escape(word)}\b", folded) for name in mine for word in FIELDS[name]):
        return ""
    return f"{child.label} chỉ về {', '.join(sorted(mine))}"


@dataclass(frozen=True, slots=True)
class NotApplicable:
    reason: str  # a key of vanban.vocab.NOT_APPLICABLE_REASONS
    detail: str


def not_applicable(target: Target, parent: Document, child: Document, level: str,
                   carried: bool) -> NotApplicable | None:
    """The first reason the target does not apply to the child (``level`` is the child's level;
    ``carried``: the child states a target for the same indicator)."""
    due = year(target)
    horizon = child_horizon(child)
    if due is not None and horizon is not None and due > horizon:
        return NotApplicable("beyond_period", f"hạn {due}, sau khi {child.label} kết thúc ({horizon})")
    issued = int(child.doc.date[:4]) if child.doc.date[:4].isdigit() else None
    if due is not None and issued is not None and due < issued:
        return NotApplicable("deadline_passed", f"hạn {due}, trước khi {child.label} ban hành ({issued})")
    national = national_scope(target) if level in LOCAL_LEVELS else ""
    if national:
        return NotApplicable("national_scope", national)
    outside = "" if carried else outside_subject(target, parent, child)
    if outside:
        return NotApplicable("outside_subject", outside)
    return None
