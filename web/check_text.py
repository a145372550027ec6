"""What a check item says to the people reading /checks: a status label right for the kind of
target (a floor, a ceiling, a rank), and the explanation in Vietnamese.

    status_label(item) -> "Cao hơn mức trần"
    explain(item, parent_label, child_label) -> "Cấp dưới đặt ≤ 3% đến năm 2025, cao hơn mức trần …"

The page builds its sentences from the item's fields (status, targets, reason), and takes from the
checks' own message (Vietnamese, ``vanban.checks.compare``) only the notes listed in NOTES and the
addition of a sum.
"""

from __future__ import annotations

import re

from vanban.checks import indicators
from vanban.folding import fold, nfc
from vanban.model import CheckItem, Target
from vanban.vocab import NOT_APPLICABLE_REASONS, status_label as vocab_status

from vanban.web.marking import target_phrase

# Indicators that are a place in a ranking: a smaller number is the better place.
RANK_WORDS = re.compile(r"\b(?:thu hang|xep hang|thu bac|thu tu xep|nhom \d+ (?:nuoc|quoc gia|tinh)|top \d+)\b")
WEAKER = {"floor": "Thấp hơn cấp trên", "ceiling": "Cao hơn mức trần", "rank": "Thứ hạng thấp hơn cấp trên"}
# Notes a message may carry beyond what the fields say: (as the checks write it, as the page says
# it, why it matters).
NOTES = (
    ("thời hạn cũng muộn hơn", "thời hạn cũng muộn hơn", "a second problem on the same item"),
    ("một bên không nêu đơn vị", "một bên không ghi đơn vị, hai con số được coi là cùng đơn vị",
     "the comparison rests on an assumption"),
    ("chưa rõ cấp của văn bản", "chưa rõ cấp của một văn bản nên con số được so nguyên, không coi là phần chia",
     "a share might be mistaken for a shortfall"),
    ("phần của kế hoạch trong tổng số", "đây là phần của đơn vị; tổng các đơn vị được kiểm tra riêng",
     "an absolute amount split among units"),
)
_SUM = re.compile(rf'^{re.escape(vocab_status("sum_short"))}: "[^"]*": (?P<parts>.+?) = (?P<total>[^,]+), '
                  r"(?P<verdict>chưa đủ|vượt mức trần)")


def sense(item: CheckItem) -> str:
    """floor, ceiling or rank: what "weaker" means for this item's parent target."""
    p = item.parent_target
    if p is None:
        return "floor"
    sign, _ = indicators.direction(p.indicator, p.comparator, p.text)
    if sign > 0:
        return "floor"
    return "rank" if RANK_WORDS.search(fold(nfc(p.indicator))) else "ceiling"


def status_label(item: CheckItem) -> str:
    if item.status == "weaker":
        return WEAKER[sense(item)]
    return vocab_status(item.status)


def _phrase(t: Target | None) -> str:
    return target_phrase(t) if t is not None else "—"


def explain(item: CheckItem, parent: str, child: str) -> str:
    """The item in one or two Vietnamese sentences, naming both documents."""
    p, c = item.parent_target, item.child_target
    said = {
        "ok": f"{child} đặt {_phrase(c)}, không kém mức {_phrase(p)} của {parent}.",
        "later_deadline": f"{child} đặt {_phrase(c)}: thời hạn muộn hơn mức {_phrase(p)} của {parent}.",
        "missing": f"{child} không có chỉ tiêu “{item.indicator}” mà {parent} đặt ra ({_phrase(p)}).",
        "unit_mismatch": (f"Hai bên đo bằng đơn vị khác nhau ({parent}: {_phrase(p)}; {child}: {_phrase(c)}), "
                          "nên không so sánh được."),
    }.get(item.status)
    if item.status == "weaker":
        said = {
            "floor": f"{child} đặt {_phrase(c)}, thấp hơn mức {_phrase(p)} của {parent}.",
            "ceiling": f"{child} đặt {_phrase(c)}, cao hơn mức trần {_phrase(p)} của {parent}.",
            "rank": f"{child} đặt {_phrase(c)}, thứ hạng thấp hơn mức {_phrase(p)} của {parent}.",
        }[sense(item)]
    elif item.status == "sum_short":
        m = _SUM.match(item.message)
        verdict = "vượt mức trần" if m and m.group("verdict") == "vượt mức trần" else "chưa đủ mức"
        parts = f"{m.group('parts')} = {m.group('total')}" if m else "tổng các kế hoạch"
        said = f"Cộng chỉ tiêu của các kế hoạch: {parts}, {verdict} {_phrase(p)} của {parent}."
    elif item.status == "not_applicable":
        reason = NOT_APPLICABLE_REASONS.get(getattr(item, "reason", "") or "", "")
        said = f"Chỉ tiêu “{item.indicator}” ({_phrase(p)}) không áp dụng cho {child}" + (f": {reason}." if reason else ".")
    elif said is None:
        said = f"{vocab_status(item.status)}: “{item.indicator}”."
    notes = [vi for en, vi, _ in NOTES if en in item.message]
    return said + ("" if not notes else " Lưu ý: " + "; ".join(notes) + ".")
