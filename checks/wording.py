"""How a target reads for people: Vietnamese number style, comparator, range, deadline.

The one home of "a target as a phrase": the checks' messages, the web page's marks and the
terminal's rendering of a document all say a target this way ("≥ 46% đến năm 2025").
"""

from __future__ import annotations

from vanban.model import Target

from vanban.checks.units import joined

_SYMBOLS = {">=": "≥ ", ">": "> ", "<=": "≤ ", "<": "< ", "=": ""}
NO_DEADLINE = "không nêu thời hạn"


def number(value: float) -> str:
    """1299.0 -> "1.299", 97.9 -> "97,9" (',' is the decimal mark, '.' groups thousands)."""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def value(target: Target) -> str:
    """"≥ 46%", "khoảng 75 triệu đồng", "6,5-7%/năm"."""
    text = number(target.value)
    if target.value_max is not None and target.value_max != target.value:
        text += "-" + number(target.value_max)
    prefix = "khoảng " if target.approx else _SYMBOLS.get(target.comparator, "")
    return prefix + joined(text, target.unit)


def deadline(target: Target) -> str:
    return f"đến năm {target.deadline}" if target.deadline else NO_DEADLINE


def phrase(target: Target) -> str:
    """"≥ 46% đến năm 2025"; the value alone when no deadline is stated."""
    return f"{value(target)} đến năm {target.deadline}" if target.deadline else value(target)


def stated(target: Target) -> str:
    """"≥ 7%/năm đến năm 2025", or "≥ 7%/năm (không nêu thời hạn)"."""
    return phrase(target) if target.deadline else f"{value(target)} ({NO_DEADLINE})"


def quote(target: Target) -> str:
    return (target.sentence or target.text).strip()
