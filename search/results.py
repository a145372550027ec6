"""The shape of a search answer, built the same way by every backend."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from vanban.model import DocMeta

FACETS = ("kind", "level", "year")


def year_of(meta: DocMeta) -> str:
    """The facet/filter year: the first four characters of the ISO date, "" when undated."""
    return meta.date[:4] if len(meta.date) >= 4 else ""


def shape_facets(counts: Mapping[str, Iterable[tuple[str, int]]]) -> dict[str, dict[str, int]]:
    """Facet buckets, most documents first, ties by key; empty keys (undated) left out."""
    shaped: dict[str, dict[str, int]] = {}
    for name in FACETS:
        buckets = [(key, n) for key, n in counts.get(name, ()) if key and n]
        buckets.sort(key=lambda kv: (-kv[1], kv[0]))
        shaped[name] = dict(buckets)
    return shaped
