"""The shape of a search answer, built the same way by every backend."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from vanban.vocab import FACETS

# Facets whose values grow with the archive show their most frequent values only (counts exact).
SHOWN_VALUES = {"issuer": 20, "signer": 20}


def shape_facets(counts: Mapping[str, Iterable[tuple[str, int]]]) -> dict[str, dict[str, int]]:
    """Facet buckets, most documents first, ties by key; empty keys (undated) left out."""
    shaped: dict[str, dict[str, int]] = {}
    for name in FACETS:
        buckets = [(key, n) for key, n in counts.get(name, ()) if key and n]
        buckets.sort(key=lambda kv: (-kv[1], kv[0]))
        shaped[name] = dict(buckets[:SHOWN_VALUES.get(name)])
    return shaped
