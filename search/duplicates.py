"""When two files are one document: the same number, issuer and date, or near-identical text.

A document arrives twice in other clothes: the PDF and the HTML of one plan, a scan of a signed
copy, a DOCX sent again. Those become one document with several files. Plans of different
communes written from one template are the opposite case: their texts differ in a few words only,
but those words are the commune's name and its figures, so they are different documents.

The rules, tried in order (each with the reason it proves sameness):

| rule        | holds when                                                     | why it is safe                 |
|-------------|----------------------------------------------------------------|--------------------------------|
| same_number | own numbers agree (number_key), issuers are known and name one | number + issuer + year names   |
|             | organ (same_issuer), dates agree and are known                 | one document (DESIGN.md §7)    |
| same_text   | word 3-gram resemblance >= NEAR (MinHash estimate), issuers,   | a template copy changes names  |
|             | kinds (other/news: unread), dates and numbers do not conflict, | and numbers: those are exactly |
|             | and the identity words agree: the same numbers and capitalised | the words compared             |
|             | names (folded) on both sides                                   |                                |

A Sketch is what the rules need of a document, small enough to keep for every stored document
(search/registry.py holds them): a MinHash signature, LSH band keys that find candidates in one
indexed lookup, and the identity words.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vanban.folding import fold, nfc
from vanban.identity import number_key
from vanban.model import Document

if TYPE_CHECKING:
    import numpy as np

SHINGLE = 3  # words per shingle: long enough that shared vocabulary is not resemblance
PERMUTATIONS = 128
ROWS = 4  # signature values per band: a pair at resemblance 0.8 shares a band with p > 0.9999
BANDS = PERMUTATIONS // ROWS
NEAR = 0.8  # estimated resemblance from which texts are near-identical (OCR noise stays above)

_WORD = re.compile(r"\w+")
_PRIME = (1 << 31) - 1  # a*x + b stays below 2**63 for a, x, b < p
_BLOCK = 8192


@functools.cache
def _permutations() -> tuple["np.ndarray", "np.ndarray"]:
    """(a, b) of each permutation's hash; numpy loads only when a sketch is made (not for search)."""
    import numpy as np

    rng = np.random.default_rng(20250701)  # fixed: signatures are stored and compared across runs
    return (rng.integers(1, _PRIME, PERMUTATIONS, dtype=np.uint64),
            rng.integers(0, _PRIME, PERMUTATIONS, dtype=np.uint64))


@dataclass(frozen=True, slots=True)
class Sketch:
    doc_id: str
    text_hash: str  # sha1 of the text: a sketch is recomputed only when the text changed
    number_key: str
    issuer_key: str
    kind: str
    date: str
    signature: bytes  # PERMUTATIONS little-endian uint32
    names: frozenset[str]  # identity words: folded numbers and capitalised words of the text

    @property
    def bands(self) -> list[int]:
        return band_keys(self.signature)

    def with_meta(self, number_key: str, issuer_key: str, kind: str, date: str) -> "Sketch":
        return dataclasses.replace(self, number_key=number_key, issuer_key=issuer_key, kind=kind, date=date)


@dataclass(frozen=True, slots=True)
class Match:
    doc_id: str  # the stored document the new file belongs to
    reason: str  # a code of vocab.DUPLICATE_REASONS


def issuer_key(issuer: str) -> str:
    return " ".join(_WORD.findall(fold(nfc(issuer or ""))))


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def meta_key(doc: Document) -> tuple[str, str, str, str]:
    """(number key, issuer key, kind, date): what the rules compare of the metadata."""
    meta = doc.doc
    return number_key(meta.number), issuer_key(meta.issuer), meta.kind or "other", meta.date or ""


def sketch(doc: Document) -> Sketch:
    words = _WORD.findall(nfc(doc.text or ""))
    return Sketch(doc.id, text_hash(doc.text or ""), *meta_key(doc),
                  signature=_signature([fold(w) for w in words]).tobytes(), names=identity_words(words))


