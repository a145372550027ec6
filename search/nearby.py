"""Indexed words near a word nobody wrote: the "did you mean" of a search that found nothing.

    closest(word, candidates, limit) -> ["rung", "rang", ...]

Both backends hand over candidate words of their index (folded, with how many documents hold each);
the choice among them is made here, so both suggest the same words. A candidate shares the typed
word's first letter (a typo rarely hits it, and it lets the index read only one slice of its
vocabulary) and lies within MAX_EDITS edits; the closest come first, then the commonest.
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_EDITS = 2
MIN_LENGTH = 3  # "xa" has dozens of neighbours two edits away: none of them a suggestion


def max_edits(word: str) -> int:
    return 1 if len(word) <= 4 else MAX_EDITS


def distance(a: str, b: str, bound: int) -> int:
    """Levenshtein distance, or bound + 1 as soon as it must exceed ``bound``."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > bound:
            return bound + 1
        previous = current
    return previous[-1]


def closest(word: str, candidates: Iterable[tuple[str, int]], limit: int = 5) -> list[str]:
    """The candidates (term, frequency) nearest ``word``, itself excluded."""
    if len(word) < MIN_LENGTH or not word.isalnum():
        return []
    bound = max_edits(word)
    scored = []
    for term, freq in candidates:
        if term != word and term[:1] == word[:1]:
            d = distance(word, term, bound)
            if d <= bound:
                scored.append((d, -freq, term))
    return [term for _, _, term in sorted(scored)[:limit]]
