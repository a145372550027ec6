"""Document kinds as a text names them: the title words and the codes in their numbers.

Everything here is derived from ``vanban.vocab.KINDS`` (the one home of the kind codes, their
Vietnamese labels and number codes); this module only adds the few title phrases that name a kind
with more words than its label ("Chương trình hành động", "Thông tư liên tịch").
"""

from __future__ import annotations

import re

from vanban.folding import fold
from vanban.vocab import KINDS

# Title phrases beyond the labels; a title line that starts with a label is read by kind_at_start.
_ALIASES: dict[str, str] = {
    "Chương trình hành động": "chuong_trinh",  # the usual title of a programme implementing a resolution
    "Nghị quyết liên tịch": "nghi_quyet",  # joint resolutions of two organs
    "Thông tư liên tịch": "thong_tu",  # joint circulars of two ministries
}
_NOT_TITLES = ("news", "other")  # codes no title line names


def _phrases() -> dict[str, str]:
    phrases = {k.label: k.code for k in KINDS.values() if k.code not in _NOT_TITLES}
    phrases.update(_ALIASES)
    return dict(sorted(phrases.items(), key=lambda item: -len(item[0])))


_PHRASES = _phrases()
# Longest first, so "chương trình hành động" wins over "chương trình".
KIND_WORDS: dict[str, str] = {fold(words): code for words, code in _PHRASES.items()}

# The kind words as they are written, for regexes over the original text (case-insensitive).
KIND_PATTERN = "(?:" + "|".join(r"\s+".join(map(re.escape, words.split())) for words in _PHRASES) + ")"

# A number's kind code read alone ("NQ" of "37-NQ/TU"): the first kind of the vocabulary that uses it.
CODE_KINDS: dict[str, str] = {}
for _kind in KINDS.values():
    for _code in _kind.number_codes:
        CODE_KINDS.setdefault(_code, _kind.code)


def kind_of_code(code: str, party: bool | None = None) -> str | None:
    """The kind a number's code names. ``party`` says which style the number is written in
    ("12-TT/TW" is a party thông tri, "110/2025/TT-BTC" a state thông tư); None when unknown."""
    candidates = [k for k in KINDS.values() if code in k.number_codes]
    if party is not None:
        fitting = [k for k in candidates if (k.party if party else k.state)]
        candidates = fitting or candidates
    return candidates[0].code if candidates else None


def kind_of_words(words: str) -> str | None:
    """The kind named by ``words`` ("Nghị quyết", "KẾ HOẠCH", OCR'd "K ÉT LUẬN"), or None."""
    key = re.sub(r"\s+", " ", fold(words)).strip()
    if key in KIND_WORDS:
        return KIND_WORDS[key]
    squeezed = key.replace(" ", "")
    for words_key, kind in KIND_WORDS.items():
        if squeezed == words_key.replace(" ", ""):
            return kind
    return None


def kind_at_start(words: str) -> str | None:
    """The kind whose name ``words`` begins with."""
    key = re.sub(r"\s+", " ", fold(words)).strip()
    for words_key, kind in KIND_WORDS.items():
        if key == words_key or key.startswith(words_key + " "):
            return kind
    return None
