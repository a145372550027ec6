"""HTML snippets: the document's text escaped, query matches wrapped in <mark>.

The engine picks the passage a hit is shown from; this module builds its snippet, so a hit looks
the same whatever engine found it. A clause is matched on the original text by a pattern in which
each letter of its folded words stands for every character that folds to it, so spans are spans
of the original and nothing is folded per search.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from vanban.folding import fold
from vanban.search.query import Clause, ParsedQuery

WIDTH = 300  # characters of context shown around the first match
_EDGE = r"(?<![^\W_]){}(?![^\W_])"


# Latin with its accents, Vietnamese's letters among them: matched through a table of what folds to
# what; other scripts match themselves and their capitals.
_TABLED = (*range(0x250), *range(0x1E00, 0x1F00))


@lru_cache(maxsize=1)
def _unfolded() -> dict[str, str]:
    """folded character -> a character class of every character that folds to it."""
    sources: dict[str, list[str]] = {}
    for code in _TABLED:
        ch = chr(code)
        sources.setdefault(fold(ch), []).append(ch)
    return {f: "[" + "".join(re.escape(c) for c in chars) + "]" if len(chars) > 1 else re.escape(f)
            for f, chars in sources.items()}


def _letter(ch: str) -> str:
    found = _unfolded().get(ch)
    if found is not None:
        return found
    return "[" + re.escape(ch) + re.escape(ch.upper()) + "]" if ch.upper() != ch else re.escape(ch)


@lru_cache(maxsize=256)
def clause_pattern(clause: Clause) -> re.Pattern[str]:
    """Where ``clause`` occurs in the text: its words, whole, written with or without accents, with
    anything but letters and digits between them (the words the index holds side by side)."""
    return re.compile(_EDGE.format(r"[\W_]+".join(_word_pattern(w) for w in clause.folded)))


def _word_pattern(word: str) -> str:
    """A folded word as the text may write it: any accents, any case; a number also with its
    thousands grouped ("6.000")."""
    if not word.isdigit() or len(word) <= 3:
        return "".join(_letter(ch) for ch in word)
    head = len(word) % 3 or 3
    groups = [word[:head]] + [word[i:i + 3] for i in range(head, len(word), 3)]
    return r"\.?".join(groups) + r"(?!\.\d)"


def match_spans(text: str, query: ParsedQuery) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of ``text`` where a query clause matches, folded."""
    spans: list[tuple[int, int]] = []
    for clause in query.clauses:
        spans.extend(m.span() for m in clause_pattern(clause).finditer(text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def snippet(text: str, start: int, end: int, query: ParsedQuery, width: int = WIDTH) -> str:
    """An escaped window of text[start:end] around its first match, matches marked."""
    spans = match_spans(text[start:end], query)
    lo, hi = _window(text[start:end], spans[0] if spans else None, width)
    parts = ["…"] if lo > 0 else []
    cursor = lo
    for s, e in spans:
        if s < lo or e > hi:
            continue
        parts.append(html.escape(text[start + cursor:start + s]))
        parts.append(f"<mark>{html.escape(text[start + s:start + e])}</mark>")
        cursor = e
    parts.append(html.escape(text[start + cursor:start + hi]))
    if hi < end - start:
        parts.append("…")
    return "".join(parts)


def _window(text: str, first: tuple[int, int] | None, width: int) -> tuple[int, int]:
    """About ``width`` characters around the first match, cut at spaces so no word is halved."""
    length = len(text)
    if length <= width:
        return 0, length
    lo = 0 if first is None else max(0, min(first[0] - width // 3, length - width))
    hi = min(length, lo + width)
    if lo > 0:
        space = text.find(" ", lo, first[0] if first else hi)
        lo = space + 1 if space >= 0 else lo
    if hi < length:
        space = text.rfind(" ", first[1] if first else lo, hi)
        hi = space if space > lo else hi
    return lo, hi
