"""Vietnamese accent folding, the one definition every backend and the checks share.

``fold`` maps each character to exactly one character (lower case, tone and vowel marks dropped,
đ/Đ -> d), so offsets in the folded text are offsets in the original: highlighting can find a
match in the folded text and mark the same span of the original.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base[0] if base else ch


def fold(text: str) -> str:
    """"Đảng bộ Tỉnh" -> "dang bo tinh"; len(fold(t)) == len(t) for every string t."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
