"""Bytes of a plain-text file -> str: BOMs, UTF-8, UTF-16 and the 8-bit Vietnamese code pages.

8-bit files are decoded both as Windows-1258 and as Windows-1252 (the form TCVN3 and VNI files
take, repaired later by vietnamese.repair); the reading with more well-formed Vietnamese
syllables wins.
"""

from __future__ import annotations

import codecs
import unicodedata

from vanban.extractors.loaders.vietnamese import is_syllable, repair_legacy, words

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_ALLOWED_CONTROLS = set("\t\n\r\f\x1a")


class NotText(ValueError):
    """The bytes do not read as text in any encoding we know."""


def looks_like_text(text: str) -> bool:
    if not text:
        return True
    bad = sum(1 for c in text if (c < " " and c not in _ALLOWED_CONTROLS) or "\x7f" <= c <= "\x9f" or c == "\ufffd")
    return bad <= 0.01 * len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    # ASCII and Vietnamese letters in UTF-16 put a NUL (or 0x1E/0x01) in every other byte.
    if len(data) < 8 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _syllables(text: str) -> int:
    return sum(1 for w in words(text) if is_syllable(w))


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was read in; raises NotText for binary data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(name, errors="replace").lstrip("\ufeff"), name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data.decode(utf16, errors="replace"), utf16)
    if b"\x00" in data:
        raise NotText("holds NUL bytes")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    multibyte = sum(1 for c in lenient if c > "\x7f" and c != "\ufffd")
    if multibyte and lenient.count("\ufffd") <= 0.01 * multibyte:
        return _checked(lenient.replace("\ufffd", ""), "utf-8")
    as_1258 = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    as_1252 = data.decode("cp1252", errors="replace")
    if _syllables(repair_legacy(as_1252)[0]) > _syllables(as_1258):
        return _checked(as_1252, "windows-1252")
    return _checked(as_1258, "windows-1258")


def _checked(text: str, encoding: str) -> tuple[str, str]:
    if not looks_like_text(text):
        raise NotText(f"binary data, not text (read as {encoding})")
    return text, encoding
