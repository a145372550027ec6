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
