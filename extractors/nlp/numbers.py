"""Vietnamese numerals: '.' groups thousands, ',' is the decimal mark ("1.299" = 1299, "97,9" = 97.9)."""

from __future__ import annotations

# A thousands-grouped number must have full groups of three ("1.299", "42.999"); anything else is
# a plain integer with an optional decimal part ("06", "97,9", "6,5").
NUMBER = r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
YEAR = r"(?:19[4-9]\d|20\d\d|2100)"


def parse_number(written: str) -> float:
    """ "1.299" -> 1299.0, "97,9" -> 97.9, "06" -> 6.0 (whitespace inside is ignored)."""
    return float("".join(written.split()).replace(".", "").replace(",", "."))
