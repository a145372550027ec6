"""Where a long text is cut into parts the analysis reads one at a time (VANBAN_NLP_PART_CHARS).

A report of a million characters is read whole, never refused: the spaCy Doc, its tokens and the
rule components' working sets then grow with the part, not with the document. Cuts fall, in order
of preference, where a page starts, at a blank line, at a line break, at a space; a cut is only
taken in the second half of a part's room, so parts stay large and the cut points few.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from vanban.model import Page

# (what to look for, how far past its start the cut falls): a blank line, a line break, a space
_FALLBACKS = (("\n\n", 2), ("\n", 1), (" ", 1))


def part_spans(text: str, pages: Sequence[Page], limit: int) -> list[tuple[int, int]]:
    """(start, end) of each part: contiguous, covering ``text``, none longer than ``limit``."""
    limit = max(1, limit)
    page_starts = sorted(p.start for p in pages if 0 < p.start < len(text))
    spans, start = [], 0
    while len(text) - start > limit:
        end, floor = start + limit, start + limit // 2
        at = bisect.bisect_right(page_starts, end) - 1
        cut = page_starts[at] if at >= 0 and page_starts[at] > floor else None
        for needle, past in _FALLBACKS:
            if cut is not None:
                break
            found = text.rfind(needle, floor, end - past + 1)
            cut = found + past if found >= 0 else None
        cut = cut if cut is not None else end
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans
