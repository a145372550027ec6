"""Vietnamese text repair: legacy font encodings, Unicode normal form, invisible characters.

Every loader passes its raw text through ``repair`` (page by page).  Legacy encodings are
decided by evidence, never assumed: a line is converted when conversion turns more of its words
into well-formed Vietnamese syllables (``is_syllable``), and the text either holds characters a
Unicode Vietnamese text never contains (TCVN3 "Þ", VNI "ø") or gains on most lines it changes.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

from vanban.extractors.loaders.legacy_charsets import (
    TCVN3_MARKERS, TCVN3_TO_UNICODE, VNI_MARKERS, VNI_PAIRS, VNI_SINGLES,
)

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_ONSET = r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
# Rimes by what may follow the vowels (Vietnamese phonotactics, tone marks removed):
_NO_CODA = "iêu yêu oai oay oao oeo uây uôi uya uyu ươi ươu ai ao au ay âu ây eo êu ia iu oi ôi ơi ui ưi ưu ưa ua"
_OPEN = "a e ê i o ô ơ u ư y oa oe uê uy uơ"  # may also end the syllable
_PALATAL = "oa uê uy a ê i y"  # the only vowels before -ch and -nh
_VELAR = "uyê oă uâ iê yê uô ươ oa oo ôô a ă â e o ô ơ u ư"  # before -c and -ng
_ANY_CODA = "uyê oă uâ iê yê uô ươ oa oe uê uy a ă â e ê i o ô ơ u ư y"  # before -m -n -p -t


def _alt(words_: str) -> str:
    return "(?:" + "|".join(sorted(words_.split(), key=len, reverse=True)) + ")"


_SYLLABLE = re.compile(
    _ONSET + "(?:" + "|".join([
        _alt(_NO_CODA), _alt(_PALATAL) + "(?:ch|nh)", _alt(_VELAR) + "(?:c|ng)",
        _alt(_ANY_CODA) + "[mnpt]", _alt(_OPEN),
    ]) + ")")
_STOP_CODA = re.compile(r"(?:c|ch|p|t)$")  # syllables ending so take only the sắc or nặng tone
_WORD = re.compile(r"[^\W\d_]+")
_VOWEL_BASES = set("aăâeêioôơuưy")

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\ufffe\uffff"))
_SPACES = {ord(c): " " for c in "\u00a0\u2007\u202f"}
# C0 controls other than tab, newline and form feed carry nothing a reader sees.
_CONTROLS = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n\f")
_CLEAN_TABLE = {**_INVISIBLE, **_SPACES, **_CONTROLS}


def strip_tones(word: str) -> str:
    """The word without its tone mark (vowel shapes ă â ê ô ơ ư and đ kept)."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))


@functools.lru_cache(maxsize=65536)  # a document reuses a few thousand syllables
def is_syllable(word: str) -> bool:
    """True when ``word`` is shaped like one Vietnamese syllable (onset, vowels, coda, one tone)."""
    lower = word.lower()
    tones = [c for c in unicodedata.normalize("NFD", lower) if c in _TONES]
    if len(tones) > 1:
        return False
    bare = strip_tones(lower)
    if _STOP_CODA.search(bare) and tones and tones[0] not in "\u0301\u0323":
        return False
    return _SYLLABLE.fullmatch(bare) is not None


def is_vietnamese_letter(ch: str) -> bool:
    if ch.isascii():
        return ch.isalpha()
    base = strip_tones(ch.lower())
    return base == "đ" or base in _VOWEL_BASES


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def _valid_count(text: str) -> int:
    # Only words with an ASCII letter count: a lone symbol turned letter ("×" -> "ì" in TCVN3)
    # proves nothing about the line it sits in.
    return sum(1 for w in words(text) if is_syllable(w) and any("a" <= c.lower() <= "z" for c in w))


# --- legacy encodings --------------------------------------------------------------------

def _tcvn3_line(line: str) -> str:
    converted = "".join(TCVN3_TO_UNICODE.get(c, c) for c in line)
    # Capitals typed in a .VnTimeH font arrive as lower-case codes between upper-case ASCII
    # letters.  A word with two or more ASCII letters shows its own case; shorter words follow
    # the other converted words of the line.
    def ascii_letters(word: str) -> list[str]:
        return [c for c in word if c.isascii() and c.isalpha()]

    evidence = [all(c.isupper() for c in ascii_letters(w)) for w in _WORD.findall(line)
                if len(ascii_letters(w)) >= 2 and any(c in TCVN3_TO_UNICODE for c in w)]
    line_upper = bool(evidence) and all(evidence)

    def fix_case(match: re.Match[str]) -> str:
        word = match.group()
        letters = ascii_letters(word)
        if len(letters) >= 2:
            return word.upper() if all(c.isupper() for c in letters) else word
        if letters and not letters[0].isupper():
            return word
        return word.upper() if line_upper else word

    return _WORD.sub(fix_case, converted)


# Two-byte spellings first: "oâ" is ô, while a lone "ô" is ơ.
_VNI_PATTERN = re.compile(
    "|".join(re.escape(k) for k in sorted(VNI_PAIRS, key=len, reverse=True))
    + "|" + "|".join(re.escape(k) for k in VNI_SINGLES)
)


def _vni_line(line: str) -> str:
    def replace(match: re.Match[str]) -> str:
        key = match.group()
        return VNI_PAIRS.get(key) or VNI_SINGLES[key]

    return _VNI_PATTERN.sub(replace, line)


