"""A set of short (start, end) spans that answers "does this overlap one of them?" in log time.

Dates, document numbers and quantities are checked against what earlier extractors took; a plain
list makes that quadratic on long documents.
"""

from __future__ import annotations

import bisect

LONGEST = 300  # no span kept here is longer (a date, a number, a citation)


class Taken:
    def __init__(self, spans=()):
        self._spans: list[tuple[int, int]] = sorted(spans)

    def add(self, start: int, end: int) -> None:
        bisect.insort(self._spans, (start, end))

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._spans, (end, end))
        while i > 0:
            i -= 1
            a, b = self._spans[i]
            if a < start - LONGEST:
                return False
            if a < end and start < b:
                return True
        return False

    def __iter__(self):
        return iter(self._spans)
