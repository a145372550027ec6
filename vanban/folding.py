"""Vietnamese accent folding, the one definition every backend and the checks share.

``fold`` maps each character to exactly one character (lower case, tone and vowel marks dropped,
đ/Đ -> d), so offsets in the folded text are offsets in the original: highlighting can find a
match in the folded text and mark the same span of the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Vietnamese tone and vowel marks as NFD writes them apart: dropping them from a decomposed text
# folds it at C speed, character for character, whenever the text holds nothing else to fold.
_MARKS = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b")
_OTHER_SCRIPTS = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f]")


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
    if not _OTHER_SCRIPTS.search(text):
        decomposed = unicodedata.normalize("NFD", text)
        for mark in _MARKS:
            decomposed = decomposed.replace(mark, "")
        folded = decomposed.lower().replace("đ", "d")
        if len(folded) == len(text):  # else a mark of another language stayed: fold char by char
            return folded
    return "".join(_fold_char(ch) for ch in text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
