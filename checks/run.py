"""run_checks: find the pairs, compare each, add the per-parent totals."""

from __future__ import annotations

from collections.abc import Collection

from vanban.model import CheckResult, Document
from vanban.catalog import Catalog

from vanban.checks.compare import compare_pair
from vanban.checks.linking import linked_pairs
from vanban.checks.totals import sum_checks


def run_checks(store: Catalog, parent: str | None = None, child: str | None = None,
               parents: Collection[str] | None = None) -> list[CheckResult]:
    """Compare implementing plans with the documents they implement.

    ``parent``/``child`` take a document number in any spelling ("15-NQ/TU", "15 - NQ/TU") or a
    document id. Neither: every linked pair in the store. Parent only: that parent and every
    document directly linked to it. Child only: that child and the documents it implements.
    Both: that pair, linked or not. Results come grouped by parent, children in label order; a
    parent's sum_short entry (see ``vanban.checks.totals``) follows its pairs, when the totals
    are computed from all its children (not when the user names one child).
    ``parents`` (ids, with neither of the others) keeps only the pairs of those parents; it is
    what an ingest that touched several parents asks for, at the cost of one pass, not one each.
    Raises NotFoundError when a number or id names no stored document.
    """
    by_parent: dict[str, tuple[Document, list[tuple[Document, CheckResult]]]] = {}
    pairs = linked_pairs(store, parent, child)
    if parents is not None:  # several parents by id: one pass over the store serves them all
        pairs = [(p, c, why) for p, c, why in pairs if p.id in parents]
    for p, c, why in pairs:
        entry = by_parent.setdefault(p.id, (p, []))
        if all(c.id != known.id for known, _ in entry[1]):
            result = compare_pair(p, c)
            result.link = why
            entry[1].append((c, result))
    results: list[CheckResult] = []
    for p, children in sorted(by_parent.values(), key=lambda e: (e[0].label, e[0].id)):
        children.sort(key=lambda cr: (cr[0].label, cr[0].id))
        results += [result for _, result in children]
        if child is None:
            total = sum_checks(p, children)
            if total is not None:
                results.append(total)
    return results
