"""How a target reads in a message: Vietnamese number style, comparator, range, deadline."""

from __future__ import annotations

from vanban.model import Target

from vanban.checks.units import joined

_SYMBOLS = {">=": "≥ ", ">": "> ", "<=": "≤ ", "<": "< ", "=": ""}


def number(value: float) -> str:
    """1299.0 -> "1.299", 97.9 -> "97,9" (',' is the decimal mark, '.' groups thousands)."""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def value(target: Target) -> str:
    text = number(target.value)
    if target.value_max is not None and target.value_max != target.value:
        text += "-" + number(target.value_max)
    prefix = "khoảng " if target.approx else _SYMBOLS.get(target.comparator, "")
    return prefix + joined(text, target.unit)


def deadline(target: Target) -> str:
    return f"by {target.deadline}" if target.deadline else "no deadline stated"


def stated(target: Target) -> str:
    """'≥ 7%/năm by 2025'"""
    return f"{value(target)} {deadline(target)}"


def quote(target: Target) -> str:
    return (target.sentence or target.text).strip()
