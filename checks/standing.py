"""Where a target stands from the values reported for it: achieved, exceeded, on_track, behind or
no_report.

The latest value (by the date it stands at) is compared with the target in the target's unit, in
the target's direction (a floor, a ceiling, less is better for poverty):
- it meets the target: exceeded when it goes beyond it, achieved when it equals it;
- it does not, and the deadline has passed: behind;
- it does not yet, and the target is a total over its period ("kết nạp 6.000 đảng viên", "trồng
  mới 12.000 ha": ``is_cumulative``): on_track when the share reached is at least the share of the
  period that has passed (3.514 of 6.000 is 58,6% with 58% of 2021-2025 gone), else behind; the
  values of single years are added up when no report gives the running total;
- it does not yet, and the target is a level ("tỷ lệ che phủ rừng 55%"): on_track when the value
  has covered at least that share of the way from the baseline (the resolution's own figure for the
  year it starts from, when it states one), else behind.
Only values from the target's own level count ("used"); a district's figure does not tell where a
province's target stands.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from vanban.folding import fold
from vanban.model import ReportedValue, Target

from vanban.checks import indicators, wording
from vanban.checks.units import Unit, compatible, parse_unit

# Indicators that add up over the period rather than stand at a level; (folded pattern, why).
CUMULATIVE = tuple((re.compile(p), why) for p, why in (
    (r"\b(?:ket nap|ketnapdangvien)\b", "new party members are admitted year by year"),
    (r"\b(?:trong moi|trong rung|lam moi|xay dung moi|cai tao|nang cap)\b", "built or planted over the period"),
    (r"\b(?:dao tao|tao viec lam|giai quyet viec lam|thu hut|huy dong|giai ngan|xuat khau lao dong)\b",
     "trained, employed, attracted or spent over the period"),
    (r"\b(?:tang them|co them|them moi|dang vien moi)\b", "what is added: thêm, mới"),
))
EPS = 1e-9


@dataclass(slots=True)
class Standing:
    status: str
    reason: str  # in Vietnamese, for people
    stated: str = ""


def is_cumulative(target: Target) -> bool:
    """A count or an amount added over the period; never a rate or a level."""
    unit = parse_unit(target.unit)
    if not unit.absolute or indicators.per_person(target.indicator):
        return False
    words = fold(target.indicator)
    return any(p.search(words) for p, _ in CUMULATIVE)


def end_of(deadline: str) -> dt.date | None:
    found = re.search(r"(?:19|20)\d\d", deadline or "")
    return dt.date(int(found.group()), 12, 31) if found else None


def date_of(iso: str) -> dt.date | None:
    """The last day an ISO date or part of one covers: "2023" -> 31/12/2023, "2023-11" -> 30/11/2023."""
    parts = [int(p) for p in (iso or "").split("-")[:3] if p.isdigit()]
    try:
        if len(parts) == 3:
            return dt.date(*parts)
        if len(parts) == 2:
            nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        if len(parts) == 1:
            return dt.date(parts[0], 12, 31)
    except ValueError:
        return None
    return None


def in_target_unit(value: ReportedValue, target: Target) -> float | None:
    """The reported value in the target's unit; None when they measure different things."""
    tu, vu = parse_unit(target.unit), parse_unit(value.unit)
    if value.of and tu.family == "percent" and vu.family != "percent":
        return 100 * value.value / value.of  # "55/78 xã" against "75% số xã"
    if not compatible(tu, vu):
        return None
    return value.value * _factor(vu, tu)


def _factor(source: Unit, target: Unit) -> float:
    if source.stated and target.stated and target.factor:
        return source.factor / target.factor
    return 1.0


def elapsed(start: dt.date, end: dt.date, at: dt.date) -> float:
    if end <= start:
        return 1.0
    return min(1.0, max(0.0, (at - start).days / (end - start).days))


def counts(value: ReportedValue, level: str) -> bool:
    """Whether a value tells where a target of ``level`` stands: the whole (not one district's part),
    reported at the target's own level (a report of unknown level, only for a target of unknown level)."""
    return not value.scope and (level == "unknown" or value.level == level)