def identity_words(words: Iterable[str]) -> frozenset[str]:
    """What a template copy changes: numbers and names (a capitalised word, folded). A lone
    letter names nothing: it is what a PDF's split glyphs leave ("Ủ y ban"), or the V of "V/v"."""
    return frozenset(fold(w) for w in words
                     if any(c.isdigit() for c in w) or (w[0].isupper() and len(w) > 1))


def _signature(words: list[str]) -> "np.ndarray":
    import numpy as np

    if not words:
        return np.full(PERMUTATIONS, _PRIME, dtype=np.uint32)
    a, b = _permutations()
    n = max(1, len(words) - SHINGLE + 1)
    shingles = {zlib.crc32(" ".join(words[i:i + SHINGLE]).encode()) % _PRIME for i in range(n)}
    x = np.fromiter(shingles, dtype=np.uint64, count=len(shingles))
    # One universal hash (a*x + b) mod p per permutation; the signature keeps each one's minimum.
    # Blocks of shingles bound the memory: PERMUTATIONS x _BLOCK values at a time (8 MiB).
    low = np.full(PERMUTATIONS, _PRIME, dtype=np.uint64)
    for start in range(0, len(x), _BLOCK):
        block = x[None, start:start + _BLOCK]
        np.minimum(low, ((a[:, None] * block + b[:, None]) % np.uint64(_PRIME)).min(axis=1), out=low)
    return low.astype(np.uint32)


def band_keys(signature: bytes) -> list[int]:
    """One signed 63-bit key per band (SQLite integers), the band's number mixed in."""
    width = ROWS * 4  # bytes of a band: ROWS uint32 values
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(signature[band * width:(band + 1) * width], digest_size=8,
                                 person=band.to_bytes(2, "little") + b"vanban").digest()
        keys.append(int.from_bytes(digest, "little", signed=True) >> 1)
    return keys


def resemblance(a: Sketch, b: Sketch) -> float:
    """The MinHash estimate of the Jaccard resemblance of the two texts' word 3-grams."""
    import numpy as np

    x, y = np.frombuffer(a.signature, dtype=np.uint32), np.frombuffer(b.signature, dtype=np.uint32)
    return float(np.count_nonzero(x == y)) / PERMUTATIONS


def _agree(a: str, b: str, unknown: tuple[str, ...] = ("",)) -> bool:
    """Two values do not conflict: equal, or one of them is not known."""
    return a == b or a in unknown or b in unknown


# Kinds that say the header was not read: "news" is what a text without a document header is
# taken for, and a copy whose header line was lost in conversion reads as one.
_UNREAD_KINDS = ("other", "news")


def same_issuer(a: str, b: str) -> bool:
    """Issuer keys naming one organ: equal, or the shorter (two words at least) ends the longer.
    A header read across its line breaks loses the organ's first words ("TỈNH QUẢNG TRỊ" of
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"); a prefix is not enough ("xã Hòa Bình" is not "xã Hòa Bình
    Xuân")."""
    if not a or not b:
        return False
    short, long = sorted((a.split(), b.split()), key=len)
    return short == long or (len(short) >= 2 and long[-len(short):] == short)


def same_document(new: Sketch, old: Sketch) -> str | None:
    """The rule proving ``new`` is the stored ``old`` in another file, or None."""
    if (new.number_key and new.number_key == old.number_key and same_issuer(new.issuer_key, old.issuer_key)
            and new.date and new.date == old.date):
        return "same_number"
    if (resemblance(new, old) >= NEAR
            and (same_issuer(new.issuer_key, old.issuer_key) or "" in (new.issuer_key, old.issuer_key))
            and _agree(new.kind, old.kind, _UNREAD_KINDS) and _agree(new.date, old.date)
            and _agree(new.number_key, old.number_key) and new.names == old.names):
        return "same_text"
    return None
