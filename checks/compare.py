"""One parent against one child: an item per parent target, each with a status and a message.

Statuses, strongest first when several apply: unit_mismatch (the indicators match, the units
measure different things, nothing else can be said), weaker, later_deadline, ok; missing when no
child target states the indicator.

Values compare by their range: a range "6,5-7%" or "khoảng 7%" commits only to its lower bound
where more is better, and only to its upper bound where less is better. Where the parent is a
province and the child a district (different levels), an absolute count or amount in the child is
its share of the parent's: it is never "weaker" on its own, and the shares' total is checked by
``vanban.checks.totals``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from vanban.folding import fold, nfc
from vanban.model import CheckItem, CheckResult, Document, Target

from vanban.checks import indicators, wording
from vanban.checks.horizon import year
from vanban.checks.scope import not_applicable
from vanban.checks.units import Unit, compatible, in_base, parse_unit
from vanban.vocab import NOT_APPLICABLE_REASONS, status_label

_LEVEL_CODES = {"tw": "central", "tu": "province", "thu": "district", "hu": "district",
                "qu": "district", "tx": "district", "du": "commune"}


_LEVEL_WORDS = (("commune", re.compile(r"\bdang uy (?:xa|phuong|thi tran)\b")),
                ("district", re.compile(r"\b(?:huyen uy|quan uy|thi uy)\b")),
                ("province", re.compile(r"\btinh uy\b")))


def level_of(doc: Document) -> str:
    if doc.doc.level and doc.doc.level != "unknown":
        return doc.doc.level
    # no stated level: guess it from the issuer code of the number ("15-NQ/TU": a province),
    # else from the issuer's name ("Huyện ủy Bến Mây": a district)
    issuer_code = doc.doc.number.rsplit("/", 1)[-1] if "/" in doc.doc.number else ""
    level = _LEVEL_CODES.get(fold(issuer_code).strip())
    if level:
        return level
    issuer = " ".join(fold(nfc(doc.doc.issuer)).split())
    return next((lv for lv, words in _LEVEL_WORDS if words.search(issuer)), "unknown")


def shares(parent: Document, child: Document) -> bool:
    """Whether the child's absolute targets are its part of the parent's (another level)."""
    a, b = level_of(parent), level_of(child)
    return a != "unknown" and b != "unknown" and a != b


def is_share(target: Target, parent: Document, child: Document) -> bool:
    """A count or amount (not a rate, not per person) that the child holds a part of."""
    return (parse_unit(target.unit).absolute and not indicators.per_person(target.indicator)
            and shares(parent, child))


@dataclass(slots=True)
class Pairing:
    """A parent target and the child target chosen for it (None: missing)."""

    parent: Target
    child: Target | None
    why: str  # the indicator match reason, or for a missing one the closest miss


def _deadline_distance(parent: Target, child: Target) -> tuple[int, int]:
    p, c = year(parent), year(child)
    if p is None or c is None:
        return (0, 0)
    return (abs(c - p), 0 if c >= p else 1)  # equal gaps: a later child horizon before an earlier


def _dedupe(targets: list[Target]) -> list[Target]:
    seen, kept = set(), []
    for t in targets:
        key = (indicators.normalise(t.indicator).words, t.deadline, t.value, t.value_max,
               parse_unit(t.unit).kind)
        if key not in seen:
            seen.add(key)
            kept.append(t)
    return _as_stated_most(kept)


def _as_stated_most(targets: list[Target]) -> list[Target]:
    """A document that states one target several times, once with another value (an older figure
    quoted, a slip), is held to the value it states most often; a tie keeps every statement."""
    groups: list[list[Target]] = []
    for t in targets:
        for group in groups:
            first = group[0]
            if (first.deadline == t.deadline and parse_unit(first.unit).kind == parse_unit(t.unit).kind
                    and indicators.match(first.indicator, t.indicator)):
                group.append(t)
                break
        else:
            groups.append([t])
    kept = []
    for group in groups:
        counts = Counter((t.value, t.value_max) for t in group)
        ranked = counts.most_common()
        if len(ranked) > 1 and ranked[0][1] > ranked[1][1]:
            group = [t for t in group if (t.value, t.value_max) == ranked[0][0]]
        kept += group
    return sorted(kept, key=lambda t: t.start)


def pair_targets(parent: Document, child: Document) -> list[Pairing]:
    """Choose, for each parent target, the child target that states the same indicator.

    Among matching child targets the best-scoring ones are kept; a same-horizon target wins; a
    target another horizon of the same parent indicator claimed exactly is not reused (a plan
    that stops at 2025 is missing the 2030 target, not weaker on it).
    """
    parents = _dedupe(parent.targets)
    rural = level_of(child) == "commune"
    candidates: dict[int, list[tuple[Target, indicators.Match]]] = {}
    for i, p in enumerate(parents):
        found = [(c, m) for c in child.targets
                 if (m := indicators.match(p.indicator, c.indicator, rural))]
        best = max((m.score for _, m in found), default=0)
        candidates[i] = [(c, m) for c, m in found if m.score >= best - 1e-9]
    claimed: dict[int, set[int]] = {}  # id(child target) -> parent indices claiming it exactly
    for i, p in enumerate(parents):
        for c, _ in candidates[i]:
            if year(p) is not None and year(c) == year(p):
                claimed.setdefault(id(c), set()).add(i)
    pairings = []
    for i, p in enumerate(parents):
        usable = [(c, m) for c, m in candidates[i]
                  if not claimed.get(id(c)) or i in claimed[id(c)]]
        if usable:
            c, m = min(usable, key=lambda cm: _deadline_distance(p, cm[0]))
            pairings.append(Pairing(p, c, m.reason))
        elif candidates[i]:
            horizons = sorted({c.deadline for c, _ in candidates[i] if c.deadline})
            pairings.append(Pairing(p, None, f"kế hoạch chỉ nêu chỉ tiêu này cho năm {', '.join(horizons)}"))
        else:
            pairings.append(Pairing(p, None, _closest_miss(p, child)))
    return pairings


def _closest_miss(p: Target, child: Document) -> str:
    scored = [(indicators.similarity(p.indicator, c.indicator), c) for c in child.targets]
    score, c = max(scored, key=lambda sc: sc[0], default=(0.0, None))
    if c is None or score == 0:
        return "không chỉ tiêu nào của kế hoạch gần giống"
    qualifiers = indicators.differing_qualifiers(p.indicator, c.indicator)
    if qualifiers:
        return f'gần nhất: "{c.indicator}", một đại lượng khác ({", ".join(qualifiers)} chỉ có ở một bên)'
    return f'gần nhất: "{c.indicator}" (độ giống {score:.2f}, dưới ngưỡng {indicators.THRESHOLD})'


def bounds(t: Target, unit: Unit) -> tuple[float, float]:
    """The target's range in the base unit of its family."""
    lo = in_base(t.value, unit)
    hi = in_base(t.value_max, unit) if t.value_max is not None else lo
    return min(lo, hi), max(lo, hi)


