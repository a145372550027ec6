"""Document identity: the id of a file's bytes and the normal form of a document number.

A document's id is the sha256 of the bytes of its (first) file, in lower-case hex. A document's
number ("37-NQ/TU") is not unique on its own (numbers restart each term), but every lookup by
number compares the same key: "37 - NQ/TU", "37-nq/tu" and "Số 37-NQ/TU" print differently and
name the same document; the key drops the "số" prefix, whitespace and case (folded, so "ĐU" and
"DU" agree) and unifies dashes.
"""

from __future__ import annotations

import hashlib
import re

from vanban.folding import fold, nfc
from vanban.vocab import KINDS

DOC_ID = re.compile(r"[0-9a-f]{64}")

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_PREFIX = re.compile(r"^\s*s[ốo]\s*[:.]?\s*", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def doc_id(data: bytes) -> str:
    """The id of a file's bytes: sha256, lower-case hex."""
    return hashlib.sha256(data).hexdigest()


def is_doc_id(text: str) -> bool:
    return DOC_ID.fullmatch(text or "") is not None


def number_key(number: str) -> str:
    """"Số 37 - NQ/TU" -> "37-nq/tu"; "" for an empty or blank number."""
    text = _PREFIX.sub("", nfc(number or ""))
    return fold(_SPACE.sub("", _DASHES.sub("-", text)))


_SEGMENTS = re.compile(r"[-/]")
_KIND_BY_LABEL = {fold(k.label): k.code for k in KINDS.values()}


def cites(kind: str, bare: str, number: str) -> bool:
    """Whether a partial citation ("Nghị quyết số 20": kind "nghi_quyet" or its label, number "20") can name
    the full number ``number`` ("20-NQ/HU", "20/2021/NQ-HĐND"): the same number (leading zeros
    aside) and a code of that kind, in a numbering style the kind uses (party numbers put a hyphen
    before the code, state numbers a slash: "12-TT/TW" is a thông tri, "12/2020/TT-BTC" a thông
    tư). A kind without codes names nothing for sure."""
    kind = kind if kind in KINDS else _KIND_BY_LABEL.get(" ".join(fold(nfc(kind)).split()), kind)
    found = KINDS.get(kind)
    codes = {number_key(c) for c in found.number_codes} if found else set()
    key = number_key(number)
    party = "-" in key.split("/")[0]
    head, _, rest = key.partition("-") if party else key.partition("/")
    if not codes or head.lstrip("0") != number_key(bare).lstrip("0") or not (found.party if party else found.state):
        return False
    code = next((s for s in _SEGMENTS.split(rest) if s and not s.isdigit()), "")
    return code in codes
