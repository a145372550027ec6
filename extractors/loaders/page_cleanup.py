"""Page chrome and line-break artefacts of paginated text (PDF, scans).

Running headers and footers are lines that recur at the top or bottom of many pages (compared
with their digits blanked, so "Trang 3" and "Trang 4" match); page numbers are edge lines that
hold nothing else; a browser's print header and footer (time of printing, address) are known
by their shape.  A word split across lines with a hyphen is joined unless both halves are
Vietnamese syllables on their own ("kinh tế-" / "xã hội" keeps its hyphen).
"""

from __future__ import annotations

import math
import re
from collections import Counter

from vanban.extractors.loaders.vietnamese import is_syllable

EDGE_LINES = 2  # how many lines at each end of a page can be chrome
_PAGE_NUMBER = re.compile(
    r"(?:trang\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?(?:\s*(?:/|of|trên)\s*\d{1,4})?|[ivxlc]{1,6}", re.I)
# What a browser prints around each page of a web page saved as PDF (Chromium, Edge, Firefox
# with their default headers and footers), told apart from content by its shape alone, so that
# a one-page print loses it too. (pattern, what the line is)
_BROWSER_PRINT_LINES = (
    (re.compile(r"\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?(?:\s.*)?", re.I),
     "the date and time of printing, then the page's title"),
    (re.compile(r"(?:https?|file)://\S+(?:\s+\d{1,4}\s*/\s*\d{1,4})?", re.I),
     "the page's address, then the page number"),
)
_HYPHEN_BREAK = re.compile(r"(\w+)-\n(\w+)")


def _key(line: str) -> str:
    """The line with digits blanked; "" for a line without letters (numbers are judged by
    _PAGE_NUMBER alone, or every year and every page number would look alike)."""
    if not any(c.isalpha() for c in line):
        return ""
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _edges(lines: list[str]) -> tuple[list[int], list[int]]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return filled[:EDGE_LINES], filled[-EDGE_LINES:]


def strip_chrome(pages: list[str]) -> tuple[list[str], int]:
    """Pages without running headers, footers and page numbers; and how many lines went."""
    split = [page.split("\n") for page in pages]
    top, bottom = Counter(), Counter()
    for lines in split:
        head, tail = _edges(lines)
        top.update({_key(lines[i]) for i in head})
        bottom.update({_key(lines[i]) for i in tail})
    with_text = sum(1 for page in pages if page.strip())
    need = max(2, math.ceil(0.5 * with_text))
    removed, out = 0, []
    for lines in split:
        head, tail = _edges(lines)
        drop = set()
        for edge, counts in ((head, top), (tail, bottom)):
            for i in edge:
                key = _key(lines[i])
                line = lines[i].strip()
                if (key and counts[key] >= need) or _PAGE_NUMBER.fullmatch(line) \
                        or any(pattern.fullmatch(line) for pattern, _ in _BROWSER_PRINT_LINES):
                    drop.add(i)
        if drop and len(drop) == len([line for line in lines if line.strip()]) and with_text == 1:
            drop = set()  # a one-page text that is only a number is content, not chrome
        removed += len(drop)
        out.append("\n".join(line for i, line in enumerate(lines) if i not in drop).strip("\n"))
    return out, removed


def join_hyphenated(text: str) -> str:
    """Rejoin words hyphenated at a line end; a real hyphen (between two syllables, or before a
    digit or capital) stays, only the line break goes."""
    def join(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        if right[0].islower() and left.isalpha() and not (is_syllable(left) and is_syllable(right)):
            return left + right
        return f"{left}-{right}"

    return _HYPHEN_BREAK.sub(join, text)