def judge(target: Target, values: list[ReportedValue], start: dt.date | None, level: str,
          baseline: float | None = None) -> Standing:
    used = [v for v in values if counts(v, level)]
    if not used:
        return Standing("no_report", "chưa có báo cáo nào nêu kết quả chỉ tiêu này ở cấp của văn bản")
    sign, _ = indicators.direction(target.indicator, target.comparator, target.text)
    goal = target.value if sign > 0 or target.value_max is None else target.value_max
    cumulative = is_cumulative(target)
    value, at, how = _current(target, used, cumulative)
    if value is None:
        return Standing("no_report", "các kết quả đã báo cáo không cùng đơn vị với chỉ tiêu")
    shown = f"{wording.number(round(value, 2))} so với chỉ tiêu {wording.value(target)}"
    latest = max(used, key=lambda v: v.as_of or "")
    stated = latest.assessment if latest.assessment in ("achieved", "exceeded", "behind", "on_track") else ""
    gap = (value - goal) * sign
    if gap >= -EPS * max(1.0, abs(goal)):
        # within a range ("6,5-7%") is achieved; beyond its far end, exceeded
        far = max(target.value, target.value_max or target.value) if sign > 0 else target.value
        beyond = (value - far) * sign > EPS * max(1.0, abs(far))
        status = "exceeded" if beyond else "achieved"
        return _with_stated(Standing(status, f"{how}{shown}"), stated)
    deadline = end_of(target.deadline)
    if deadline is None or at is None or start is None or at >= deadline:
        why = "đã hết thời hạn" if deadline and at and at >= deadline else "chưa đạt mức chỉ tiêu"
        return _with_stated(Standing("behind", f"{how}{shown}; {why}"), stated)
    share = elapsed(start, deadline, at)
    origin = 0.0 if cumulative else baseline
    if origin is None or (goal - origin) * sign <= 0:
        return _with_stated(Standing("behind", f"{how}{shown}; chưa đạt mức chỉ tiêu, chưa có số liệu gốc "
                                               "để tính tiến độ"), stated)
    covered = (value - origin) / (goal - origin)
    status = "on_track" if covered >= share - EPS else "behind"
    base = "" if cumulative else f" từ mức gốc {wording.number(origin)}"
    reason = (f"{how}{shown}: đạt {_pct(covered)} chặng đường{base}, "
              f"đã qua {_pct(share)} thời gian đến hạn {deadline.year}")
    return _with_stated(Standing(status, reason), stated)


def _pct(share: float) -> str:
    return f"{wording.number(round(100 * share, 1))}%"


def _with_stated(standing: Standing, stated: str) -> Standing:
    if stated and stated != standing.status:
        standing.stated = stated
    return standing


def _current(target: Target, used: list[ReportedValue], cumulative: bool) -> tuple[float | None, dt.date | None, str]:
    """The value that says where the target stands, the date it stands at, and how it was got."""
    shares = [v for v in used if v.share_of_target is not None and v.unit.startswith("%")]
    direct = [(v, x) for v in used if v not in shares and (x := in_target_unit(v, target)) is not None]
    if not direct and shares:
        latest = max(shares, key=lambda v: v.as_of or "")
        return target.value * latest.share_of_target / 100, date_of(latest.as_of), \
            f"{wording.number(latest.share_of_target)}% chỉ tiêu theo {latest.source}: "
    if not direct:
        return None, None, ""
    latest, value = max(direct, key=lambda vx: vx[0].as_of or "")
    if cumulative:
        yearly = {}
        for v, x in direct:
            if re.fullmatch(r"\d{4}", v.as_of or ""):
                yearly[v.as_of] = x  # the last report on a year wins
        running = [(v, x) for v, x in direct if not re.fullmatch(r"\d{4}", v.as_of or "")]
        if len(yearly) > 1 and not running:
            total = sum(yearly.values())
            years = ", ".join(sorted(yearly))
            return total, date_of(max(yearly)), f"cộng các năm {years}: "
    when = "/".join(reversed(latest.as_of.split("-"))) if latest.as_of else "không rõ ngày"
    return value, date_of(latest.as_of), f"{latest.source} ({when}): "
