"""text -> facts: metadata, references, dates, figures and targets (spaCy on underthesea words).

    analyze(document, resolver=None, part_chars=None) -> document
        fills doc, references, references_partial, dates, figures, targets from document.text

Modules: tokenizer (underthesea as the spaCy tokenizer), structure (lines, headings, sentences),
kinds (document kinds and codes), numbers (Vietnamese numerals), spans (overlap lookups),
metadata, references, dates, quantities (numbers + units), targets (which quantities are
chỉ tiêu), pipeline (the spaCy components, built once per process), parts (where a long text is
cut: it is read part by part, its header's metadata carried into every part).
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from vanban.extractors import Resolver
from vanban.model import DateMention, DocMeta, Document, Figure, Reference, Target

_APPROX_BEFORE = re.compile(r"(?:khoảng|gần|xấp\s+xỉ|chừng)\s+$", re.IGNORECASE)


def analyze(document: Document, *, resolver: Resolver | None = None, part_chars: int | None = None) -> Document:
    from vanban.extractors.nlp.parts import part_spans
    from vanban.extractors.nlp.pipeline import get_nlp
    from vanban.extractors.nlp.references import Citations, resolve_partials
    from vanban.settings import Settings

    limit = part_chars or Settings().nlp_part_chars
    nlp = get_nlp()
    nlp.max_length = max(nlp.max_length, limit + 1)
    meta: DocMeta | None = None
    citations = Citations([], [])
    document.dates, document.figures, document.targets = [], [], []
    for start, end in part_spans(document.text, document.pages, limit):
        facts = _read_part(nlp, document.text[start:end], meta)
        meta = meta or facts.meta
        citations.full += _moved(facts.citations.full, start)
        citations.partial += _moved(facts.citations.partial, start)
        document.dates += _moved(list(facts.dates.mentions), start)
        figures, targets = _figures_and_targets(facts)
        document.figures += _moved(figures, start)
        document.targets += [dataclasses.replace(t, page=document.page_at(t.start))
                             for t in _moved(targets, start)]
    document.doc = meta or DocMeta()
    resolved = resolve_partials(citations, document.doc.issuer, resolver)
    document.references = resolved.full
    document.references_partial = resolved.partial
    return document


def _read_part(nlp, text: str, meta: DocMeta | None):
    """The facts of one part; after the first, the header's metadata stands for the document's."""
    if meta is None:
        return nlp(text)._.vanban
    from vanban.extractors.nlp.pipeline import Facts
    from vanban.extractors.nlp.structure import Structure

    doc = nlp.make_doc(text)
    doc._.vanban = Facts(text, Structure(text), meta=meta)
    for name, component in nlp.pipeline:
        if name != "vanban_metadata":
            doc = component(doc)
    return doc._.vanban


def _moved(items: list, offset: int) -> list:
    if not offset:
        return items
    return [dataclasses.replace(item, start=item.start + offset, end=item.end + offset) for item in items]


def _figures_and_targets(facts) -> tuple[list[Figure], list[Target]]:
    text = facts.text
    as_target = {id(t.quantity) for t in facts.targets}
    # a number inside a target's indicator ("trẻ em dưới 5 tuổi") is part of it, not a figure
    inside_target = _covering([(t.start, t.end) for t in facts.targets])
    figures = [_figure(text, q) for q in facts.quantities if id(q) not in as_target and not inside_target(q.start)]
    targets = [
        Target(indicator=t.indicator, value=t.quantity.value, value_max=t.quantity.value_max,
               unit=t.quantity.unit, comparator=t.comparator, deadline=t.deadline,
               text=text[t.start:t.end], start=t.start, end=t.end, approx=t.approx,
               sentence=re.sub(r"\s+", " ", text[t.sentence[0]:t.sentence[1]]).strip())
        for t in facts.targets
    ]
    return figures, targets


def _covering(spans: list[tuple[int, int]]):
    """Whether an offset falls in one of ``spans``, in log time: a report of a million characters
    has thousands of targets and of figures, and checking every pair took seconds."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]

    def covers(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and offset < merged[i][1]

    return covers


def _figure(text: str, q) -> Figure:
    start = q.start
    approx = _APPROX_BEFORE.search(text, max(0, q.start - 12), q.start)
    if approx:
        start = approx.start()
    return Figure(value=q.value, of=q.of, value_max=q.value_max, unit=q.unit, text=text[start:q.end],
                  start=start, end=q.end, approx=bool(approx))