def _char_class(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


@dataclass(frozen=True)
class _Legacy:
    name: str
    markers: re.Pattern[str]
    trigger: frozenset[str]  # characters without which conversion cannot change anything
    convert_line: Callable[[str], str]


_LEGACY = (
    _Legacy("TCVN3", _char_class(TCVN3_MARKERS), frozenset(TCVN3_TO_UNICODE), _tcvn3_line),
    _Legacy("VNI", _char_class(VNI_MARKERS), frozenset(c for key in [*VNI_PAIRS, *VNI_SINGLES] for c in key[-1]), _vni_line),
)


def repair_legacy(text: str) -> tuple[str, str | None]:
    """Convert TCVN3 or VNI lines to Unicode; returns the text and the encoding found (or None).

    A line is converted when that makes more of its words well-formed syllables; once most
    lines of the text have proved to be legacy, lines where conversion is neutral ("Sè" and
    "Số" are both syllables) are converted too.
    """
    best: tuple[int, str | None, list[str]] = (0, None, [])
    lines = text.split("\n")
    broken = [w for w in set(words(text)) if not w.isascii() and not is_syllable(w)]
    for legacy in _LEGACY:
        markers = len(legacy.markers.findall(text))
        # Without markers, conversion can only gain by mending a broken word it touches.
        if not markers and not any(c in legacy.trigger for w in broken for c in w):
            continue
        candidates = [legacy.convert_line(line) for line in lines]
        deltas = [_valid_count(new) - _valid_count(old) if new != old else None
                  for old, new in zip(lines, candidates)]
        changed = [d for d in deltas if d is not None]
        gain = sum(d for d in changed if d > 0)
        mostly_legacy = sum(1 for d in changed if d > 0) >= 0.6 * len(changed) if changed else False
        out = [new if d is not None and (d > 0 or (d == 0 and mostly_legacy)) else old
               for old, new, d in zip(lines, candidates, deltas)]
        # Without a character Unicode Vietnamese never holds, only a strong gain is evidence.
        if not markers and gain < 0.5 * len(changed):
            continue
        if gain > best[0]:
            best = (gain, legacy.name, out)
    if best[1] is None:
        return text, None
    return "\n".join(best[2]), best[1]


# --- the one entry point ---------------------------------------------------------------

@dataclass
class Repaired:
    text: str
    encodings: set[str] = field(default_factory=set)


_SOFT_BREAK = re.compile(r"(\w)\u00ad\n(\w)")
# pdfium reports a hyphen that ends a line as U+FFFE (older builds U+0002) and drops the line
# break; whether it joins a split word or is a real hyphen is decided later
# (page_cleanup.join_hyphenated), so it becomes "-" and a line break here.
_PDFIUM_HYPHEN = re.compile(r"[\x02\ufffe]\n?")


def clean(text: str) -> str:
    """NFC, one kind of line end, no invisible characters, ordinary spaces; a word hyphenated
    with a soft hyphen at a line end is joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _PDFIUM_HYPHEN.sub("-\n", _SOFT_BREAK.sub(r"\1\2", unicodedata.normalize("NFC", text)))
    return text.translate(_CLEAN_TABLE)


# PDF fonts flagged "symbolic" (how .VnTime fonts were often embedded) come out of pdfium as
# U+F000 + the byte; shifting them back lets the legacy charts read them.
_SYMBOL_FONT_BYTES = {0xF000 + b: bytes([b]).decode("cp1252", errors="ignore") or None for b in range(0x20, 0x100)}


def repair(text: str) -> Repaired:
    """Legacy encodings converted, then ``clean``.  Soft hyphens go only after the conversion:
    in TCVN3 the soft-hyphen byte is the letter ư."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if "\uf020" <= max(text, default="\0"):
        text = text.translate(_SYMBOL_FONT_BYTES)
    text, encoding = repair_legacy(text)
    return Repaired(clean(text), {encoding} if encoding else set())


# Legacy-font characters still present after repair: glyphs no chart could map.
_LEFTOVER_GLYPHS = TCVN3_MARKERS | VNI_MARKERS


def unreadable_ratio(text: str) -> float:
    """Share of visible characters no reader can use: replacement and private-use characters,
    control codes, "(cid:NN)" placeholders and non-Vietnamese Latin letters left by unmapped
    legacy fonts.  Near 0 for a good text layer."""
    visible = len(text) - len(_WHITESPACE.findall(text))
    if not visible:
        return 1.0
    bad = sum(len(m) for m in _CID.findall(text))
    for c in _SUSPECT.findall(_CID.sub("", text)):
        cat = unicodedata.category(c)
        if c == "\ufffd" or cat in ("Co", "Cc", "Cn", "Cs") or c in _LEFTOVER_GLYPHS:
            bad += 1
        elif cat.startswith("L") and "\u00c0" <= c <= "\u024f" and not is_vietnamese_letter(c):
            bad += 1
    return bad / visible


_WHITESPACE = re.compile(r"\s")
_CID = re.compile(r"\(cid:\d+\)")
# Characters worth a closer look: anything but printable ASCII, whitespace and Vietnamese letters.
_SUSPECT = re.compile("[^\x20-\x7e\\s" + "".join(
    chr(c) for c in range(0xC0, 0x1EFA) if is_vietnamese_letter(chr(c)) and chr(c) not in "\\]^-") + "]")
