"""One normal form for document numbers, applied to stored numbers and to lookups alike.

"37 - NQ/TU", "37-nq/tu" and "Số 37-NQ/TU" print differently but name the same document; the key
drops the "số" prefix, whitespace and case (folded, so "ĐU" and "DU" agree) and unifies dashes.
"""

from __future__ import annotations

import re

from vanban.folding import fold, nfc

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_PREFIX = re.compile(r"^\s*s[ốo]\s*[:.]?\s*", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def number_key(number: str) -> str:
    """"Số 37 - NQ/TU" -> "37-nq/tu"; "" for an empty or blank number."""
    text = _PREFIX.sub("", nfc(number or ""))
    return fold(_SPACE.sub("", _DASHES.sub("-", text)))
