"""The two pre-Unicode Vietnamese font encodings still found in office files, as Unicode maps.

Text typed in these fonts reaches us as Windows-1252 characters (Word stores the raw bytes, PDF
fonts declare WinAnsi), so both maps go from the character a Western reader would see to the
Vietnamese letter the font draws.

- TCVN3 (TCVN 5712:1993 "VN3", the ABC keyboard, fonts .VnTime/.VnArial): one byte per letter;
  only lower-case toned letters exist, upper-case ones come from the ".VnTimeH" fonts that draw
  the same bytes in capitals.  "NghÞ quyÕt" -> "Nghị quyết".
- VNI (VNI-Times, VNI-Helve): an ASCII base letter followed by one mark byte, plus a few single
  bytes for ơ ư đ and the i/y letters.  "Nghò quyeát" -> "Nghị quyết".
"""

from __future__ import annotations

import unicodedata

# Bytes 0xA1..0xFE of TCVN3 in chart order; the holes in the chart (0xB0-0xB4 standalone tone
# marks, 0xBA, 0xBF-0xC5, 0xCD, 0xD9-0xDB, 0xE0, 0xF0) are left alone.
_TCVN3_CHART = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
TCVN3_TO_UNICODE: dict[str, str] = {bytes([b]).decode("cp1252"): v for b, v in _TCVN3_CHART.items()}

# VNI mark bytes (lower-case form; the upper-case form is the same letter in capitals) and the
# combining marks they add to the base letter before them.
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
_VNI_MARKS = {
    "ø": _GRAVE, "ù": _ACUTE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "à": _CIRC + _GRAVE, "á": _CIRC + _ACUTE, "å": _CIRC + _HOOK, "ã": _CIRC + _TILDE,
    "ä": _CIRC + _DOT,
    "ê": _BREVE, "è": _BREVE + _GRAVE, "é": _BREVE + _ACUTE, "ú": _BREVE + _HOOK, "ü": _BREVE + _TILDE,
    "ë": _BREVE + _DOT,
}
# Single bytes that are whole letters in VNI.
_VNI_LETTERS = {"ô": "ơ", "ö": "ư", "ñ": "đ", "ó": "ĩ", "ò": "ị", "æ": "ỉ", "î": "ỵ"}


def _compose(base: str, marks: str) -> str | None:
    letter = unicodedata.normalize("NFC", base + marks)
    return letter if len(letter) == 1 else None


def _vni_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}
    bases = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "ơ", "ö": "ư"}
    for vni_base, base in bases.items():
        for mark_char, marks in _VNI_MARKS.items():
            if marks.startswith(_BREVE) and base != "a":
                continue
            if marks.startswith(_CIRC) and base not in "aeo":
                continue
            letter = _compose(base, marks)
            if letter is None:
                continue
            # Capitals take the capital mark byte; with caps lock either case of the mark occurs.
            pairs[vni_base + mark_char] = letter
            pairs[vni_base.upper() + mark_char.upper()] = letter.upper()
            pairs[vni_base.upper() + mark_char] = letter.upper()
    return pairs


VNI_PAIRS: dict[str, str] = _vni_pairs()
VNI_SINGLES: dict[str, str] = {**_VNI_LETTERS, **{k.upper(): v.upper() for k, v in _VNI_LETTERS.items()}}

# Characters that a Vietnamese Unicode text never holds, but text in each legacy encoding does:
# the evidence a line must show before it is converted.
_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
TCVN3_MARKERS = frozenset(TCVN3_TO_UNICODE) - _VIETNAMESE_LATIN1
VNI_MARKERS = (frozenset(pair[1] for pair in VNI_PAIRS) | frozenset(VNI_SINGLES)) - _VIETNAMESE_LATIN1

