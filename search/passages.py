"""Split a Document into the passages the full-text index holds, and say which a hit may show.

A passage is a paragraph (text between line breaks), merged with its neighbours while short and cut
at a sentence or word boundary while long, so every hit shows a readable slice of one page. Passages
never cross a page boundary: the page of a hit is the page of its passage.

Every passage is searched; a hit is shown from the body only (``shown_passages``): never from the
closing block, the addressee list and signatures (CLOSING), unless an annex follows (REOPENING).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vanban.errors import StoreError
from vanban.folding import fold
from vanban.model import Document, Passage

MAX_PASSAGES = (1 << 20) - 1  # per document (~200 MB of text; files are capped far lower)
MIN_CHARS = 200  # shorter paragraphs (headings, list items) join the next one on the same page
MAX_CHARS = 1200  # longer ones are cut so a snippet's context stays local

# Lines that open a document's closing block, folded, with why nothing there makes a snippet.
CLOSING = {
    "noi nhan": "the addressee list (Nơi nhận): who receives a copy, not what the document says",
    "t/m ": "a signature block signed on behalf of a body (T/M: thay mặt)",
    "tm. ": "a signature block signed on behalf of a body (TM.)",
    "tm ban ": "a signature block signed on behalf of a committee (TM BAN …)",
    "kt. ": "a signature block signed for the head (KT.: ký thay)",
    "kt bi thu": "a signature block signed for the secretary (KT BÍ THƯ)",
    "(da ky)": "the mark of a signed copy",
}
REOPENING = {
    "phu luc": "an annex after the signatures (Phụ lục): body text again",
}
MAX_MARK_LINE = 120  # a longer line is a sentence of the body, whatever it starts with

_MARK_INITIALS = {c for mark in (*CLOSING, *REOPENING) for c in (mark[0], mark[0].upper(), "Đ", "đ")}
_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")
_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.;!?:…]\s+")


def indexed_passages(doc: Document) -> list[Passage]:
    """The passages an index holds for ``doc``; more than MAX_PASSAGES is refused, as no backend
    can file them (SQLite packs the ordinal into a rowid, Elasticsearch caps nested objects)."""
    passages = split_passages(doc)
    if len(passages) > MAX_PASSAGES:
        raise StoreError(f"{doc.source}: {len(passages)} passages is more than one document may hold")
    return passages


def shown_passages(doc: Document, passages: list[Passage]) -> list[Passage]:
    """The passages a hit may be shown from: those outside the closing block (split_passages
    never lets a passage straddle its edges)."""
    closing = _closing_spans(doc.text)
    if not closing:
        return passages
    return [p for p in passages if not any(s <= p.start < e for s, e in closing)]


def _closing_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    opened = None
    for m in _LINE.finditer(text):
        line = m.group().strip()
        if not line or len(line) > MAX_MARK_LINE or line[0] not in _MARK_INITIALS:
            continue
        folded = fold(line) + " "
        if opened is None and folded.startswith(tuple(CLOSING)):
            opened = m.start()
        elif opened is not None and folded.startswith(tuple(REOPENING)):
            spans.append((opened, m.start()))
            opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


def split_passages(doc: Document) -> list[Passage]:
    passages: list[Passage] = []
    # The closing block starts and ends passages as a page does, so no passage holds body and
    # addressees together.
    cuts = sorted({at for span in _closing_spans(doc.text) for at in span})
    for number, start, end in _page_spans(doc):
        bounds = [start, *(c for c in cuts if start < c < end), end]
        for lo, hi in zip(bounds, bounds[1:]):
            for s, e in _merge(_paragraphs(doc.text, lo, hi)):
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
