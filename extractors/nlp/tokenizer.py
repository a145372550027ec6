"""underthesea's word segmentation as a spaCy tokenizer that keeps every character in place.

underthesea returns words as strings ("Tỉnh ủy"), not offsets; each word's syllables are found
again in the text, so ``doc.text == text`` always holds and token offsets index the document.
Whitespace other than a single space between words becomes its own token (spaCy's convention).
"""

from __future__ import annotations

import re
from typing import Any

_WORD_RUN = re.compile(r"\S+")
WORD_SPANS = "vanban_word_spans"


def segment(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word of ``text`` as underthesea segments it."""
    from underthesea import word_tokenize

    spans: list[tuple[int, int]] = []
    cursor = 0
    for word in word_tokenize(text, use_token_normalize=False):
        start = -1
        for syllable in word.split(" "):
            pos = text.find(syllable, cursor)
            if pos < 0 or text[cursor:pos].strip():
                # underthesea changed a character: fall back to whitespace runs for the rest
                return spans + [(m.start(), m.end()) for m in _WORD_RUN.finditer(text, cursor)]
            if start < 0:
                start = pos
            cursor = pos + len(syllable)
        if start >= 0:
            spans.append((start, cursor))
    return spans


class UndertheseaTokenizer:
    """Callable text -> spacy Doc, plugged in as ``nlp.tokenizer``."""

    def __init__(self, vocab: Any):
        self.vocab = vocab

    def __call__(self, text: str) -> Any:
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []
        cursor = 0
        spans = segment(text)
        for start, end in spans:
            _add_gap(text[cursor:start], words, spaces)
            words.append(text[start:end])
            spaces.append(False)
            cursor = end
        _add_gap(text[cursor:], words, spaces)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[WORD_SPANS] = spans  # the components read words by offset without Token objects
        return doc

    # spaCy serialises tokenizers with the pipeline; this one has no state of its own
    def to_bytes(self, **_: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: Any) -> "UndertheseaTokenizer":
        return self

    def to_disk(self, _path: Any, **_: Any) -> None:
        return None

    def from_disk(self, _path: Any, **_: Any) -> "UndertheseaTokenizer":
        return self


def _add_gap(gap: str, words: list[str], spaces: list[bool]) -> None:
    if not gap:
        return
    if gap == " " and words:
        spaces[-1] = True
        return
    words.append(gap)
    spaces.append(False)
