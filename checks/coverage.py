"""Coverage of a resolution: who implements it, who was expected to, and whether plans came in time.

    coverage_of(store, parent) -> Coverage

- implemented_by: every stored document implementing the parent (``linking.linked_pairs``), with its
  level, issuer and date, and on_time against the deadline the parent set for plans;
- the deadline: a date in a sentence that asks for plans ("xây dựng kế hoạch thực hiện ..., hoàn
  thành trước ngày 30/4/2021");
- expected: the units such sentences name ("Các huyện ủy, đảng ủy trực thuộc Tỉnh ủy", "Ban cán sự
  đảng Ủy ban nhân dân tỉnh ... xây dựng kế hoạch của Ủy ban nhân dân tỉnh");
- missing: the units expected with no implementing document in the store: a unit named one by one,
  and the members of a class of units ("các huyện ủy", "đảng ủy các xã"): for a province's resolution
  its districts (before 1 July 2025) or communes (from then) in the dated table of administrative
  units, and the units the store knows from documents citing the parent. The store holds only what was uploaded, so a missing unit is "chưa có trong kho"
  (no plan in the store yet), never "has not issued one".
"""

from __future__ import annotations

import re

from vanban.extractors.nlp.dates import FULL_NUMERIC, FULL_WORDS, date_value
from vanban.folding import fold, nfc
from vanban.model import Coverage, Document, ExpectedUnit, Implementer, MissingUnit
from vanban.catalog import Catalog
from vanban.vocab import REPORTING_KINDS

from vanban.checks.compare import level_of
from vanban.checks.linking import linked_pairs

# Words in a sentence that ask for implementing plans.
_ASKS_FOR_PLANS = re.compile(r"\b(?:xay dung|ban hanh)\s+(?:ke hoach|chuong trinh)|\bke hoach thuc hien\b|"
                             r"\bchuong trinh hanh dong\b|\bcu the hoa\b")
_DEADLINE_CUE = re.compile(r"(?:trước|chậm nhất|hạn chót|không muộn hơn)\s+(?:ngày\s+)?$", re.IGNORECASE)

# Units a resolution addresses; (folded pattern, level, a class of units?, why). Longest first.
UNITS = tuple((re.compile(p), level, many, why) for p, level, many, why in (
    (r"cac (?:huyen uy|quan uy|thi uy|thanh uy)(?:,? (?:huyen uy|quan uy|thi uy|thanh uy|dang uy truc thuoc"
     r"(?: (?:tinh uy|thanh uy))?))*", "district", True, "the committees of the districts under the province"),
    (r"(?:cac )?dang uy truc thuoc(?: (?:tinh uy|thanh uy))?", "district", True,
     "the party committees directly under the province (đảng ủy khối, lực lượng vũ trang)"),
    (r"(?:cac )?dang uy (?:cac )?(?:xa|phuong|thi tran|dac khu)(?:,? (?:xa|phuong|thi tran|dac khu))*", "commune", True,
     "the communes' party committees"),
    (r"(?:ban can su dang )?uy ban nhan dan (?:cac )?(?:tinh|huyen|xa)|ubnd (?:cac )?(?:tinh|huyen|xa)", "province",
     False, "the people's committee"),
    (r"(?:dang doan )?hoi dong nhan dan (?:tinh|huyen|xa)", "province", False, "the people's council"),
    (r"cac (?:so|ban|nganh)(?:,? (?:so|ban|nganh|doan the|mat tran))*(?: tinh)?", "province", True,
     "the province's departments"),
    (r"cac (?:bo|nganh)(?:,? (?:bo|nganh|co quan ngang bo|dia phuong))*", "central", True, "ministries"),
    (r"cac tinh uy,? thanh uy|cac tinh,? thanh pho", "province", True, "the provinces"),
))
# Which issuers belong to a class of units: the words their name starts with.
_MEMBERS = {"district": re.compile(r"^(?:huyen uy|quan uy|thi uy|thanh uy|dang uy khoi|dang uy (?:quan su|cong an|"
                                   r"bo doi|cac co quan|doanh nghiep))\b"),
            "commune": re.compile(r"^dang uy (?:xa|phuong|thi tran|dac khu)\b")}
_UNIT_LEVEL = {"tinh": "province", "huyen": "district", "xa": "commune"}


def is_member_unit(doc: Document) -> bool:
    """Whether the document comes from a unit under a province's committee (a district's, a
    commune's, a bloc's party committee): its figures are its own part, not the province's."""
    issuer = " ".join(fold(nfc(doc.doc.issuer)).split())
    return any(p.search(issuer) for p in _MEMBERS.values())


def plan_deadline(parent: Document) -> tuple[str, str]:
    """(ISO date, sentence) of the date the parent set for implementing plans, or ("", "")."""
    for a, b in _sentences(parent.text):
        sentence = parent.text[a:b]
        if not _ASKS_FOR_PLANS.search(fold(sentence)):
            continue
        for pattern in (FULL_WORDS, FULL_NUMERIC):
            for m in pattern.finditer(sentence):
                if _DEADLINE_CUE.search(sentence[max(0, m.start() - 25):m.start()]):
                    value = date_value(m)
                    if value:
                        return value, " ".join(sentence.split())
    return "", ""


def _sentences(text: str):
    """Sentences as plain spans: the text up to ., ; or a line break before a numbered item."""
    start = 0
    for m in re.finditer(r"[.](?=\s)|\n(?=\s*(?:\d{1,2}[.)]|[-+•]))", text):
        yield start, m.end()
        start = m.end()
    yield start, len(text)


