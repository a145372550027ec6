"""Vietnam's administrative units, dated: which province holds a place on a given day.

Two periods, split by the arrangement of 1 July 2025 (Nghị quyết 202/2025/QH15 merging provinces,
Nghị quyết 203/2025/QH15 ending the district level): before it 63 provinces with their districts
(huyện, quận, thị xã, thành phố thuộc tỉnh) and communes (xã, phường, thị trấn); from it 34 provinces
and their communes (xã, phường, đặc khu), with no district level. A document keeps the units of its
day, so a 2021 plan of "Huyện ủy Văn Chấn" belongs to the former province of Yên Bái, which is part
of Lào Cai today.

Source: the tables of the ``vietnamadminunits`` package (MIT licence; Trần Ngọc Minh Hiếu, compiled
from the General Statistics Office's lists): ``admin_units_legacy`` (63 provinces, 696 districts,
10,040 communes as they stood before the arrangement) and ``admin_units`` (34 provinces, 3,321
communes from 1 July 2025), and its map of each former province to today's. They are read from the
installed package's files once, on first use; nothing is downloaded.

The functions other layers call::

    province_of(place, as_of=None, within=None) -> str | None
        the short name of the province holding ``place`` ("Văn Chấn", "huyện Văn Chấn",
        "Tỉnh Yên Bái", "xã Hòa Bình") on the day ``as_of`` ("YYYY", "YYYY-MM" or "YYYY-MM-DD";
        None = today): province_of("Văn Chấn", "2021") == "Yên Bái",
        province_of("Văn Chấn") == "Lào Cai". None when the name is unknown, or names units of
        several provinces that ``within`` (a province's name) does not settle.
    units_of(province, as_of=None) -> list[Unit]
        the units directly under ``province`` on that day: its districts before 1 July 2025,
        its communes from then ("which units under this province have no plan").
    find_unit(place, as_of=None, within=None) -> Unit | None
        the unit itself (name, kind, level, province of its day and today's province).
    is_place_name(name) -> bool
        whether a name (without its unit word) is the name of some unit, in either period.
    is_province_city(name) -> bool
        whether "thành phố <name>" is a province-level city (Hà Nội, Huế, ...) rather than a city
        inside a province, which was a district-level unit.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from vanban.folding import fold, nfc

REFORM_DATE = "2025-07-01"  # the 34 provinces and the end of the district level

# Unit words as they open a unit's name, with the level of the unit they name.
UNIT_WORDS: dict[str, str] = {
    "tỉnh": "province", "thành phố": "province", "huyện": "district", "quận": "district",
    "thị xã": "district", "xã": "commune", "phường": "commune", "thị trấn": "commune",
    "đặc khu": "commune",
}
# Matched with accents: "Quận 1" names a district, "Quán Thánh" is a ward's own name.
_UNIT_PREFIX = re.compile(r"^(?:" + "|".join(sorted(UNIT_WORDS, key=len, reverse=True)) + r")\s+")


@dataclass(frozen=True, slots=True)
class Unit:
    name: str  # as the table writes it: "Huyện Văn Chấn", "Tỉnh Yên Bái", "Đặc khu Phú Quốc"
    short: str  # without the unit word: "Văn Chấn"
    kind: str  # the unit word, lower case: "huyện", "thành phố", "xã", "đặc khu"
    level: str  # province, district or commune (vocab.LEVELS)
    province: str  # the short name of the province holding it in its own period
    today: str  # the short name of the province holding it from 1 July 2025
    modern: bool  # a unit of the period from 1 July 2025


# Names a unit had before the table's: Thừa Thiên Huế became the city of Huế on 1 January 2025.
_FORMER_NAMES = {"thuathienhue": "hue"}


def _unit_key(name: str) -> tuple[str, str]:
    """(unit word or "", key of the name without it): "xã Hòa Bình" -> ("xã", "hoabinh")."""
    text = nfc(" ".join(name.split())).lower()
    m = _UNIT_PREFIX.match(text)
    rest = text[m.end():] if m else text
    key = re.sub(r"[^a-z0-9]", "", fold(rest))
    if key in _FORMER_NAMES:  # its unit word may have changed with its name
        return "", _FORMER_NAMES[key]
    return (m.group().strip() if m else "", key)


def _key(name: str) -> str:
    """ "Huyện Văn Chấn", "huyện van chan" and "Văn  Chấn" all give "vanchan"."""
    return _unit_key(name)[1]


def _data_dir() -> Path:
    spec = find_spec("vietnamadminunits")  # locates the package without running its imports
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the vietnamadminunits package is not installed (it holds the table of units)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@dataclass(slots=True)
class _Tables:
    units: list[Unit]
    by_key: dict[str, list[Unit]]
    children: dict[tuple[str, bool], list[Unit]]  # (province short name, modern) -> units under it


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    folder = _data_dir()
    moves = json.loads((folder / "converter_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    with sqlite3.connect(f"file:{folder / 'dataset.db'}?mode=ro", uri=True) as db:
        legacy = db.execute("SELECT province, provinceShort, provinceKey, district, districtShort, districtType, "
                            "ward, wardShort, wardType FROM admin_units_legacy").fetchall()
        modern = db.execute("SELECT province, provinceShort, provinceKey, ward, wardShort, wardType "
                            "FROM admin_units").fetchall()
    new_short = {row[2]: row[1] for row in modern}
    today_of = {old: new_short[new] for new, olds in moves.items() for old in olds}
    units: dict[tuple, Unit] = {}

    def add(name: str, short: str, kind: str | None, level: str, province: str, today: str,
            is_new: bool) -> None:
        if (name, province, is_new) not in units:
            kind = (kind or name[:len(name) - len(short)]).strip().lower()
            units[(name, province, is_new)] = Unit(name, short, kind, level, province, today, is_new)

    for p_name, p_short, p_key, d_name, d_short, d_type, w_name, w_short, w_type in legacy:
        today = today_of.get(p_key, "")
        add(p_name, p_short, None, "province", p_short, today, False)
        add(d_name, d_short, d_type, "district", p_short, today, False)
        if w_name:
            add(w_name, w_short, w_type, "commune", p_short, today, False)
    for p_name, p_short, _, w_name, w_short, w_type in modern:
        add(p_name, p_short, None, "province", p_short, p_short, True)
        add(w_name, w_short, w_type, "commune", p_short, p_short, True)
    by_key: dict[str, list[Unit]] = {}
    children: dict[tuple[str, bool], list[Unit]] = {}
    for unit in units.values():
        by_key.setdefault(_key(unit.short), []).append(unit)
        if unit.level == ("commune" if unit.modern else "district"):
            children.setdefault((unit.province, unit.modern), []).append(unit)
    return _Tables(list(units.values()), by_key, children)


def _modern(as_of: str | None) -> bool:
    """Whether the day ``as_of`` ("2024", "2025-07", "2025-07-01"; None = today) is after the arrangement."""
    day = as_of or date.today().isoformat()
    day = day[:10] + "-01-01"[len(day[:10]) - 4:] if len(day[:10]) < 10 else day[:10]
    return day >= REFORM_DATE


_LEVEL_ORDER = ("province", "district", "commune")


def find_unit(place: str, as_of: str | None = None, within: str | None = None) -> Unit | None:
    """The unit named ``place`` on the day ``as_of``; see the module docstring."""
    word, key = _unit_key(place)
    if not key or (key.isdigit() and not word):  # "12" alone is no place; "Phường 12" is
        return None
    candidates = _tables().by_key.get(key, [])
    if word:  # "thành phố Vinh" was a district-level city, "thành phố Huế" is a province
        candidates = [u for u in candidates if u.kind == word]
    modern = _modern(as_of)
    if within:  # the province of the unit's own period, or today's for a former unit
        wanted = _key(within)
        candidates = [u for u in candidates if wanted == _key(u.province if u.modern == modern else u.today)]
    # a name without its unit word reads as the largest unit so named ("Hòa Bình" the former
    # province, not one of its many communes); the day's own units first, then a former unit
    # named in a later document
    for level in _LEVEL_ORDER:
        at_level = [u for u in candidates if u.level == level]
        for pool in ([u for u in at_level if u.modern == modern], [u for u in at_level if u.modern != modern]):
            if pool:
                provinces = {u.province if u.modern == modern else u.today for u in pool}
                return pool[0] if len(provinces) == 1 else None
    return None


def province_of(place: str, as_of: str | None = None, within: str | None = None) -> str | None:
    """The short name of the province holding ``place`` on ``as_of``; see the module docstring."""
    unit = find_unit(place, as_of, within)
    if unit is None:
        return None
    if unit.modern == _modern(as_of):
        return unit.province
    # a former unit named after the arrangement is placed under today's province; a unit of
    # today named for an earlier day has no single former province to give
    return unit.today if not unit.modern else None


def units_of(province: str, as_of: str | None = None) -> list[Unit]:
    """The units directly under ``province`` on ``as_of``: districts before 1 July 2025, communes after."""
    unit = find_unit(province if _unit_key(province)[0] else f"tỉnh {province}", as_of) or find_unit(
        f"thành phố {province}", as_of)
    if unit is None or unit.level != "province":
        return []
    return sorted(_tables().children.get((unit.province, _modern(as_of)), []), key=lambda u: fold(u.name))


def is_place_name(name: str) -> bool:
    """Whether ``name`` (without its unit word) names some unit, in either period."""
    return bool(_unit_key(name)[1]) and _key(name) in _tables().by_key


def is_province_city(name: str) -> bool:
    """Whether "thành phố ``name``" is a province-level city (in either period)."""
    key = _key(name)
    return any(u.level == "province" and u.kind == "thành phố" for u in _tables().by_key.get(key, []))
