"""Split a Document into the passages the full-text index holds.

A passage is a paragraph (text between line breaks), merged with its neighbours while short and cut
at a sentence or word boundary while long, so every hit shows a readable slice of one page. Passages
never cross a page boundary: the page of a hit is the page of its passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vanban.errors import StoreError
from vanban.model import Document, Passage

MAX_PASSAGES = (1 << 20) - 1  # per document (~200 MB of text; files are capped far lower)
MIN_CHARS = 200  # shorter paragraphs (headings, list items) join the next one on the same page
MAX_CHARS = 1200  # longer ones are cut so a snippet's context stays local

_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")
_SENTENCE_END = re.compile(r"[.;!?:…]\s+")


def indexed_passages(doc: Document) -> list[Passage]:
    """The passages an index holds for ``doc``; more than MAX_PASSAGES is refused, as no backend
    can file them (SQLite packs the ordinal into a rowid, Elasticsearch caps nested objects)."""
    passages = split_passages(doc)
    if len(passages) > MAX_PASSAGES:
        raise StoreError(f"{doc.source}: {len(passages)} passages is more than one document may hold")
    return passages


def split_passages(doc: Document) -> list[Passage]:
    passages: list[Passage] = []
    for number, start, end in _page_spans(doc):
        for s, e in _merge(_paragraphs(doc.text, start, end)):
            for cs, ce in _cut(doc.text, s, e):
                passages.append(Passage(doc.id, len(passages), number, cs, ce, doc.text[cs:ce]))
    return passages


def _page_spans(doc: Document) -> Iterator[tuple[int, int, int]]:
    if not doc.pages:
        yield 1, 0, len(doc.text)
        return
    for page in doc.pages:
        yield page.number, max(0, page.start), min(len(doc.text), page.end)


def _paragraphs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for m in _PARAGRAPH.finditer(text, start, end):
        s, e = m.start(), m.end()
        while text[s].isspace():
            s += 1
        while text[e - 1].isspace():
            e -= 1
        yield s, e


def _merge(spans: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    current: tuple[int, int] | None = None
    for s, e in spans:
        if current is None:
            current = (s, e)
        elif current[1] - current[0] < MIN_CHARS and e - current[0] <= MAX_CHARS:
            current = (current[0], e)
        else:
            yield current
            current = (s, e)
    if current is not None:
        yield current


def _cut(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_CHARS:
        limit = start + MAX_CHARS
        cut = _last_boundary(text, start + MIN_CHARS, limit)
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


def _last_boundary(text: str, lo: int, hi: int) -> int:
    """The end of the last sentence in text[lo:hi], else the last space, else hi."""
    best = None
    for m in _SENTENCE_END.finditer(text, lo, hi):
        best = m.start() + 1
    if best is not None:
        return best
    space = text.rfind(" ", lo, hi)
    return space if space > lo else hi
