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
TEXT = "vanban_text"


# underthesea's cost grows faster than the length of what it is given (a 160k-character call takes
# about twice as long as the same text in pieces), so long texts go in pieces cut at line breaks.
CHUNK = 4000


def segment(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word of ``text`` as underthesea segments it."""
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = len(text) if len(text) - start <= CHUNK else text.rfind("\n", start, start + CHUNK) + 1
        if end <= start:
            end = min(len(text), start + CHUNK)
            end = text.rfind(" ", start, end) + 1 or end
        spans.extend(_segment_piece(text, start, end))
        start = end
    return spans


def _segment_piece(text: str, start: int, end: int) -> list[tuple[int, int]]:
    from underthesea import word_tokenize

    spans: list[tuple[int, int]] = []
    cursor = start
    for word in word_tokenize(text[start:end], use_token_normalize=False):
        first = -1
        for syllable in word.split(" "):
            pos = text.find(syllable, cursor, end)
            if pos < 0 or text[cursor:pos].strip():
                # underthesea changed a character: fall back to whitespace runs for the rest
                return spans + [(m.start(), m.end()) for m in _WORD_RUN.finditer(text, cursor, end)]
            if first < 0:
                first = pos
            cursor = pos + len(syllable)
        if first >= 0:
            spans.append((first, cursor))
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
        doc.user_data[TEXT] = text  # and the text without rebuilding it from the tokens
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