def expected_units(parent: Document) -> list[ExpectedUnit]:
    out: dict[str, ExpectedUnit] = {}
    for a, b in _sentences(parent.text):
        sentence = parent.text[a:b]
        folded = fold(sentence)
        if not _ASKS_FOR_PLANS.search(folded):
            continue
        taken: list[tuple[int, int]] = []
        for pattern, level, _many, _why in UNITS:
            for m in pattern.finditer(folded):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append(m.span())
                unit = " ".join(sentence[m.start():m.end()].split())
                unit = unit[0].upper() + unit[1:]
                out.setdefault(_body(unit), ExpectedUnit(unit, _level_of_unit(fold(unit), level),
                                                         " ".join(sentence.split())))
    return list(out.values())


def _level_of_unit(folded: str, default: str) -> str:
    last = folded.split()[-1]
    return _UNIT_LEVEL.get(last, default) if "uy ban" in folded or "hoi dong" in folded else default


def _is_class(unit: ExpectedUnit) -> bool:
    key = fold(unit.unit)
    return any(many and p.fullmatch(key) for p, _, many, _ in UNITS)


def _body(text: str) -> str:
    text = " ".join(fold(nfc(text)).split())
    text = re.sub(r"\bubnd\b", "uy ban nhan dan", text)
    text = re.sub(r"\bhdnd\b", "hoi dong nhan dan", text)
    return re.sub(r"^(?:ban can su dang|dang doan|cac)\s+", "", text)


def coverage_of(store: Catalog, parent: Document) -> Coverage:
    deadline, deadline_sentence = plan_deadline(parent)
    # reports and notices carry out nothing, whatever relation words they quote
    children = {c.id: (c, why) for p, c, why in linked_pairs(store, parent=parent.id)
                if p.id == parent.id and c.doc.kind not in REPORTING_KINDS}
    implemented = [
        Implementer(c.id, c.doc.number, c.doc.issuer, level_of(c), c.doc.date,
                    (c.doc.date <= deadline) if deadline and c.doc.date else None, c.doc.kind, c.doc.title, why)
        for c, why in sorted(children.values(), key=lambda cw: (cw[0].doc.date, cw[0].label))]
    expected = expected_units(parent)
    issuers = [_body(i.issuer) for i in implemented if i.issuer]
    missing: dict[str, MissingUnit] = {}
    for unit in expected:
        if _is_class(unit):
            for name, level in _table_members(parent, unit.level) + _known_members(store, parent, unit.level):
                if not any(_body(name) in i or i in _body(name) or _unit_named(name, i) for i in issuers):
                    missing.setdefault(fold(name), MissingUnit(name, level))
        elif not any(_names(unit.unit, i) for i in issuers):
            missing.setdefault(fold(unit.unit), MissingUnit(unit.unit, unit.level))
    return Coverage(implemented, expected, list(missing.values()), deadline, deadline_sentence)


def _unit_named(unit: str, issuer: str) -> bool:
    """Whether a folded issuer is the committee of a unit of the table ("Huyện Văn Chấn" and
    "huyen uy van chan")."""
    short = re.sub(r"^(?:huyen|quan|thi xa|thanh pho|xa|phuong|thi tran|dac khu)\s+", "", _body(unit))
    return bool(short) and re.search(rf"\b{re.escape(short)}\b", issuer) is not None


def _names(unit: str, issuer: str) -> bool:
    """Whether an implementing issuer is the unit a resolution named ("Ủy ban nhân dân tỉnh" is
    "UBND tỉnh Lam Giang")."""
    words = _body(unit).split()
    return all(w in issuer.split() for w in words)


_ORGAN_WORDS = re.compile(r"^(?:ban thường vụ\s+|ban chấp hành đảng bộ\s+|đảng bộ\s+)?(?:tỉnh ủy|thành ủy|ủy ban nhân dân"
                          r"(?:\s+tỉnh|\s+thành phố)?|ubnd(?:\s+tỉnh|\s+thành phố)?|hội đồng nhân dân(?:\s+tỉnh)?|tỉnh|thành phố)\s+",
                          re.IGNORECASE)


def _table_members(parent: Document, level: str) -> list[tuple[str, str]]:
    """The units of a class under a province's resolution, from the dated table of administrative
    units: its districts before 1 July 2025, its communes from then (``vanban.admin_units``)."""
    from vanban import admin_units

    if level_of(parent) != "province" or level not in ("district", "commune"):
        return []
    issuer = _ORGAN_WORDS.sub("", " ".join(parent.doc.issuer.split()))
    province = next((p for p in (admin_units.province_of(name, parent.doc.date or None)
                                 for name in (parent.doc.place, issuer) if name) if p), None)
    if province is None:
        return []
    return [(u.name, u.level) for u in admin_units.units_of(province, parent.doc.date or None) if u.level == level]


def _known_members(store: Catalog, parent: Document, level: str) -> list[tuple[str, str]]:
    """Units of a class the store knows: issuers of documents citing the parent, at that level."""
    members = _MEMBERS.get(level)
    if members is None or not parent.doc.number:
        return []
    found: dict[str, tuple[str, str]] = {}
    for doc in store.citing(parent.doc.number):
        name = " ".join(doc.doc.issuer.split())
        if name and doc.id != parent.id and members.search(fold(name)):
            found.setdefault(fold(name), (name, level_of(doc) if level_of(doc) != "unknown" else level))
    return sorted(found.values())
