"""sum_short: the districts' absolute targets for one indicator add up to less than the province's.

Reported once per parent and indicator, as its own pair entry after the parent's pairs: its
``child`` names every contributing plan ("08-KH/HU, 12-KH/HU"), its ``child_id`` is empty, and
each item's message spells out the addition. Only shares are added (children at another level,
counts or amounts, not rates), only for the parent's horizon, and only when at least two plans
state the indicator: one plan alone is a share, not a total. The store may not hold every
district's plan; the message says how many of the linked plans state the indicator.
"""

from __future__ import annotations

from vanban.model import CheckItem, CheckResult, Document, Target

from vanban.checks import indicators, wording
from vanban.checks.compare import bounds, is_share, level_of, shares
from vanban.checks.horizon import year
from vanban.vocab import status_label
from vanban.checks.units import compatible, joined, parse_unit

MIN_PLANS = 2


def _key(t: Target) -> tuple:
    return (t.indicator, t.deadline, t.value, t.value_max, t.unit, t.start)


def sum_checks(parent: Document, children: list[tuple[Document, CheckResult]]) -> CheckResult | None:
    # Shares add up within one level: the districts' plans make the province's total, and
    # communes implementing the province directly would make another.
    by_level: dict[str, list[tuple[Document, CheckResult]]] = {}
    for child, result in children:
        if shares(parent, child):
            by_level.setdefault(level_of(child), []).append((child, result))
    items, labels = [], set()
    for level in sorted(by_level):
        for item, parts in _level_totals(parent, by_level[level]):
            items.append(item)
            labels.update(child.label for child, _ in parts)
    if not items:
        return None
    return CheckResult(parent.label, ", ".join(sorted(labels)), items, parent_id=parent.id, child_id="")


def _level_totals(parent: Document, sharing: list[tuple[Document, CheckResult]]):
    contributions: dict[tuple, list[tuple[Document, Target]]] = {}
    targets: dict[tuple, Target] = {}
    for child, result in sharing:
        for item in result.items:
            p, c = item.parent_target, item.child_target
            if p is None or c is None or item.status == "unit_mismatch":
                continue
            if not is_share(p, parent, child) or not compatible(parse_unit(p.unit), parse_unit(c.unit)):
                continue
            if year(p) is not None and year(c) is not None and year(c) != year(p):
                continue
            targets[_key(p)] = p
            contributions.setdefault(_key(p), []).append((child, c))
    for key, parts in contributions.items():
        if len(parts) >= MIN_PLANS:
            item = _judge_total(parent, targets[key], parts, linked=len(sharing))
            if item:
                yield item, parts


def _judge_total(parent: Document, p: Target, parts: list[tuple[Document, Target]], linked: int) -> CheckItem | None:
    pu = parse_unit(p.unit)
    sign, _ = indicators.direction(p.indicator, p.comparator, p.text)
    p_lo, p_hi = bounds(p, pu)
    # the bound each plan commits to: its lower one where more is better, else its upper one
    side = 0 if sign > 0 else 1
    given = [bounds(c, parse_unit(c.unit) if parse_unit(c.unit).stated else pu)[side] for _, c in parts]
    total = sum(given)
    eps = 1e-9 * max(1.0, abs(p_lo), abs(p_hi))
    if (sign > 0 and total >= p_lo - eps) or (sign < 0 and total <= p_hi + eps):
        return None
    addition = " + ".join(f"{d.label} {wording.number(v / pu.factor)}" for (d, _), v in zip(parts, given))
    verdict = "chưa đủ" if sign > 0 else "vượt mức trần"
    return CheckItem(
        p.indicator, "sum_short", p, None,
        f'{status_label("sum_short")}: "{p.indicator}": {addition} = {joined(wording.number(total / pu.factor), p.unit)}, '
        f"{verdict} so với {wording.stated(p)} của {parent.label} "
        f"({len(parts)} trong {linked} kế hoạch cùng cấp có nêu chỉ tiêu này)")
