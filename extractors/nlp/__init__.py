"""text -> facts: metadata, references, dates, figures and targets (spaCy on underthesea words).

    analyze(document, part_chars=None) -> document
        fills doc, references, references_partial, dates, figures, targets, results from document.text

Modules: tokenizer (underthesea as the spaCy tokenizer), structure (lines, headings, sentences),
kinds (document kinds and codes), numbers (Vietnamese numerals), spans (overlap lookups),
metadata, references, dates, quantities (numbers + units), targets (which quantities are
chỉ tiêu), results (which are reported results; result_rules, periods), pipeline (the spaCy
components, built once per process), parts (where a long text is cut: it is read part by part,
with the metadata and period read once from the whole text).
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from vanban.model import Document, Figure, Result, Table, Target

_APPROX_BEFORE = re.compile(r"(?:khoảng|gần|xấp\s+xỉ|chừng)\s+$", re.IGNORECASE)


def analyze(document: Document, *, part_chars: int | None = None) -> Document:
    from vanban.extractors.nlp.parts import part_spans
    from vanban.extractors.nlp.pipeline import document_facts, get_nlp
    from vanban.extractors.nlp.references import Citations, resolve_partials
    from vanban.settings import Settings

    limit = part_chars or Settings().nlp_part_chars
    nlp = get_nlp()
    nlp.max_length = max(nlp.max_length, limit + 1)
    spans = part_spans(document.text, document.pages, limit)
    # A document read in parts has its header's metadata, signature and period read once, from the
    # whole text (no tokens needed), and carried into every part.
    carried = document_facts(document.text) if len(spans) > 1 else None
    citations = Citations([], [])
    document.dates, document.figures, document.targets, document.tables, document.results = [], [], [], [], []
    for start, end in spans:
        facts = _read_part(nlp, document.text[start:end], carried)
        carried = carried or (facts.meta, facts.period)
        citations.full += _moved(facts.citations.full, start)
        citations.partial += _moved(facts.citations.partial, start)
        document.dates += _moved(list(facts.dates.mentions), start)
        document.tables += [_moved_table(table, start) for table in facts.tables]
        figures, targets = _figures_and_targets(facts)
        document.figures += _moved(figures, start)
        document.targets += _moved(targets, start)
        document.results += _moved([_result(facts.text, r) for r in facts.results], start)
    meta, period = carried
    document.doc = meta
    document.doc.period = period
    for table in document.tables:
        table.page = document.page_at(table.start)
        for row in table.rows:
            row.page = document.page_at(row.start)
    for found in (*document.targets, *document.results):
        found.page = document.page_at(found.start)
    resolved = resolve_partials(citations)
    document.references = resolved.full
    document.references_partial = resolved.partial
    return document


def _read_part(nlp, text: str, carried):
    """The facts of one part (of the whole text when it is read at once)."""
    if carried is None:
        return nlp(text)._.vanban
    from vanban.extractors.nlp.pipeline import Facts
    from vanban.extractors.nlp.structure import Structure

    meta, period = carried
    doc = nlp.make_doc(text)
    doc._.vanban = Facts(text, Structure(text), meta=meta, period=period, carried=True)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc._.vanban


def _moved(items: list, offset: int) -> list:
    if not offset:
        return items
    return [dataclasses.replace(item, start=item.start + offset, end=item.end + offset) for item in items]


def _moved_table(table: Table, offset: int) -> Table:
    if not offset:
        return table
    rows = [dataclasses.replace(row, spans=[(a + offset, b + offset) for a, b in row.spans])
            for row in _moved(table.rows, offset)]
    return dataclasses.replace(table, start=table.start + offset, end=table.end + offset, rows=rows)


def _figures_and_targets(facts) -> tuple[list[Figure], list[Target]]:
    text = facts.text
    # a value the text reports as reached ("đến nay mới đạt 39,5%") is a result, whatever its words
    # share with targets
    reported = {id(r.quantity) for r in facts.results}
    facts.targets = [t for t in facts.targets if id(t.quantity) not in reported]
    as_target = {id(t.quantity) for t in facts.targets}
    # a number inside a target's indicator ("trẻ em dưới 5 tuổi") is part of it, not a figure
    inside_target = _covering([(t.start, t.end) for t in facts.targets])
    figures = [_figure(text, q) for q in facts.quantities if id(q) not in as_target and not inside_target(q.start)]
    targets = [
        Target(indicator=t.indicator, value=t.quantity.value, value_max=t.quantity.value_max,
               unit=t.quantity.unit, comparator=t.comparator, deadline=t.deadline,
               text=text[t.start:t.end], start=t.start, end=t.end, approx=t.approx,
               sentence=re.sub(r"\s+", " ", text[t.sentence[0]:t.sentence[1]]).strip(),
               period=t.period, row=t.row)
        for t in facts.targets
    ]
    return figures, targets


def _result(text: str, r) -> Result:
    q, (a, b) = r.quantity, r.sentence
    end = q.end - (len(q.unit) - len(r.unit))  # without a place the unit reading swept in
    return Result(indicator=r.indicator, value=q.value, of=q.of, value_max=q.value_max, unit=r.unit,
                  as_of=r.period.as_of, period=r.period.text, assessment=r.assessment,
                  assessment_text=r.assessment_text, kind=r.kind, text=text[q.start:end],
                  start=q.start, end=end, sentence=re.sub(r"\s+", " ", text[a:b]).strip(),
                  estimate=r.estimate, share_of_target=r.share_of_target,
                  cumulative=r.period.cumulative, scope=r.scope)


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