def _is_range(t: Target) -> bool:
    return t.value_max is not None and t.value_max != t.value


# What a unit family measures, for a message that says why two values cannot be compared.
_FAMILIES = {"percent": "một tỷ lệ phần trăm", "person": "số người", "party_org": "số tổ chức đảng",
             "vnd": "một số tiền (đồng)", "usd": "một số tiền (USD)", "area": "một diện tích",
             "length": "một độ dài", "mass": "một khối lượng", "household": "số hộ", "rank": "một thứ hạng"}


def _measures(unit: Unit) -> str:
    if unit.family.startswith("lit:"):
        return f"số {unit.written.strip()}"
    what = _FAMILIES.get(unit.family, unit.family)
    return what + "".join(f" trên {_FAMILIES.get(per, per).removeprefix('số ')}" for per in unit.per)


def _item(status: str, p: Target, c: Target | None, text: str, reason: str = "") -> CheckItem:
    return CheckItem(p.indicator, status, p, c, f"{status_label(status)}: {text}", reason=reason)


def judge(pairing: Pairing, parent: Document, child: Document) -> CheckItem:
    p, c = pairing.parent, pairing.child
    pl, cl = parent.label, child.label
    na = not_applicable(p, parent, child, level_of(child), carried=c is not None)
    if na is not None:
        return _item("not_applicable", p, c, f'"{p.indicator}" ({wording.stated(p)} trong {pl}): '
                     f"{NOT_APPLICABLE_REASONS[na.reason]}; {na.detail}", reason=na.reason)
    if c is None:
        return _item("missing", p, None, f'"{p.indicator}" ({wording.stated(p)} trong {pl}) không có trong {cl}; '
                     f"{pairing.why}")
    head = f'"{p.indicator}": {pl} {wording.stated(p)}, {cl} {wording.stated(c)}'
    pu, cu = parse_unit(p.unit), parse_unit(c.unit)
    if not compatible(pu, cu):
        return _item("unit_mismatch", p, c, f"{head}; {_measures(pu)} không so được với {_measures(cu)} "
                     f"(khớp: {pairing.why})")
    unit_note = "" if pu.stated and cu.stated else "; một bên không nêu đơn vị, coi như cùng đơn vị"
    later = year(p) is not None and year(c) is not None and year(c) > year(p)
    sign, sense = indicators.direction(p.indicator, p.comparator, p.text)
    share = is_share(p, parent, child)
    weaker, label = False, ""
    if not share:
        # an unstated unit borrows the other side's scale so "80" and "80 triệu đồng" compare
        p_lo, p_hi = bounds(p, pu if pu.stated else cu)
        c_lo, c_hi = bounds(c, cu if cu.stated else pu)
        eps = 1e-9 * max(1.0, abs(p_lo), abs(p_hi))
        if sign > 0:
            weaker = c_lo < p_lo - eps
            label = "thấp hơn ở cận dưới; " if _is_range(c) else ""
        else:
            weaker = c_hi > p_hi + eps
            label = "cao hơn ở cận trên; " if _is_range(c) else ""
    if pu.absolute and not share and "unknown" in (level_of(parent), level_of(child)):
        unit_note += "; chưa rõ cấp của văn bản nên so cả con số, không coi là phần được giao"
    tail = f" (khớp: {pairing.why}; {sense})"
    if weaker:
        also = "; thời hạn cũng muộn hơn" if later else ""
        return _item("weaker", p, c, f"{label}{head}{also}{unit_note}{tail}")
    if later:
        return _item("later_deadline", p, c, f"{head}{unit_note}{tail}")
    note = "; đây là phần của kế hoạch trong tổng số, tổng được kiểm tra trên các kế hoạch" if share else ""
    return _item("ok", p, c, f"{head}{note}{unit_note}{tail}")


def compare_pair(parent: Document, child: Document) -> CheckResult:
    items = [judge(pg, parent, child) for pg in pair_targets(parent, child)]
    return CheckResult(parent.label, child.label, items, parent_id=parent.id, child_id=child.id)
